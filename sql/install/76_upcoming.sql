
-- ===========================================================================
-- Reporting: what falls due
-- ===========================================================================

-- upcoming(): glue gathering dates; the rules (effective expiry, term
-- status, notice deadline) are the C functions'.  Withdrawals fall due on
-- effective_on, the first day the party is no longer a party
-- (doc/register.md).  Two kinds of event are listed however long past,
-- because they still need doing (doc/governance.md): a review overdue (an
-- agreement in force whose next review date has passed) and the notice
-- deadline of a proposed decision whose meeting is still to come and whose
-- notice has not been given (Seven Force agreement, clause 3.4: two clear
-- working days).  "Today" is s22a.today().
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
    until := (today() + within)::date;
    RETURN QUERY
    SELECT e.due_on, e.agreement_ref, e.event, e.detail
    FROM (
        SELECT r.next_review AS due_on, a.ref AS agreement_ref, 'review'::text AS event,
               format('review of %s', a.title) AS detail
        FROM agreement a
        CROSS JOIN LATERAL (SELECT next_review_date(a.id) AS next_review) r
        WHERE r.next_review BETWEEN today() AND until
        UNION ALL
        SELECT r.next_review, a.ref, 'review overdue',
               format('review of %s was due %s; no review recorded since', a.title, r.next_review)
        FROM agreement a
        CROSS JOIN LATERAL (SELECT next_review_date(a.id) AS next_review) r
        WHERE r.next_review < today() AND term_status(a.id, today()) = 'in_force'
        UNION ALL
        SELECT notice_deadline(d.meeting_on), a.ref, 'notice deadline',
               format('last day to give two clear working days'' notice of decision %s (%s) for the meeting of %s',
                      d.id, d.title, d.meeting_on)
        FROM decision d
        JOIN agreement a ON a.id = d.agreement_id
        WHERE d.state = 'proposed' AND d.meeting_on > today() AND d.notice_given_on IS NULL
          AND notice_deadline(d.meeting_on) <= until
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
        WHERE x.expiry BETWEEN today() AND until
        UNION ALL
        SELECT w.effective_on, a.ref, 'withdrawal',
               format('%s (%s) withdraws on notice given %s; no longer a party from this day',
                      w.party_code, p.title, w.notice_given_on)
        FROM withdrawal w
        JOIN agreement a ON a.id = w.agreement_id
        JOIN party p ON p.code = w.party_code
        WHERE w.effective_on BETWEEN today() AND until
    ) e
    ORDER BY e.due_on, e.agreement_ref COLLATE "C", e.event, e.detail;
END
$upcoming$;
COMMENT ON FUNCTION @extschema@.upcoming(interval) IS
    'reviews, (effective) expiries, withdrawals and notice deadlines falling due from today (s22a.today()) to today + within (default 6 months), with overdue reviews and passed notice deadlines of meetings still to come, by date; a negative window or one over 100000 years is refused (22023)';
