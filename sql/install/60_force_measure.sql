
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

SELECT pg_catalog.pg_extension_config_dump('@extschema@.force_measure', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.force_measure
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.force_measure
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.force_measure
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
