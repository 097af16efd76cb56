-- bench/37_agreements_in_force.sql — agreements_in_force() (one query over the
-- register, the term rule of src/rules/term.c applied to each agreement)
-- against one set-based plain-SQL query of the same rule, and against
-- term_status() called per row; over 6,000 agreements: executed with a
-- renewal, executed with a renewal and a later termination, executed open
-- ended, and drafts.  Goal (issue 11): no slower than 1.5 x plain SQL.
SET search_path = s22a, public;
BEGIN;
INSERT INTO force (code, name) VALUES ('BED', 'BED'), ('CAM', 'CAM');
INSERT INTO party (code, force_code, kind, title)
VALUES ('PCC-BED', 'BED', 'policing_body', 'BED'), ('PCC-CAM', 'CAM', 'policing_body', 'CAM');
INSERT INTO agreement (ref, title, commences_on, expires_on)
SELECT 'B' || i, 'bench', date '2015-10-22' + i % 700,
       CASE WHEN i % 6 = 5 THEN NULL ELSE date '2017-03-31' + i % 700 END
FROM generate_series(1, 6000) i;
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, a.commences_on - 30, a.commences_on - 30 FROM agreement a, party p;
-- one in six stays a draft
UPDATE agreement SET executed_on = commences_on - 7 WHERE substr(ref, 2)::int % 6 <> 0;
-- every executed agreement with an expiry renewed two years on, in time;
-- one in three of those then terminated
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'renew', expires_on - 60, expires_on + 730
FROM agreement WHERE executed_on IS NOT NULL AND expires_on IS NOT NULL;
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'termination', 'end', expires_on + 100, expires_on + 200
FROM agreement WHERE executed_on IS NOT NULL AND expires_on IS NOT NULL AND substr(ref, 2)::int % 3 = 0;
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, ap.party_code, d.proposed_on, 'letter'
FROM decision d JOIN agreement_party ap USING (agreement_id);
UPDATE decision SET state = 'made', made_on = proposed_on WHERE kind = 'renewal';
UPDATE decision SET state = 'made', made_on = proposed_on WHERE kind = 'termination';
ANALYZE agreement;
ANALYZE decision;

-- The same rule in plain SQL, set-based: the effective expiry is the last
-- day of the latest made termination if any (a renewal after it does not
-- revive the agreement), else the new_expiry of the latest made renewal
-- (NULL: open ended), else expires_on; in force when executed, commenced
-- and not past it.
CREATE TEMP VIEW plain_in_force AS
WITH term_events AS (
    SELECT DISTINCT ON (agreement_id, kind) agreement_id, kind,
           CASE WHEN kind = 'termination' THEN coalesce(new_expiry, made_on) ELSE new_expiry END AS last_day
      FROM s22a.decision
     WHERE state = 'made' AND kind IN ('renewal', 'termination')
     ORDER BY agreement_id, kind, made_on DESC, id DESC)
SELECT a.id AS agreement_id, a.ref,
       CASE WHEN t.agreement_id IS NOT NULL THEN t.last_day
            WHEN r.agreement_id IS NOT NULL THEN r.last_day
            ELSE a.expires_on END AS effective_expiry
  FROM s22a.agreement a
  LEFT JOIN term_events t ON t.agreement_id = a.id AND t.kind = 'termination'
  LEFT JOIN term_events r ON r.agreement_id = a.id AND r.kind = 'renewal';

CREATE TEMP TABLE r AS
SELECT bench.best_ms($$SELECT count(*) FROM s22a.agreements_in_force('2018-06-01')$$, 5) AS c_ms,
       bench.best_ms($$SELECT count(*) FROM plain_in_force p JOIN s22a.agreement a ON a.id = p.agreement_id
                        WHERE a.executed_on IS NOT NULL AND a.commences_on <= '2018-06-01'
                          AND coalesce(p.effective_expiry, 'infinity') >= '2018-06-01'$$, 5) AS sql_ms,
       bench.best_ms($$SELECT count(*) FROM s22a.agreement a
                        WHERE s22a.term_status(a.id, '2018-06-01') = 'in_force'$$, 5) AS per_row_ms;
SELECT 'agreements_in_force over 6000' AS what, c_ms, sql_ms, bench.ratio(c_ms, sql_ms) AS ratio,
       per_row_ms AS "term_status per row ms", bench.ratio(per_row_ms, sql_ms) AS "per row ratio",
       (SELECT count(*) FROM agreements_in_force('2018-06-01')) AS in_force,
       -- the three agree, row for row, on three days
       (SELECT bool_and(same) FROM (
           SELECT NOT EXISTS (
               (SELECT agreement_id, ref, effective_expiry FROM agreements_in_force(d)
                EXCEPT
                SELECT p.agreement_id, p.ref, p.effective_expiry FROM plain_in_force p JOIN agreement a ON a.id = p.agreement_id
                 WHERE a.executed_on IS NOT NULL AND a.commences_on <= d
                   AND coalesce(p.effective_expiry, 'infinity') >= d)
               UNION ALL
               (SELECT p.agreement_id, p.ref, p.effective_expiry FROM plain_in_force p JOIN agreement a ON a.id = p.agreement_id
                 WHERE a.executed_on IS NOT NULL AND a.commences_on <= d
                   AND coalesce(p.effective_expiry, 'infinity') >= d
                EXCEPT
                SELECT agreement_id, ref, effective_expiry FROM agreements_in_force(d))
               UNION ALL
               (SELECT agreement_id, ref, effective_expiry FROM agreements_in_force(d)
                EXCEPT
                SELECT a.id, a.ref, effective_expiry(a.id) FROM agreement a WHERE term_status(a.id, d) = 'in_force'))
               AS same
           FROM unnest(ARRAY[date '2016-01-01', '2018-06-01', '2020-02-01']) d) s) AS "same rows"
FROM r;
ROLLBACK;
