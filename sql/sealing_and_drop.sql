-- The cost and voting terms of an executed agreement are sealed
-- (cost_terms_sealed, voting_weights_sealed), and DROP EXTENSION is refused
-- while the register holds data (register_no_drop).  Unlike the other
-- inputs this one commits: a rule about what earlier transactions wrote
-- can only be seen across transactions.  It runs last, and ends by
-- dropping the register it made.
SET search_path = s22a, public;
SET datestyle = ISO;
\set SHOW_CONTEXT never

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('HER', 'Hertfordshire Constabulary');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name FROM force;
INSERT INTO agreement (ref, title, commences_on, expires_on)
VALUES ('BCH-SEAL', 'Bedfordshire and Cambridgeshire collaboration', '2016-04-01', '2100-03-31');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, '2016-03-01', '2016-03-01' FROM agreement a, party p
WHERE a.ref = 'BCH-SEAL' AND p.force_code IN ('BED', 'CAM');
CREATE TEMP VIEW bch AS SELECT id FROM agreement WHERE ref = 'BCH-SEAL';
-- the decision ids in the messages below do not depend on earlier inputs
SELECT setval(pg_get_serial_sequence('s22a.decision', 'id'), 1000) \g /dev/null

-- before execution the cost and voting terms are a draft: no decision
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2016/17', 'programme', 1000000 FROM bch;
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, '2016/17', 'nre', 1 FROM bch;
INSERT INTO cost_override (agreement_id, fiscal_year, shares)
SELECT id, '2017/18', 'BED=40, CAM=60' FROM bch;
INSERT INTO voting_weight (agreement_id, party_code, weight)
SELECT id, p, 1 FROM bch, unnest(ARRAY['CC-BED', 'CC-CAM']) p;
UPDATE budget SET amount = 1100000 WHERE line = 'programme';
UPDATE agreement SET executed_on = '2016-03-15' WHERE ref = 'BCH-SEAL';

-- decisions of the agreement, made with the written consent of every party
CREATE FUNCTION pg_temp.made(k s22a.decision_kind, t text, on_day date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE d bigint;
BEGIN
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
    SELECT id, k, t, on_day FROM bch RETURNING id INTO d;
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
    SELECT d, p, on_day, 'letter', t FROM bch, s22a.parties_on(bch.id, on_day) AS p;
    INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on)
    SELECT d, w.party_code, true, on_day FROM s22a.voting_weight w JOIN bch ON bch.id = w.agreement_id;
    UPDATE s22a.decision SET state = 'made', made_on = on_day WHERE id = d;
    RETURN d;
END $$;
SELECT pg_temp.made('budget', 'budget 2016/17 revised', '2016-06-01') AS budget_d,
       pg_temp.made('variation', 'programme line closed', '2016-07-01') AS variation_d,
       pg_temp.made('membership', 'weights rebalanced', '2016-08-01') AS membership_d,
       pg_temp.made('budget', 'override 2017/18 revised', '2016-09-01') AS budget2_d \gset
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'budget', 'budget 2016/17 further revision', '2016-10-03' FROM bch RETURNING id AS proposed_d \gset

-- budget: a change needs a made budget or variation decision
UPDATE budget SET amount = 1200000 WHERE line = 'programme';
UPDATE budget SET amount = 1200000, authorised_by = :membership_d WHERE line = 'programme';
UPDATE budget SET amount = 1200000, authorised_by = :proposed_d WHERE line = 'programme';
UPDATE budget SET amount = 1200000, authorised_by = :budget_d WHERE line = 'programme';
SELECT line, amount, authorised_by = :budget_d AS cites_budget_decision FROM budget;
-- every further change cites anew: leaving or clearing authorised_by cites none
UPDATE budget SET amount = 1300000, authorised_by = NULL WHERE line = 'programme';
UPDATE budget SET amount = 1300000 WHERE line = 'programme';
-- a new year's lines need no decision (the board sets each year's budget)
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2099/00', 'programme', 900000 FROM bch;
-- but a year that has ended is closed: a line added to it cites a decision
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2017/18', 'programme', 900000 FROM bch;
-- removing a line: a DELETE cannot cite, so the line cites first
DELETE FROM budget WHERE fiscal_year = '2016/17';
BEGIN;
UPDATE budget SET authorised_by = :variation_d WHERE fiscal_year = '2016/17';
DELETE FROM budget WHERE fiscal_year = '2016/17';
COMMIT;
SELECT fiscal_year, line, amount FROM budget ORDER BY fiscal_year;

-- the cost basis and the fixed percentages
UPDATE cost_basis SET measure = 'demand' WHERE measure = 'nre';
UPDATE cost_override SET shares = 'BED=50, CAM=50';
UPDATE cost_override SET shares = 'BED=50, CAM=50', authorised_by = :variation_d;
UPDATE cost_override SET shares = 'BED=50, CAM=50', authorised_by = :budget2_d;
-- spent is one rule for every sealed table: the variation that removed a
-- budget line cannot then change the agreement's own terms
UPDATE agreement SET review_on = '2017-09-30', authorised_by = :variation_d WHERE ref = 'BCH-SEAL';
SELECT fiscal_year, shares FROM cost_override;

-- voting weights: even adding one needs a variation or membership decision
INSERT INTO voting_weight (agreement_id, party_code, weight) SELECT id, 'PCC-BED', 1 FROM bch;
UPDATE voting_weight SET weight = 2 WHERE party_code = 'CC-BED';
UPDATE voting_weight SET weight = 2, authorised_by = :budget2_d WHERE party_code = 'CC-BED';
UPDATE voting_weight SET weight = 2, authorised_by = :membership_d WHERE party_code = 'CC-BED';
SELECT party_code, weight FROM voting_weight ORDER BY party_code;

-- every citation is in the audit log
SELECT table_name, operation, (new ->> 'authorised_by')::bigint IN (:budget_d, :variation_d, :membership_d, :budget2_d) AS cites
FROM audit_log
WHERE table_name IN ('budget', 'cost_basis', 'cost_override', 'voting_weight') AND operation <> 'INSERT'
ORDER BY id;

DROP FUNCTION pg_temp.made(s22a.decision_kind, text, date);
DROP VIEW bch;

-- DROP EXTENSION with data in the register: refused, unless opted in
DROP EXTENSION s22a;
-- and so is a drop that cascades to it: s22a requires plpgsql
DROP EXTENSION plpgsql CASCADE;
SELECT count(*) AS agreements FROM agreement;
SET s22a.allow_drop = on;
DROP EXTENSION plpgsql CASCADE;
RESET s22a.allow_drop;
SELECT count(*) AS s22a_installed FROM pg_extension WHERE extname = 's22a';
CREATE EXTENSION plpgsql;
-- an empty register drops freely
CREATE EXTENSION s22a;
DROP EXTENSION s22a;
CREATE EXTENSION s22a;
