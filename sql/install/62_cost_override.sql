
-- ===========================================================================
-- Costs: fixed percentages where an agreement states them
-- ===========================================================================

CREATE TABLE @extschema@.cost_override (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    shares @extschema@.apportionment NOT NULL,
    authorised_by bigint REFERENCES @extschema@.decision,
    PRIMARY KEY (agreement_id, fiscal_year, business_area)
);
COMMENT ON TABLE @extschema@.cost_override IS 'fixed percentages where an agreement states them; wins over cost_basis';
COMMENT ON COLUMN @extschema@.cost_override.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.cost_override.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.cost_override.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_override.shares IS 'the stated shares by force code';
COMMENT ON COLUMN @extschema@.cost_override.authorised_by IS 'the made budget or variation decision behind a change after execution';

-- Sealed after execution (triggers/cost_override.c, rule cost_terms_sealed): changes and removals only by decision, and so are rows added to an ended year or beside a cost basis.
CREATE FUNCTION @extschema@.cost_override_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_override_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_override_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision, unless the year has ended or (an override) the agreement has a cost basis for the year and business area';
REVOKE EXECUTE ON FUNCTION @extschema@.cost_override_sealed() FROM PUBLIC;
CREATE TRIGGER cost_override_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.cost_override
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_override_sealed();

-- An override names exactly the member forces (src/triggers/cost_override.c).
CREATE FUNCTION @extschema@.cost_override_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_override_check' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_override_check() IS
    'constraint trigger cost_override_covers_members: an override gives shares to exactly the forces party to the agreement on 1 April of its year';
REVOKE EXECUTE ON FUNCTION @extschema@.cost_override_check() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER cost_override_covers_members
    AFTER INSERT OR UPDATE ON @extschema@.cost_override
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_override_check();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.cost_override', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.cost_override
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.cost_override
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.cost_override
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
