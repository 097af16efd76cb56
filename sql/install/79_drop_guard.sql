
-- ===========================================================================
-- DROP EXTENSION s22a would drop the register and its append-only audit log
-- ===========================================================================
-- An event trigger refuses DROP EXTENSION s22a (and DROP SCHEMA s22a
-- CASCADE, which drops it too) while the register holds data, unless the
-- session opted in with SET s22a.allow_drop = on (functions/drop_guard.c,
-- rule register_no_drop, doc/reliability.md).  It is a member of the
-- extension, so it goes with it and pg_dump leaves it to CREATE EXTENSION.
CREATE FUNCTION @extschema@.drop_guard() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 's22a_drop_guard' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.drop_guard() IS
    'event trigger register_no_drop: refuses DROP EXTENSION s22a while the register holds data, unless s22a.allow_drop is on';
REVOKE EXECUTE ON FUNCTION @extschema@.drop_guard() FROM PUBLIC;
CREATE EVENT TRIGGER s22a_drop_guard ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
    EXECUTE FUNCTION @extschema@.drop_guard();
ALTER EVENT TRIGGER s22a_drop_guard ENABLE ALWAYS;   -- in replica mode too
COMMENT ON EVENT TRIGGER s22a_drop_guard IS
    'register_no_drop: DROP EXTENSION s22a is refused while the register holds data, unless SET s22a.allow_drop = on (take a pg_dump first)';
