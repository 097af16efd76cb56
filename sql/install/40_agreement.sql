
-- ===========================================================================
-- The register: agreements
-- ===========================================================================

-- Register dates lie within the financial years 1900/01 to 9998/99, so every
-- date has a fiscal_year and no date is infinite (here and in the other
-- register tables).
CREATE TABLE @extschema@.agreement (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref text UNIQUE NOT NULL,
    title text NOT NULL,
    parent_id bigint REFERENCES @extschema@.agreement,
    lead_force @extschema@.party_code REFERENCES @extschema@.force,
    commences_on date NOT NULL,
    expires_on date,
    review_on date,
    withdrawal_notice interval,
    published_at text,
    executed_on date,
    authorised_by bigint,		-- REFERENCES decision, added in 50_decision.sql
    CONSTRAINT agreement_term_order CHECK (expires_on IS NULL OR expires_on >= commences_on),
    CONSTRAINT agreement_notice_not_negative CHECK (withdrawal_notice IS NULL OR withdrawal_notice >= interval '0'),
    CONSTRAINT agreement_ref_length CHECK (char_length(ref) BETWEEN 1 AND 64),
    CONSTRAINT agreement_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT agreement_published_at_length CHECK (char_length(published_at) <= 2000),
    CONSTRAINT agreement_dates_in_range CHECK (
        commences_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND expires_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND review_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND executed_on BETWEEN '1900-04-01' AND '9999-03-31'),
    CONSTRAINT agreement_notice_finite CHECK (isfinite(withdrawal_notice) AND withdrawal_notice < interval '100 years')
);
COMMENT ON TABLE @extschema@.agreement IS
    'a collaboration agreement under s22A Police Act 1996, or an annex (business-area service specification) of one';
COMMENT ON COLUMN @extschema@.agreement.id IS 'internal key';
COMMENT ON COLUMN @extschema@.agreement.ref IS 'the agreement''s reference, unique';
COMMENT ON COLUMN @extschema@.agreement.title IS 'its title';
COMMENT ON COLUMN @extschema@.agreement.parent_id IS 'the umbrella agreement this annex belongs to';
COMMENT ON COLUMN @extschema@.agreement.lead_force IS 'the lead (host) force, if any';
COMMENT ON COLUMN @extschema@.agreement.commences_on IS 'the day it comes into force';
COMMENT ON COLUMN @extschema@.agreement.expires_on IS 'the last day of the term as signed; NULL when open ended';
COMMENT ON COLUMN @extschema@.agreement.review_on IS 'the review date';
COMMENT ON COLUMN @extschema@.agreement.withdrawal_notice IS 'notice a party must give to withdraw, e.g. 12 months';
COMMENT ON COLUMN @extschema@.agreement.published_at IS 'where the agreement is published';
COMMENT ON COLUMN @extschema@.agreement.executed_on IS 'the day the parties executed it; NULL while a draft';
COMMENT ON COLUMN @extschema@.agreement.authorised_by IS 'the made decision that authorises the latest change to an executed agreement';

-- An umbrella agreement's annexes (register view, reports).
CREATE INDEX agreement_parent ON @extschema@.agreement (parent_id) WHERE parent_id IS NOT NULL;

-- Register rules (src/triggers/agreement.c and the rules in src/rules/).  Each refusal is SQLSTATE 23514 with the
-- rule's name as the constraint name; see doc/register.md.  The checks that
-- read membership are constraint triggers fired after the statement, so one
-- INSERT may add a chief officer with its policing body, and
-- SET CONSTRAINTS ... DEFERRED moves them to commit.
CREATE FUNCTION @extschema@.agreement_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_agreement_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.agreement_sealed() IS
    'trigger: after execution, terms change only by a made variation, renewal or termination decision cited in authorised_by; executed_on is final; no delete';
REVOKE EXECUTE ON FUNCTION @extschema@.agreement_sealed() FROM PUBLIC;
CREATE TRIGGER agreement_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.agreement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.agreement_sealed();

CREATE FUNCTION @extschema@.agreement_execution() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_agreement_execution' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.agreement_execution() IS
    'trigger: setting executed_on needs every party on commencement signed and declared by that day, the lead force among the parties'' forces, and the statutory shape';
REVOKE EXECUTE ON FUNCTION @extschema@.agreement_execution() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER agreement_execution
    AFTER INSERT OR UPDATE ON @extschema@.agreement
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.agreement_execution();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.agreement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agreement_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.agreement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.agreement
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.agreement
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
