
-- ===========================================================================
-- Weighted governance: each party's voting weight (Single Online Home)
-- ===========================================================================

CREATE TABLE @extschema@.voting_weight (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    weight numeric NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (agreement_id, party_code),
    -- NaN passes "weight >= 0", so the bound is explicit
    CONSTRAINT voting_weight_finite CHECK (weight < 'Infinity')
);
COMMENT ON TABLE @extschema@.voting_weight IS
    'weighted governance: a party''s share of decision weight (Single Online Home: the host 50%)';
COMMENT ON COLUMN @extschema@.voting_weight.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.voting_weight.party_code IS 'the party';
COMMENT ON COLUMN @extschema@.voting_weight.weight IS 'its weight in votes';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.voting_weight', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.voting_weight
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.voting_weight
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.voting_weight
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
