-- reports: the audit log as a person reads it (doc/reports.md).
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

-- Chiltern Transport Consortium (CPCC2019-008), a draft: two of its forces.
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
\i test/lib/reports_fixture.sql

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
