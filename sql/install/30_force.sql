
-- ===========================================================================
-- The register: forces
-- ===========================================================================

-- Bounds, here and in every table: values no agreement could hold are
-- refused at the door (23514, the constraint named), before any rule or
-- report has to cope with them; free text has a length a report can show.
CREATE TABLE @extschema@.force (
    code @extschema@.party_code PRIMARY KEY,
    name text NOT NULL,
    CONSTRAINT force_name_length CHECK (char_length(name) BETWEEN 1 AND 300)
);
COMMENT ON TABLE @extschema@.force IS 'a police force or area (BED, CAM, BTP, MPS, ...)';
COMMENT ON COLUMN @extschema@.force.code IS 'short code used in apportionments';
COMMENT ON COLUMN @extschema@.force.name IS 'the force''s name';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.force', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.force
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.force
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.force
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
