-- reports: the audit log as a person reads it (DESIGN.md §6).
-- Every change to a register table leaves one row; rewriting the log and
-- truncating a register table are refused with 23514.  The columns that
-- change from run to run (at, actor, transaction_id) are shown as checks.
BEGIN;
SET LOCAL search_path = s22a, public;
SET LOCAL datestyle = ISO;
\pset null '-'
CREATE TEMP TABLE mark AS SELECT coalesce(max(id), 0) AS id FROM audit_log;
-- the rows logged from here on, numbered (ids have gaps: a rolled-back
-- transaction uses up its ids)
CREATE TEMP VIEW recent AS
SELECT row_number() OVER (ORDER BY l.id) AS n, l.*
FROM audit_log l WHERE l.id > (SELECT id FROM mark);

-- Chiltern Transport Consortium (seed 003), a draft: two of its forces.
INSERT INTO force (code, name) VALUES
    ('BTP', 'British Transport Police'), ('TVP', 'Thames Valley Police');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-BTP', 'BTP', 'chief_officer', 'Chief Constable of the British Transport Police'),
    ('BTPA', 'BTP', 'policing_body', 'British Transport Police Authority'),
    ('PCC-TVP', 'TVP', 'policing_body', 'Police and Crime Commissioner for Thames Valley');
INSERT INTO agreement (ref, title, commences_on, review_on)
VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16', '2022-04-30');
-- BTP's two join from 1 May 2019 (CPCC2019-008)
INSERT INTO agreement_party (agreement_id, party_code, joins_on)
SELECT id, code, CASE WHEN code = 'PCC-TVP' THEN NULL ELSE date '2019-05-01' END
FROM agreement, party WHERE ref = 'CTC' AND code IN ('CC-BTP', 'BTPA', 'PCC-TVP');
UPDATE agreement SET review_on = '2022-04-29' WHERE ref = 'CTC';
DELETE FROM agreement_party WHERE party_code = 'CC-BTP';
INSERT INTO budget (agreement_id, fiscal_year, business_area, line, amount)
SELECT id, '2019/20', 'Roads policing', 'programme', 250000.00 FROM agreement WHERE ref = 'CTC';

-- one row per changed row, in order; keys read from each table's primary key
SELECT n, table_name, operation,
       regexp_replace(row_key, '(^|agreement_)id=\d+', '\1id=<CTC>') AS row_key
FROM recent ORDER BY n;

-- an INSERT keeps the whole new row, a DELETE the whole old one
SELECT n, operation, old - 'agreement_id' AS old, new - 'agreement_id' AS new
FROM recent WHERE table_name = 'budget' OR operation = 'DELETE' ORDER BY n;

-- an UPDATE keeps both: what changed, column by column
SELECT n, k AS column_name, old -> k AS old, new -> k AS new
FROM recent, jsonb_object_keys(new) AS k
WHERE operation = 'UPDATE' AND (old -> k) IS DISTINCT FROM (new -> k)
ORDER BY n, k;

SELECT count(*) AS log_rows,
       bool_and(actor = session_user) AS all_by_this_session,
       bool_and(transaction_id = pg_current_xact_id()) AS all_in_this_transaction,
       bool_and(at >= now() AND at <= clock_timestamp()) AS all_timed_within_it
FROM recent;

-- the log is append-only, and a register table cannot be emptied unlogged
SAVEPOINT refused;
UPDATE audit_log SET actor = 'someone else';
ROLLBACK TO SAVEPOINT refused;
DELETE FROM audit_log WHERE table_name = 'budget';
ROLLBACK TO SAVEPOINT refused;
TRUNCATE audit_log;
ROLLBACK TO SAVEPOINT refused;
TRUNCATE budget;
ROLLBACK TO SAVEPOINT refused;
SELECT count(*) AS log_rows_after_refusals FROM recent;
ROLLBACK;

-- ===========================================================================
-- The reporting views on a small register.  They report "today", so the
-- fixture's dates are relative to today and the output shows days from
-- today (+30 = in 30 days) instead of calendar dates.
-- ===========================================================================
BEGIN;
SET LOCAL search_path = s22a, public;
SET LOCAL datestyle = ISO;
SET LOCAL client_min_messages = warning;
INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('HER', 'Hertfordshire Constabulary');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
WHERE code IN ('BED', 'CAM', 'HER')
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body',
       'Police and Crime Commissioner for ' || regexp_replace(name, ' (Police|Constabulary)$', '')
FROM force WHERE code IN ('BED', 'CAM', 'HER');

CREATE TEMP TABLE fixture_agreement (ref text, title text, parent text, lead text,
    commences int, expires int, review int, executed int, parties text[]);
INSERT INTO fixture_agreement VALUES
    -- umbrella in force; Hertfordshire leaves on notice in 60 days
    ('JPS', 'Joint Protective Services', NULL, 'BED', -1000, 100, 30, -1005,
     '{CC-BED,PCC-BED,CC-CAM,PCC-CAM,CC-HER,PCC-HER}'),
    -- an annex; its review date has passed
    ('JPS-AP', 'Armed Policing (annex)', 'JPS', 'BED', -900, NULL, -10, -905,
     '{CC-BED,PCC-BED,CC-CAM,PCC-CAM}'),
    -- signed term ended 30 days ago; renewed to day +150 before it ran out
    ('7F', 'Strategic Collaboration Programme', NULL, NULL, -2000, -30, 200, -2005,
     '{PCC-BED,PCC-CAM}'),
    -- open ended, terminated by decision: last day in force is day +20
    ('SOH', 'Single Online Home', NULL, NULL, -500, NULL, NULL, -505,
     '{PCC-BED,PCC-HER}'),
    -- expired long ago; its review falls today
    ('OLD', 'Regional Procurement', NULL, NULL, -3000, -400, 0, -3005,
     '{PCC-BED,PCC-CAM}'),
    -- executed, commences in 45 days
    ('PEND', 'Shared Custody', NULL, NULL, 45, 3000, NULL, -5,
     '{PCC-CAM,PCC-HER}'),
    -- a draft, never executed
    ('DRAFT', 'Joint Firearms Licensing', NULL, NULL, 90, 400, NULL, NULL,
     '{PCC-BED}');

