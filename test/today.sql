-- s22a.today(): the reports' "today", settable per session for "as at" reports
BEGIN;
SELECT plan(7);
SET LOCAL search_path = s22a, public;

RESET s22a.today;
SELECT is(today(), current_date, 'unset: today is current_date');
SET LOCAL s22a.today = '';
SELECT is(today(), current_date, 'empty: today is current_date');
SET LOCAL s22a.today = '2026-03-31';
SELECT is(today(), date '2026-03-31', 'set: reports answer as at that day');
SET LOCAL s22a.today = '31 March 2017';
SELECT is(today(), date '2017-03-31', 'any date input form is read');
SET LOCAL s22a.today = 'banana';
SELECT throws_like($$SELECT s22a.today()$$, '%"banana"%', 'a setting that is not a date is refused, naming it');
SELECT throws_ok($$SELECT s22a.today()$$, '22007', NULL, 'with the SQLSTATE of a bad date');
SET LOCAL s22a.today = 'infinity';
SELECT throws_ok($$SELECT s22a.today()$$, '22023', 's22a.today must be a finite date, not "infinity"', 'infinity is refused');

SELECT * FROM finish();
ROLLBACK;
