
-- ===========================================================================
-- Decisions: consent, who must give it and in what form (src/rules/consent.c)
-- ===========================================================================

CREATE TABLE @extschema@.consent (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    given_on date NOT NULL,
    form @extschema@.consent_form NOT NULL,
    reference text,
    PRIMARY KEY (decision_id, party_code),
    CONSTRAINT consent_given_on_in_range CHECK (given_on BETWEEN '1900-04-01' AND '9999-03-31'),
    CONSTRAINT consent_reference_length CHECK (char_length(reference) <= 200),
    voided_on date,
    CONSTRAINT consent_voided_on_in_range CHECK (voided_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.consent IS 'a party''s consent to a decision';
COMMENT ON COLUMN @extschema@.consent.decision_id IS 'the decision';
COMMENT ON COLUMN @extschema@.consent.party_code IS 'the consenting party';
COMMENT ON COLUMN @extschema@.consent.given_on IS 'the day consent was given';
COMMENT ON COLUMN @extschema@.consent.form IS 'meeting, letter, memo, email or decision_notice';
COMMENT ON COLUMN @extschema@.consent.reference IS 'the document, e.g. decision record CPCC2019-007';
COMMENT ON COLUMN @extschema@.consent.voided_on IS 'the day the consent stopped counting: withdrawn by the party, or the decision changed after it was given; NULL = it counts';

CREATE FUNCTION @extschema@.consent_required(decision_id bigint) RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_consent_required' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 14
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.consent_required(bigint) IS
    'the parties whose consent the decision needs, in code order: every party on the decision date for a renewal, variation, termination or membership decision and for any decision outside a meeting; otherwise the members it materially affects (decision_impact)';

CREATE FUNCTION @extschema@.consent_missing(decision_id bigint) RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_consent_missing' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 14
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.consent_missing(bigint) IS
    'required parties without a counting consent: none recorded, or only at a meeting where written consent is needed';

-- consent_rules fires for every row of a bulk load: it pins search_path in C
-- around its cache-miss queries (src/triggers/decision_children.c), not with a SET clause
CREATE FUNCTION @extschema@.consent_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'consent_rules' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.consent_rules() IS
    'trigger: only a member on the decision date may consent; consents of a made decision are final; consents are never deleted';
REVOKE EXECUTE ON FUNCTION @extschema@.consent_rules() FROM PUBLIC;
CREATE TRIGGER consent_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.consent
    FOR EACH ROW EXECUTE FUNCTION @extschema@.consent_rules();
CREATE TRIGGER consent_kept
    BEFORE TRUNCATE ON @extschema@.consent
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.consent_rules();

-- a party consents for itself (32_party_member.sql)
ALTER TABLE @extschema@.consent ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON @extschema@.consent FOR SELECT USING (true);
CREATE POLICY own_party_insert ON @extschema@.consent FOR INSERT
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_update ON @extschema@.consent FOR UPDATE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text))
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_delete ON @extschema@.consent FOR DELETE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text));
COMMENT ON POLICY readable ON @extschema@.consent IS
    'everyone with SELECT reads every row: the rule triggers read through SPI as the invoking user';
COMMENT ON POLICY own_party_insert ON @extschema@.consent IS
    'a new row must be for a party the role acts for (party_member), unless the role is a clerk';
COMMENT ON POLICY own_party_update ON @extschema@.consent IS
    'only rows of a party the role acts for, and they stay that party''s, unless the role is a clerk';
COMMENT ON POLICY own_party_delete ON @extschema@.consent IS
    'only rows of a party the role acts for, unless the role is a clerk (the rules refuse most deletes anyway)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.consent', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.consent
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.consent
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.consent
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
