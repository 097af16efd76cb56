-- Costs of part years (doc/costs.md, "Part years: the charging rule"):
-- agreement.charging pro_rata_days and first_day, an override in a joining
-- year, the first part year of the Seven Force agreement, reports that stay
-- up while one group lacks a driver (cost_allocation.problem,
-- cost_problems), rule budget_term, and unshared budget lines.
-- Expected shares are worked exactly (fractions) in the comments:
-- value x days / total, rounded to tenths by largest remainder.  The
-- vehicle counts are those of the issue's CTC example; NRE figures are
-- ILLUSTRATIVE.
BEGIN;
SELECT plan(45);
SET LOCAL search_path = s22a, public;

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('HER', 'Hertfordshire Constabulary'), ('TVP', 'Thames Valley Police'),
    ('BTP', 'British Transport Police'), ('ESS', 'Essex Police'),
    ('KEN', 'Kent Police'), ('NOR', 'Norfolk Constabulary'), ('SUF', 'Suffolk Constabulary');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Policing body for ' || name FROM force;

-- vehicles (Chiltern Transport Consortium paper, section 3.2 example)
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT f, y::fiscal_year, 'vehicles', v
FROM (VALUES ('BED', 101), ('CAM', 132), ('HER', 180), ('TVP', 420), ('BTP', 300)) AS m(f, v),
     unnest(ARRAY['2019/20', '2020/21', '2021/22']) y;

-- ---------------------------------------------------------------------------
-- CTC 2019/20 (366 days: 29 February 2020): BED, CAM, HER, TVP all year,
-- BTP from 1 May 2019 (CPCC2019-008), 336 days.
-- ---------------------------------------------------------------------------
INSERT INTO agreement (ref, title, commences_on) VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16');
INSERT INTO agreement_party (agreement_id, party_code, joins_on)
SELECT a.id, p.code, CASE WHEN p.force_code = 'BTP' THEN date '2019-05-01' END
FROM agreement a, party p WHERE a.ref = 'CTC' AND p.force_code IN ('BED', 'CAM', 'HER', 'TVP', 'BTP');
CREATE TEMP TABLE ctc AS SELECT id FROM agreement WHERE ref = 'CTC';
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight) SELECT id, '2019/20', 'vehicles', 1 FROM ctc;
INSERT INTO budget (agreement_id, fiscal_year, line, amount) SELECT id, '2019/20', 'vehicle recharge', 400000.00 FROM ctc;

SELECT is((SELECT charging FROM agreement WHERE ref = 'CTC'), 'pro_rata_days'::charging_rule,
    'a new agreement is charged pro_rata_days');
-- BED 101x366 = 36,966; CAM 132x366 = 48,312; HER 180x366 = 65,880;
-- TVP 420x366 = 153,720; BTP 300x336 = 100,800; total 405,678.
-- Exact %: BED 9.1122, CAM 11.9090, HER 16.2395, TVP 37.8921, BTP 24.8473;
-- tenths rounded down 91+119+162+378+248 = 998; the two left go to the
-- largest remainders, TVP (.921) and BTP (.473).
SELECT is(cost_shares((SELECT id FROM ctc), '2019/20')::text,
    'BED=9.1, BTP=24.9, CAM=11.9, HER=16.2, TVP=37.9',
    'CTC 2019/20 under pro_rata_days: BTP pays for its 336 days from 1 May, about a quarter');
SELECT is(cost_shares((SELECT id FROM ctc), '2019/20'),
    (SELECT apportion(f, v) FROM (VALUES ('BED', 36966), ('CAM', 48312), ('HER', 65880),
                                         ('TVP', 153720), ('BTP', 100800)) AS w(f, v)),
    'the same as apportioning vehicles x days by hand');
SELECT is((SELECT amount FROM cost_allocation WHERE agreement_ref = 'CTC' AND force_code = 'BTP'),
    99600.00, 'BTP''s part of the £400,000 vehicle recharge: 24.9% = £99,600.00');

-- first_day: the parties on 1 April 2019, BTP not among them
UPDATE agreement SET charging = 'first_day' WHERE ref = 'CTC';
-- BED 101, CAM 132, HER 180, TVP 420 of 833: 12.1248, 15.8463, 21.6086,
-- 50.4202 %; 121+158+216+504 = 999, the tenth left to CAM (.8463).
SELECT is(cost_shares((SELECT id FROM ctc), '2019/20')::text,
    'BED=12.1, CAM=15.9, HER=21.6, TVP=50.4',
    'CTC 2019/20 under first_day: the four founding forces, BTP nothing (the rule of 0.2)');
