
-- ===========================================================================
-- Spent decisions: which change cited each decision (doc/register.md)
-- ===========================================================================
-- A made decision authorises the one change it was made for (doc/register.md:
-- "each change cites its own decision").  The sealing rules (agreement_sealed,
-- membership_sealed) write a row here, as the table's owner, when a change
-- first cites a decision in authorised_by; a decision with a row written by
-- another transaction is spent.  No transaction id is kept or compared, so a
-- decision stays spent after a dump is restored into any cluster.
CREATE TABLE @extschema@.decision_citation (
    decision_id bigint PRIMARY KEY REFERENCES @extschema@.decision,
    table_name text NOT NULL,
    row_key text NOT NULL,
    cited_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.decision_citation IS
    'every decision cited in authorised_by, once: a decision cited by an earlier transaction is spent and authorises no further change';
COMMENT ON COLUMN @extschema@.decision_citation.decision_id IS 'the decision cited';
COMMENT ON COLUMN @extschema@.decision_citation.table_name IS 'the table of the change that cited it: agreement or agreement_party';
COMMENT ON COLUMN @extschema@.decision_citation.row_key IS 'the primary key of the row changed, as in audit_log.row_key';
COMMENT ON COLUMN @extschema@.decision_citation.cited_at IS 'when the citing transaction began';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_citation', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.decision_citation
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.decision_citation
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.decision_citation
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
