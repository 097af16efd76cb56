
-- ===========================================================================
-- DROP EXTENSION s22a would drop the register and its append-only audit log
-- ===========================================================================
-- An event trigger refuses DROP EXTENSION s22a (and any DROP ... CASCADE
-- that reaches it) while the register holds data, unless the
-- session opted in with SET s22a.allow_drop = on (functions/drop_guard.c,
-- rule register_no_drop, doc/reliability.md).  It is a member of the
-- extension, so it goes with it and pg_dump leaves it to CREATE EXTENSION.
CREATE FUNCTION @extschema@.drop_guard() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 's22a_drop_guard' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.drop_guard() IS
    'event trigger register_no_drop: refuses DROP EXTENSION s22a, and any DROP that cascades to it, while the register holds data, unless s22a.allow_drop is on';
REVOKE EXECUTE ON FUNCTION @extschema@.drop_guard() FROM PUBLIC;
-- Every DROP: a DROP ... CASCADE of anything the extension depends on (DROP
-- EXTENSION plpgsql CASCADE, DROP LANGUAGE, DROP SCHEMA, DROP TYPE ...)
-- would drop it too, and DROP OWNED BY its owner as well; the function
-- returns at once for any other command.
CREATE EVENT TRIGGER s22a_drop_guard ON ddl_command_start
    EXECUTE FUNCTION @extschema@.drop_guard();
ALTER EVENT TRIGGER s22a_drop_guard ENABLE ALWAYS;   -- in replica mode too
COMMENT ON EVENT TRIGGER s22a_drop_guard IS
    'register_no_drop: DROP EXTENSION s22a, or a DROP that cascades to it, is refused while the register holds data, unless SET s22a.allow_drop = on (take a pg_dump first)';
