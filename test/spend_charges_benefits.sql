-- Spend against budget, charges and benefits (doc/costs.md; issue 10,
-- items 5-7): the rules spend_in_term, benefit_force_party and
-- payee_force_party, the refusals of bad values, and the views
-- budget_variance, charges and benefits_by_year checked against exact
-- calculations.  The sealing of spend and benefit after execution needs
-- committed rows and is sql/spend_sealing.sql (pg_regress).
-- Seven Force Strategic Collaboration (Seven Force agreement, clauses 5.1,
-- 6.1, 6.2, Schedule A 2.7-2.8); figures ILLUSTRATIVE unless a clause is named.
BEGIN;
SELECT plan(57);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql
INSERT INTO force (code, name) VALUES ('TVP', 'Thames Valley Police');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-TVP', 'TVP', 'chief_officer', 'Chief Constable of Thames Valley Police'),
    ('PCC-TVP', 'TVP', 'policing_body', 'Police and Crime Commissioner for Thames Valley');

-- clause 5.1: £1.2 million a year plus £150,000 for consultancy; fixed
-- percentages so every report can compute its shares
INSERT INTO cost_override (agreement_id, fiscal_year, shares)
VALUES (pg_temp.seven(), '2016/17', 'BED=10, CAM=10, ESS=20, HER=15, KEN=20, NOR=15, SUF=10');
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT pg_temp.seven(), '2016/17', line, amount
FROM (VALUES ('programme', 1200000.00), ('consultancy', 150000.00), ('training', 5000.00)) AS b(line, amount);
-- signed with the agreement: rows added to an ended year of an executed
-- agreement cite a decision (rule cost_terms_sealed)
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';

-- ---------------------------------------------------------------------------
-- spend_in_term: in its financial year, and in the term
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount, description)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2016-04-01', 400000.00, 'first quarter')$$),
    'accepted', 'spend on the first day of its year, inside the term, is accepted');
SELECT lives_ok($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2017-03-31', 850000.00),
           (pg_temp.seven(), '2016/17', 'consultancy', '2016-09-30', 90000.00),
           (pg_temp.seven(), '2016/17', 'consultancy', '2017-01-15', 60000.01),
           (pg_temp.seven(), '2016/17', 'travel', '2016-11-02', 1234.56),
           (pg_temp.seven(), '2015/16', 'programme', '2015-10-22', 10000.00)$$,
    'the last day of the year, and the day of commencement, are inside');
CREATE TEMP TABLE spend_before AS SELECT * FROM spend;

SELECT throws_ok($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2016-03-31', 1.00)$$, '23514',
    'spend of agreement "7F" on 2016-03-31 lies outside its financial year 2016/17',
    'a day before the year: refused, naming the day and the year');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2017-04-01', 1.00)$$),
    '23514 spend_in_term', 'a day after the year: refused by spend_in_term');
SELECT throws_ok($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2015/16', 'programme', '2015-10-21', 1.00)$$, '23514',
    'spend of agreement "7F" on 2015-10-21 is before the agreement commences on 2015-10-22',
    'the day before commencement (clause 6.1: 22 October 2015): refused');
SELECT throws_ok($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2017/18', 'programme', '2017-04-01', 1.00)$$, '23514',
    'spend of agreement "7F" on 2017-04-01 is after the agreement''s effective expiry 2017-03-31',
    'the day after expiry (clause 6.2: it terminates on 31 March 2017 unless renewed): refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2014/15', 'programme', '2014-06-01', 1.00)$$),
    '23514 spend_in_term', 'a whole year before the term: refused');
SELECT is(pg_temp.refusal($$UPDATE s22a.spend SET spent_on = '2017-04-03' WHERE line = 'travel'$$),
    '23514 spend_in_term', 'an UPDATE moving an actual out of its year is refused too');
SELECT is(pg_temp.refusal($$UPDATE s22a.spend SET fiscal_year = '2017/18' WHERE line = 'travel'$$),
    '23514 spend_in_term', 'and one moving it to another year');
SELECT bag_eq('SELECT * FROM s22a.spend', 'SELECT * FROM spend_before',
    'the refused changes left the spend as it was');