SELECT is((SELECT sum(amount) FROM cost_allocation WHERE agreement_ref = 'CTC' AND force_code <> 'BTP'),
    400000.00, 'under first_day the founding forces bear the whole £400,000');
UPDATE agreement SET charging = 'pro_rata_days' WHERE ref = 'CTC';

-- ---------------------------------------------------------------------------
-- An override in the joining year names exactly the forces charged
-- ---------------------------------------------------------------------------
SELECT lives_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, shares)
                  SELECT id, '2019/20', 'BED=10, BTP=25, CAM=15, HER=15, TVP=35' FROM ctc$$,
    'pro_rata_days: a 2019/20 override giving BTP (party from 1 May) a share is accepted');
SELECT is(cost_shares((SELECT id FROM ctc), '2019/20')::text, 'BED=10, BTP=25, CAM=15, HER=15, TVP=35',
    'and wins over the formula');
SELECT throws_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, business_area, shares)
                   SELECT id, '2019/20', 'fleet', 'BED=20, CAM=20, HER=20, TVP=40' FROM ctc$$,
    '23514', 'the cost override of agreement "CTC" for 2019/20, business area "fleet" gives no share to "BTP", a force party to it between 2019-04-01 and 2020-03-31',
    'pro_rata_days: an override leaving out the joiner is refused, naming it and the days');
SELECT is((SELECT count(*) FROM cost_override WHERE business_area = 'fleet'), 0::bigint,
    'and nothing was written');
UPDATE agreement SET charging = 'first_day' WHERE ref = 'CTC';
SELECT throws_ok($$SELECT s22a.cost_shares((SELECT id FROM ctc), '2019/20')$$,
    '22023', 'the cost override of agreement "CTC" for 2019/20 gives a share to "BTP", which is not a force party to it on 2019-04-01',
    'first_day: the same override no longer matches when read (22023)');
SELECT throws_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, business_area, shares)
                   SELECT id, '2019/20', 'fleet', 'BED=20, BTP=5, CAM=20, HER=20, TVP=35' FROM ctc$$,
    '23514', 'the cost override of agreement "CTC" for 2019/20, business area "fleet" gives a share to "BTP", which is not a force party to it on 2019-04-01',
    'first_day: an override giving the joiner a share in its joining year is refused');
UPDATE agreement SET charging = 'pro_rata_days' WHERE ref = 'CTC';
DELETE FROM cost_override WHERE agreement_id = (SELECT id FROM ctc);

-- ---------------------------------------------------------------------------
-- A force leaving mid-year, in a leap year; a joiner and a leaver in one year
-- ---------------------------------------------------------------------------
INSERT INTO agreement (ref, title, commences_on) VALUES ('LEAVE', 'A force leaves on 1 March 2020', '2018-04-01');
INSERT INTO agreement_party (agreement_id, party_code, leaves_on)
SELECT a.id, p.code, CASE WHEN p.force_code = 'HER' THEN date '2020-03-01' END
FROM agreement a, party p WHERE a.ref = 'LEAVE' AND p.force_code IN ('BED', 'CAM', 'HER', 'TVP');
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, y::fiscal_year, 'vehicles', 1 FROM agreement, unnest(ARRAY['2019/20', '2020/21']) y WHERE ref = 'LEAVE';
-- HER is a party 1 April 2019 to 29 February 2020: 335 days (30+31+30+31+31+30+31+30+31+31+29).
-- BED 36,966, CAM 48,312, HER 180x335 = 60,300, TVP 153,720 of 299,298:
-- 12.3509, 16.1418, 20.1471, 51.3602 %; 123+161+201+513 = 998, the two
-- tenths left to the largest remainders, TVP (.602) and BED (.509).
SELECT is(cost_shares((SELECT id FROM agreement WHERE ref = 'LEAVE'), '2019/20')::text,
    'BED=12.4, CAM=16.1, HER=20.1, TVP=51.4',
    'a force leaving on 1 March 2020 pays for 335 days of the leap year 2019/20, 29 February included');
SELECT is(cost_shares((SELECT id FROM agreement WHERE ref = 'LEAVE'), '2019/20'),
    (SELECT apportion(f, v) FROM (VALUES ('BED', 101 * 366), ('CAM', 132 * 366), ('HER', 180 * 335),
                                         ('TVP', 420 * 366)) AS w(f, v)),
    'the same as apportioning vehicles x days by hand');
