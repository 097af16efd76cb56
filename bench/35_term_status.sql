-- bench/35_term_status.sql — term_status() (src/rules/term.c) against the same rule
-- written in plain SQL, over 2,000 executed agreements with a renewal each;
-- and the cost of the register triggers on a 14-party execution.
SET search_path = s22a, public;
BEGIN;
INSERT INTO force (code, name)
SELECT f, f FROM unnest(ARRAY['BED', 'CAM', 'ESS', 'HER', 'KEN', 'NOR', 'SUF']) f;
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, code FROM force
UNION ALL SELECT 'PCC-' || code, code, 'policing_body', code FROM force;
INSERT INTO agreement (ref, title, commences_on, expires_on)
SELECT 'B' || i, 'bench', date '2015-10-22' + i % 400, date '2017-03-31' + i % 400 FROM generate_series(1, 2000) i;
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, a.commences_on - 30, a.commences_on - 30 FROM agreement a, party p;
CREATE TEMP TABLE exec_ms AS
SELECT bench.best_ms($$UPDATE s22a.agreement SET executed_on = commences_on - 7 WHERE ref = 'B1'$$, 1) AS ms;
UPDATE agreement SET executed_on = commences_on - 7 WHERE executed_on IS NULL;
-- each renewed to 31 March 2019: proposed, written consent from all 14, made
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'renew', date '2017-01-01', date '2019-03-31' FROM agreement;
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, ap.party_code, date '2017-01-01', 'letter'
FROM decision d JOIN agreement_party ap USING (agreement_id);
UPDATE decision SET state = 'made', made_on = date '2017-01-01';

CREATE TEMP TABLE r AS
SELECT bench.best_ms($$SELECT count(*) FROM s22a.agreement a WHERE s22a.term_status(a.id, '2018-06-01') = 'in_force'$$, 5) AS c_ms,
       bench.best_ms($$
    SELECT count(*) FROM s22a.agreement a
    LEFT JOIN LATERAL (SELECT d.new_expiry FROM s22a.decision d
                        WHERE d.agreement_id = a.id AND d.state = 'made' AND d.kind = 'renewal'
                        ORDER BY d.made_on DESC, d.id DESC LIMIT 1) r ON true
    WHERE a.executed_on <= '2018-06-01' AND a.commences_on <= '2018-06-01'
      AND coalesce(r.new_expiry, a.expires_on, 'infinity') >= '2018-06-01'$$, 5) AS sql_ms;
SELECT 'term_status x 2000' AS what, c_ms, sql_ms, bench.ratio(c_ms, sql_ms) AS ratio,
       (SELECT count(*) FROM agreement a WHERE term_status(a.id, '2018-06-01') = 'in_force') AS in_force
FROM r;
SELECT 'execute one 14-party agreement (all triggers)' AS what, ms FROM exec_ms;
ROLLBACK;
