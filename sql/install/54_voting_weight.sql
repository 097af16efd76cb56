
-- ===========================================================================
-- Weighted governance: each party's voting weight (Single Online Home)
-- ===========================================================================

CREATE TABLE @extschema@.voting_weight (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    weight numeric NOT NULL CHECK (weight >= 0),
    authorised_by bigint REFERENCES @extschema@.decision,
    PRIMARY KEY (agreement_id, party_code),
    -- NaN passes "weight >= 0", so the bound is explicit
    CONSTRAINT voting_weight_finite CHECK (weight < 'Infinity')
);
COMMENT ON TABLE @extschema@.voting_weight IS
    'weighted governance: a party''s share of decision weight (Single Online Home: the host 50%)';
COMMENT ON COLUMN @extschema@.voting_weight.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.voting_weight.party_code IS 'the party';
COMMENT ON COLUMN @extschema@.voting_weight.weight IS 'its weight in votes';
COMMENT ON COLUMN @extschema@.voting_weight.authorised_by IS 'the made variation or membership decision behind a change after execution';

-- Sealed after execution (triggers/voting_weight.c, rule voting_weights_sealed): weights change only by decision.
CREATE FUNCTION @extschema@.voting_weight_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_voting_weight_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.voting_weight_sealed() IS
    'trigger voting_weights_sealed: on an executed agreement, adding, changing or removing a voting weight cites a made variation or membership decision in authorised_by (a DELETE follows such an UPDATE of the row in the same transaction)';
REVOKE EXECUTE ON FUNCTION @extschema@.voting_weight_sealed() FROM PUBLIC;
CREATE TRIGGER voting_weight_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.voting_weight
    FOR EACH ROW EXECUTE FUNCTION @extschema@.voting_weight_sealed();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.voting_weight', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.voting_weight
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.voting_weight
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.voting_weight
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
