
-- ===========================================================================
-- Decisions (doc/decisions.md): governance decisions on an agreement
-- ===========================================================================

CREATE TABLE @extschema@.decision (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    kind @extschema@.decision_kind NOT NULL,
    title text NOT NULL,
    proposed_on date NOT NULL DEFAULT current_date,
    meeting_on date,
    notice_given_on date,
    new_expiry date,
    state @extschema@.decision_state NOT NULL DEFAULT 'proposed',
    made_on date,
    CONSTRAINT decision_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT decision_dates_in_range CHECK (
        proposed_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND meeting_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND notice_given_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND new_expiry BETWEEN '1900-04-01' AND '9999-03-31'
        AND made_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.decision IS 'a governance decision on an agreement';
COMMENT ON COLUMN @extschema@.decision.id IS 'internal key';
COMMENT ON COLUMN @extschema@.decision.agreement_id IS 'the agreement decided on';
COMMENT ON COLUMN @extschema@.decision.kind IS 'in_principle, renewal, variation, termination, budget or membership';
COMMENT ON COLUMN @extschema@.decision.title IS 'what is decided';
COMMENT ON COLUMN @extschema@.decision.proposed_on IS 'the day it was proposed; the decision date when there is no meeting';
COMMENT ON COLUMN @extschema@.decision.meeting_on IS 'the meeting that takes it; NULL = outside the meeting programme';
COMMENT ON COLUMN @extschema@.decision.notice_given_on IS 'the day the parties were told of the business in writing';
COMMENT ON COLUMN @extschema@.decision.new_expiry IS 'renewal: the new last day of the term; termination: the last day in force';
COMMENT ON COLUMN @extschema@.decision.state IS 'proposed, made, rejected or withdrawn';
COMMENT ON COLUMN @extschema@.decision.made_on IS 'the day it was made';

-- the made decision that authorises a change to an executed agreement or
-- its membership (the sealing rules, 40_agreement.sql, 41_agreement_party.sql)
ALTER TABLE @extschema@.agreement
    ADD FOREIGN KEY (authorised_by) REFERENCES @extschema@.decision;
ALTER TABLE @extschema@.agreement_party
    ADD FOREIGN KEY (authorised_by) REFERENCES @extschema@.decision;
ALTER TABLE @extschema@.withdrawal
    ADD FOREIGN KEY (authorised_by) REFERENCES @extschema@.decision;

-- effective_expiry (51_term.sql) reads an agreement's made renewals and
-- terminations in the order they were made.
-- One agreement's decisions (the consent rules, outstanding_consents, the
-- cost shares' term) without reading every decision of the register.
CREATE INDEX decision_agreement ON @extschema@.decision (agreement_id);
CREATE INDEX decision_term_events ON @extschema@.decision (agreement_id, made_on, id)
    WHERE state = 'made' AND kind IN ('renewal', 'termination');

-- Whether a decision may be made: the rules are C (src/rules/decision.c,
-- consent.c, notice.c, vote.c): Seven Force agreement, clauses 3.3-3.5 and
-- 6.2; Single Online Home paper, 4.3-4.4.  consent_required, consent_missing: 53_consent.sql; vote_result:
-- 55_vote.sql.
CREATE FUNCTION @extschema@.decision_check(decision_id bigint)
    RETURNS TABLE (rule text, ok boolean, detail text)
    AS 'MODULE_PATHNAME', 's22a_decision_check' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 6
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.decision_check(bigint) IS
    'one row per rule a decision must meet to be made: consent, written_form, notice, new_expiry, term_change_in_time, vote; ok and a sentence saying why';

CREATE FUNCTION @extschema@.decision_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'decision_rules' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.decision_rules() IS
    'trigger: a decision is made only when decision_check passes (23514 naming the rule), is final once made, and is never deleted';
REVOKE EXECUTE ON FUNCTION @extschema@.decision_rules() FROM PUBLIC;
CREATE TRIGGER decision_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.decision_rules();
CREATE TRIGGER decision_kept
    BEFORE TRUNCATE ON @extschema@.decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.decision_rules();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.decision
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
