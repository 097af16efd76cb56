-- A decision dated before its agreement commences binds the parties on the
-- commencement date, whatever its kind (src/rules/decision.c,
-- decision_parties_date): before commencement the agreement has no
-- parties, and that must not mean "nobody must agree".  An in principle
-- decision outside the programme of meetings needs the written agreement
-- of all the Parties (Seven Force agreement, clause 3.5); one at a meeting
-- needs the consent of the Parties it materially affects (clause 3.3),
-- named among those the agreement will have.  The Seven Force agreement
-- commenced on 22 October 2015 (clause 6.1).
BEGIN;
SELECT plan(11);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql

-- an in principle decision outside a meeting, proposed and made before commencement
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (pg_temp.seven(), 'in_principle', 'Shared ICT before commencement', '2015-06-01')
RETURNING id AS d \gset

SELECT is((SELECT count(*)::int FROM consent_required(:d)), 14,
    'an in principle decision outside a meeting dated before commencement needs all 14 parties of the commencement date');
SELECT throws_ok(format($$UPDATE s22a.decision SET state = 'made', made_on = '2015-06-02' WHERE id = %s$$, :d),
    '23514', format('decision %s cannot be made: no consent from CC-BED, CC-CAM, CC-ESS, CC-HER, CC-KEN, CC-NOR, CC-SUF, PCC-BED, PCC-CAM, PCC-ESS, PCC-HER, PCC-KEN, PCC-NOR and PCC-SUF', :d),
    'without their consent it cannot be made');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2015-06-02' WHERE id = %s$$, :d)),
    '23514 consent', 'the rule is consent');
SELECT is((SELECT state::text || ' ' || coalesce(made_on::text, 'not made') FROM decision WHERE id = :d),
    'proposed not made', 'the refused make left the decision as it was');
SELECT results_eq(format($$SELECT ok, detail FROM s22a.decision_check(%s) WHERE rule = 'consent'$$, :d),
    $$VALUES (false, 'no consent from CC-BED, CC-CAM, CC-ESS, CC-HER, CC-KEN, CC-NOR, CC-SUF, PCC-BED, PCC-CAM, PCC-ESS, PCC-HER, PCC-KEN, PCC-NOR and PCC-SUF')$$,
    'decision_check shows the consent rule failing, not "no member is materially affected"');

-- every party of the commencement date agrees in writing: made
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :d, p, '2015-06-01', 'letter' FROM parties_on(pg_temp.seven(), '2015-10-22') p;
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2015-06-02' WHERE id = %s$$, :d)),
    'accepted', 'with the written agreement of all 14 it is made');

-- at a meeting before commencement: the affected parties are named among
-- the commencement parties, and their consent is needed
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'in_principle', 'Kent joins the ICT plan', '2015-06-01', '2015-06-15', '2015-06-01')
RETURNING id AS m \gset
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.decision_impact VALUES (%s, 'CC-KEN')$$, :m)),
    'accepted', 'a party of the commencement date may be recorded as materially affected by a meeting before it');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2015-06-15' WHERE id = %s$$, :m)),
    '23514 consent', 'and without its consent the decision cannot be made');
INSERT INTO consent (decision_id, party_code, given_on, form) VALUES (:m, 'CC-KEN', '2015-06-15', 'meeting');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2015-06-15' WHERE id = %s$$, :m)),
    'accepted', 'with its consent at the meeting it is made');

-- an agreement with no parties at all: an in principle decision outside a meeting cannot be made
INSERT INTO agreement (ref, title, commences_on) VALUES ('NOBODY', 'No parties', '2016-01-01');
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'in_principle', 'Plan of nobody', '2015-06-01' FROM agreement WHERE ref = 'NOBODY'
RETURNING id AS e \gset
SELECT throws_like(format($$UPDATE s22a.decision SET state = 'made', made_on = '2015-06-02' WHERE id = %s$$, :e),
    '%agreement "NOBODY" has no parties on 2016-01-01%', 'with no parties on the commencement date it cannot be made, and the message names the date');
SELECT is((SELECT state::text FROM decision WHERE id = :e), 'proposed', 'it stays proposed');

SELECT * FROM finish();
ROLLBACK;
