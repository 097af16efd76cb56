
-- ===========================================================================
-- Reporting: the consents proposed decisions still need
-- ===========================================================================

CREATE VIEW @extschema@.outstanding_consents AS
SELECT d.id AS decision_id,
       d.title AS decision_title,
       d.kind::text AS kind,
       a.ref AS agreement_ref,
       coalesce(d.meeting_on, d.proposed_on) AS decision_date,
       d.meeting_on,
       m.party_code,
       p.title AS party_title
FROM @extschema@.decision AS d
JOIN @extschema@.agreement AS a ON a.id = d.agreement_id
CROSS JOIN LATERAL @extschema@.consent_missing(d.id) AS m(party_code)
JOIN @extschema@.party AS p ON p.code = m.party_code
WHERE d.state = 'proposed';
COMMENT ON VIEW @extschema@.outstanding_consents IS
    'for every proposed decision, each party whose consent it still needs (one row per decision and party)';
COMMENT ON COLUMN @extschema@.outstanding_consents.decision_id IS 'the decision''s key';
COMMENT ON COLUMN @extschema@.outstanding_consents.decision_title IS 'what is to be decided';
COMMENT ON COLUMN @extschema@.outstanding_consents.kind IS 'in_principle, renewal, variation, termination, budget or membership';
COMMENT ON COLUMN @extschema@.outstanding_consents.agreement_ref IS 'the agreement decided on';
COMMENT ON COLUMN @extschema@.outstanding_consents.decision_date IS
    'the meeting date, or the proposal date for a decision outside the meeting programme: the parties on this day are the ones whose consent counts';
COMMENT ON COLUMN @extschema@.outstanding_consents.meeting_on IS 'the meeting; empty for a decision outside the meeting programme (written consent needed)';
COMMENT ON COLUMN @extschema@.outstanding_consents.party_code IS 'a party whose counting consent is missing';
COMMENT ON COLUMN @extschema@.outstanding_consents.party_title IS 'that party''s title, e.g. Police and Crime Commissioner for Cambridgeshire';
