
-- ===========================================================================
-- Decisions: the parties a decision would materially affect
-- ===========================================================================

CREATE TABLE @extschema@.decision_impact (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    PRIMARY KEY (decision_id, party_code)
);
COMMENT ON TABLE @extschema@.decision_impact IS 'parties a decision would materially affect';
COMMENT ON COLUMN @extschema@.decision_impact.decision_id IS 'the decision';
COMMENT ON COLUMN @extschema@.decision_impact.party_code IS 'a party it materially affects';

-- decision_impact_rules pins search_path in C around its cache-miss queries
-- (src/triggers/decision_children.c)
CREATE FUNCTION @extschema@.decision_impact_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'decision_impact_rules' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.decision_impact_rules() IS
    'trigger: the parties a made decision affects are final';
REVOKE EXECUTE ON FUNCTION @extschema@.decision_impact_rules() FROM PUBLIC;
CREATE TRIGGER decision_impact_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.decision_impact
    FOR EACH ROW EXECUTE FUNCTION @extschema@.decision_impact_rules();
CREATE TRIGGER decision_impact_kept
    BEFORE TRUNCATE ON @extschema@.decision_impact
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.decision_impact_rules();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_impact', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.decision_impact
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.decision_impact
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.decision_impact
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
