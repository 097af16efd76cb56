-- Costs: cost_shares, cost_shares_if, cost_allocation, cost_balance and the
-- checks on cost_basis and cost_override.
-- Seven Force (Seven Force agreement, clauses 5.1-5.3), JPS umbrella
-- agreement with business-area annexes (JPS umbrella agreement paper; JPS and
-- PSD board report, 2016), Chiltern Transport Consortium with British
-- Transport Police joining on 1 May 2019 (CPCC2019-008, CTC paper).
-- NRE and demand figures are ILLUSTRATIVE.
BEGIN;
SELECT plan(42);
SET LOCAL search_path = s22a, public;

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('ESS', 'Essex Police'), ('HER', 'Hertfordshire Constabulary'),
    ('KEN', 'Kent Police'), ('NOR', 'Norfolk Constabulary'),
    ('SUF', 'Suffolk Constabulary'), ('TVP', 'Thames Valley Police'),
    ('BTP', 'British Transport Police');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Policing body for ' || name FROM force;

INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT f, y::fiscal_year, 'nre', v
FROM (VALUES ('BED', 101600000), ('CAM', 131100000), ('ESS', 262800000),
             ('HER', 178400000), ('KEN', 279300000), ('NOR', 149500000),
             ('SUF', 114200000), ('TVP', 420000000), ('BTP', 290000000)) AS n(f, v),
     unnest(ARRAY['2016/17', '2019/20', '2020/21']) AS y;

-- ---------------------------------------------------------------------------
-- Seven Force 2016/17: NRE, one decimal place; £1.2m + £150k
-- ---------------------------------------------------------------------------
-- This file tests the formula under charging first_day (the parties on 1
-- April, the rule of 0.2); test/costs_charging.sql tests pro_rata_days.
INSERT INTO agreement (ref, title, commences_on, expires_on, charging)
VALUES ('7F-SCP', 'Seven Force Strategic Collaboration Programme', '2015-10-22', '2017-03-31', 'first_day');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM agreement a, party p
WHERE a.ref = '7F-SCP' AND p.force_code IN ('BED', 'CAM', 'ESS', 'HER', 'KEN', 'NOR', 'SUF');
CREATE TEMP TABLE sf AS SELECT id FROM agreement WHERE ref = '7F-SCP';
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, '2016/17', 'nre', 1 FROM sf;
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2016/17', line, amount FROM sf,
       (VALUES ('programme', 1200000.00), ('consultancy', 150000.00)) AS b(line, amount);

SELECT is(cost_shares((SELECT id FROM sf), '2016/17')::text,
    'BED=8.3, CAM=10.8, ESS=21.6, HER=14.7, KEN=22.9, NOR=12.3, SUF=9.4',
    'Seven Force 2016/17: KEN 22.95 rounds down, ESS 21.596 up (largest remainder, not round())');
SELECT is((SELECT sum(share) FROM shares(cost_shares((SELECT id FROM sf), '2016/17'))), 100.0,
    'the seven shares add up to exactly 100.0');
SELECT is(cost_shares((SELECT id FROM sf), '2016/17'),
    (SELECT apportion(force_code, value) FROM force_measure
      WHERE fiscal_year = '2016/17' AND measure = 'nre'
        AND force_code IN ('BED', 'CAM', 'ESS', 'HER', 'KEN', 'NOR', 'SUF')),
    'a single measure of weight 1 is the apportion rule over the NRE itself');
SELECT is((SELECT count(*) FROM (
              SELECT c.line FROM cost_allocation c
                JOIN budget b ON (b.fiscal_year::text, b.business_area, b.line) = (c.fiscal_year, c.business_area, c.line)
               WHERE c.agreement_ref = '7F-SCP' AND b.agreement_id = (SELECT id FROM sf)
               GROUP BY c.line HAVING sum(c.amount) = min(b.amount)) x), 2::bigint,
    'programme and consultancy each add up to their amount to the penny');
SELECT is((SELECT amount FROM cost_allocation
            WHERE agreement_ref = '7F-SCP' AND line = 'consultancy' AND force_code = 'BED'), 12450.00,
    'BED pays 8.3% of £150,000 = £12,450.00');
SELECT is((SELECT count(*) FROM cost_allocation WHERE agreement_ref = '7F-SCP'), 14::bigint,
    'one row per line and force');

