-- Spend and benefits of an executed agreement are sealed like its budget
-- (cost_terms_sealed, doc/costs.md): recording actuals and plans is free,
-- changing or removing them cites a made budget or variation decision, and
-- a benefit's realised figure may be recorded once without one.  Like
-- sealing_and_drop this input commits (a rule about what earlier
-- transactions wrote is seen only across transactions); it runs after it,
-- on the empty register it leaves, and drops what it made.
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
INSERT INTO agreement (ref, title, commences_on, expires_on, lead_force)
VALUES ('BCH-ICT', 'Bedfordshire, Cambridgeshire and Hertfordshire ICT', '2014-04-01', '2019-03-31', 'HER');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, '2014-03-01', '2014-03-01' FROM agreement a, party p WHERE a.ref = 'BCH-ICT';
CREATE TEMP VIEW ict AS SELECT id FROM agreement WHERE ref = 'BCH-ICT';
-- the budget is signed with the agreement (a closed year's line added after
-- execution would cite a decision)
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2016/17', 'telecoms', 500000.00 FROM ict;
UPDATE agreement SET executed_on = '2014-03-15' WHERE ref = 'BCH-ICT';
SELECT setval(pg_get_serial_sequence('s22a.decision', 'id'), 2000) \g /dev/null

CREATE FUNCTION pg_temp.made(k s22a.decision_kind, t text, on_day date) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE d bigint;
BEGIN
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
    SELECT id, k, t, on_day FROM ict RETURNING id INTO d;
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
    SELECT d, p, on_day, 'letter', t FROM ict, s22a.parties_on(ict.id, on_day) AS p;
    UPDATE s22a.decision SET state = 'made', made_on = on_day WHERE id = d;
    RETURN d;
END $$;
SELECT pg_temp.made('budget', 'ICT budget 2016/17 revised', '2016-09-01') AS budget_d,
       pg_temp.made('variation', 'telecoms contract renegotiated', '2016-10-03') AS variation_d,
       pg_temp.made('membership', 'membership review', '2016-10-04') AS membership_d,
       pg_temp.made('budget', 'ICT savings plan 2017/18 revised', '2017-02-01') AS budget2_d \gset

-- after execution, recording actuals needs no decision
INSERT INTO spend (agreement_id, fiscal_year, line, spent_on, amount, description)
SELECT id, '2016/17', 'telecoms', d, a, r FROM ict,
       (VALUES (date '2016-06-30', 180000.00, 'INV-1001'), ('2016-09-30', 175000.00, 'INV-1002'),
               ('2016-12-31', 160000.00, 'INV-1003')) AS s(d, a, r);
SELECT line, budget, spent, variance, over_budget FROM budget_variance WHERE agreement_ref = 'BCH-ICT';

-- changing an actual: refused without a decision, or with one of the wrong kind
UPDATE spend SET amount = 150000.00 WHERE description = 'INV-1003';
UPDATE spend SET amount = 150000.00, authorised_by = :membership_d WHERE description = 'INV-1003';
SELECT description, amount, authorised_by FROM spend ORDER BY spent_on;
-- with a made budget decision: accepted
UPDATE spend SET amount = 150000.00, authorised_by = :budget_d WHERE description = 'INV-1003';
-- the decision is spent: another change needs its own
UPDATE spend SET amount = 170000.00, authorised_by = :budget_d WHERE description = 'INV-1002';
-- and an UPDATE leaving authorised_by as it was cites none
UPDATE spend SET amount = 140000.00 WHERE description = 'INV-1003';
-- a correction as a new (negative) actual needs none, and keeps the first in the trail
INSERT INTO spend (agreement_id, fiscal_year, line, spent_on, amount, description)
SELECT id, '2016/17', 'telecoms', '2017-01-10', -10000.00, 'credit note against INV-1003' FROM ict;
SELECT line, budget, spent, variance, over_budget FROM budget_variance WHERE agreement_ref = 'BCH-ICT';
-- removing an actual: cite a decision in an UPDATE, then DELETE, in one transaction
DELETE FROM spend WHERE description = 'INV-1001';
BEGIN;
UPDATE spend SET authorised_by = :variation_d WHERE description = 'INV-1001';
DELETE FROM spend WHERE description = 'INV-1001';
COMMIT;
-- an actual added by the same transaction may be changed freely before commit
BEGIN;
INSERT INTO spend (agreement_id, fiscal_year, line, spent_on, amount, description)
SELECT id, '2016/17', 'telecoms', '2017-02-01', 999.00, 'typo' FROM ict;
UPDATE spend SET amount = 99.00 WHERE description = 'typo';
COMMIT;
SELECT description, amount, authorised_by IS NOT NULL AS cites FROM spend ORDER BY spent_on;

