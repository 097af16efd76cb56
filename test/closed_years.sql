-- Closed years and sealed formulas (rules cost_terms_sealed and
-- closed_year_drivers_sealed, doc/costs.md): once an agreement is executed,
-- a row added to a financial year that has ended, or fixed percentages
-- added beside the agreed cost basis of a year, cite a made budget or
-- variation decision; a driver (force_measure) of an ended year that an
-- executed agreement's cost basis uses no longer changes.  A new year's
-- rows stay free: the board sets each year's budget (Seven Force agreement,
-- clause 5.2 costs shared "as agreed"; JPS umbrella agreement, Section 13).
BEGIN;
SELECT plan(29);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql
-- in force until 2030 so that the coming years have members
UPDATE agreement SET expires_on = '2030-03-31' WHERE ref = '7F';
SELECT fiscal_year(current_date) + 1 AS next_year \gset
SELECT last_day(fiscal_year(current_date) - 1)::text AS last_closed_day \gset

-- the agreed terms, written before execution
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT code, fy::fiscal_year, m, 100 + ord
FROM force, unnest(ARRAY['2016/17', :'next_year']) fy,
     unnest(ARRAY['nre', 'demand:dogs']) m, LATERAL (SELECT ascii(substr(code, 2, 1)) AS ord) o;
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
VALUES (pg_temp.seven(), '2016/17', 'nre', 1), (pg_temp.seven(), :'next_year', 'nre', 1);
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
VALUES (pg_temp.seven(), '2016/17', 'programme', 1000000);
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';
SELECT pg_temp.made_decision(pg_temp.seven(), 'budget', 'budget 2016/17 revised', '2017-03-01') AS budget_d,
       pg_temp.made_decision(pg_temp.seven(), 'variation', 'override next year', '2017-03-02') AS variation_d,
       pg_temp.made_decision(pg_temp.seven(), 'membership', 'membership', '2017-03-03') AS membership_d \gset
CREATE TEMP TABLE budget_before AS SELECT * FROM budget;

-- rows added to a closed year ------------------------------------------------
SELECT throws_ok(format($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount) VALUES (%s, '2016/17', 'consultancy', 5000)$$, pg_temp.seven()),
    '23514', 'agreement "7F" was executed on 2015-10-15: budget line "consultancy" of agreement "7F" for 2016/17 cannot be added without a decision',
    'a budget line added to a closed year of an executed agreement is refused');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount) VALUES (%s, '2016/17', 'consultancy', 5000)$$, pg_temp.seven())),
    '23514 cost_terms_sealed', 'the rule is cost_terms_sealed');
SELECT set_eq('SELECT * FROM s22a.budget', 'SELECT * FROM budget_before', 'and the budget is as it was');
SELECT throws_ok(format($$INSERT INTO s22a.cost_basis (agreement_id, fiscal_year, business_area, measure, weight) VALUES (%s, '2016/17', 'dogs', 'demand:dogs', 1)$$, pg_temp.seven()),
    '23514', 'agreement "7F" was executed on 2015-10-15: the cost basis measure "demand:dogs" of agreement "7F" for 2016/17, business area "dogs" cannot be added without a decision',
    'a cost basis added to a closed year is refused');
SELECT throws_ok(format($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, business_area, shares) VALUES (%s, '2016/17', 'dogs', 'BED=10, CAM=10, ESS=20, HER=20, KEN=10, NOR=10, SUF=20')$$, pg_temp.seven()),
    '23514', 'agreement "7F" was executed on 2015-10-15: the cost override of agreement "7F" for 2016/17, business area "dogs" cannot be added without a decision',
    'an override added to a closed year is refused');
SELECT throws_ok(format($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount, authorised_by) VALUES (%s, '2016/17', 'consultancy', 5000, %s)$$, pg_temp.seven(), :membership_d),
    '23514', format('decision %s of agreement "7F" is a membership decision; changing budget line "consultancy" of agreement "7F" for 2016/17 needs a budget or variation decision', :membership_d),
    'citing a decision of the wrong kind is refused');
SELECT is((SELECT count(*) FROM budget WHERE line = 'consultancy'), 0::bigint, 'no line was added');
SELECT lives_ok(format($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount, authorised_by) VALUES (%s, '2016/17', 'consultancy', 5000, %s)$$, pg_temp.seven(), :budget_d),
    'the line added citing a made budget decision is accepted');
SELECT is((SELECT count(*) FROM decision_citation WHERE decision_id = :budget_d AND table_name = 'budget'), 1::bigint,
    'and the citation is recorded (the decision is spent once this commits)');
SELECT lives_ok(format($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount) VALUES (%s, %L, 'programme', 1100000)$$, pg_temp.seven(), :'next_year'),
    'next year''s budget line needs no decision');
SELECT lives_ok(format($$INSERT INTO s22a.cost_basis (agreement_id, fiscal_year, business_area, measure, weight) VALUES (%s, %L, 'dogs', 'demand:dogs', 1)$$, pg_temp.seven(), :'next_year'),
    'next year''s cost basis needs no decision');
SELECT lives_ok(format($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, business_area, shares) VALUES (%s, %L, 'cats', 'BED=10, CAM=10, ESS=20, HER=20, KEN=10, NOR=10, SUF=20')$$, pg_temp.seven(), :'next_year'),
    'next year''s override where there is no cost basis needs no decision');

