-- Term validity: term_status, in_force, effective_expiry (src/rules/term.c, data/term.c, functions/term.c)
-- Seven Force Strategic Collaboration (Seven Force agreement, clauses 6.1 and 6.2;
-- decision record CPCC2019-007).
BEGIN;
SELECT plan(52);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql

-- a draft: not executed
SELECT is(term_status(pg_temp.seven(), '2016-01-01'), 'draft'::term_state,
    'not executed: draft even inside the term');
SELECT is(in_force(pg_temp.seven(), '2016-01-01'), false, 'a draft is not in force');
SELECT is(effective_expiry(pg_temp.seven()), date '2017-03-31',
    'no decisions: the effective expiry is expires_on');

-- a retrospective term: executed on 1 February 2016, after it came into
-- force (the decision record CPCC2019-007 calls it "the original agreement
-- made in 2016"; clause 6.1: in force from 22 October 2015).  Answered as
-- known today, the days between are in force, not draft.
SAVEPOINT retrospective;
UPDATE agreement SET executed_on = '2016-02-01' WHERE ref = '7F';
SELECT is(term_status(pg_temp.seven(), '2015-10-21'), 'draft'::term_state,
    'retrospective: before commencement and before execution it is a draft');
SELECT is(term_status(pg_temp.seven(), '2015-10-22'), 'in_force'::term_state,
    'retrospective: in force from commencement, 22 October 2015, though executed later');
SELECT is(term_status(pg_temp.seven(), '2016-01-31'), 'in_force'::term_state,
    'retrospective: in force the day before execution');
SELECT is(in_force(pg_temp.seven(), '2015-12-01'), true,
    'retrospective: in_force() agrees');
SELECT is(term_status(pg_temp.seven(), '2017-04-01'), 'expired'::term_state,
    'retrospective: expired after 31 March 2017 all the same');
ROLLBACK TO SAVEPOINT retrospective;

-- executed on 15 October 2015, a week before it comes into force
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';
SELECT is(term_status(pg_temp.seven(), '2015-10-14'), 'draft'::term_state,
    'the day before execution it is still a draft');
SELECT is(term_status(pg_temp.seven(), '2015-10-15'), 'pending'::term_state,
    'executed before commencement: pending from the execution day');
SELECT is(term_status(pg_temp.seven(), '2015-10-21'), 'pending'::term_state,
    'pending on the day before commencement');
SELECT is(term_status(pg_temp.seven(), '2015-10-22'), 'in_force'::term_state,
    'in force on 22 October 2015 (clause 6.1)');
SELECT is(in_force(pg_temp.seven(), '2015-10-21'), false, 'pending is not in force');
SELECT is(in_force(pg_temp.seven(), '2015-10-22'), true, 'in force from the commencement day');
SELECT is(term_status(pg_temp.seven(), '2016-10-21'), 'in_force'::term_state,
    'in force on the review date');
SELECT is(term_status(pg_temp.seven(), '2017-03-31'), 'in_force'::term_state,
    'in force on its last day, 31 March 2017');
SELECT is(term_status(pg_temp.seven(), '2017-04-01'), 'expired'::term_state,
    'expired on 1 April 2017 (clause 6.2: terminates unless renewed)');
SELECT is(in_force(pg_temp.seven(), '2017-04-01'), false, 'expired is not in force');

-- a renewal still proposed moves nothing
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (pg_temp.seven(), 'renewal', 'extend to 2019 (proposed)', '2017-02-01', '2019-03-31');
SELECT is(effective_expiry(pg_temp.seven()), date '2017-03-31',
    'a proposed renewal does not move the expiry');

-- clause 6.2: "will terminate on 31 March 2017 unless renewed": a renewal
-- made the day after the expiry it extends is refused (term_change_in_time)
SELECT is(pg_temp.refusal($$SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'too late', '2017-04-01', '2019-03-31')$$),
    '23514 term_change_in_time', 'a renewal made on 1 April 2017, the day after the expiry, is refused');
SELECT throws_like($$SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'too late', '2017-04-01', '2019-03-31')$$,
    'decision % cannot be made: a renewal made on 2017-04-01 is after the effective expiry 2017-03-31 of agreement "7F"',
    'the message names the day made and the expiry it would extend');
SELECT is(count(*), 0::bigint, 'the late renewal left no decision behind')
FROM decision WHERE title = 'too late';
SELECT is(effective_expiry(pg_temp.seven()), date '2017-03-31', 'and the expiry is as it was');
SELECT is(pg_temp.refusal($$SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'September 2017', '2017-09-15', '2019-03-31')$$),
    '23514 term_change_in_time', 'a renewal in September 2017 does not revive the agreement that expired in March');
-- decision_check says so while it is proposed
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (pg_temp.seven(), 'renewal', 'proposed after expiry', '2017-05-01', '2019-03-31');
SELECT is((SELECT ok FROM decision_check((SELECT id FROM decision WHERE title = 'proposed after expiry')) WHERE rule = 'term_change_in_time'),
    false, 'decision_check: a renewal proposed after the expiry fails term_change_in_time');

-- renewed in writing by all the parties to 31 March 2019, on the last day
-- of the term: in time
SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'extend to 31 March 2019', '2017-03-31', '2019-03-31') AS d1 \gset
SELECT is(effective_expiry(pg_temp.seven()), date '2019-03-31', 'a made renewal moves the expiry');
SELECT is(term_status(pg_temp.seven(), '2017-04-01'), 'in_force'::term_state,
    'renewed: in force on 1 April 2017');