INSERT INTO agreement (ref, title, lead_force, commences_on, expires_on, review_on, withdrawal_notice)
SELECT f.ref, f.title, f.lead, CURRENT_DATE + f.commences, CURRENT_DATE + f.expires,
       CURRENT_DATE + f.review, interval '12 months'
FROM fixture_agreement f;
UPDATE agreement a SET parent_id = p.id
FROM fixture_agreement f JOIN agreement p ON p.ref = f.parent WHERE f.ref = a.ref;
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, party, CURRENT_DATE + f.executed - 5, CURRENT_DATE + f.executed - 5
FROM fixture_agreement f JOIN agreement a USING (ref), unnest(f.parties) AS party;
UPDATE agreement a SET executed_on = CURRENT_DATE + f.executed
FROM fixture_agreement f WHERE f.ref = a.ref AND f.executed IS NOT NULL;

-- Hertfordshire's two withdraw from JPS together, 12 months' notice
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on)
SELECT a.id, p, CURRENT_DATE - 330, CURRENT_DATE + 60
FROM agreement a, unnest('{CC-HER,PCC-HER}'::text[]) AS p WHERE a.ref = 'JPS';

-- made decisions: 7F renewed in writing by both parties; SOH terminated
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal'::decision_kind, 'Extend the programme', CURRENT_DATE - 60, CURRENT_DATE + 150
FROM agreement WHERE ref = '7F'
UNION ALL
SELECT id, 'termination', 'Close the Single Online Home agreement', CURRENT_DATE - 40, CURRENT_DATE + 20
FROM agreement WHERE ref = 'SOH';
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT d.id, ap.party_code, d.proposed_on, 'letter', 'letter of ' || ap.party_code
FROM decision d JOIN agreement_party ap USING (agreement_id);
UPDATE decision SET state = 'made', made_on = proposed_on + 1;

-- proposed decisions still gathering consent
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'variation'::decision_kind, 'Add Essex to JPS', CURRENT_DATE - 2, NULL::date, NULL::date FROM agreement WHERE ref = 'JPS'
UNION ALL
SELECT id, 'in_principle', 'Pool armed response vehicles', CURRENT_DATE - 2, CURRENT_DATE + 10, CURRENT_DATE + 2
FROM agreement WHERE ref = 'JPS-AP'
UNION ALL
SELECT id, 'budget', 'Consultancy budget', CURRENT_DATE - 2, CURRENT_DATE + 12, CURRENT_DATE + 2
FROM agreement WHERE ref = '7F'
UNION ALL
SELECT id, 'variation', 'Rejected variation', CURRENT_DATE - 2, NULL, NULL FROM agreement WHERE ref = 'SOH';
UPDATE decision SET state = 'rejected' WHERE title = 'Rejected variation';
INSERT INTO decision_impact (decision_id, party_code)
SELECT id, 'PCC-CAM' FROM decision WHERE title IN ('Pool armed response vehicles', 'Consultancy budget')
UNION ALL
SELECT id, 'PCC-BED' FROM decision WHERE title = 'Consultancy budget';
-- consents: a letter counts; a meeting consent does not count for a
-- variation (written consent of every party, seed 003); for an in-principle
-- or budget decision at a meeting it does
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT id, 'PCC-BED', CURRENT_DATE - 1, 'letter'::consent_form, 'letter of PCC-BED' FROM decision WHERE title = 'Add Essex to JPS'
UNION ALL
SELECT id, 'PCC-CAM', CURRENT_DATE - 1, 'meeting', 'board minutes' FROM decision WHERE title = 'Add Essex to JPS'
UNION ALL
SELECT id, 'PCC-BED', CURRENT_DATE - 1, 'meeting', 'board minutes' FROM decision WHERE title = 'Consultancy budget';

-- the register today
SELECT ref, parent_ref AS parent, lead_force AS lead, forces_today, status_today,
       commences_on - CURRENT_DATE AS commences, effective_expiry - CURRENT_DATE AS expiry,
       next_review - CURRENT_DATE AS next_review, executed_on - CURRENT_DATE AS executed
FROM register ORDER BY ref COLLATE "C";

-- what falls due in the next six months, and in the next 25 days
SELECT due_on - CURRENT_DATE AS due, agreement_ref, event,
       regexp_replace(detail, '\d{4}-\d{2}-\d{2}', '<date>', 'g') AS detail
FROM upcoming();
SELECT due_on - CURRENT_DATE AS due, agreement_ref, event FROM upcoming('25 days');
SAVEPOINT negative_window;
SELECT * FROM upcoming('-1 month');
ROLLBACK TO SAVEPOINT negative_window;

-- consents still missing
SELECT decision_title, kind, agreement_ref AS agreement,
       decision_date - CURRENT_DATE AS decision_date, meeting_on - CURRENT_DATE AS meeting,
       party_code, party_title
FROM outstanding_consents ORDER BY decision_id, party_code COLLATE "C";

-- what a BI tool shows for each column
SELECT c.relname AS view, a.attname AS column_name, col_description(a.attrelid, a.attnum) AS comment
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
WHERE c.oid IN ('s22a.register'::regclass, 's22a.outstanding_consents'::regclass) AND a.attnum > 0
ORDER BY c.relname, a.attnum;
ROLLBACK;
