-- apportionment and apportion(): the rules, ties, extremes and refusals
BEGIN;
SELECT plan(58);
SET LOCAL search_path = s22a, public;

-- text form -----------------------------------------------------------------
SELECT is('HER=41.4,BED=27.4 , CAM = 31.2%'::apportionment::text, 'BED=27.4, CAM=31.2, HER=41.4',
    'any order, spaces and % in; code order and ", " out');
SELECT is('A=33.33, B=33.3, C=33.37'::apportionment::text, 'A=33.33, B=33.30, C=33.37',
    'the value takes the most decimals any share used');
SELECT is('b=50, B=50'::apportionment::text, 'B=50, b=50', 'codes in byte order: upper case first');
SELECT is(('BED=27.4, CAM=31.2, HER=41.4'::apportionment::text)::apportionment::text,
    'BED=27.4, CAM=31.2, HER=41.4', 'output reads back as the same value');

SELECT throws_ok($$SELECT 'A=50, B=49.9'::s22a.apportionment$$, '22P02', NULL, 'shares adding to 99.9 refused');
SELECT throws_ok($$SELECT 'A=50, A=50'::s22a.apportionment$$, '22P02', NULL, 'a repeated code refused');
SELECT throws_ok($$SELECT 'A=-1, B=101'::s22a.apportionment$$, '22P02', NULL, 'a negative share refused');
SELECT throws_ok($$SELECT 'A=100.00000'::s22a.apportionment$$, '22P02', NULL, 'five decimals refused');
SELECT throws_ok($$SELECT ''::s22a.apportionment$$, '22P02', NULL, 'empty refused');
SELECT throws_ok($$SELECT 'ABCDEFGHIJKLMNOPQ=100'::s22a.apportionment$$, '22P02', NULL, '17-character code refused');
SELECT throws_ok($$SELECT 'A.B=100'::s22a.apportionment$$, '22P02', NULL, 'a code with a dot refused');
SELECT throws_ok($$SELECT 'A=1e2'::s22a.apportionment$$, '22P02', NULL, 'exponent notation refused');
SELECT throws_ok($$SELECT 'A=99999999999999999999999'::s22a.apportionment$$, '22P02', NULL, 'a huge share refused without overflow');

-- reading shares --------------------------------------------------------------
SELECT is(share('BED=27.4, CAM=31.2, HER=41.4', 'CAM'), 31.2, 'share() of a party');
SELECT is('BED=27.4, CAM=31.2, HER=41.4'::apportionment -> 'BED', 27.4, '-> does the same');
SELECT is(share('BED=27.4, CAM=31.2, HER=41.4', 'KEN'), NULL, 'NULL for a party with no share');
SELECT is(share('BED=27.4, CAM=31.2, HER=41.4', repeat('X', 40)), NULL, 'NULL for an overlong code');
SELECT is(scale(share('A=33.33, B=66.67', 'A')), 2, 'the share keeps the value''s decimals');
SELECT results_eq($$SELECT party, share FROM s22a.shares('C=20, A=50, B=30')$$,
    $$VALUES ('A', 50::numeric), ('B', 30), ('C', 20)$$, 'shares() in code order');

-- equality ----------------------------------------------------------------------
SELECT ok('A=50, B=50'::apportionment = 'A=50.00, B=50.0'::apportionment, '50 and 50.00 are the same share');
SELECT ok('A=50, B=50'::apportionment <> 'A=50, C=50'::apportionment, 'different parties differ');
SELECT ok(NOT ('A=50.1, B=49.9'::apportionment = 'A=50, B=50'::apportionment), 'different shares differ');

-- apportion: ties -------------------------------------------------------------
SELECT is(apportion(ARRAY['C','B','A'], ARRAY[1,1,1]::numeric[])::text, 'A=33.4, B=33.3, C=33.3',
    'equal weights: the spare tenth goes to the lowest code');
-- weights 1, 3 and 4 of 8 give 12.5, 37.5 and 50: A and B tie on remainder
-- and the larger weight, B, takes the spare point.
SELECT is(apportion(ARRAY['A','B','C'], ARRAY[1,3,4]::numeric[], 0)::text, 'A=12, B=38, C=50',
    'equal remainders: the larger weight wins over the lower code');
SELECT is(apportion(ARRAY['A','B'], ARRAY[1,1]::numeric[], 0)::text, 'A=50, B=50', 'an exact split needs no rounding');
SELECT is(apportion(ARRAY['A','B','C'], ARRAY[0,1,1]::numeric[])::text, 'A=0.0, B=50.0, C=50.0',
    'a zero weight gets a zero share');

-- apportion: decimals 0 to 4 ------------------------------------------------------
SELECT is(apportion(ARRAY['A','B','C'], ARRAY[1,1,1]::numeric[], d)::text, e,
          format('thirds at %s decimals', d))
FROM (VALUES (0, 'A=34, B=33, C=33'), (2, 'A=33.34, B=33.33, C=33.33'),
             (3, 'A=33.334, B=33.333, C=33.333'), (4, 'A=33.3334, B=33.3333, C=33.3333')) AS t(d, e);

-- apportion: extreme magnitudes (leave the 128-bit fast path) ----------------------
SELECT is(apportion(ARRAY['A','B'], ARRAY[1e-20, 1e30])::text, 'A=0.0, B=100.0', '1e-20 beside 1e30');
SELECT is(apportion(ARRAY['A','B','C'], ARRAY[1e40, 1e40, 1e40])::text, 'A=33.4, B=33.3, C=33.3',
    'ties break the same way on the numeric path');
SELECT is(apportion(ARRAY['A','B'], ARRAY[0.000000000000000000000000000001, 0.000000000000000000000000000003])::text,
    'A=25.0, B=75.0', 'tiny weights keep their proportion');

