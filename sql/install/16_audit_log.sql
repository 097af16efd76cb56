
-- ===========================================================================
-- Audit log (src/triggers/audit.c): one row per inserted, updated or deleted row of every
-- register and cost table, and of bank_holiday changes made by
-- administrators.  Every change to the register tables is in the audit
-- log, and the log is append-only (doc/reports.md).  It comes before the tables
-- it logs because each of their parts hooks itself up (see the end of this
-- part).
-- ===========================================================================

CREATE TABLE @extschema@.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- clock_timestamp(), not now(): now() is the start of the transaction,
    -- so a session that holds a transaction open for an hour would log every
    -- change at its first minute.  The log answers "when did this change
    -- happen"; transaction_id groups the changes of one transaction.
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor text NOT NULL DEFAULT session_user,
    transaction_id xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    table_name text NOT NULL,
    operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    row_key text NOT NULL,
    old jsonb,
    new jsonb,
    CONSTRAINT audit_log_rows_by_operation CHECK (
        (old IS NULL) = (operation = 'INSERT') AND (new IS NULL) = (operation = 'DELETE'))
);
COMMENT ON TABLE @extschema@.audit_log IS
    'append-only log of every inserted, updated or deleted row of the register, decision and cost tables and of administrators'' bank holiday changes; UPDATE, DELETE and TRUNCATE are refused (23514)';
COMMENT ON COLUMN @extschema@.audit_log.id IS 'order of the changes';
COMMENT ON COLUMN @extschema@.audit_log.at IS 'when the row changed (clock time of the change, not of the transaction start)';
COMMENT ON COLUMN @extschema@.audit_log.actor IS 'the session user who made the change (unchanged by SET ROLE)';
COMMENT ON COLUMN @extschema@.audit_log.transaction_id IS 'the transaction that made the change: rows with the same id were committed together';
COMMENT ON COLUMN @extschema@.audit_log.table_name IS 'the changed table in schema s22a, e.g. consent';
COMMENT ON COLUMN @extschema@.audit_log.operation IS 'INSERT, UPDATE or DELETE';
COMMENT ON COLUMN @extschema@.audit_log.row_key IS
    'the primary key of the row as text, in key order, e.g. agreement_id=1, party_code=PCC-CAM (the new key for an UPDATE that changes it)';
COMMENT ON COLUMN @extschema@.audit_log.old IS 'the row before the change; NULL for INSERT';
COMMENT ON COLUMN @extschema@.audit_log.new IS 'the row after the change; NULL for DELETE';
-- Few indexes, on purpose: every index on the log is paid by every write to
-- the register.  One row's history, (table_name, row_key), is the log's
-- everyday read (doc/reports.md); without an index it reads the whole log
-- (0.16-0.41 s at half a million rows, growing with the register), while
-- the index left single-row writes at 0.1 ms and a 60,000-consent bulk
-- insert within the machine's noise (bench/60_scaling.sql; an earlier measurement
-- of 27% on a 20,000-row insert did not repeat).  So it is kept.
CREATE INDEX audit_log_row ON @extschema@.audit_log (table_name, row_key);
-- The one partial index serves the sealing rule, which asks whether a
-- decision was already cited by an earlier transaction; it holds only the
-- rare rows of changes citing a decision, so other writes pay only its test.
CREATE INDEX audit_log_citations ON @extschema@.audit_log ((new ->> 'authorised_by'))
    WHERE table_name IN ('agreement', 'agreement_party') AND (new ->> 'authorised_by') IS NOT NULL;
-- (Since 0.3 spent citations are rows of s22a.decision_citation, and the
-- library asks the audit log only in a database not yet updated from 0.2.
-- Its 0.3 twin over the cost tables, audit_log_cost_citations, served no
-- query and is gone: every audit insert paid its test.)

-- search_path of the C functions that run SQL.  The C code runs its SPI
-- queries with the caller's search_path, and a kept plan is re-analysed when
-- that path changes.  Those queries compare enums and domains of the
-- extension (kind = 'termination', p.code = ap.party_code) and mixed types,
-- for which pg_catalog has no exact operator: an exact-match operator
-- planted in any schema on the caller's path would be chosen instead
-- (PostgreSQL docs, "Operator Type Resolution"), making a rule trigger
-- wrong, or, in the audit triggers, which write as the log's owner, running
-- the planted code as that owner.  So every such function is created with
-- SET search_path = @extschema@, pg_catalog, pg_temp (doc/security.md).  The
-- working-day functions are left alone: they are called per row in bulk
-- (133 ns each, bench/20_working_days.sql) and their one query only fills
-- the calendar cache (doc/security.md, "Residual"); consent_rules,
-- vote_rules and decision_impact_rules fire for every row of a bulk load
-- and pin the path in C around their cache-miss queries (src/triggers/decision_children.c).
--
-- Trigger functions: EXECUTE is revoked from PUBLIC on every one.  Firing a
-- trigger checks no EXECUTE privilege (only CREATE TRIGGER does), so the
-- register's users lose nothing; a role can no longer attach them to a table
-- of its own.  create_roles() keeps them from s22a_reader too.
CREATE FUNCTION @extschema@.audit_row() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_audit_row' LANGUAGE C VOLATILE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.audit_row() IS
    'AFTER row trigger: appends the change to s22a.audit_log (row_key from the primary key, old/new as jsonb), writing as the log''s owner';
REVOKE EXECUTE ON FUNCTION @extschema@.audit_row() FROM PUBLIC;
CREATE FUNCTION @extschema@.audit_insert() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_audit_insert' LANGUAGE C VOLATILE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.audit_insert() IS
    'AFTER INSERT statement trigger with a NEW TABLE: appends every inserted row to s22a.audit_log in one INSERT ... SELECT (the bulk path)';
REVOKE EXECUTE ON FUNCTION @extschema@.audit_insert() FROM PUBLIC;
CREATE FUNCTION @extschema@.audit_key_value(text) RETURNS text
    AS 'MODULE_PATHNAME', 's22a_audit_key_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.audit_key_value(text) IS
    'a key value as written in audit_log.row_key: in double quotes, with a backslash before any quote or backslash, when it is empty or holds a comma, =, space, quote or backslash';
CREATE FUNCTION @extschema@.audit_refuse() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_audit_refuse' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_refuse() IS
    'BEFORE statement trigger: refuses UPDATE, DELETE and TRUNCATE of the audit log and TRUNCATE of audited tables (23514)';
REVOKE EXECUTE ON FUNCTION @extschema@.audit_refuse() FROM PUBLIC;

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON @extschema@.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log_id_seq', '');

-- Every other table of the extension is audited and cannot be truncated:
-- its part ends with the same three triggers,
--   CREATE TRIGGER audit AFTER UPDATE OR DELETE ... audit_row()
--   CREATE TRIGGER audit_insert AFTER INSERT ... REFERENCING NEW TABLE AS inserted ... audit_insert()
--   CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ... audit_refuse()
-- (test/audit.sql checks that none is missing).  INSERTs are logged by a
-- statement trigger reading the transition table, so a bulk insert writes
-- its log rows in one INSERT ... SELECT instead of one executor run per row
-- (bench/50_audit.sql); UPDATE and DELETE use the row trigger, which pairs
-- each old row with its new one.  Rows CREATE EXTENSION ships (the bank
-- holidays) are inserted before the hook-up, so they are not logged.
