-- fiscal_year behaviour: ordering, operator classes, binary form
BEGIN;
SELECT plan(3);
SET LOCAL search_path = s22a, public;
SELECT is('2016-17'::fiscal_year, '2016/17'::fiscal_year, 'short dash form equals slash form');
SELECT is(fiscal_year(date '2016-03-31'), '2015/16'::fiscal_year, '31 March is the last day of the year before');
SELECT throws_ok($$SELECT '2016/18'::s22a.fiscal_year$$, '22P02', NULL, 'end year must follow the start');
SELECT * FROM finish();
ROLLBACK;