SELECT is((SELECT array_agg(party ORDER BY party) FROM shares(cost_shares((SELECT id FROM agreement WHERE ref = 'LEAVE'), '2020/21'))),
    ARRAY['BED', 'CAM', 'TVP'], 'the next year the leaver has no day, so no share');

INSERT INTO agreement (ref, title, commences_on) VALUES ('SWAP', 'One force joins and one leaves on 1 October 2021', '2018-04-01');
INSERT INTO agreement_party (agreement_id, party_code, joins_on, leaves_on)
SELECT a.id, p.code, CASE WHEN p.force_code = 'HER' THEN date '2021-10-01' END,
       CASE WHEN p.force_code = 'TVP' THEN date '2021-10-01' END
FROM agreement a, party p WHERE a.ref = 'SWAP' AND p.force_code IN ('BED', 'CAM', 'HER', 'TVP');
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, '2021/22', 'vehicles', 1 FROM agreement WHERE ref = 'SWAP';
-- 2021/22 has 365 days: HER from 1 October, 182 days; TVP to 30
-- September, 183 days.  BED 101x365 = 36,865, CAM 132x365 = 48,180,
-- HER 180x182 = 32,760, TVP 420x183 = 76,860 of 194,665: 18.9377, 24.7502,
-- 16.8289, 39.4832 %; 189+247+168+394 = 998, the two left to BED (.9377)
-- and HER (.8289).
SELECT is(cost_shares((SELECT id FROM agreement WHERE ref = 'SWAP'), '2021/22')::text,
    'BED=18.9, CAM=24.8, HER=16.8, TVP=39.5',
    'a joiner (182 days) and a leaver (183 days) in the same year each pay for their days');
SELECT is(cost_shares((SELECT id FROM agreement WHERE ref = 'SWAP'), '2021/22'),
    (SELECT apportion(f, v) FROM (VALUES ('BED', 101 * 365), ('CAM', 132 * 365), ('HER', 180 * 182),
                                         ('TVP', 420 * 183)) AS w(f, v)),
    'the same as apportioning vehicles x days by hand');
UPDATE agreement SET charging = 'first_day' WHERE ref = 'SWAP';
SELECT is((SELECT array_agg(party ORDER BY party) FROM shares(cost_shares((SELECT id FROM agreement WHERE ref = 'SWAP'), '2021/22'))),
    ARRAY['BED', 'CAM', 'TVP'], 'under first_day the leaver pays the whole year and the joiner nothing');

-- ---------------------------------------------------------------------------
-- The Seven Force agreement's first part year, 2015/16 (from 22 October 2015)
-- ---------------------------------------------------------------------------
INSERT INTO agreement (ref, title, commences_on, expires_on)
VALUES ('7F-SCP', 'Seven Force Strategic Collaboration Programme', '2015-10-22', '2017-03-31');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM agreement a, party p
WHERE a.ref = '7F-SCP' AND p.force_code IN ('BED', 'CAM', 'ESS', 'HER', 'KEN', 'NOR', 'SUF');
CREATE TEMP TABLE sf AS SELECT id FROM agreement WHERE ref = '7F-SCP';
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT f, '2015/16', 'nre', v
FROM (VALUES ('BED', 101600000), ('CAM', 131100000), ('ESS', 262800000), ('HER', 178400000),
             ('KEN', 279300000), ('NOR', 149500000), ('SUF', 114200000)) AS n(f, v);
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight) SELECT id, '2015/16', 'nre', 1 FROM sf;
SELECT lives_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount)
                  SELECT id, '2015/16', 'programme', 520000.00 FROM sf$$,
    'a budget for the first part year 2015/16 is accepted (in force from 22 October 2015)');
-- every force a party all 162 days from 22 October: the days cancel out
SELECT is(cost_shares((SELECT id FROM sf), '2015/16')::text,
    'BED=8.3, CAM=10.8, ESS=21.6, HER=14.7, KEN=22.9, NOR=12.3, SUF=9.4',
    'Seven Force 2015/16 costs: every force for its 162 days, the same shares as by NRE alone');
SELECT is((SELECT sum(amount) FROM cost_allocation WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2015/16'),
    520000.00, 'and the 2015/16 programme line is allocated in full');
UPDATE agreement SET charging = 'first_day' WHERE ref = '7F-SCP';
SELECT is(cost_shares((SELECT id FROM sf), '2015/16')::text,
    'BED=8.3, CAM=10.8, ESS=21.6, HER=14.7, KEN=22.9, NOR=12.3, SUF=9.4',
    'first_day: the parties on 22 October 2015, greatest(1 April, commences_on)');
SELECT lives_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, business_area, shares)
                  SELECT id, '2015/16', 'set-up', 'BED=10, CAM=10, ESS=20, HER=15, KEN=20, NOR=15, SUF=10' FROM sf$$,
    'a fixed-percentage override for the first part year is accepted');
