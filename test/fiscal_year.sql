-- fiscal_year behaviour: conversions, arithmetic, ordering, operator classes
BEGIN;
SELECT plan(27);
SET LOCAL search_path = s22a, public;

SELECT is('2016-17'::fiscal_year, '2016/17'::fiscal_year, 'short dash form equals slash form');
SELECT is('2016-2017'::fiscal_year, '2016/17'::fiscal_year, 'long dash form equals slash form');
SELECT is(' 2016/2017 '::fiscal_year::text, '2016/17', 'long form with spaces prints canonically');
SELECT is('1999/00'::fiscal_year + 1, '2000/01'::fiscal_year, 'across the century');
SELECT is(fiscal_year(date '2016-03-31'), '2015/16'::fiscal_year, '31 March is the last day of the year before');
SELECT is(fiscal_year(date '2016-04-01'), '2016/17'::fiscal_year, '1 April starts the year');
SELECT is(fiscal_year(date '2015-10-22'), '2015/16'::fiscal_year, 'Seven Force commencement falls in 2015/16');
SELECT is(first_day('2016/17'), date '2016-04-01', 'first day');
SELECT is(last_day('2016/17'), date '2017-03-31', 'last day');
SELECT is(last_day('9998/99'), date '9999-03-31', 'last day of the last year');
SELECT is('2020/21'::fiscal_year - '2015/16'::fiscal_year, 5, 'years between');
SELECT is('2015/16'::fiscal_year - '2020/21'::fiscal_year, -5, 'negative years between');
SELECT is('2016/17'::fiscal_year - 3, '2013/14'::fiscal_year, 'minus an int');

SELECT throws_ok($$SELECT '2016/18'::s22a.fiscal_year$$, '22P02', NULL, 'end year must follow the start');
SELECT throws_ok($$SELECT '1899/00'::s22a.fiscal_year$$, '22P02', NULL, 'before 1900/01 refused');
SELECT throws_ok($$SELECT '9998/99'::s22a.fiscal_year + 1$$, '22008', NULL, 'past 9998/99 is an overflow');
SELECT throws_ok($$SELECT '1900/01'::s22a.fiscal_year - 1$$, '22008', NULL, 'before 1900/01 is an overflow');
SELECT throws_ok($$SELECT '2016/17'::s22a.fiscal_year + (-2147483647 - 1)$$, '22008', NULL, 'int minimum does not wrap');
SELECT throws_ok($$SELECT s22a.fiscal_year(date '1800-01-01')$$, '22008', NULL, 'a date before 1900/01');
SELECT throws_ok($$SELECT s22a.fiscal_year(date '-infinity')$$, '22008', NULL, 'an infinite date');

-- operator classes are complete and consistent
SELECT ok(bool_and(amvalidate(oid)), 'btree and hash operator classes validate')
FROM pg_opclass WHERE opcname IN ('fiscal_year_ops', 'fiscal_year_hash_ops')
  AND opcnamespace = 's22a'::regnamespace;
SELECT is(count(*)::int, 2, 'both operator classes exist')
FROM pg_opclass WHERE opcname IN ('fiscal_year_ops', 'fiscal_year_hash_ops')
  AND opcnamespace = 's22a'::regnamespace;

-- ordering, indexing, grouping by hash with sorting disabled
CREATE TEMP TABLE years AS
SELECT (1900 + (g * 7919) % 8099 || '/' || lpad(((1901 + (g * 7919) % 8099) % 100)::text, 2, '0'))::fiscal_year AS fy
FROM generate_series(1, 20000) g;
SELECT ok(NOT EXISTS (
    SELECT 1 FROM (SELECT fy, lag(fy) OVER (ORDER BY fy) AS prev FROM years) t
    WHERE prev > fy OR first_day(prev) > first_day(fy)), 'sort order is the order of the years');
CREATE INDEX ON years (fy);
ANALYZE years;
SET LOCAL enable_seqscan = off;
SELECT is((SELECT count(*) FROM years WHERE fy BETWEEN '2000/01' AND '2009/10'),
          (SELECT count(*) FROM years WHERE first_day(fy) BETWEEN '2000-04-01' AND '2009-04-01'),
          'btree index range scan finds the same rows');
RESET enable_seqscan;
SET LOCAL enable_sort = off;
SET LOCAL enable_hashagg = on;
SELECT is((SELECT count(*) FROM (SELECT fy FROM years GROUP BY fy) g),
          (SELECT count(DISTINCT first_day(fy)) FROM years), 'hash grouping finds every year once');
CREATE TEMP TABLE plan_lines (line text);
DO $$ DECLARE l text; BEGIN
    FOR l IN EXECUTE 'EXPLAIN (COSTS OFF) SELECT fy FROM years GROUP BY fy' LOOP
        INSERT INTO plan_lines VALUES (l);
    END LOOP; END $$;
SELECT ok(EXISTS (SELECT 1 FROM plan_lines WHERE line LIKE '%HashAggregate%'), 'grouping uses the hash opclass');
CREATE INDEX ON years USING hash (fy);
SELECT is((SELECT count(*) FROM years WHERE fy = '2016/17'),
          (SELECT count(*) FROM years WHERE first_day(fy) = '2016-04-01'), 'hash index equality');

SELECT * FROM finish();
ROLLBACK;
