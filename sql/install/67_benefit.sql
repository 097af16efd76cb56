
-- ===========================================================================
-- Savings and benefits by financial year (doc/costs.md, "Benefits")
-- ===========================================================================
-- ICT collaboration business case, 4.2(5): "£0.626m of savings in 2014/2015
-- ... a total of approximately £4.6m", broken down by financial year, and
-- 4.5 (a benefits baseline and realisation plan); Single Online Home paper,
-- 6.4 and 9 (benefits realisation, early benefits).
CREATE TYPE @extschema@.benefit_kind AS ENUM ('cashable', 'non_cashable');
COMMENT ON TYPE @extschema@.benefit_kind IS
    'cashable: a saving that leaves the budget (money no longer spent); non_cashable: a benefit valued in pounds that frees capacity rather than money (officer time, calls avoided)';

CREATE TABLE @extschema@.benefit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    force_code @extschema@.party_code REFERENCES @extschema@.force,
    kind @extschema@.benefit_kind NOT NULL,
    planned numeric NOT NULL CHECK (planned = round(planned, 2)),
    realised numeric CHECK (realised = round(realised, 2)),
    description text,
    authorised_by bigint REFERENCES @extschema@.decision,
    CONSTRAINT benefit_planned_range CHECK (planned >= 0 AND planned < 'Infinity'),
    CONSTRAINT benefit_realised_finite CHECK (realised > '-Infinity' AND realised < 'Infinity'),
    CONSTRAINT benefit_description_length CHECK (char_length(description) <= 1000)
);
COMMENT ON TABLE @extschema@.benefit IS
    'a saving or other benefit a collaboration plans and realises in a financial year (ICT collaboration business case, 4.2(5); Single Online Home paper, 6.4 and 9)';
COMMENT ON COLUMN @extschema@.benefit.id IS 'internal key';
COMMENT ON COLUMN @extschema@.benefit.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.benefit.fiscal_year IS 'the financial year the benefit falls in';
COMMENT ON COLUMN @extschema@.benefit.force_code IS 'the force it accrues to, a force with a party to the agreement; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.benefit.kind IS 'cashable or non_cashable';
COMMENT ON COLUMN @extschema@.benefit.planned IS 'the benefit planned in pounds, to the penny, not negative (a planned cost is a budget line)';
COMMENT ON COLUMN @extschema@.benefit.realised IS 'the benefit realised in pounds; NULL until known; negative when the change cost money';
COMMENT ON COLUMN @extschema@.benefit.description IS 'what the benefit is, e.g. infrastructure convergence';
COMMENT ON COLUMN @extschema@.benefit.authorised_by IS 'the made budget or variation decision behind a change after execution';
CREATE INDEX benefit_agreement_year ON @extschema@.benefit (agreement_id, fiscal_year);

-- triggers/benefit.c, rule benefit_force_party
CREATE FUNCTION @extschema@.benefit_force_party() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_benefit_force_party' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.benefit_force_party() IS
    'trigger benefit_force_party: a benefit credited to a force names a force with a party to the agreement';
REVOKE EXECUTE ON FUNCTION @extschema@.benefit_force_party() FROM PUBLIC;
CREATE TRIGGER benefit_force_party
    BEFORE INSERT OR UPDATE ON @extschema@.benefit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.benefit_force_party();

-- triggers/benefit.c, rule cost_terms_sealed: the plan is sealed like a
-- budget; the realised figure may be recorded once without a decision.
CREATE FUNCTION @extschema@.benefit_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_benefit_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.benefit_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by (except recording realised the first time), and a DELETE follows such an UPDATE in the same transaction; adding a plan needs no decision';
REVOKE EXECUTE ON FUNCTION @extschema@.benefit_sealed() FROM PUBLIC;
CREATE TRIGGER benefit_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.benefit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.benefit_sealed();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.benefit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.benefit_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.benefit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.benefit
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.benefit
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
