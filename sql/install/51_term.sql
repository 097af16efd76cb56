
-- ===========================================================================
-- Term validity (src/rules/term.c): whether an agreement is in force on a date, from
-- its terms and its made renewals and terminations (doc/register.md)
-- ===========================================================================

CREATE FUNCTION @extschema@.effective_expiry(agreement_id bigint)
    RETURNS date
    AS 'MODULE_PATHNAME', 's22a_effective_expiry' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.effective_expiry(bigint) IS
    'the last day in force: expires_on moved to the new_expiry of the latest made renewal (by made_on, then id), or set by a made termination; NULL when open ended';

CREATE FUNCTION @extschema@.term_status(agreement_id bigint, on_date date DEFAULT current_date)
    RETURNS @extschema@.term_state
    AS 'MODULE_PATHNAME', 's22a_term_status' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.term_status(bigint, date) IS
    'the status of the agreement''s term on the date: draft, pending, in_force, expired or terminated';

CREATE FUNCTION @extschema@.in_force(agreement_id bigint, on_date date DEFAULT current_date)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 's22a_in_force' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.in_force(bigint, date) IS
    'true when the agreement is executed and within its term on the date (term_status = in_force)';

CREATE FUNCTION @extschema@.agreements_in_force(on_date date,
    OUT agreement_id bigint, OUT ref text, OUT effective_expiry date)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 's22a_agreements_in_force' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 100
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.agreements_in_force(date) IS
    'every agreement in force on the date (term_status = in_force), with its effective expiry (NULL when open ended), in one pass over the register';
