
-- ===========================================================================
-- The register: withdrawals on notice
-- ===========================================================================

CREATE TABLE @extschema@.withdrawal (
    agreement_id bigint NOT NULL,
    party_code @extschema@.party_code NOT NULL,
    notice_given_on date NOT NULL,
    effective_on date NOT NULL,
    authorised_by bigint,		-- REFERENCES decision, added in 50_decision.sql
    PRIMARY KEY (agreement_id, party_code),
    FOREIGN KEY (agreement_id, party_code) REFERENCES @extschema@.agreement_party,
    CONSTRAINT withdrawal_dates_in_range CHECK (
        notice_given_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND effective_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.withdrawal IS 'a party leaving an agreement on notice';
COMMENT ON COLUMN @extschema@.withdrawal.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.withdrawal.party_code IS 'the party withdrawing';
COMMENT ON COLUMN @extschema@.withdrawal.notice_given_on IS 'the day written notice was given';
COMMENT ON COLUMN @extschema@.withdrawal.effective_on IS 'the first day the party is no longer a party';
COMMENT ON COLUMN @extschema@.withdrawal.authorised_by IS
    'the made membership or variation decision that authorises a withdrawal needing one: from an agreement with no withdrawal_notice (committed for the term), or taking effect in an ended financial year';

-- Register rules (src/triggers/, 40_agreement.sql)
CREATE FUNCTION @extschema@.withdrawal_notice() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_withdrawal_notice' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.withdrawal_notice() IS
    'trigger: effective_on is at least notice_given_on + the agreement''s withdrawal_notice (and after notice_given_on); with no withdrawal_notice, or effective in an ended financial year (when recorded, moved or removed), authorised_by cites a made membership or variation decision';
REVOKE EXECUTE ON FUNCTION @extschema@.withdrawal_notice() FROM PUBLIC;
CREATE TRIGGER withdrawal_notice
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.withdrawal
    FOR EACH ROW EXECUTE FUNCTION @extschema@.withdrawal_notice();

CREATE FUNCTION @extschema@.withdrawal_pairing() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_withdrawal_pairing' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.withdrawal_pairing() IS
    'trigger: only a member party gives notice; a policing body cannot withdraw before the chief officer of its force';
REVOKE EXECUTE ON FUNCTION @extschema@.withdrawal_pairing() FROM PUBLIC;
-- withdrawal_pairing is named to fire before withdrawal_statutory_shape, so
-- a withdrawal that strands a chief officer is reported as such.
CREATE CONSTRAINT TRIGGER withdrawal_pairing
    AFTER INSERT OR UPDATE ON @extschema@.withdrawal
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.withdrawal_pairing();
-- statutory_shape(): 41_agreement_party.sql
CREATE CONSTRAINT TRIGGER withdrawal_statutory_shape
    AFTER INSERT OR UPDATE OR DELETE ON @extschema@.withdrawal
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.statutory_shape();

-- a party gives notice for itself (32_party_member.sql)
ALTER TABLE @extschema@.withdrawal ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON @extschema@.withdrawal FOR SELECT USING (true);
CREATE POLICY own_party_insert ON @extschema@.withdrawal FOR INSERT
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_update ON @extschema@.withdrawal FOR UPDATE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text))
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_delete ON @extschema@.withdrawal FOR DELETE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text));
COMMENT ON POLICY readable ON @extschema@.withdrawal IS
    'everyone with SELECT reads every row: the rule triggers read through SPI as the invoking user';
COMMENT ON POLICY own_party_insert ON @extschema@.withdrawal IS
    'a new row must be for a party the role acts for (party_member), unless the role is a clerk';
COMMENT ON POLICY own_party_update ON @extschema@.withdrawal IS
    'only rows of a party the role acts for, and they stay that party''s, unless the role is a clerk';
COMMENT ON POLICY own_party_delete ON @extschema@.withdrawal IS
    'only rows of a party the role acts for, unless the role is a clerk (the rules refuse most deletes anyway)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.withdrawal', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.withdrawal
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.withdrawal
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.withdrawal
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