-- a made renewal moves the effective expiry (clause 6.2; CPCC2019-007)
SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'extend to 31 March 2019', '2017-03-01', '2019-03-31') AS renewal \gset
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2017/18', 'programme', '2017-04-01', 1.00)$$),
    'accepted', 'after the renewal to 2019-03-31, spend on 2017-04-01 is inside the term');
SELECT throws_ok($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2019/20', 'programme', '2019-04-01', 1.00)$$, '23514',
    'spend of agreement "7F" on 2019-04-01 is after the agreement''s effective expiry 2019-03-31',
    'and 2019-04-01 is after the renewed expiry');
DELETE FROM spend WHERE fiscal_year = '2017/18';

-- ---------------------------------------------------------------------------
-- spend: bad values
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2016-05-01', 'NaN')$$),
    '23514 spend_amount_finite', 'NaN: refused (23514)');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2016-05-01', 'Infinity')$$),
    '23514 spend_amount_finite', 'Infinity: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2016-05-01', '-Infinity')$$),
    '23514 spend_amount_finite', '-Infinity: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', '2016-05-01', 10.001)$$),
    '23514 spend_amount_check', 'a fraction of a penny: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', 'infinity', 1.00)$$),
    '23514 spend_dates_in_range', 'an infinite day: refused by the range check, not a crash');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'programme', NULL, 1.00)$$),
    '23502 ', 'no day: refused by NOT NULL');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', '', '2016-05-01', 1.00)$$),
    '23514 spend_line_length', 'an empty line: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (-1, '2016/17', 'programme', '2016-05-01', 1.00)$$),
    '23503 spend_agreement_id_fkey', 'an unknown agreement: the foreign key reports it');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.spend (agreement_id, fiscal_year, line, spent_on, amount)
    VALUES (pg_temp.seven(), '2016/17', 'refunds', '2016-12-01', -250.00)$$),
    'accepted', 'a negative actual (a refund, or a correction of an earlier one) is accepted');
SELECT bag_eq('SELECT * FROM s22a.spend WHERE line <> ''refunds''', 'SELECT * FROM spend_before',
    'the refused values left the spend as it was');

-- ---------------------------------------------------------------------------
-- budget_variance
-- ---------------------------------------------------------------------------
SELECT results_eq(
    $$SELECT fiscal_year, business_area, line, budget, spent, variance, over_budget
        FROM s22a.budget_variance WHERE agreement_ref = '7F' ORDER BY fiscal_year, line$$,
    $$VALUES ('2015/16', '', 'programme', 0.00, 10000.00, -10000.00, true),
             ('2016/17', '', 'consultancy', 150000.00, 150000.01, -0.01, true),
             ('2016/17', '', 'programme', 1200000.00, 1250000.00, -50000.00, true),
             ('2016/17', '', 'refunds', 0.00, -250.00, 250.00, false),
             ('2016/17', '', 'training', 5000.00, 0.00, 5000.00, false),
             ('2016/17', '', 'travel', 0.00, 1234.56, -1234.56, true)$$,
    'budget_variance: spend with no budget shows budget 0, a budget with no spend spent 0; a penny over is over budget');
SELECT is((SELECT sum(spent) FROM s22a.budget_variance WHERE agreement_ref = '7F'),
          (SELECT sum(amount) FROM s22a.spend WHERE agreement_id = pg_temp.seven()),
    'every actual is counted once');
SELECT is((SELECT sum(budget) FROM s22a.budget_variance WHERE agreement_ref = '7F'),
          (SELECT sum(amount) FROM s22a.budget WHERE agreement_id = pg_temp.seven()),
    'every budget line is counted once');
INSERT INTO spend (agreement_id, fiscal_year, line, spent_on, amount)
VALUES (pg_temp.seven(), '2016/17', 'training', '2016-06-01', 5000.00);
SELECT results_eq($$SELECT variance, over_budget FROM s22a.budget_variance WHERE agreement_ref = '7F' AND line = 'training'$$,
    $$VALUES (0.00, false)$$, 'spent exactly the budget: variance 0, not over budget');

-- ---------------------------------------------------------------------------
-- payee_force_party and charges
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET payee_force = 'BED' WHERE ref = '7F'$$),
    '23514 agreement_sealed', 'who is paid is a term of an executed agreement: it changes only by decision');
