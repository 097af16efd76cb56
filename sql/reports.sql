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
