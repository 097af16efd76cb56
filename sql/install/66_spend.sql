
-- ===========================================================================
-- Costs: spend against budget (doc/costs.md, "Spend against budget")
-- ===========================================================================
-- The actuals a finance officer records through the year, each against a
-- budget line of one financial year (Seven Force agreement, Schedule A
-- 2.7-2.8: the board sees spending against budget and overspends).  A line
-- need not have a budget: budget_variance then shows budget 0.
CREATE TABLE @extschema@.spend (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    line text NOT NULL,
    spent_on date NOT NULL,
    amount numeric NOT NULL CHECK (amount = round(amount, 2)),
    description text,
    authorised_by bigint REFERENCES @extschema@.decision,
    CONSTRAINT spend_amount_finite CHECK (amount > '-Infinity' AND amount < 'Infinity'),
    CONSTRAINT spend_dates_in_range CHECK (spent_on BETWEEN '1900-04-01' AND '9999-03-31'),
    CONSTRAINT spend_line_length CHECK (char_length(line) BETWEEN 1 AND 100),
    CONSTRAINT spend_business_area_length CHECK (char_length(business_area) <= 100),
    CONSTRAINT spend_description_length CHECK (char_length(description) <= 1000)
);
COMMENT ON TABLE @extschema@.spend IS
    'actual spend against a budget line, recorded through the year (Seven Force agreement, Schedule A 2.7-2.8: spending against budget)';
COMMENT ON COLUMN @extschema@.spend.id IS 'internal key';
COMMENT ON COLUMN @extschema@.spend.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.spend.fiscal_year IS 'the financial year whose budget it is spent against; spent_on lies in it';
COMMENT ON COLUMN @extschema@.spend.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.spend.line IS 'the budget line, e.g. consultancy';
COMMENT ON COLUMN @extschema@.spend.spent_on IS 'the day it was spent: in the financial year and in the agreement''s term';
COMMENT ON COLUMN @extschema@.spend.amount IS 'the amount in pounds, to the penny; negative for a refund or a correction of an earlier actual';
COMMENT ON COLUMN @extschema@.spend.description IS 'what was bought, e.g. an invoice reference';
COMMENT ON COLUMN @extschema@.spend.authorised_by IS 'the made budget or variation decision behind a change or removal after execution';
CREATE INDEX spend_agreement_year ON @extschema@.spend (agreement_id, fiscal_year);

-- triggers/spend.c, rule spend_in_term
CREATE FUNCTION @extschema@.spend_in_term() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_spend_in_term' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.spend_in_term() IS
    'trigger spend_in_term: spent_on lies in the row''s financial year and in the agreement''s term (commencement to effective expiry)';
REVOKE EXECUTE ON FUNCTION @extschema@.spend_in_term() FROM PUBLIC;
CREATE TRIGGER spend_in_term
    BEFORE INSERT OR UPDATE ON @extschema@.spend
    FOR EACH ROW EXECUTE FUNCTION @extschema@.spend_in_term();

-- triggers/spend.c, rule cost_terms_sealed: recording actuals is free,
-- changing or removing one of an executed agreement cites a decision.
CREATE FUNCTION @extschema@.spend_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_spend_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.spend_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE of an actual cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; recording new actuals needs no decision';
REVOKE EXECUTE ON FUNCTION @extschema@.spend_sealed() FROM PUBLIC;
CREATE TRIGGER spend_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.spend
    FOR EACH ROW EXECUTE FUNCTION @extschema@.spend_sealed();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.spend', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.spend_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.spend
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.spend
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.spend
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