-- benefits: the plan is sealed, the realised figure recorded once freely
INSERT INTO benefit (agreement_id, fiscal_year, kind, planned, description)
SELECT id, fy::fiscal_year, 'cashable', p, r FROM ict,
       (VALUES ('2015/16', 920000.00, 'telecoms'), ('2017/18', 1000000.00, 'convergence')) AS b(fy, p, r);
UPDATE benefit SET realised = 910000.00 WHERE description = 'telecoms';
UPDATE benefit SET realised = 915000.00 WHERE description = 'telecoms';
UPDATE benefit SET realised = NULL WHERE description = 'telecoms';
UPDATE benefit SET planned = 900000.00 WHERE description = 'convergence';
UPDATE benefit SET realised = 800000.00, planned = 900000.00 WHERE description = 'convergence';
UPDATE benefit SET planned = 900000.00, authorised_by = :budget2_d WHERE description = 'convergence';
DELETE FROM benefit WHERE description = 'telecoms';
SELECT fiscal_year, kind, planned, realised, shortfall FROM benefits_by_year
WHERE agreement_ref = 'BCH-ICT' ORDER BY fiscal_year;

-- the audit trail of the changes
SELECT table_name, operation, old ->> 'amount' AS old_amount, new ->> 'amount' AS new_amount,
       old ->> 'realised' AS old_realised, new ->> 'realised' AS new_realised,
       old ->> 'planned' AS old_planned, new ->> 'planned' AS new_planned,
       (coalesce(new, old) ->> 'authorised_by')::bigint - 2000 AS "decision (id - 2000)"
FROM audit_log WHERE table_name IN ('spend', 'benefit') AND operation <> 'INSERT'
ORDER BY id;

-- withdrawal_closed_year (doc/register.md): a withdrawal that took effect in
-- a financial year that has ended is not removed without a decision; the
-- row first cites one in an UPDATE, then is deleted, in one transaction
SELECT pg_temp.made('membership', 'Hertfordshire leaves the ICT collaboration', '2016-01-04') AS her_leaves,
       pg_temp.made('membership', 'Hertfordshire stays after all', '2016-02-01') AS her_stays \gset
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on, authorised_by)
SELECT id, p, '2016-01-04', '2016-06-30', :her_leaves FROM ict, unnest(ARRAY['CC-HER', 'PCC-HER']) AS p;
DELETE FROM withdrawal WHERE party_code IN ('CC-HER', 'PCC-HER');
SELECT party_code, effective_on FROM withdrawal ORDER BY party_code;
BEGIN;
UPDATE withdrawal SET authorised_by = :her_stays WHERE party_code IN ('CC-HER', 'PCC-HER');
DELETE FROM withdrawal WHERE party_code IN ('CC-HER', 'PCC-HER');
COMMIT;
SELECT count(*) AS withdrawals FROM withdrawal;

DROP FUNCTION pg_temp.made(s22a.decision_kind, text, date);
DROP VIEW ict;
SET s22a.allow_drop = on;
DROP EXTENSION s22a CASCADE;
RESET s22a.allow_drop;
CREATE EXTENSION s22a;
