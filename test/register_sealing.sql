-- Sealing (src/rules/authority.c; triggers agreement_sealed and
-- membership_sealed): after execution every change to the terms or the
-- membership cites its own made decision of that agreement, of a fitting
-- kind, in authorised_by.  Seven Force Strategic Collaboration (Seven Force
-- agreement, clause 6.2 renewal "in writing by all the Parties"; CPCC2019-007).
BEGIN;
SELECT plan(34);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql
INSERT INTO party (code, force_code, kind, title) VALUES ('COP', NULL, 'other', 'College of Policing');
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';

-- another agreement with decisions of its own
INSERT INTO agreement (ref, title, commences_on) VALUES ('OTHER', 'Another agreement', '2015-01-01');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT id, p FROM agreement, unnest(ARRAY['PCC-BED', 'PCC-CAM']) p WHERE ref = 'OTHER';
SELECT pg_temp.made_decision((SELECT id FROM agreement WHERE ref = 'OTHER'), 'renewal', 'other renewal', '2017-01-05', '2019-03-31') AS other_renewal,
       pg_temp.made_decision((SELECT id FROM agreement WHERE ref = 'OTHER'), 'membership', 'other membership', '2017-01-05') AS other_membership \gset

-- the decisions of the Seven Force agreement
SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'extend to 31 March 2019', '2017-03-01', '2019-03-31') AS renewal_2019,
       pg_temp.made_decision(pg_temp.seven(), 'renewal', 'CPCC2019-007', '2019-02-28', '2021-03-31') AS renewal_2021,
       pg_temp.made_decision(pg_temp.seven(), 'budget', 'budget 2017/18', '2017-03-01') AS budget,
       pg_temp.made_decision(pg_temp.seven(), 'membership', 'College of Policing joins', '2017-06-01') AS membership \gset
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (pg_temp.seven(), 'renewal', 'proposed renewal', '2019-01-10', '2021-03-31'),
       (pg_temp.seven(), 'membership', 'proposed membership', '2019-01-10', NULL);
SELECT id AS proposed_renewal FROM decision WHERE title = 'proposed renewal' \gset
SELECT id AS proposed_membership FROM decision WHERE title = 'proposed membership' \gset

-- terms ------------------------------------------------------------------
SELECT throws_ok($$UPDATE s22a.agreement SET expires_on = '2019-03-31' WHERE ref = '7F'$$, '23514',
    'agreement "7F" was executed on 2015-10-15: its terms (expires_on) cannot change without a decision',
    'a direct UPDATE of expires_on of an executed agreement is refused');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET expires_on = '2019-03-31' WHERE ref = '7F'$$),
    '23514 agreement_sealed', 'the rule is agreement_sealed');
SELECT is((SELECT expires_on FROM agreement WHERE ref = '7F'), date '2017-03-31', 'and it is unchanged');
SELECT throws_ok(format($$UPDATE s22a.agreement SET expires_on = '2021-03-31', authorised_by = %s WHERE ref = '7F'$$, :proposed_renewal), '23514',
    format('decision %s of agreement "7F" is proposed, not made', :proposed_renewal),
    'citing a proposed renewal is refused');
SELECT throws_ok(format($$UPDATE s22a.agreement SET expires_on = '2019-03-31', authorised_by = %s WHERE ref = '7F'$$, :other_renewal), '23514',
    format('decision %s belongs to agreement "OTHER", not "7F"', :other_renewal),
    'citing another agreement''s renewal is refused');
SELECT throws_ok(format($$UPDATE s22a.agreement SET expires_on = '2019-03-31', authorised_by = %s WHERE ref = '7F'$$, :budget), '23514',
    format('decision %s of agreement "7F" is a budget decision; changing its terms (expires_on) needs a variation, renewal or termination decision', :budget),
    'citing a decision of the wrong kind is refused');