-- an override beside the agreed cost basis ----------------------------------
SELECT throws_ok(format($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, shares) VALUES (%s, %L, 'BED=10, CAM=10, ESS=20, HER=20, KEN=10, NOR=10, SUF=20')$$, pg_temp.seven(), :'next_year'),
    '23514', format('agreement "7F" was executed on 2015-10-15: the cost override of agreement "7F" for %s cannot be added without a decision', :'next_year'),
    'fixed percentages added beside the agreed cost basis of the year are refused');
SELECT is((SELECT count(*) FROM cost_override WHERE business_area = ''), 0::bigint, 'no override was added');
SELECT lives_ok(format($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, shares, authorised_by) VALUES (%s, %L, 'BED=10, CAM=10, ESS=20, HER=20, KEN=10, NOR=10, SUF=20', %s)$$, pg_temp.seven(), :'next_year', :variation_d),
    'citing a made variation decision it is accepted');

-- a draft agreement's closed years stay a draft
INSERT INTO agreement (ref, title, commences_on) VALUES ('DRAFT', 'A draft', '2015-01-01');
SELECT lives_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount) SELECT id, '2015/16', 'programme', 10 FROM s22a.agreement WHERE ref = 'DRAFT'$$,
    'a draft agreement''s closed year takes rows without a decision');

-- the drivers of a closed year ------------------------------------------------
CREATE TEMP TABLE measure_before AS SELECT * FROM force_measure;
SELECT throws_ok($$UPDATE s22a.force_measure SET value = 1 WHERE force_code = 'BED' AND fiscal_year = '2016/17' AND measure = 'nre'$$,
    '23514', 'the measure "nre" of force "BED" for 2016/17 cannot change: 2016/17 ended on 2017-03-31 and the cost basis of agreement "7F" uses it',
    'a driver of a closed year that an executed agreement uses cannot change');
SELECT is(pg_temp.refusal($$UPDATE s22a.force_measure SET value = 1 WHERE force_code = 'BED' AND fiscal_year = '2016/17' AND measure = 'nre'$$),
    '23514 closed_year_drivers_sealed', 'the rule is closed_year_drivers_sealed');
SELECT throws_ok($$DELETE FROM s22a.force_measure WHERE force_code = 'CAM' AND fiscal_year = '2016/17' AND measure = 'nre'$$,
    '23514', 'the measure "nre" of force "CAM" for 2016/17 cannot be removed: 2016/17 ended on 2017-03-31 and the cost basis of agreement "7F" uses it',
    'nor can it be removed');
SELECT throws_ok($$UPDATE s22a.force_measure SET fiscal_year = '2015/16' WHERE force_code = 'ESS' AND fiscal_year = '2016/17' AND measure = 'nre'$$,
    '23514', NULL, 'nor moved to another year');
SELECT throws_ok($$UPDATE s22a.force_measure SET measure = 'nre:x', value = 5 WHERE force_code = 'HER' AND fiscal_year = '2016/17' AND measure = 'nre'$$,
    '23514', NULL, 'nor renamed');
SELECT set_eq('SELECT * FROM s22a.force_measure', 'SELECT * FROM measure_before', 'the drivers are as they were');
SELECT lives_ok($$UPDATE s22a.force_measure SET value = 7 WHERE force_code = 'BED' AND fiscal_year = '2016/17' AND measure = 'demand:dogs'$$,
    'a driver of a closed year that no executed agreement uses changes freely');
SELECT lives_ok(format($$UPDATE s22a.force_measure SET value = 7 WHERE force_code = 'BED' AND fiscal_year = %L AND measure = 'nre'$$, :'next_year'),
    'a driver of a year to come changes freely');
SELECT lives_ok(format($$DELETE FROM s22a.force_measure WHERE force_code = 'KEN' AND fiscal_year = %L AND measure = 'nre'$$, :'next_year'),
    'and may be removed');
SELECT lives_ok($$INSERT INTO s22a.force_measure (force_code, fiscal_year, measure, value) SELECT code, '2016/17', 'nre:corrected', 50 FROM s22a.force$$,
    'a corrected driver of a closed year is added under a new name');
SELECT lives_ok(format($$UPDATE s22a.cost_basis SET measure = 'nre:corrected', authorised_by = %s WHERE agreement_id = %s AND fiscal_year = '2016/17' AND measure = 'nre'$$,
                       pg_temp.made_decision(pg_temp.seven(), 'budget', 'nre 2016/17 corrected', '2017-03-04'), pg_temp.seven()),
    'and the agreement''s cost basis moves to it by its own decision');
SELECT lives_ok($$UPDATE s22a.force_measure SET value = 1 WHERE force_code = 'BED' AND fiscal_year = '2016/17' AND measure = 'nre'$$,
    'the old driver, no longer used by an executed agreement, is free again');
SELECT throws_ok($$UPDATE s22a.force_measure SET value = 51 WHERE force_code = 'BED' AND fiscal_year = '2016/17' AND measure = 'nre:corrected'$$,
    '23514', NULL, 'the corrected one is sealed in its turn');

SELECT * FROM finish();
ROLLBACK;