UPDATE agreement SET charging = 'pro_rata_days' WHERE ref = '7F-SCP';

-- ---------------------------------------------------------------------------
-- budget_term: a year with no day in the term is refused (23514)
-- ---------------------------------------------------------------------------
SELECT throws_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount)
                   SELECT id, '2017/18', 'programme', 1200000.00 FROM sf$$,
    '23514', 'budget line "programme" of agreement "7F-SCP" is for 2017/18, a year with no day in the agreement''s term (2015-10-22 to 2017-03-31)',
    'budget_term: 2017/18 starts the day after the expiry: refused, naming the year and the term');
SELECT throws_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount)
                   SELECT id, '2014/15', 'programme', 1.00 FROM sf$$,
    '23514', NULL, 'budget_term: 2014/15 ends before commencement: refused');
SELECT throws_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, shares)
                   SELECT id, '2024/25', 'BED=10, CAM=10, ESS=20, HER=15, KEN=20, NOR=15, SUF=10' FROM sf$$,
    '23514', NULL, 'budget_term: an override for 2024/25, long after the expiry, is refused too');
SELECT throws_ok($$UPDATE s22a.budget SET fiscal_year = '2017/18' WHERE agreement_id = (SELECT id FROM sf)$$,
    '23514', NULL, 'budget_term: moving a line out of the term is refused');
SELECT is((SELECT array_agg(fiscal_year::text ORDER BY fiscal_year) FROM budget WHERE agreement_id = (SELECT id FROM sf)),
    ARRAY['2015/16'], 'and the budget is as it was');
INSERT INTO agreement (ref, title, commences_on, expires_on) VALUES ('EDGE', 'Edges of the term', '2016-03-31', '2017-04-01');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM agreement a, party p WHERE a.ref = 'EDGE' AND p.force_code IN ('BED', 'CAM');
SELECT lives_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount)
                  SELECT id, y::s22a.fiscal_year, 'one day', 100.00 FROM s22a.agreement, unnest(ARRAY['2015/16', '2017/18']) y
                  WHERE ref = 'EDGE'$$,
    'budget_term: a year with one day in force is accepted at either end (31 March 2016 commencement, 1 April 2017 expiry)');
SELECT throws_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount)
                   SELECT id, '2018/19', 'after', 1.00 FROM s22a.agreement WHERE ref = 'EDGE'$$,
    '23514', NULL, 'budget_term: the year after is refused');
-- a made renewal moves the effective expiry, and with it the years allowed
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'Renew EDGE to 31 March 2019', '2017-03-01', '2019-03-31' FROM agreement WHERE ref = 'EDGE';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p, '2017-03-02', 'letter' FROM decision d, unnest(ARRAY['CC-BED', 'PCC-BED', 'CC-CAM', 'PCC-CAM']) p
WHERE d.title = 'Renew EDGE to 31 March 2019';
UPDATE decision SET state = 'made', made_on = '2017-03-03' WHERE title = 'Renew EDGE to 31 March 2019';
SELECT lives_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount)
                  SELECT id, '2018/19', 'after', 1.00 FROM s22a.agreement WHERE ref = 'EDGE'$$,
    'budget_term: after a made renewal to 31 March 2019, 2018/19 is accepted');
SELECT is((SELECT rule || ' ' || sqlstate || ' ' || doc FROM rules() WHERE rule = 'budget_term'),
    'budget_term 23514 doc/costs.md#budget_term', 'budget_term is a registered rule');

-- ---------------------------------------------------------------------------
-- Reports stay up while one group lacks a driver
-- ---------------------------------------------------------------------------
-- EDGE has budgets but no cost basis; LEAVE gets a line for 2019/20 where
-- TVP has no "staff" value.
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2019/20', 'staff', 'staff', 1 FROM agreement WHERE ref = 'LEAVE';
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
VALUES ('BED', '2019/20', 'staff', 10), ('CAM', '2019/20', 'staff', 20), ('HER', '2019/20', 'staff', 30);
INSERT INTO budget (agreement_id, fiscal_year, business_area, line, amount)
SELECT id, '2019/20', b, 'analysts', 90000.00 FROM agreement, unnest(ARRAY['staff', '']) b WHERE ref = 'LEAVE';
SELECT lives_ok($$SELECT count(*) FROM s22a.cost_allocation$$,
    'an unfiltered SELECT on cost_allocation does not fail although groups lack data');
