
-- ===========================================================================
-- Costs: budget lines
-- ===========================================================================

CREATE TABLE @extschema@.budget (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    line text NOT NULL,
    amount numeric NOT NULL CHECK (amount = round(amount, 2)),
    authorised_by bigint REFERENCES @extschema@.decision,
    shared boolean NOT NULL DEFAULT true,
    PRIMARY KEY (agreement_id, fiscal_year, business_area, line),
    CONSTRAINT budget_amount_finite CHECK (amount > '-Infinity' AND amount < 'Infinity'),
    CONSTRAINT budget_line_length CHECK (char_length(line) BETWEEN 1 AND 100),
    CONSTRAINT budget_business_area_length CHECK (char_length(business_area) <= 100)
);
COMMENT ON TABLE @extschema@.budget IS 'budget lines per agreement, year and business area, e.g. programme 1,200,000.00';
COMMENT ON COLUMN @extschema@.budget.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.budget.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.budget.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.budget.line IS 'the budget line, e.g. programme or consultancy';
COMMENT ON COLUMN @extschema@.budget.amount IS 'the amount in pounds, to the penny';
COMMENT ON COLUMN @extschema@.budget.authorised_by IS 'the made budget or variation decision behind a change after execution';
COMMENT ON COLUMN @extschema@.budget.shared IS
    'false for a line each force bears itself, e.g. travel and subsistence (Seven Force agreement, clause 5.2): not split in cost_allocation or cost_balance';

-- Sealed after execution (triggers/budget.c, rule cost_terms_sealed): changes and removals only by decision, and so are rows added to an ended year.
CREATE FUNCTION @extschema@.budget_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_budget_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.budget_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision, unless the year has ended';
REVOKE EXECUTE ON FUNCTION @extschema@.budget_sealed() FROM PUBLIC;
CREATE TRIGGER budget_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_sealed();

-- Costs only for a year of the agreement's term (triggers/budget.c, rule
-- budget_term): a budget line or override for a year with no day from
-- commencement to the effective expiry is refused.
CREATE FUNCTION @extschema@.budget_term() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_budget_term' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.budget_term() IS
    'trigger budget_term: a budget line or cost override is for a financial year with at least one day from the agreement''s commencement to its effective expiry';
REVOKE EXECUTE ON FUNCTION @extschema@.budget_term() FROM PUBLIC;
CREATE TRIGGER budget_term
    BEFORE INSERT OR UPDATE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_term();
CREATE TRIGGER budget_term
    BEFORE INSERT OR UPDATE ON @extschema@.cost_override
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_term();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.budget
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.budget
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