INSERT INTO agreement (ref, title, commences_on, lead_force, payee_force)
VALUES ('Q', 'Quarterly charging test', '2010-04-01', 'BED', 'BED');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM agreement a, party p WHERE a.ref = 'Q' AND p.force_code IN ('BED', 'CAM', 'HER');
SELECT lives_ok('SET CONSTRAINTS s22a.payee_force_party IMMEDIATE',
    'deferred: the agreement with its payee, then its parties, and the check passes in the same transaction');
SELECT throws_ok($$UPDATE s22a.agreement SET payee_force = 'TVP' WHERE ref = 'Q'$$, '23514',
    'payee force TVP of agreement "Q" has no party to the agreement',
    'a payee with no party to the agreement: refused, naming the force');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.agreement (ref, title, commences_on, payee_force) VALUES ('NOPARTY', 'x', '2027-04-01', 'BED')$$),
    '23514 payee_force_party', 'an agreement inserted with a payee and no parties: refused when checked');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET payee_force = 'XXX' WHERE ref = 'Q'$$),
    '23503 agreement_payee_force_fkey', 'an unknown force: the foreign key reports it');
SELECT is((SELECT payee_force::text FROM agreement WHERE ref = 'Q'), 'BED',
    'the refused changes left payee_force as it was');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET payee_force = 'KEN' WHERE ref = 'Q'$$),
    '23514 payee_force_party', 'a force party to another agreement only: refused');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET payee_force = 'HER' WHERE ref = 'Q'$$),
    'accepted', 'a force with a party: accepted');
UPDATE agreement SET payee_force = NULL WHERE ref = 'Q';
-- a draft's payee whose parties leave the draft is caught at execution
INSERT INTO agreement (ref, title, commences_on) VALUES ('Q2', 'Draft with a payee', '2020-04-01');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, '2020-03-01', '2020-03-01' FROM agreement a, party p WHERE a.ref = 'Q2' AND p.force_code IN ('BED', 'CAM', 'HER');
UPDATE agreement SET payee_force = 'HER' WHERE ref = 'Q2';
DELETE FROM agreement_party WHERE party_code IN ('CC-HER', 'PCC-HER') AND agreement_id = (SELECT id FROM agreement WHERE ref = 'Q2');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET executed_on = '2020-03-02' WHERE ref = 'Q2'$$),
    '23514 payee_force_party', 'executing a draft whose payee no longer has a party: refused');

-- Q: BED 40, CAM 30, HER 30 of £1,000.00 a year.  CAM's contributions leave
-- it an awkward outstanding each year; HER owes £300.00.
CREATE TEMP TABLE awkward (fy fiscal_year, outstanding numeric);
INSERT INTO awkward VALUES ('2010/11', 100.01), ('2011/12', 100.02), ('2012/13', 100.03),
    ('2013/14', 0.01), ('2014/15', 0.03), ('2015/16', -100.03), ('2016/17', 299.99),
    ('2017/18', 0.00), ('2018/19', -0.01), ('2019/20', 1.00);
INSERT INTO cost_override (agreement_id, fiscal_year, shares)
SELECT a.id, w.fy, 'BED=40, CAM=30, HER=30' FROM agreement a, awkward w WHERE a.ref = 'Q';
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT a.id, w.fy, 'service', 1000.00 FROM agreement a, awkward w WHERE a.ref = 'Q';
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount)
SELECT a.id, w.fy, 'CAM', 'cash', 300.00 - w.outstanding FROM agreement a, awkward w WHERE a.ref = 'Q';

SELECT bag_eq(
    $$SELECT fiscal_year, payer_force, sum(amount) FROM s22a.charges WHERE agreement_ref = 'Q' GROUP BY 1, 2$$,
    $$SELECT fiscal_year, force_code, outstanding FROM s22a.cost_balance WHERE agreement_ref = 'Q' AND force_code <> 'BED'$$,
    'the four quarters add up to each payer''s outstanding exactly, every year');
