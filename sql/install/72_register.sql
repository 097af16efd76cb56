
-- ===========================================================================
-- Reporting views (doc/reports.md): glue over term_status(), effective_expiry(),
-- forces_on() and consent_missing(), which hold the rules.
-- Choices made for reporting tools (doc/reports.md):
--   - enums are shown as text (term status, decision kind): every BI driver
--     reads text, not all of them read PostgreSQL enums;
--   - forces are one text column, codes in byte order joined by ', ' (the
--     order and separator of the apportionment type), not an array, which
--     ODBC drivers and spreadsheets show as "{BED,CAM}";
--   - "today" is current_date of the session's time zone.
-- ===========================================================================

-- the register as it stands today
CREATE VIEW @extschema@.register AS
SELECT a.id AS agreement_id,
       a.ref,
       a.title,
       parent.ref AS parent_ref,
       a.lead_force::text AS lead_force,
       (SELECT pg_catalog.string_agg(f, ', ' ORDER BY f COLLATE "C")
          FROM @extschema@.forces_on(a.id, CURRENT_DATE) AS f) AS forces_today,
       @extschema@.term_status(a.id, CURRENT_DATE)::text AS status_today,
       a.commences_on,
       @extschema@.effective_expiry(a.id) AS effective_expiry,
       CASE WHEN a.review_on >= CURRENT_DATE THEN a.review_on END AS next_review,
       a.executed_on
FROM @extschema@.agreement AS a
LEFT JOIN @extschema@.agreement AS parent ON parent.id = a.parent_id;
COMMENT ON VIEW @extschema@.register IS
    'one row per agreement or annex, as it stands today: parties'' forces, term status, dates';
COMMENT ON COLUMN @extschema@.register.agreement_id IS 'internal key of the agreement (joins to decision.agreement_id)';
COMMENT ON COLUMN @extschema@.register.ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.register.title IS 'its title';
COMMENT ON COLUMN @extschema@.register.parent_ref IS 'for an annex (business-area service specification): the umbrella agreement''s reference; empty otherwise';
COMMENT ON COLUMN @extschema@.register.lead_force IS 'the lead (host) force''s code, if any';
COMMENT ON COLUMN @extschema@.register.forces_today IS
    'the forces with a party to the agreement today, codes in order, comma-separated (e.g. BED, CAM, HER); empty when none';
COMMENT ON COLUMN @extschema@.register.status_today IS
    'the term status today: draft (not executed), pending (executed, not yet commenced), in_force, expired or terminated';
COMMENT ON COLUMN @extschema@.register.commences_on IS 'the day it comes into force';
COMMENT ON COLUMN @extschema@.register.effective_expiry IS
    'the last day in force: the signed expiry moved by the latest made renewal, or the last day set by a made termination; empty when open ended';
COMMENT ON COLUMN @extschema@.register.next_review IS
    'the review date when it is today or later; empty when there is none or it has passed (the past date stays in agreement.review_on)';
COMMENT ON COLUMN @extschema@.register.executed_on IS 'the day the parties executed it; empty while a draft';
