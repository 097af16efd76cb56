
-- ===========================================================================
-- Reporting views (doc/reports.md): glue over term_status(), effective_expiry(),
-- forces_on() and consent_missing(), which hold the rules.
-- Choices made for reporting tools (doc/reports.md):
--   - enums are shown as text (term status, decision kind): every BI driver
--     reads text, not all of them read PostgreSQL enums;
--   - forces are one text column, codes in byte order joined by ', ' (the
--     order and separator of the apportionment type), not an array, which
--     ODBC drivers and spreadsheets show as "{BED,CAM}";
--   - "today" is s22a.today(): current_date, or the session setting
--     s22a.today for a report as at another day (15_today.sql).
-- ===========================================================================

-- The next review date: the latest review's next_review_on (80_review.sql;
-- NULL when that review set none), else the review date as signed.
-- PL/pgSQL because the review table is created after the register (part 80).
CREATE FUNCTION @extschema@.next_review_date(agreement_id bigint) RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $next_review_date$
DECLARE
    latest record;
BEGIN
    SELECT r.next_review_on INTO latest
      FROM review r
     WHERE r.agreement_id = next_review_date.agreement_id
     ORDER BY r.held_on DESC, r.id DESC
     LIMIT 1;
    IF FOUND THEN
        RETURN latest.next_review_on;
    END IF;
    RETURN (SELECT a.review_on FROM agreement a WHERE a.id = next_review_date.agreement_id);
END
$next_review_date$;
COMMENT ON FUNCTION @extschema@.next_review_date(bigint) IS
    'the agreement''s next review date: the next_review_on of its latest review (by held_on), else agreement.review_on as signed; NULL when none';

-- the register as it stands today
CREATE VIEW @extschema@.register AS
SELECT a.id AS agreement_id,
       a.ref,
       a.title,
       parent.ref AS parent_ref,
       a.lead_force::text AS lead_force,
       (SELECT pg_catalog.string_agg(f, ', ' ORDER BY f COLLATE "C")
          FROM @extschema@.forces_on(a.id, @extschema@.today()) AS f) AS forces_today,
       @extschema@.term_status(a.id, @extschema@.today())::text AS status_today,
       a.commences_on,
       @extschema@.effective_expiry(a.id) AS effective_expiry,
       CASE WHEN r.next_review >= @extschema@.today() THEN r.next_review END AS next_review,
       a.executed_on,
       coalesce(@extschema@.term_status(a.id, @extschema@.today()) = 'in_force'
                AND r.next_review < @extschema@.today(), false) AS review_overdue
FROM @extschema@.agreement AS a
LEFT JOIN @extschema@.agreement AS parent ON parent.id = a.parent_id
CROSS JOIN LATERAL (SELECT @extschema@.next_review_date(a.id) AS next_review) AS r;
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
    'the next review date (next_review_date: the latest review''s next_review_on, else review_on) when it is today or later; empty when there is none or it has passed (then review_overdue says so for an agreement in force)';
COMMENT ON COLUMN @extschema@.register.executed_on IS 'the day the parties executed it; empty while a draft';
COMMENT ON COLUMN @extschema@.register.review_overdue IS
    'true when the agreement is in force today and its next review date (next_review_date) has passed with no review recorded since';