SELECT results_eq(
    $$SELECT quarter, amount FROM s22a.charges WHERE agreement_ref = 'Q' AND fiscal_year = '2010/11' AND payer_force = 'CAM' ORDER BY quarter$$,
    $$VALUES (1, 25.01), (2, 25.00), (3, 25.00), (4, 25.00)$$,
    '£100.01 into four: 25.01, 25.00, 25.00, 25.00 (the odd penny in the first quarter)');
-- exact: in pence p = 4q + r (0 <= r < 4 for p >= 0): quarters 1..r get q + 1,
-- the rest q; a negative outstanding is the same with the sign kept
SELECT is((SELECT count(*) FROM s22a.charges c JOIN awkward w ON w.fy::text = c.fiscal_year
           WHERE c.agreement_ref = 'Q' AND c.payer_force = 'CAM'
             AND c.amount = sign(w.outstanding) * (div(abs(w.outstanding) * 100, 4)
                   + CASE WHEN c.quarter <= mod(abs(w.outstanding) * 100, 4) THEN 1 ELSE 0 END) / 100),
    40::bigint,
    'every instalment of every awkward outstanding is the exact penny split (0.01, 0.03, 100.02, 100.03, 299.99, -100.03, -0.01, 0.00, 1.00)');
SELECT results_eq(
    $$SELECT quarter, amount FROM s22a.charges WHERE agreement_ref = 'Q' AND fiscal_year = '2015/16' AND payer_force = 'CAM' ORDER BY quarter$$,
    $$VALUES (1, -25.01), (2, -25.01), (3, -25.01), (4, -25.00)$$,
    'a negative outstanding (CAM put in more than its share) is a credit, split the same way');
SELECT results_eq(
    $$SELECT DISTINCT payer_force, payee_force FROM s22a.charges WHERE agreement_ref = 'Q' ORDER BY 1$$,
    $$VALUES ('CAM'::text, 'BED'::text), ('HER', 'BED')$$,
    'payee_force NULL: the lead force BED is paid, and is not invoiced itself');
SELECT is((SELECT count(*) FROM s22a.charges WHERE agreement_ref = 'Q' AND payer_force = 'HER' AND amount = 75.00),
    40::bigint, 'HER''s £300.00 is four instalments of £75.00 each year');
UPDATE agreement SET payee_force = 'HER' WHERE ref = 'Q';
SELECT results_eq(
    $$SELECT DISTINCT payer_force, payee_force FROM s22a.charges WHERE agreement_ref = 'Q' ORDER BY 1$$,
    $$VALUES ('BED'::text, 'HER'::text), ('CAM', 'HER')$$,
    'payee_force HER: the lead force is invoiced like the others, HER is not');
SELECT is((SELECT sum(amount) FROM s22a.charges WHERE agreement_ref = 'Q' AND payer_force = 'BED' AND fiscal_year = '2010/11'),
    400.00, 'BED''s 40% of £1,000.00');
SELECT results_eq($$SELECT count(*), count(DISTINCT payer_force), count(payee_force) FROM s22a.charges WHERE agreement_ref = '7F'$$,
    $$VALUES (28::bigint, 7::bigint, 0::bigint)$$,
    '7F has no lead force and no payee: all seven forces are invoiced, four quarters each, payee_force NULL');
UPDATE agreement SET lead_force = NULL, payee_force = NULL WHERE ref = 'Q';
SELECT is((SELECT count(DISTINCT payer_force) FILTER (WHERE payee_force IS NULL) FROM s22a.charges WHERE agreement_ref = 'Q'),
    3::bigint, 'neither payee nor lead force: every force is invoiced, payee_force NULL');

-- ---------------------------------------------------------------------------
-- benefit: benefit_force_party, bad values, benefits_by_year
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$INSERT INTO s22a.benefit (agreement_id, fiscal_year, force_code, kind, planned, description)
    VALUES (pg_temp.seven(), '2016/17', 'BED', 'cashable', 100000.00, 'telecoms')$$),
    'accepted', 'a benefit to a force with a party is accepted');
SELECT throws_ok($$INSERT INTO s22a.benefit (agreement_id, fiscal_year, force_code, kind, planned)
    VALUES (pg_temp.seven(), '2016/17', 'TVP', 'cashable', 1.00)$$, '23514',
    'force "TVP" has no party to agreement "7F": a benefit cannot be credited to it',
    'a force with no party to the agreement: refused, naming it');
