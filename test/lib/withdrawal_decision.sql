-- test/lib/withdrawal_decision.sql — pg_temp.withdrawal_decision(ref [, title]): the id
-- of a made membership decision of agreement `ref` that the tests cite in
-- withdrawal.authorised_by, made (once per transaction) the way the
-- register records one: outside a meeting, on the agreement's commencement
-- day, with written consent from every party on that day.  A withdrawal
-- needs one when the agreement states no notice period (withdrawal_committed)
-- or when it takes effect in a financial year that has ended
-- (withdrawal_closed_year): the tests record withdrawals of past years.
-- \i it inside a test's transaction.
CREATE FUNCTION pg_temp.withdrawal_decision(agreement_ref text, t text DEFAULT 'withdrawals agreed') RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
    ag s22a.agreement;
    d bigint;
BEGIN
    SELECT * INTO STRICT ag FROM s22a.agreement WHERE ref = agreement_ref;
    SELECT id INTO d FROM s22a.decision
     WHERE agreement_id = ag.id AND kind = 'membership' AND title = t;
    IF d IS NOT NULL THEN
        RETURN d;
    END IF;
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
    VALUES (ag.id, 'membership', t, ag.commences_on) RETURNING id INTO d;
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
    SELECT d, p, ag.commences_on, 'letter', t
      FROM s22a.parties_on(ag.id, ag.commences_on) AS p;
    UPDATE s22a.decision SET state = 'made', made_on = ag.commences_on WHERE id = d;
    RETURN d;
END $$;
