-- A budget decision binds every party (Seven Force agreement, clause 5.1:
-- "the parties have agreed that the budget ... Any variance to this budget
-- must be agreed"; clause 3.6: each party keeps its executive sovereignty):
-- it needs the consent of every party on its date, at a meeting as outside
-- one, whatever impacts are recorded, before it can authorise a change to
-- sealed cost terms (cost_terms_sealed).  At a meeting a consent given
-- there counts (no writing needed, as for an in principle decision).
BEGIN;
SELECT plan(14);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
VALUES (pg_temp.seven(), '2016/17', 'programme', 1200000);
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';

-- a budget decision at a meeting, notice given, no impacts recorded
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'budget', 'Programme budget up to £2m', '2016-06-01', '2016-06-15', '2016-06-01')
RETURNING id AS budget_d \gset

SELECT is((SELECT count(*)::int FROM consent_required(:budget_d)), 14,
    'every party on the decision date must consent to a budget decision, though no impact is recorded');
SELECT throws_ok(format($$UPDATE s22a.decision SET state = 'made', made_on = '2016-06-15' WHERE id = %s$$, :budget_d),
    '23514', format('decision %s cannot be made: no consent from CC-BED, CC-CAM, CC-ESS, CC-HER, CC-KEN, CC-NOR, CC-SUF, PCC-BED, PCC-CAM, PCC-ESS, PCC-HER, PCC-KEN, PCC-NOR and PCC-SUF', :budget_d),
    'a clerk alone cannot make it');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2016-06-15' WHERE id = %s$$, :budget_d)),
    '23514 consent', 'the rule is consent');
SELECT is((SELECT state::text FROM decision WHERE id = :budget_d), 'proposed', 'it stays proposed');
SELECT is((SELECT count(*)::int FROM consent_missing(:budget_d)), 14, 'consent_missing names all 14');
SELECT is((SELECT ok FROM decision_check(:budget_d) WHERE rule = 'consent'), false, 'decision_check shows the consent rule failing');

-- recording one impact does not narrow it to that party
INSERT INTO decision_impact VALUES (:budget_d, 'CC-KEN');
INSERT INTO consent (decision_id, party_code, given_on, form) VALUES (:budget_d, 'CC-KEN', '2016-06-15', 'meeting');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2016-06-15' WHERE id = %s$$, :budget_d)),
    '23514 consent', 'one affected party''s consent is not enough');

-- every party consents at the meeting: made, and it authorises the change
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :budget_d, p, '2016-06-15', 'meeting' FROM parties_on(pg_temp.seven(), '2016-06-15') p WHERE p <> 'CC-KEN';
SELECT results_eq(format($$SELECT rule, ok, detail FROM s22a.decision_check(%s) WHERE rule IN ('consent', 'written_form')$$, :budget_d),
    $$VALUES ('consent', true, 'all 14 parties on 2016-06-15 consented'),
             ('written_form', true, 'not needed: an in principle or budget decision at a meeting')$$,
    'all 14 consented; at a meeting their consent there counts');
SELECT lives_ok(format($$UPDATE s22a.decision SET state = 'made', made_on = '2016-06-15' WHERE id = %s$$, :budget_d),
    'with every party''s consent it is made');
SELECT lives_ok(format($$UPDATE s22a.budget SET amount = 2000000, authorised_by = %s WHERE line = 'programme'$$, :budget_d),
    'and may be cited for the change to the budget');

-- outside a meeting every party consents in writing, as before
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (pg_temp.seven(), 'budget', 'Consultancy £200,000', '2016-07-01') RETURNING id AS letter_d \gset
SELECT is((SELECT detail FROM decision_check(:letter_d) WHERE rule = 'written_form'), 'every consent is in writing (letter, memo, email or decision notice)',
    'outside a meeting writing is needed');

-- dated before commencement, it binds the parties on the commencement date
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'budget', 'Budget before the start', '2015-09-01', '2015-09-15', '2015-09-01') RETURNING id AS early_d \gset
SELECT is((SELECT count(*)::int FROM consent_required(:early_d)), 14,
    'a budget decision dated before commencement needs the parties on the commencement date');

-- on a day the agreement has no parties, it cannot be made
INSERT INTO agreement (ref, title, commences_on) VALUES ('EMPTY', 'No parties', '2016-01-01');
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'budget', 'Budget of nobody', '2017-01-02', '2017-01-10', '2017-01-02' FROM agreement WHERE ref = 'EMPTY'
RETURNING id AS empty_d \gset
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2017-01-10' WHERE id = %s$$, :empty_d)),
    '23514 consent', 'a budget decision of an agreement with no parties cannot be made');
SELECT is((SELECT ok FROM decision_check(:empty_d) WHERE rule = 'consent'), false, 'decision_check says so');

SELECT * FROM finish();
ROLLBACK;
