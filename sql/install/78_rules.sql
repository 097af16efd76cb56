
-- ===========================================================================
-- The rule registry (0.3): every rule refusal s22a makes, with the SQLSTATE
-- and constraint name it carries, the table it guards and its doc/ page
-- ===========================================================================

CREATE FUNCTION @extschema@.rules()
    RETURNS TABLE (rule text, sqlstate text, table_name text, doc text)
    AS 'MODULE_PATHNAME', 's22a_rules' LANGUAGE C STRICT STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rules() IS
    'Every rule s22a enforces: its name (the constraint name of its refusals), SQLSTATE, the table it guards and where doc/ explains it.';
-- EXECUTE stays with PUBLIC, as on the other reporting functions (the default
-- privilege of a new function; no GRANT, so its ACL is theirs too).
