
-- ===========================================================================
-- Working days (England and Wales): clear-day counting over bank_holiday.
-- Not search_path pinned: see "Residual" in doc/security.md.
-- ===========================================================================

CREATE FUNCTION @extschema@.is_working_day(date) RETURNS boolean
    AS 'MODULE_PATHNAME', 's22a_is_working_day_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_working_day(date) IS
    'true for Monday to Friday when the day is not in bank_holiday';

CREATE FUNCTION @extschema@.working_days_between(a date, b date) RETURNS int
    AS 'MODULE_PATHNAME', 's22a_working_days_between_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.working_days_between(date, date) IS
    'clear working days: the working days d with a < d < b (neither end counts); 0 when there are none';

CREATE FUNCTION @extschema@.add_working_days(d date, n int) RETURNS date
    AS 'MODULE_PATHNAME', 's22a_add_working_days_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_working_days(date, int) IS
    'the n-th working day after d (n > 0), the |n|-th before it (n < 0), or d itself (n = 0)';

CREATE FUNCTION @extschema@.notice_deadline(meeting date, clear_days int DEFAULT 2) RETURNS date
    AS 'MODULE_PATHNAME', 's22a_notice_deadline_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.notice_deadline(date, int) IS
    'the latest day notice can be given and still leave clear_days clear working days before the meeting (Seven Force agreement, clause 3.4: two)';
