
-- ===========================================================================
-- Costs: the apportionment formula, a blend of drivers
-- ===========================================================================

CREATE TABLE @extschema@.cost_basis (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    measure text NOT NULL,
    weight numeric NOT NULL CHECK (weight > 0 AND weight <= 1),
    authorised_by bigint REFERENCES @extschema@.decision,
    PRIMARY KEY (agreement_id, fiscal_year, business_area, measure),
    CONSTRAINT cost_basis_measure_length CHECK (char_length(measure) BETWEEN 1 AND 100),
    CONSTRAINT cost_basis_business_area_length CHECK (char_length(business_area) <= 100)
);
COMMENT ON TABLE @extschema@.cost_basis IS
    'the apportionment formula: a blend of drivers whose weights add up to 1 per agreement, year and business area';
COMMENT ON COLUMN @extschema@.cost_basis.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.cost_basis.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.cost_basis.business_area IS 'the business area (annex); empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_basis.measure IS 'a driver in force_measure';
COMMENT ON COLUMN @extschema@.cost_basis.weight IS 'its weight in the blend, e.g. 0.5';
COMMENT ON COLUMN @extschema@.cost_basis.authorised_by IS 'the made budget or variation decision behind a change after execution';

-- Sealed after execution (triggers/cost_basis.c, rule cost_terms_sealed): changes and removals only by decision, and so are rows added to an ended year.
CREATE FUNCTION @extschema@.cost_basis_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_basis_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_basis_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision, unless the year has ended';
REVOKE EXECUTE ON FUNCTION @extschema@.cost_basis_sealed() FROM PUBLIC;
CREATE TRIGGER cost_basis_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.cost_basis
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_basis_sealed();

-- Weights of a basis add up to 1, checked at commit so a blend can be
-- entered row by row (src/triggers/cost_basis.c).
CREATE FUNCTION @extschema@.cost_basis_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_basis_check' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_basis_check() IS
    'constraint trigger cost_basis_weights_add_up: the weights of one agreement, year and business area add up to 1';
REVOKE EXECUTE ON FUNCTION @extschema@.cost_basis_check() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER cost_basis_weights_add_up
    AFTER INSERT OR UPDATE OR DELETE ON @extschema@.cost_basis
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_basis_check();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.cost_basis', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.cost_basis
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.cost_basis
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.cost_basis
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
