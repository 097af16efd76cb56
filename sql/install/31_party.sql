
-- ===========================================================================
-- The register: parties
-- ===========================================================================

CREATE TABLE @extschema@.party (
    code @extschema@.party_code PRIMARY KEY,
    force_code @extschema@.party_code REFERENCES @extschema@.force,
    kind @extschema@.party_kind NOT NULL,
    title text NOT NULL,
    CONSTRAINT party_force_by_kind CHECK ((kind = 'other') = (force_code IS NULL)),
    CONSTRAINT party_title_length CHECK (char_length(title) BETWEEN 1 AND 300)
);
COMMENT ON TABLE @extschema@.party IS
    'a corporation sole or other person that can be party to an agreement';
COMMENT ON COLUMN @extschema@.party.code IS 'party code, e.g. PCC-CAM';
COMMENT ON COLUMN @extschema@.party.force_code IS 'the force it leads or maintains; NULL only for kind other';
COMMENT ON COLUMN @extschema@.party.kind IS 'chief_officer, policing_body or other';
COMMENT ON COLUMN @extschema@.party.title IS 'e.g. Police and Crime Commissioner for Cambridgeshire';
-- one chief officer and one policing body per force (s22A, s23C(6))
CREATE UNIQUE INDEX party_one_per_force_kind ON @extschema@.party (force_code, kind)
    WHERE kind <> 'other';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.party', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.party
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.party
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.party
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- the kind and force of a party to an executed agreement are sealed
-- (triggers/party.c; doc/register.md, party_sealed)
CREATE FUNCTION @extschema@.party_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_party_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.party_sealed() IS
    'trigger: the kind and force_code of a party that is or was a party to an executed agreement do not change, and it is not deleted';
REVOKE EXECUTE ON FUNCTION @extschema@.party_sealed() FROM PUBLIC;
CREATE TRIGGER party_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.party
    FOR EACH ROW EXECUTE FUNCTION @extschema@.party_sealed();
