
-- ===========================================================================
-- Bank holidays of England and Wales: the calendar the working-day
-- functions count by (22_working_days.sql)
-- ===========================================================================

CREATE TABLE @extschema@.bank_holiday (
    day date PRIMARY KEY,
    name text NOT NULL,
    shipped boolean NOT NULL DEFAULT false,
    CONSTRAINT bank_holiday_name_length CHECK (char_length(name) BETWEEN 1 AND 200)
);
COMMENT ON TABLE @extschema@.bank_holiday IS
    'bank holidays in England and Wales; filled for 1990-2060 by CREATE EXTENSION, administrators add or remove days as they are announced';
COMMENT ON COLUMN @extschema@.bank_holiday.day IS 'the holiday';
COMMENT ON COLUMN @extschema@.bank_holiday.name IS 'its name, e.g. Easter Monday';
COMMENT ON COLUMN @extschema@.bank_holiday.shipped IS
    'true for the rows CREATE EXTENSION put there; pg_dump keeps only the rest';

CREATE FUNCTION @extschema@.statutory_bank_holidays(from_year int, to_year int)
    RETURNS TABLE (day date, name text)
    AS 'MODULE_PATHNAME', 's22a_statutory_bank_holidays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    ROWS 8;
COMMENT ON FUNCTION @extschema@.statutory_bank_holidays(int, int) IS
    'the bank holidays of England and Wales computed from the statutory pattern (Easter by the Gregorian computus, substitute weekdays) and the one-off proclamations, for years 1978 to 9999; CREATE EXTENSION fills bank_holiday from it';

CREATE FUNCTION @extschema@.easter_sunday(year int) RETURNS date
    AS 'MODULE_PATHNAME', 's22a_easter_sunday' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.easter_sunday(int) IS
    'Easter Sunday of a year by the Gregorian computus, e.g. 2016 -> 2016-03-27';

-- the shipped calendar: 1990 to 2060
INSERT INTO @extschema@.bank_holiday (day, name, shipped)
    SELECT h.day, h.name, true FROM @extschema@.statutory_bank_holidays(1990, 2060) AS h;

-- every change to the table drops the per-backend holiday caches
CREATE FUNCTION @extschema@.bank_holiday_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'bank_holiday_changed' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.bank_holiday_changed() IS
    'trigger: any change to bank_holiday invalidates the cached holiday calendar in every session';
REVOKE EXECUTE ON FUNCTION @extschema@.bank_holiday_changed() FROM PUBLIC;
CREATE TRIGGER bank_holiday_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.bank_holiday
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.bank_holiday_changed();
-- also under session_replication_role = replica (a restore, a logical
-- replication subscriber): it only drops caches, and a stale calendar is wrong
ALTER TABLE @extschema@.bank_holiday ENABLE ALWAYS TRIGGER bank_holiday_changed;

-- Administrators' changes to the shipped calendar must survive pg_dump,
-- which writes only the rows with shipped = false (a restore gets the
-- shipped ones from CREATE EXTENSION):
--   - editing a shipped row makes it the administrator's (shipped = false),
--     so it is dumped; it then replaces the shipped row of the same day on
--     restore instead of colliding with it;
--   - removing a shipped day (by DELETE, or by moving it with UPDATE) leaves
--     a row in bank_holiday_removed, which is dumped; restoring that row
--     takes the shipped day out again;
--   - adding a day back clears its removal.
-- The triggers are ENABLE ALWAYS so they also act during a restore run with
-- session_replication_role = replica (doc/reliability.md).
CREATE TABLE @extschema@.bank_holiday_removed (
    day date PRIMARY KEY,
    removed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.bank_holiday_removed IS
    'shipped bank holidays an administrator removed; kept so a dump and restore does not bring them back';
COMMENT ON COLUMN @extschema@.bank_holiday_removed.day IS 'the shipped holiday removed';
COMMENT ON COLUMN @extschema@.bank_holiday_removed.removed_at IS 'when it was removed';

CREATE FUNCTION @extschema@.bank_holiday_keep_changes() RETURNS trigger
LANGUAGE plpgsql SET search_path = @extschema@, pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.shipped THEN
            INSERT INTO bank_holiday_removed (day) VALUES (OLD.day) ON CONFLICT DO NOTHING;
        END IF;
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.shipped THEN
        NEW.shipped := false;
        IF NEW.day <> OLD.day THEN
            INSERT INTO bank_holiday_removed (day) VALUES (OLD.day) ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' AND NOT NEW.shipped THEN
        -- the administrator's row for a day wins over the shipped one
        DELETE FROM bank_holiday WHERE day = NEW.day AND shipped;
    END IF;
    DELETE FROM bank_holiday_removed WHERE day = NEW.day;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION @extschema@.bank_holiday_keep_changes() IS
    'trigger: records administrators'' changes to shipped bank holidays so that pg_dump keeps them';
REVOKE EXECUTE ON FUNCTION @extschema@.bank_holiday_keep_changes() FROM PUBLIC;
CREATE TRIGGER bank_holiday_keep_changes
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.bank_holiday
    FOR EACH ROW EXECUTE FUNCTION @extschema@.bank_holiday_keep_changes();
ALTER TABLE @extschema@.bank_holiday ENABLE ALWAYS TRIGGER bank_holiday_keep_changes;

CREATE FUNCTION @extschema@.bank_holiday_apply_removal() RETURNS trigger
LANGUAGE plpgsql SET search_path = @extschema@, pg_catalog, pg_temp AS $$
BEGIN
    -- a removal restored from a dump: take the shipped day out again (when
    -- the row comes from bank_holiday_keep_changes, its delete is under way)
    IF pg_catalog.pg_trigger_depth() = 1 THEN
        DELETE FROM bank_holiday WHERE day = NEW.day AND shipped;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.bank_holiday_apply_removal() IS
    'trigger: a removal recorded directly (as by a restore) removes the shipped day';
REVOKE EXECUTE ON FUNCTION @extschema@.bank_holiday_apply_removal() FROM PUBLIC;
CREATE TRIGGER bank_holiday_apply_removal
    AFTER INSERT ON @extschema@.bank_holiday_removed
    FOR EACH ROW EXECUTE FUNCTION @extschema@.bank_holiday_apply_removal();
ALTER TABLE @extschema@.bank_holiday_removed ENABLE ALWAYS TRIGGER bank_holiday_apply_removal;

-- pg_dump: administrators' days and removals, never the shipped rows
SELECT pg_catalog.pg_extension_config_dump('@extschema@.bank_holiday', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.bank_holiday_removed', '');

-- audited (16_audit_log.sql), after the shipped rows went in
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.bank_holiday
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.bank_holiday
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.bank_holiday
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.bank_holiday_removed
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.bank_holiday_removed
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.bank_holiday_removed
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();