SELECT throws_ok(format($$UPDATE s22a.agreement SET expires_on = '2019-03-31', authorised_by = %s WHERE ref = '7F'$$, :membership), '23514',
    NULL, 'a membership decision does not authorise a change of terms');
SELECT throws_ok($$UPDATE s22a.agreement SET expires_on = '2019-03-31', authorised_by = 999999 WHERE ref = '7F'$$, '23514',
    'decision 999999 cited for agreement "7F" does not exist', 'citing a decision that does not exist is refused');

SELECT lives_ok(format($$UPDATE s22a.agreement SET expires_on = '2019-03-31', authorised_by = %s WHERE ref = '7F'$$, :renewal_2019),
    'the same UPDATE citing the made renewal is accepted');
SELECT is((SELECT expires_on FROM agreement WHERE ref = '7F'), date '2019-03-31', 'expires_on updated');
SELECT throws_ok($$UPDATE s22a.agreement SET expires_on = '2021-03-31' WHERE ref = '7F'$$, '23514',
    NULL, 'a further change that leaves authorised_by as it was is a direct update: refused');
SELECT throws_ok(format($$UPDATE s22a.agreement SET expires_on = '2021-03-31', authorised_by = %s WHERE ref = '7F'$$, :renewal_2019), '23514',
    NULL, 'restating the same decision does not authorise a second change');
SELECT lives_ok(format($$UPDATE s22a.agreement SET expires_on = '2021-03-31', authorised_by = %s WHERE ref = '7F'$$, :renewal_2021),
    'CPCC2019-007 authorises the extension to 31 March 2021');
SELECT is(effective_expiry(pg_temp.seven()), date '2021-03-31', 'effective expiry 31 March 2021');
SELECT lives_ok($$UPDATE s22a.agreement SET title = title WHERE ref = '7F'$$,
    'an UPDATE that changes nothing is not a change');
SELECT throws_ok($$UPDATE s22a.agreement SET review_on = '2020-10-21', withdrawal_notice = '6 months' WHERE ref = '7F'$$, '23514',
    'agreement "7F" was executed on 2015-10-15: its terms (review_on, withdrawal_notice) cannot change without a decision',
    'the message names every term changed');

-- a new lead force, by a variation, must have a party to the agreement
INSERT INTO force (code, name) VALUES ('MPS', 'Metropolitan Police Service');
SELECT pg_temp.made_decision(pg_temp.seven(), 'variation', 'lead force MPS', '2019-06-03') AS to_mps,
       pg_temp.made_decision(pg_temp.seven(), 'variation', 'lead force CAM', '2019-06-04') AS to_cam \gset
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET lead_force = 'MPS', authorised_by = %s WHERE ref = '7F'$$, :to_mps)),
    '23514 execution_lead_force', 'a variation cannot make a force with no party the lead force');
SELECT lives_ok(format($$UPDATE s22a.agreement SET lead_force = 'CAM', authorised_by = %s WHERE ref = '7F'$$, :to_cam),
    'a variation making Cambridgeshire the lead force is accepted');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET authorised_by = %s WHERE ref = '7F'$$, :budget)),
    '23514 agreement_sealed', 'authorised_by alone cannot be pointed at an unfitting decision');

-- membership --------------------------------------------------------------
SELECT throws_ok($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on)
                   VALUES (pg_temp.seven(), 'COP', '2017-07-01')$$, '23514',
    'agreement "7F" was executed on 2015-10-15: its membership (COP joining) cannot change without a decision',
    'a party cannot join an executed agreement without a decision');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on)
                            VALUES (pg_temp.seven(), 'COP', '2017-07-01')$$),
    '23514 membership_sealed', 'the rule is membership_sealed');
SELECT throws_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, authorised_by)
                          VALUES (pg_temp.seven(), 'COP', '2017-07-01', %s)$$, :proposed_membership), '23514',
    format('decision %s of agreement "7F" is proposed, not made', :proposed_membership),
    'citing a proposed membership decision is refused');
