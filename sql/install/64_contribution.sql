
-- ===========================================================================
-- Costs: what each force puts in
-- ===========================================================================

CREATE TABLE @extschema@.contribution (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    force_code @extschema@.party_code NOT NULL REFERENCES @extschema@.force,
    kind text NOT NULL CHECK (kind IN ('cash', 'in_kind')),
    amount numeric NOT NULL CHECK (amount = round(amount, 2)),
    description text,
    authorised_by bigint REFERENCES @extschema@.decision,
    CONSTRAINT contribution_amount_finite CHECK (amount > '-Infinity' AND amount < 'Infinity'),
    CONSTRAINT contribution_description_length CHECK (char_length(description) <= 1000)
);
COMMENT ON TABLE @extschema@.contribution IS 'money or officer/staff resource a force puts in (Seven Force agreement, clause 5.3)';
COMMENT ON COLUMN @extschema@.contribution.id IS 'internal key';
COMMENT ON COLUMN @extschema@.contribution.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.contribution.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.contribution.force_code IS 'the contributing force';
COMMENT ON COLUMN @extschema@.contribution.kind IS 'cash or in_kind';
COMMENT ON COLUMN @extschema@.contribution.amount IS 'its value in pounds';
COMMENT ON COLUMN @extschema@.contribution.description IS 'what was contributed';
COMMENT ON COLUMN @extschema@.contribution.authorised_by IS 'the made budget or variation decision behind a change to a closed year''s contribution after execution';

-- Sealed after execution for a year that has ended (triggers/contribution.c, rule cost_terms_sealed).
CREATE FUNCTION @extschema@.contribution_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_contribution_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.contribution_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, a contribution of a year that has ended is added, changed or removed only citing a made budget or variation decision in authorised_by (a DELETE follows such an UPDATE of the row in the same transaction); the current year''s are free';
REVOKE EXECUTE ON FUNCTION @extschema@.contribution_sealed() FROM PUBLIC;
CREATE TRIGGER contribution_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.contribution
    FOR EACH ROW EXECUTE FUNCTION @extschema@.contribution_sealed();

-- cost_balance reads one agreement's contributions at a time.
CREATE INDEX contribution_agreement_year ON @extschema@.contribution (agreement_id, fiscal_year);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.contribution', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contribution_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.contribution
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.contribution
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.contribution
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
