
-- ===========================================================================
-- today(): the day the reports take as "today" (src/functions/today.c)
-- ===========================================================================
-- SET s22a.today = '2026-03-31' makes every report answer as at that day
-- (doc/reports.md, "As at another day"); RESET s22a.today goes back to
-- current_date.  The rules never read it.
CREATE FUNCTION @extschema@.today() RETURNS date
    AS 'MODULE_PATHNAME', 's22a_today'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.today() IS
    'the day the reports take as today: the session setting s22a.today when set, else current_date; the rules never read it';