SELECT throws_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, authorised_by)
                          VALUES (pg_temp.seven(), 'COP', '2017-07-01', %s)$$, :other_membership), '23514',
    format('decision %s belongs to agreement "OTHER", not "7F"', :other_membership),
    'citing another agreement''s membership decision is refused');
SELECT throws_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, authorised_by)
                          VALUES (pg_temp.seven(), 'COP', '2017-07-01', %s)$$, :renewal_2019), '23514',
    NULL, 'a renewal does not authorise a membership change');
SELECT lives_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
                         VALUES (pg_temp.seven(), 'COP', '2017-07-01', '2017-06-20', '2017-06-20', %s)$$, :membership),
    'a membership change citing a made membership decision is accepted');
SELECT results_eq(format($$SELECT count(*) FROM s22a.parties_on(%s, '2017-07-01')$$, pg_temp.seven()),
    ARRAY[15::bigint], 'the College of Policing is a party from 1 July 2017');
SELECT throws_ok($$UPDATE s22a.agreement_party SET signed_on = '2015-09-30' WHERE party_code = 'CC-BED'
                   AND agreement_id = pg_temp.seven()$$, '23514',
    'agreement "7F" was executed on 2015-10-15: the membership of CC-BED (signed_on) cannot change without a decision',
    'a membership row cannot be edited directly after execution');
SELECT throws_ok($$DELETE FROM s22a.agreement_party WHERE party_code = 'CC-BED' AND agreement_id = pg_temp.seven()$$, '23514',
    'CC-BED cannot be deleted from agreement "7F", executed on 2015-10-15',
    'no hard delete of an executed agreement''s membership');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.agreement_party WHERE party_code = 'CC-BED' AND agreement_id = pg_temp.seven()$$),
    '23514 membership_no_delete', 'the rule is membership_no_delete');

-- a draft is free
SELECT lives_ok($$UPDATE s22a.agreement_party SET signed_on = NULL
                  WHERE agreement_id = (SELECT id FROM s22a.agreement WHERE ref = 'OTHER')$$,
    'a draft''s membership can be edited directly');
SELECT lives_ok($$DELETE FROM s22a.agreement_party
                  WHERE agreement_id = (SELECT id FROM s22a.agreement WHERE ref = 'OTHER') AND party_code = 'PCC-CAM'$$,
    'and its rows deleted');

-- each change cites its own decision: within one transaction a decision may
-- authorise several statements, but once a transaction citing it has
-- committed, a later change needs a new decision
INSERT INTO party (code, force_code, kind, title) VALUES
    ('NCA', NULL, 'other', 'National Crime Agency'), ('NPCC', NULL, 'other', 'National Police Chiefs'' Council');
SELECT lives_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
                         VALUES (pg_temp.seven(), 'NCA', '2017-07-01', '2017-06-20', '2017-06-20', %s)$$, :membership),
    'the same membership decision may authorise a second statement of the same transaction');
-- every citation is recorded once, with no transaction id: a decision cited
-- by a transaction that committed is spent, in this cluster or any cluster
-- the data is restored into (test/dump_restore.sh commits a citation and
-- shows the second one refused, before and after a restore)
SELECT is((SELECT table_name || ' ' || row_key FROM decision_citation WHERE decision_id = :membership),
    format('agreement_party agreement_id=%s, party_code=COP', pg_temp.seven()),
    'decision_citation records the first change that cited the membership decision');
SELECT ok((SELECT extconfig @> ARRAY['s22a.decision_citation'::regclass::oid] FROM pg_extension WHERE extname = 's22a')
          AND (SELECT count(*) FROM audit_log WHERE table_name = 'decision_citation' AND (new ->> 'decision_id')::bigint = :membership) = 1,
    'decision_citation is dumped with the register and audited');

SELECT * FROM finish();
ROLLBACK;
