
-- ===========================================================================
-- Costs (doc/costs.md): cost drivers per force and year
-- ===========================================================================

-- NaN passes "value >= 0" and round(NaN) = NaN, so amounts and drivers are
-- bounded by -Infinity < x < Infinity explicitly (here and in the other cost
-- tables).
CREATE TABLE @extschema@.force_measure (
    force_code @extschema@.party_code NOT NULL REFERENCES @extschema@.force,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    measure text NOT NULL,
    value numeric NOT NULL CHECK (value >= 0 AND value <> 'Infinity'),
    PRIMARY KEY (force_code, fiscal_year, measure),
    CONSTRAINT force_measure_value_finite CHECK (value < 'Infinity'),
    CONSTRAINT force_measure_measure_length CHECK (char_length(measure) BETWEEN 1 AND 100)
);
COMMENT ON TABLE @extschema@.force_measure IS
    'cost drivers per force and financial year: nre (Net Revenue Expenditure), demand:<area>, ...';
COMMENT ON COLUMN @extschema@.force_measure.force_code IS 'the force';
COMMENT ON COLUMN @extschema@.force_measure.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.force_measure.measure IS 'the driver, e.g. nre or demand:firearms';
COMMENT ON COLUMN @extschema@.force_measure.value IS 'its value for the force in that year';

-- A driver of an ended year that an executed agreement's cost basis uses is
-- sealed (triggers/force_measure.c, rule closed_year_drivers_sealed).
CREATE FUNCTION @extschema@.force_measure_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_force_measure_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.force_measure_sealed() IS
    'trigger closed_year_drivers_sealed: a value of a year that has ended, of a measure an executed agreement''s cost basis for that year uses, is neither changed nor removed; add a corrected measure instead';
REVOKE EXECUTE ON FUNCTION @extschema@.force_measure_sealed() FROM PUBLIC;
CREATE TRIGGER force_measure_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.force_measure
    FOR EACH ROW EXECUTE FUNCTION @extschema@.force_measure_sealed();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.force_measure', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.force_measure
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.force_measure
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.force_measure
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
