
-- ===========================================================================
-- The register: membership of agreements
-- ===========================================================================

CREATE TABLE @extschema@.agreement_party (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    joins_on date,
    leaves_on date,
    signed_on date,
    declared_on date,
    authorised_by bigint,		-- REFERENCES decision, added in 50_decision.sql
    PRIMARY KEY (agreement_id, party_code),
    CONSTRAINT agreement_party_leaves_after_joining
        CHECK (leaves_on IS NULL OR joins_on IS NULL OR leaves_on > joins_on),
    CONSTRAINT agreement_party_dates_in_range CHECK (
        joins_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND leaves_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND signed_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND declared_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.agreement_party IS 'membership of an agreement over time';
COMMENT ON COLUMN @extschema@.agreement_party.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.agreement_party.party_code IS 'the party';
COMMENT ON COLUMN @extschema@.agreement_party.joins_on IS 'first day as a party; NULL = from commencement';
COMMENT ON COLUMN @extschema@.agreement_party.leaves_on IS 'first day no longer a party; NULL = still a party';
COMMENT ON COLUMN @extschema@.agreement_party.signed_on IS 'the day the party executed the agreement';
COMMENT ON COLUMN @extschema@.agreement_party.declared_on IS
    'the day the party recorded that the agreement is in the interests of efficiency or effectiveness (s22A(3))';
COMMENT ON COLUMN @extschema@.agreement_party.authorised_by IS 'the made membership decision behind a change after execution';

-- Membership on a date (src/rules/membership.c): joins_on (NULL: commencement) up to,
-- not including, leaves_on or a withdrawal's effective_on.
CREATE FUNCTION @extschema@.parties_on(agreement_id bigint, on_date date)
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_parties_on' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 14
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.parties_on(bigint, date) IS
    'the parties to the agreement on the date, in code order';
CREATE FUNCTION @extschema@.forces_on(agreement_id bigint, on_date date)
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_forces_on' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 7
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.forces_on(bigint, date) IS
    'the forces with a party to the agreement on the date, in code order';

-- Register rules (src/triggers/, 40_agreement.sql)
CREATE FUNCTION @extschema@.membership_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_membership_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.membership_sealed() IS
    'trigger: the membership of an executed agreement changes only by a made membership decision cited in authorised_by; no delete';
REVOKE EXECUTE ON FUNCTION @extschema@.membership_sealed() FROM PUBLIC;
CREATE TRIGGER membership_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.agreement_party
    FOR EACH ROW EXECUTE FUNCTION @extschema@.membership_sealed();

-- also fired by withdrawals (42_withdrawal.sql)
CREATE FUNCTION @extschema@.statutory_shape() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_statutory_shape' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.statutory_shape() IS
    'trigger: Police Act 1996 s22A(1), (3), (5), s23C(6): at least one policing body (two without an other party), every chief officer with its policing body, on every membership date of an executed agreement';
REVOKE EXECUTE ON FUNCTION @extschema@.statutory_shape() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER statutory_shape
    AFTER INSERT OR UPDATE OR DELETE ON @extschema@.agreement_party
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.statutory_shape();

-- a party signs and declares for itself (32_party_member.sql)
ALTER TABLE @extschema@.agreement_party ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON @extschema@.agreement_party FOR SELECT USING (true);
CREATE POLICY own_party_insert ON @extschema@.agreement_party FOR INSERT
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_update ON @extschema@.agreement_party FOR UPDATE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text))
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_delete ON @extschema@.agreement_party FOR DELETE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text));
COMMENT ON POLICY readable ON @extschema@.agreement_party IS
    'everyone with SELECT reads every row: the rule triggers read through SPI as the invoking user';
COMMENT ON POLICY own_party_insert ON @extschema@.agreement_party IS
    'a new row must be for a party the role acts for (party_member), unless the role is a clerk';
COMMENT ON POLICY own_party_update ON @extschema@.agreement_party IS
    'only rows of a party the role acts for, and they stay that party''s, unless the role is a clerk';
COMMENT ON POLICY own_party_delete ON @extschema@.agreement_party IS
    'only rows of a party the role acts for, unless the role is a clerk (the rules refuse most deletes anyway)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.agreement_party', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.agreement_party
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.agreement_party
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.agreement_party
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
