
-- ===========================================================================
-- Governance records (doc/governance.md): local decisions after an
-- in-principle decision (Seven Force agreement, Schedule A 1.3 and 4.2: the
-- Summit decides in principle; each party then decides within its own
-- scheme of governance)
-- ===========================================================================

CREATE TYPE @extschema@.local_decision_outcome AS ENUM ('approved', 'rejected');
COMMENT ON TYPE @extschema@.local_decision_outcome IS
    'what a party decided locally on an in-principle decision: approved or rejected';

CREATE TABLE @extschema@.local_decision (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    decided_on date NOT NULL,
    record_ref text,
    outcome @extschema@.local_decision_outcome NOT NULL,
    PRIMARY KEY (decision_id, party_code),
    CONSTRAINT local_decision_decided_on_in_range CHECK (decided_on BETWEEN '1900-04-01' AND '9999-03-31'),
    CONSTRAINT local_decision_record_ref_length CHECK (char_length(record_ref) BETWEEN 1 AND 64)
);
COMMENT ON TABLE @extschema@.local_decision IS
    'a party''s own decision giving effect to (or rejecting) a made in-principle decision it was bound by';
COMMENT ON COLUMN @extschema@.local_decision.decision_id IS 'the made in_principle decision';
COMMENT ON COLUMN @extschema@.local_decision.party_code IS 'the party deciding: one whose consent the decision required (consent_required)';
COMMENT ON COLUMN @extschema@.local_decision.decided_on IS 'the day the party decided, from the in-principle decision''s made_on to today';
COMMENT ON COLUMN @extschema@.local_decision.record_ref IS 'the party''s own decision record, e.g. CPCC2019-009';
COMMENT ON COLUMN @extschema@.local_decision.outcome IS 'approved or rejected; either is a decision taken, no longer outstanding';

-- The rules are C (src/rules/local_decision.c, src/triggers/local_decision.c).
CREATE FUNCTION @extschema@.local_decision_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'local_decision_rules' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.local_decision_rules() IS
    'trigger: a local decision follows a made in_principle decision, by a party it required the consent of, dated from its made_on to today; never deleted';
REVOKE EXECUTE ON FUNCTION @extschema@.local_decision_rules() FROM PUBLIC;
CREATE TRIGGER local_decision_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.local_decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.local_decision_rules();
CREATE TRIGGER local_decision_kept
    BEFORE TRUNCATE ON @extschema@.local_decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.local_decision_rules();

-- a party records its own local decision (32_party_member.sql)
ALTER TABLE @extschema@.local_decision ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON @extschema@.local_decision FOR SELECT USING (true);
CREATE POLICY own_party_insert ON @extschema@.local_decision FOR INSERT
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_update ON @extschema@.local_decision FOR UPDATE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text))
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_delete ON @extschema@.local_decision FOR DELETE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text));
COMMENT ON POLICY readable ON @extschema@.local_decision IS
    'everyone with SELECT reads every row';
COMMENT ON POLICY own_party_insert ON @extschema@.local_decision IS
    'a new row must be for a party the role acts for (party_member), unless the role is a clerk';
COMMENT ON POLICY own_party_update ON @extschema@.local_decision IS
    'only rows of a party the role acts for, and they stay that party''s, unless the role is a clerk';
COMMENT ON POLICY own_party_delete ON @extschema@.local_decision IS
    'only rows of a party the role acts for, unless the role is a clerk (the rules refuse deletes anyway)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.local_decision', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.local_decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.local_decision
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.local_decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- for every made in-principle decision, each party it bound that has not
-- yet decided locally (approved or rejected)
CREATE VIEW @extschema@.local_decisions_outstanding AS
SELECT a.ref AS agreement_ref,
       d.id AS decision_id,
       d.title,
       r.party_code,
       d.made_on AS waiting_since
FROM @extschema@.decision AS d
JOIN @extschema@.agreement AS a ON a.id = d.agreement_id
CROSS JOIN LATERAL @extschema@.consent_required(d.id) AS r(party_code)
WHERE d.state = 'made' AND d.kind = 'in_principle'
  AND NOT EXISTS (SELECT 1 FROM @extschema@.local_decision AS l
                   WHERE l.decision_id = d.id AND l.party_code = r.party_code);
COMMENT ON VIEW @extschema@.local_decisions_outstanding IS
    'for every made in-principle decision, each party whose consent it required and that has recorded no local decision on it yet';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.agreement_ref IS 'the agreement decided on';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.decision_id IS 'the in-principle decision''s key';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.title IS 'what was decided in principle';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.party_code IS 'a party still to decide locally';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.waiting_since IS 'the day the in-principle decision was made';