-- clause 5.3: officer/staff resource counts like money
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount, description)
SELECT id, '2016/17', 'BED', 'in_kind', 60000.00, 'analyst seconded' FROM sf;
SELECT results_eq(
    $$SELECT due, contributed, outstanding FROM cost_balance
       WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17' AND force_code = 'BED'$$,
    $$VALUES (112050.00, 60000.00, 52050.00)$$,
    'an in-kind contribution offsets what is due: 99,600 + 12,450 - 60,000');
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount)
SELECT id, '2016/17', 'BED', 'cash', 52050.00 FROM sf;
SELECT is((SELECT outstanding FROM cost_balance
            WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17' AND force_code = 'BED'), 0.00,
    'cash and in kind together settle it');
SELECT is((SELECT outstanding FROM cost_balance
            WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17' AND force_code = 'KEN'), 309150.00,
    'a force that has put nothing in owes its whole part');

-- refusals
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight) SELECT id, '2019/20', 'nre', 1 FROM sf;
DELETE FROM force_measure WHERE force_code = 'NOR' AND fiscal_year = '2019/20';
SELECT throws_ok($$SELECT s22a.cost_shares((SELECT id FROM sf), '2019/20')$$, 'P0002',
    'force "NOR" has no measure "nre" for 2019/20',
    'a missing NRE names the force and the measure, never a silent zero');
SELECT throws_ok($$SELECT s22a.cost_shares((SELECT id FROM sf), '2018/19')$$, 'P0002',
    'no cost basis and no cost override for agreement "7F-SCP" for 2018/19',
    'no basis and no override is an error');
SELECT throws_ok($$SELECT s22a.cost_shares(-1, '2016/17')$$, '22023',
    'agreement -1 does not exist', 'an unknown agreement is an error');
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT code, '2016/17', 'demand:none', 0 FROM force;
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2016/17', 'idle', 'demand:none', 1 FROM sf;
SELECT throws_ok($$SELECT s22a.cost_shares((SELECT id FROM sf), '2016/17', 'idle')$$, '22012', NULL,
    'a measure adding up to zero over the members is division by zero');

-- weights: checked when used, and at commit (deferred constraint trigger)
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2016/17', 'partial', 'nre', 0.6 FROM sf;
SELECT throws_ok($$SELECT s22a.cost_shares((SELECT id FROM sf), '2016/17', 'partial')$$, '22023',
    'the cost basis weights of agreement "7F-SCP" for 2016/17, business area "partial" add up to 0.6, not 1',
    'weights not adding up to 1 are refused when used');
SELECT throws_ok($$SET CONSTRAINTS s22a.cost_basis_weights_add_up IMMEDIATE$$, '23514', NULL,
    'and refused at commit by cost_basis_weights_add_up');
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2016/17', 'partial', 'demand:none', 0.4 FROM sf;
UPDATE force_measure SET value = 1 WHERE measure = 'demand:none';
SELECT lives_ok($$SET CONSTRAINTS s22a.cost_basis_weights_add_up IMMEDIATE$$,
    'a blend entered row by row passes once its weights add up to 1');
SET CONSTRAINTS s22a.cost_basis_weights_add_up DEFERRED;
UPDATE cost_basis SET weight = 0.5 WHERE business_area = 'partial' AND measure = 'nre';
SELECT throws_ok($$SET CONSTRAINTS s22a.cost_basis_weights_add_up IMMEDIATE$$, '23514', NULL,
    'an UPDATE that breaks the sum is refused');
UPDATE cost_basis SET weight = 0.6 WHERE business_area = 'partial' AND measure = 'nre';
DELETE FROM cost_basis WHERE business_area = 'partial' AND measure = 'demand:none';
SELECT throws_ok($$SET CONSTRAINTS s22a.cost_basis_weights_add_up IMMEDIATE$$, '23514', NULL,
    'so is a DELETE of one measure of a blend');
DELETE FROM cost_basis WHERE business_area IN ('partial', 'idle');
SELECT lives_ok($$SET CONSTRAINTS s22a.cost_basis_weights_add_up IMMEDIATE$$,
    'deleting the whole basis of an area is allowed');
SET CONSTRAINTS s22a.cost_basis_weights_add_up DEFERRED;

-- the shares follow the rows within a transaction, even from PL/pgSQL
CREATE FUNCTION pg_temp.shares_before_and_after(agreement bigint) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    before s22a.apportionment;
    after s22a.apportionment;
BEGIN
    before := s22a.cost_shares(agreement, '2016/17');
    UPDATE s22a.force_measure SET value = 1000000000
     WHERE force_code = 'SUF' AND fiscal_year = '2016/17' AND measure = 'nre';
    after := s22a.cost_shares(agreement, '2016/17');
    RETURN format('%s -> %s', s22a.share(before, 'SUF'), s22a.share(after, 'SUF'));
END $$;
SELECT is(pg_temp.shares_before_and_after((SELECT id FROM sf)), '9.4 -> 47.6',
    'a change to force_measure shows in the next call of the same expression');
UPDATE force_measure SET value = 114200000
WHERE force_code = 'SUF' AND fiscal_year = '2016/17' AND measure = 'nre';

-- ---------------------------------------------------------------------------
-- JPS: umbrella agreement, business-area annexes, NRE/demand blend (JPS
-- umbrella agreement paper, Section 13: "a combination of Net Revenue Expenditure and demand")
-- ---------------------------------------------------------------------------
INSERT INTO agreement (ref, title, lead_force, commences_on, charging)
VALUES ('JPS', 'Joint Protective Services', 'BED', '2016-04-01', 'first_day');
INSERT INTO agreement (ref, title, parent_id, lead_force, commences_on, charging)
SELECT 'JPS-' || upper(area), 'JPS service specification: ' || area, id, 'BED', '2016-04-01', 'first_day'
FROM agreement, unnest(ARRAY['firearms', 'major_crime']) AS area WHERE ref = 'JPS';
INSERT INTO agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM agreement a, party p
WHERE a.ref = 'JPS' AND p.force_code IN ('BED', 'CAM', 'HER');
CREATE TEMP TABLE jps AS SELECT id FROM agreement WHERE ref = 'JPS';
INSERT INTO force_measure (force_code, fiscal_year, measure, value) VALUES
    ('BED', '2016/17', 'demand:firearms', 1200),
    ('CAM', '2016/17', 'demand:firearms', 900),
    ('HER', '2016/17', 'demand:firearms', 1900);
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2016/17', area, measure, weight FROM jps,
    (VALUES ('', 'nre', 1), ('major_crime', 'nre', 1),
            ('firearms', 'nre', 0.5), ('firearms', 'demand:firearms', 0.5)) AS b(area, measure, weight);
INSERT INTO budget (agreement_id, fiscal_year, business_area, line, amount)
SELECT id, '2016/17', area, line, amount FROM jps,
    (VALUES ('firearms', 'armed response', 500000.00), ('firearms', 'training', 33333.33),
            ('major_crime', 'investigations', 1000000.00)) AS b(area, line, amount);

-- by hand: BED 0.5 x 101.6/411.1 + 0.5 x 1200/4000 = 27.357..%,
-- CAM 0.5 x 131.1/411.1 + 0.5 x 900/4000 = 27.195..%, HER 45.447..%:
-- floors 273 + 271 + 454 = 998 tenths; the two left go to CAM (.950) and BED (.571)
SELECT is(cost_shares((SELECT id FROM jps), '2016/17', 'firearms')::text,
    'BED=27.4, CAM=27.2, HER=45.4', 'JPS firearms: a 50/50 blend of NRE and firearms demand, by hand');
SELECT is(cost_shares((SELECT id FROM jps), '2016/17', 'major_crime')::text,
    'BED=24.7, CAM=31.9, HER=43.4', 'another business area of the same agreement: NRE alone');
SELECT is(cost_shares((SELECT id FROM jps), '2016/17')::text,
    cost_shares((SELECT id FROM jps), '2016/17', 'major_crime')::text,
    'the whole agreement (business area '''') has its own basis');
SELECT results_eq(
    $$SELECT force_code, amount FROM cost_allocation
       WHERE agreement_ref = 'JPS' AND business_area = 'firearms' AND line = 'armed response'
       ORDER BY force_code$$,
    $$VALUES ('BED', 137000.00), ('CAM', 136000.00), ('HER', 227000.00)$$,
    'firearms armed response £500,000 split by the blended shares');
SELECT results_eq(
    $$SELECT force_code, amount FROM cost_allocation
       WHERE agreement_ref = 'JPS' AND business_area = 'firearms' AND line = 'training'
       ORDER BY force_code$$,
    $$VALUES ('BED', 9133.33), ('CAM', 9066.67), ('HER', 15133.33)$$,
    '£33,333.33 to the penny: the odd penny to the largest remainder');
SELECT is((SELECT due FROM cost_balance WHERE agreement_ref = 'JPS' AND force_code = 'HER'),
    227000.00 + 15133.33 + 434000.00, 'the balance adds every business area of the year');

-- equal weights: the tie goes to the lower code (the rule of src/rules/apportion.c)
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT code, '2016/17', 'demand:equal', 7 FROM force;
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2016/17', 'equal', 'demand:equal', 1 FROM jps;
SELECT is(cost_shares((SELECT id FROM jps), '2016/17', 'equal')::text,
    'BED=33.4, CAM=33.3, HER=33.3', 'three equal thirds: the spare tenth to the lowest code');

-- overrides: stated percentages win, but only over exactly the members
INSERT INTO cost_override (agreement_id, fiscal_year, business_area, shares)
SELECT id, '2016/17', 'major_crime', 'BED=30, CAM=30, HER=40' FROM jps;
SELECT is(cost_shares((SELECT id FROM jps), '2016/17', 'major_crime')::text,
    'BED=30, CAM=30, HER=40', 'an override wins over the cost basis');
SELECT throws_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, business_area, shares)
                   SELECT id, '2016/17', 'firearms', 'BED=30, CAM=30, ESS=10, HER=30' FROM jps$$,
    '23514',
    'the cost override of agreement "JPS" for 2016/17, business area "firearms" gives a share to "ESS", which is not a force party to it on 2016-04-01',
    'an override naming a non-member force is refused when written');
SELECT throws_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, business_area, shares)
                   SELECT id, '2016/17', 'firearms', 'BED=50, HER=50' FROM jps$$,
    '23514', NULL, 'so is one that leaves a member out');
-- membership moved after the override was written: refused when read
INSERT INTO agreement_party (agreement_id, party_code)
SELECT id, p FROM jps, unnest(ARRAY['CC-ESS', 'PCC-ESS']) AS p;
SELECT throws_ok($$SELECT s22a.cost_shares((SELECT id FROM jps), '2016/17', 'major_crime')$$,
    '22023',
    'the cost override of agreement "JPS" for 2016/17, business area "major_crime" gives no share to "ESS", a force party to it on 2016-04-01',
    'an override that no longer matches the members is refused when read');
DELETE FROM agreement_party WHERE agreement_id = (SELECT id FROM jps) AND party_code LIKE '%-ESS';

-- ---------------------------------------------------------------------------
-- Chiltern Transport Consortium: BTP joins on 1 May 2019
-- ---------------------------------------------------------------------------
INSERT INTO agreement (ref, title, commences_on, review_on, charging)
VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16', '2022-04-30', 'first_day');
INSERT INTO agreement_party (agreement_id, party_code, joins_on)
SELECT a.id, p.code, CASE WHEN p.force_code = 'BTP' THEN date '2019-05-01' END
FROM agreement a, party p
WHERE a.ref = 'CTC' AND p.force_code IN ('BED', 'CAM', 'HER', 'TVP', 'BTP');
CREATE TEMP TABLE ctc AS SELECT id FROM agreement WHERE ref = 'CTC';
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, y::fiscal_year, 'nre', 1 FROM ctc, unnest(ARRAY['2019/20', '2020/21']) AS y;

SELECT is(cost_shares((SELECT id FROM ctc), '2019/20') -> 'BTP', NULL,
    '2019/20: BTP joined on 1 May, after 1 April, so pays no share that year');
SELECT is((SELECT array_agg(party ORDER BY party) FROM shares(cost_shares((SELECT id FROM ctc), '2019/20'))),
    ARRAY['BED', 'CAM', 'HER', 'TVP'], '2019/20: the four founding forces');
SELECT is(cost_shares((SELECT id FROM ctc), '2020/21')::text,
    'BED=9.0, BTP=25.9, CAM=11.7, HER=15.9, TVP=37.5', '2020/21: BTP is in');
SELECT is(cost_shares_if((SELECT id FROM ctc), '2019/20', '', ARRAY['TVP', 'BTP', 'BED', 'CAM', 'HER']),
    cost_shares((SELECT id FROM ctc), '2020/21'),
    'what if BTP had been in for 2019/20: the 2020/21 shares (same NRE)');
SELECT is(cost_shares_if((SELECT id FROM ctc), '2019/20', '', ARRAY['BED', 'CAM', 'HER', 'TVP']),
    cost_shares((SELECT id FROM ctc), '2019/20'),
    'cost_shares_if over the members is cost_shares');
SELECT throws_ok($$INSERT INTO s22a.cost_override (agreement_id, fiscal_year, shares)
                   SELECT id, '2019/20', 'BED=20, BTP=20, CAM=20, HER=20, TVP=20' FROM ctc$$,
    '23514', NULL, 'a 2019/20 override giving BTP a share is refused: not a party on 1 April 2019');
SELECT throws_ok($$SELECT s22a.cost_shares_if((SELECT id FROM ctc), '2019/20', '', ARRAY['BED', 'MPS'])$$,
    'P0002', 'force "MPS" has no measure "nre" for 2019/20', 'a what-if force without NRE is named');
SELECT throws_ok($$SELECT s22a.cost_shares_if((SELECT id FROM ctc), '2019/20', '', ARRAY[]::text[])$$,
    '22023', NULL, 'a what-if needs at least one force');
SELECT throws_ok($$SELECT s22a.cost_shares_if((SELECT id FROM ctc), '2019/20', '', ARRAY['BED', NULL])$$,
    '22004', NULL, 'a NULL force code is refused');

-- ---------------------------------------------------------------------------
-- the functions are what they say they are
-- ---------------------------------------------------------------------------
SELECT volatility_is('s22a', 'cost_shares', ARRAY['bigint', 'fiscal_year', 'text'], 'stable',
    'cost_shares reads tables: STABLE');
SELECT is(cost_shares((SELECT id FROM ctc), NULL), NULL, 'cost_shares is STRICT');

SELECT * FROM finish();
ROLLBACK;
