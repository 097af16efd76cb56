
-- ===========================================================================
-- Reporting: what falls due
-- ===========================================================================

-- upcoming(): glue gathering dates; the rules (effective expiry, term
-- status) are the C functions'.  Withdrawals fall due on effective_on, the
-- first day the party is no longer a party (doc/register.md).
CREATE FUNCTION @extschema@.upcoming(within interval DEFAULT '6 months')
RETURNS TABLE (due_on date, agreement_ref text, event text, detail text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $upcoming$
DECLARE
    until date;
BEGIN
    IF within < interval '0' THEN
        RAISE EXCEPTION 'invalid window for upcoming(): %', within
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The window looks forward from today; it cannot be negative.',
                  HINT = 'Pass a positive interval, e.g. upcoming(''3 months'').';
    END IF;
    -- today + window must be a date PostgreSQL holds (timestamps end in
    -- 294276): refuse a window so long it would overflow (22008) as 22023
    IF within > interval '100000 years' THEN
        RAISE EXCEPTION 'invalid window for upcoming(): %', within
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The window can be at most 100000 years.',
                  HINT = 'Pass a shorter interval, e.g. upcoming(''10 years'').';
    END IF;
    until := (CURRENT_DATE + within)::date;
    RETURN QUERY
    SELECT e.due_on, e.agreement_ref, e.event, e.detail
    FROM (
        SELECT a.review_on AS due_on, a.ref AS agreement_ref, 'review'::text AS event,
               format('review of %s', a.title) AS detail
        FROM agreement a
        WHERE a.review_on BETWEEN CURRENT_DATE AND until
        UNION ALL
        SELECT x.expiry, a.ref, 'expiry',
               CASE WHEN term_status(a.id, x.expiry + 1) = 'terminated'
                    THEN format('last day in force of %s: terminated by decision', a.title)
                    WHEN x.expiry IS DISTINCT FROM a.expires_on
                    THEN format('last day in force of %s, as renewed (signed term ended %s)',
                                a.title, coalesce(a.expires_on::text, 'never'))
                    ELSE format('last day in force of %s', a.title)
               END
        FROM agreement a
        CROSS JOIN LATERAL (SELECT effective_expiry(a.id) AS expiry) x
        WHERE x.expiry BETWEEN CURRENT_DATE AND until
        UNION ALL
        SELECT w.effective_on, a.ref, 'withdrawal',
               format('%s (%s) withdraws on notice given %s; no longer a party from this day',
                      w.party_code, p.title, w.notice_given_on)
        FROM withdrawal w
        JOIN agreement a ON a.id = w.agreement_id
        JOIN party p ON p.code = w.party_code
        WHERE w.effective_on BETWEEN CURRENT_DATE AND until
    ) e
    ORDER BY e.due_on, e.agreement_ref COLLATE "C", e.event, e.detail;
END
$upcoming$;
COMMENT ON FUNCTION @extschema@.upcoming(interval) IS
    'reviews, (effective) expiries and withdrawals falling due from today to today + within (default 6 months), by date; a negative window or one over 100000 years is refused (22023)';