SELECT is(term_status(pg_temp.seven(), '2019-04-01'), 'expired'::term_state,
    'expired after the renewed expiry');

-- CPCC2019-007: extended for a further two years until 31 March 2021
SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'CPCC2019-007', '2019-02-28', '2021-03-31') AS d2 \gset
SELECT is(effective_expiry(pg_temp.seven()), date '2021-03-31', 'CPCC2019-007: 31 March 2021');
SELECT is(term_status(pg_temp.seven(), '2021-03-31'), 'in_force'::term_state, 'in force on 31 March 2021');
SELECT is(term_status(pg_temp.seven(), '2021-04-01'), 'expired'::term_state, 'expired on 1 April 2021');

-- "latest" is by made_on, not by when it was recorded
SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'earlier renewal recorded late', '2018-01-10', '2020-03-31') AS d3 \gset
SELECT is(effective_expiry(pg_temp.seven()), date '2021-03-31',
    'a renewal made earlier but recorded later does not win');

-- a made termination sets the last day in force
SELECT pg_temp.made_decision(pg_temp.seven(), 'termination', 'end early', '2020-01-15', '2020-06-30') AS d4 \gset
SELECT is(effective_expiry(pg_temp.seven()), date '2020-06-30', 'a termination sets the last day');
SELECT is(term_status(pg_temp.seven(), '2020-06-30'), 'in_force'::term_state,
    'in force on the termination''s last day');
SELECT is(term_status(pg_temp.seven(), '2020-07-01'), 'terminated'::term_state,
    'terminated the day after, not expired');
SELECT is(term_status(pg_temp.seven(), '2015-10-21'), 'pending'::term_state,
    'a termination does not change the start of the term');
-- a termination cannot end the agreement in the past
SELECT is(pg_temp.refusal($$SELECT pg_temp.made_decision(pg_temp.seven(), 'termination', 'backdated', '2020-05-01', '2020-04-30')$$),
    '23514 term_change_in_time', 'a termination whose last day is the day before it is made is refused');
SELECT throws_like($$SELECT pg_temp.made_decision(pg_temp.seven(), 'termination', 'backdated', '2020-05-01', '2020-04-30')$$,
    'decision % cannot be made: the termination''s last day in force 2020-04-30 is before 2020-05-01, the day it is made',
    'the message names the last day and the day made');
SELECT is(pg_temp.refusal($$SELECT pg_temp.made_decision(pg_temp.seven(), 'termination', 'same day', '2020-05-01', '2020-05-01')$$),
    'accepted', 'a termination whose last day is the day it is made is accepted');
-- after the termination's last day the agreement cannot be renewed
SELECT is(pg_temp.refusal($$SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'after termination', '2020-07-01', '2023-03-31')$$),
    '23514 term_change_in_time', 'a renewal made after the termination''s last day is refused');

-- agreements_in_force(): the whole register in one pass, the same rule
SELECT results_eq($$SELECT ref, effective_expiry FROM s22a.agreements_in_force('2020-05-01')$$,
    $$VALUES ('7F'::text, date '2020-05-01')$$,
    'agreements_in_force on the last day of the latest termination lists 7F with that expiry');
SELECT is_empty($$SELECT * FROM s22a.agreements_in_force('2020-05-02')$$,
    'agreements_in_force the day after: nothing (terminated)');
SELECT is_empty($$SELECT * FROM s22a.agreements_in_force('2015-10-21')$$,
    'agreements_in_force the day before commencement: nothing (pending is not in force)');
SELECT is((SELECT count(*)::int FROM generate_series(date '2015-09-01', date '2021-06-01', interval '9 days') AS g(d)
           WHERE (SELECT array_agg(agreement_id ORDER BY agreement_id) FROM s22a.agreements_in_force(g.d::date))
                 IS DISTINCT FROM
                 (SELECT array_agg(id ORDER BY id) FROM s22a.agreement WHERE s22a.in_force(id, g.d::date))), 0,
    'agreements_in_force agrees with in_force() every ninth day from 2015 to 2021');
SELECT is_empty($$SELECT * FROM s22a.agreements_in_force(NULL)$$, 'agreements_in_force(NULL): no rows (strict)');

-- open ended: no expires_on
INSERT INTO agreement (ref, title, commences_on) VALUES ('OPEN', 'Open ended', '2016-01-01');
SELECT is(effective_expiry((SELECT id FROM agreement WHERE ref = 'OPEN')), NULL::date,
    'open ended: effective_expiry is NULL');
SELECT is(term_status((SELECT id FROM agreement WHERE ref = 'OPEN'), '2090-01-01'), 'draft'::term_state,
    'open ended but not executed: draft');

-- defaults and NULLs
SELECT is(term_status(pg_temp.seven()), term_status(pg_temp.seven(), current_date),
    'on_date defaults to today');
SELECT is(term_status(pg_temp.seven(), NULL), NULL::term_state, 'NULL date: NULL (strict)');

-- unknown agreement: 22023 naming the id
SELECT throws_ok($$SELECT s22a.term_status(-7, '2020-01-01')$$, '22023',
    'agreement -7 does not exist', 'term_status of an unknown agreement');
SELECT throws_ok($$SELECT s22a.in_force(-7, '2020-01-01')$$, '22023',
    'agreement -7 does not exist', 'in_force of an unknown agreement');
SELECT throws_ok($$SELECT s22a.effective_expiry(-7)$$, '22023',
    'agreement -7 does not exist', 'effective_expiry of an unknown agreement');

SELECT * FROM finish();
ROLLBACK;