SELECT is(pg_temp.refusal($$UPDATE s22a.benefit SET force_code = 'TVP' WHERE description = 'telecoms'$$),
    '23514 benefit_force_party', 'and an UPDATE to such a force');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.benefit (agreement_id, fiscal_year, kind, planned)
    VALUES (pg_temp.seven(), '2016/17', 'cashible', 1.00)$$),
    '22P02 ', 'an unknown kind: 22P02');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.benefit (agreement_id, fiscal_year, kind, planned)
    VALUES (pg_temp.seven(), '2016/17', 'cashable', -1.00)$$),
    '23514 benefit_planned_range', 'a negative plan: refused (a planned cost is a budget line)');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.benefit (agreement_id, fiscal_year, kind, planned)
    VALUES (pg_temp.seven(), '2016/17', 'cashable', 'NaN')$$),
    '23514 benefit_planned_range', 'a NaN plan: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.benefit (agreement_id, fiscal_year, kind, planned, realised)
    VALUES (pg_temp.seven(), '2016/17', 'cashable', 1.00, 'Infinity')$$),
    '23514 benefit_realised_finite', 'an infinite realised figure: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.benefit (agreement_id, fiscal_year, kind, planned, realised)
    VALUES (pg_temp.seven(), '2016/17', 'cashable', 1.00, 'NaN')$$),
    '23514 benefit_realised_finite', 'a NaN realised figure: refused');
SELECT is((SELECT count(*) FROM benefit), 1::bigint, 'the refused benefits left the table as it was');

INSERT INTO benefit (agreement_id, fiscal_year, force_code, kind, planned, realised, description)
VALUES (pg_temp.seven(), '2016/17', 'BED', 'cashable', 50000.50, 20000.25, 'applications'),
       (pg_temp.seven(), '2016/17', NULL, 'cashable', 1507000.00, 1600000.00, 'payroll'),
       (pg_temp.seven(), '2016/17', NULL, 'non_cashable', 10000.00, NULL, 'officer hours'),
       (pg_temp.seven(), '2017/18', NULL, 'cashable', 1000000.00, -5000.00, 'infrastructure');
SELECT results_eq(
    $$SELECT fiscal_year, force_code, kind, planned, realised, shortfall
        FROM s22a.benefits_by_year WHERE agreement_ref = '7F' ORDER BY fiscal_year, force_code NULLS LAST, kind$$,
    $$VALUES ('2016/17', 'BED', 'cashable', 150000.50, NULL::numeric, NULL::numeric),
             ('2016/17', NULL, 'cashable', 1507000.00, 1600000.00, -93000.00),
             ('2016/17', NULL, 'non_cashable', 10000.00, NULL, NULL),
             ('2017/18', NULL, 'cashable', 1000000.00, -5000.00, 1005000.00)$$,
    'benefits_by_year: realised (and so shortfall) unknown until every benefit of the group has one; more than planned is a negative shortfall; a loss a shortfall beyond the plan');
UPDATE benefit SET realised = 100000.00 WHERE description = 'telecoms';
SELECT results_eq(
    $$SELECT planned, realised, shortfall FROM s22a.benefits_by_year
       WHERE agreement_ref = '7F' AND fiscal_year = '2016/17' AND force_code = 'BED'$$,
    $$VALUES (150000.50, 120000.25, 30000.25)$$,
    'once every figure is in: shortfall = 150,000.50 - 120,000.25 exactly');

-- ---------------------------------------------------------------------------
-- the registry knows the three rules
-- ---------------------------------------------------------------------------
SELECT bag_eq(
    $$SELECT rule, sqlstate, table_name, doc FROM s22a.rules() WHERE rule IN ('spend_in_term', 'benefit_force_party', 'payee_force_party')$$,
    $$VALUES ('spend_in_term', '23514', 'spend', 'doc/costs.md#spend_in_term'),
             ('benefit_force_party', '23514', 'benefit', 'doc/costs.md#benefit_force_party'),
             ('payee_force_party', '23514', 'agreement', 'doc/costs.md#payee_force_party')$$,
    's22a.rules() lists the three rules, 23514, on doc/costs.md');

SELECT * FROM finish();
ROLLBACK;