SELECT results_eq($$SELECT line, force_code, share, amount, problem FROM s22a.cost_allocation
                    WHERE agreement_ref = 'LEAVE' AND business_area = 'staff'$$,
    $$VALUES ('analysts', NULL::text, NULL::numeric, 90000.00, 'force "TVP" has no measure "staff" for 2019/20')$$,
    'the line of the group lacking a driver: one row, force and share NULL, the whole amount, the problem');
SELECT is((SELECT count(*) FROM cost_allocation WHERE problem IS NULL AND force_code IS NULL), 0::bigint,
    'every good row names its force, and has no problem');
SELECT set_eq($$SELECT agreement_ref, fiscal_year, business_area, problem FROM s22a.cost_problems$$,
    $$VALUES ('EDGE', '2015/16', '', 'no cost basis and no cost override for agreement "EDGE" for 2015/16'),
             ('EDGE', '2017/18', '', 'no cost basis and no cost override for agreement "EDGE" for 2017/18'),
             ('EDGE', '2018/19', '', 'no cost basis and no cost override for agreement "EDGE" for 2018/19'),
             ('LEAVE', '2019/20', 'staff', 'force "TVP" has no measure "staff" for 2019/20')$$,
    'cost_problems lists each group that cannot be split, and why');
SELECT is((SELECT sum(due) FROM cost_balance WHERE agreement_ref = 'LEAVE' AND fiscal_year = '2019/20'),
    90000.00, 'cost_balance leaves out the unallocated group and keeps the good one (£90,000 of £180,000)');
SELECT lives_ok($$SELECT count(*) FROM s22a.cost_balance$$, 'an unfiltered SELECT on cost_balance does not fail');
SELECT throws_ok($$SELECT s22a.cost_shares((SELECT id FROM s22a.agreement WHERE ref = 'LEAVE'), '2019/20', 'staff')$$,
    'P0002', 'force "TVP" has no measure "staff" for 2019/20', 'cost_shares() itself still raises');

-- ---------------------------------------------------------------------------
-- Unshared lines: each force bears its own (Seven Force agreement, clause 5.2)
-- ---------------------------------------------------------------------------
INSERT INTO budget (agreement_id, fiscal_year, line, amount, shared)
SELECT id, '2019/20', 'travel and subsistence', 12000.00, false FROM ctc;
SELECT is((SELECT count(*) FROM cost_allocation WHERE line = 'travel and subsistence'), 0::bigint,
    'an unshared line is not split in cost_allocation');
SELECT is((SELECT sum(due) FROM cost_balance WHERE agreement_ref = 'CTC' AND fiscal_year = '2019/20'),
    400000.00, 'nor due in cost_balance');
SELECT is((SELECT sum(amount) FROM budget WHERE agreement_id = (SELECT id FROM ctc) AND fiscal_year = '2019/20'),
    412000.00, 'but stays in the budget');
INSERT INTO agreement (ref, title, commences_on) VALUES ('OWN', 'Only unshared lines', '2019-04-01');
INSERT INTO budget (agreement_id, fiscal_year, line, amount, shared)
SELECT id, '2019/20', 'travel and subsistence', 500.00, false FROM agreement WHERE ref = 'OWN';
SELECT is((SELECT count(*) FROM cost_problems WHERE agreement_ref = 'OWN'), 0::bigint,
    'a year of unshared lines alone needs no cost basis: no problem');

-- ---------------------------------------------------------------------------
-- The charging rule is a term: sealed after execution
-- ---------------------------------------------------------------------------
UPDATE agreement_party SET signed_on = '2016-12-16', declared_on = '2016-12-16'
WHERE agreement_id = (SELECT id FROM ctc);
UPDATE agreement SET executed_on = '2016-12-16' WHERE ref = 'CTC';
SELECT throws_ok($$UPDATE s22a.agreement SET charging = 'first_day' WHERE ref = 'CTC'$$,
    '23514', NULL, 'the charging rule of an executed agreement changes only by decision (agreement_sealed)');
SELECT is((SELECT charging FROM agreement WHERE ref = 'CTC'), 'pro_rata_days'::charging_rule,
    'and it is as it was');

SELECT * FROM finish();
ROLLBACK;
