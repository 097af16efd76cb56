-- test/lib/refusal.sql — pg_temp.refusal(sql): runs a statement and returns
-- 'accepted', or the SQLSTATE and the constraint (rule) name that refused it,
-- e.g. '23514 statutory_shape'.  \i it inside a test's transaction.
CREATE FUNCTION pg_temp.refusal(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE c text; s text;
BEGIN
    EXECUTE statement;
    RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME, s = RETURNED_SQLSTATE;
    RETURN s || ' ' || c;
END $$;