-- apportion: refusals, with their SQLSTATEs ---------------------------------------
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A','B'], ARRAY[1,-1]::numeric[])$$, '22023',
    'weight of party "B" is negative: -1', 'negative weight');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A','B'], ARRAY[1,NULL]::numeric[])$$, '22004',
    'weight of party "B" is null', 'NULL weight');
SELECT throws_ok($$SELECT s22a.apportion(p, w) FROM (VALUES ('A', 1), ('B', NULL::numeric)) t(p, w)$$, '22004',
    'weight of party "B" is null', 'NULL weight in the aggregate is not skipped');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A','B'], ARRAY[0,0]::numeric[])$$, '22012',
    NULL, 'all weights zero');
SELECT throws_ok($$SELECT s22a.apportion(p, w) FROM (VALUES ('A', 1), ('A', 2)) t(p, w)$$, '22023',
    'party "A" appears more than once in the apportionment', 'a party twice');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A'], ARRAY['NaN']::numeric[])$$, '22023', NULL, 'NaN weight');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A'], ARRAY['-Infinity']::numeric[])$$, '22023', NULL, 'infinite weight');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A'], ARRAY[1]::numeric[], 5)$$, '22023', NULL, 'decimals above 4');
SELECT throws_ok($$SELECT s22a.apportion(p, 1, -1) FROM (VALUES ('A')) t(p)$$, '22023', NULL, 'negative decimals');
SELECT throws_ok($$SELECT s22a.apportion(NULL, 1) FROM (VALUES (1)) t$$, '22004', NULL, 'NULL party');
SELECT is(apportion(p, w), NULL, 'zero rows give NULL') FROM (SELECT 'A'::text, 1::numeric WHERE false) t(p, w);

-- split --------------------------------------------------------------------------
SELECT results_eq($$SELECT party, amount FROM s22a.split('A=33.3, B=33.3, C=33.4', 0.01)$$,
    $$VALUES ('A', 0.00::numeric), ('B', 0.00), ('C', 0.01)$$, 'one penny goes to the largest share');
SELECT results_eq($$SELECT party, amount FROM s22a.split('A=33.3, B=33.3, C=33.4', -0.02)$$,
    $$VALUES ('A', -0.01::numeric), ('B', 0.00), ('C', -0.01)$$,
    'a refund splits the same way with the sign kept; equal shares tie to the lower code');
SELECT throws_ok($$SELECT * FROM s22a.split('A=50, B=50', 10.001)$$, '22023',
    'amount 10.001 has more than 2 decimal places', 'sub-penny amount refused');
SELECT throws_ok($$SELECT * FROM s22a.split('A=50, B=50', 1e30)$$, '22003', NULL,
    'an amount too large for 64-bit pence is refused, not wrapped');
SELECT throws_ok($$SELECT * FROM s22a.split('A=50, B=50', 1e20)$$, '22003',
    'amount 100000000000000000000 is too large to split to 2 decimal places',
    'split names the amount it cannot split, not "bigint out of range"');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A', 'B'], ARRAY[9e131071, 9e131071])$$, '22003',
    'weights are too large to apportion', 'weights whose total overflows numeric: the documented 22003');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A', 'B'], ARRAY[9e131069, 1])$$, '22003',
    'weights are too large to apportion', 'a weight whose multiple overflows numeric: the same 22003');

-- operator classes: btree and hash, consistent with =
SELECT ok(bool_and(amvalidate(oid)), 'btree and hash operator classes of apportionment validate')
FROM pg_opclass WHERE opcname IN ('apportionment_ops', 'apportionment_hash_ops')
  AND opcnamespace = 's22a'::regnamespace;
SELECT is(count(*)::int, 2, 'both apportionment operator classes exist')
FROM pg_opclass WHERE opcname IN ('apportionment_ops', 'apportionment_hash_ops')
  AND opcnamespace = 's22a'::regnamespace;
CREATE TEMP TABLE shares_seen (s s22a.apportionment);
INSERT INTO shares_seen VALUES ('A=50, B=50'), ('A=50.0, B=50.0'), ('A=40, B=60'), ('A=100'), ('B=100'), ('A=40, B=60');
SELECT is((SELECT count(*)::int FROM (SELECT DISTINCT s FROM shares_seen) d), 4, 'DISTINCT: 50 and 50.0 are one value');
SELECT results_eq($$SELECT g.s::text, g.n FROM (SELECT s, count(*)::int AS n FROM shares_seen GROUP BY s) g ORDER BY g.s$$,
    $$VALUES ('A=40, B=60', 2), ('A=50, B=50', 2), ('A=100', 1), ('B=100', 1)$$,
    'GROUP BY and ORDER BY: entries compared in code order, by code then share, fewer entries first');
SELECT is((SELECT count(*)::int FROM (SELECT s FROM shares_seen UNION SELECT 'A=50.00, B=50.00') u), 4,
    'UNION removes duplicates, whatever the decimals');
SET LOCAL enable_sort = off;
SELECT is((SELECT count(*)::int FROM (SELECT s FROM shares_seen GROUP BY s) g), 4,
    'grouping by hash agrees (50 and 50.0 hash alike)');
RESET enable_sort;
SELECT ok('A=40, B=60'::s22a.apportionment < 'A=50, B=50' AND 'A=50, B=50'::s22a.apportionment <= 'A=50.0, B=50.0'
          AND 'B=100'::s22a.apportionment > 'A=100' AND 'A=100'::s22a.apportionment >= 'A=40, B=60',
    'the order: A=40, B=60 < A=50, B=50; B=100 > A=100; A=100 after A=40, B=60 (A''s share 100 > 40)');

SELECT * FROM finish();
ROLLBACK;
