-- Working days (doc/working_days.md): the shipped calendar against the GOV.UK list,
-- clear-day counting around Easter 2016 (Seven Force agreement, clause
-- 3.4: "no less than two clear working days' notice"), adding
-- working days, notice deadlines, errors, and the holiday cache seeing
-- changes in this session and in others.
BEGIN;
SELECT plan(91);
SET LOCAL search_path = s22a, public;

-- ---------------------------------------------------------------------------
-- the shipped calendar: every bank holiday 2010-2027 as published on GOV.UK
-- ---------------------------------------------------------------------------
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2010-01-01' AND '2010-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2010-01-01', '2010-04-02', '2010-04-05', '2010-05-03', '2010-05-31', '2010-08-30', '2010-12-27', '2010-12-28']) AS d ORDER BY 1$$,
    'bank holidays 2010 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2011-01-01' AND '2011-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2011-01-03', '2011-04-22', '2011-04-25', '2011-04-29', '2011-05-02', '2011-05-30', '2011-08-29', '2011-12-26', '2011-12-27']) AS d ORDER BY 1$$,
    'bank holidays 2011 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2012-01-01' AND '2012-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2012-01-02', '2012-04-06', '2012-04-09', '2012-05-07', '2012-06-04', '2012-06-05', '2012-08-27', '2012-12-25', '2012-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2012 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2013-01-01' AND '2013-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2013-01-01', '2013-03-29', '2013-04-01', '2013-05-06', '2013-05-27', '2013-08-26', '2013-12-25', '2013-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2013 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2014-01-01' AND '2014-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2014-01-01', '2014-04-18', '2014-04-21', '2014-05-05', '2014-05-26', '2014-08-25', '2014-12-25', '2014-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2014 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2015-01-01' AND '2015-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2015-01-01', '2015-04-03', '2015-04-06', '2015-05-04', '2015-05-25', '2015-08-31', '2015-12-25', '2015-12-28']) AS d ORDER BY 1$$,
    'bank holidays 2015 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2016-01-01' AND '2016-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2016-01-01', '2016-03-25', '2016-03-28', '2016-05-02', '2016-05-30', '2016-08-29', '2016-12-26', '2016-12-27']) AS d ORDER BY 1$$,
    'bank holidays 2016 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2017-01-01' AND '2017-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2017-01-02', '2017-04-14', '2017-04-17', '2017-05-01', '2017-05-29', '2017-08-28', '2017-12-25', '2017-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2017 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2018-01-01' AND '2018-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2018 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2019-01-01' AND '2019-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2019 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2020-01-01' AND '2020-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28']) AS d ORDER BY 1$$,
    'bank holidays 2020 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2021-01-01' AND '2021-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28']) AS d ORDER BY 1$$,
    'bank holidays 2021 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2022-01-01' AND '2022-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2022-01-03', '2022-04-15', '2022-04-18', '2022-05-02', '2022-06-02', '2022-06-03', '2022-08-29', '2022-09-19', '2022-12-26', '2022-12-27']) AS d ORDER BY 1$$,
    'bank holidays 2022 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2023-01-01' AND '2023-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2023 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2024-01-01' AND '2024-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2024 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2025-01-01' AND '2025-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26']) AS d ORDER BY 1$$,
    'bank holidays 2025 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2026-01-01' AND '2026-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']) AS d ORDER BY 1$$,
    'bank holidays 2026 match the GOV.UK list for England and Wales');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2027-01-01' AND '2027-12-31' ORDER BY day$$,
    $$SELECT d::date FROM unnest(ARRAY['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']) AS d ORDER BY 1$$,
    'bank holidays 2027 match the GOV.UK list for England and Wales');

-- one-off changes before 2010 and the range
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '1995-05-01' AND '1995-05-31' ORDER BY day$$,
    $$VALUES ('1995-05-08'::date), ('1995-05-29')$$,
    '1995: early May moved to Monday 8 May (VE day 50th), no holiday on 1 May');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '1999-12-01' AND '2000-01-31' ORDER BY day$$,
    $$VALUES ('1999-12-27'::date), ('1999-12-28'), ('1999-12-31'), ('2000-01-03')$$,
    'Millennium: 31 December 1999 extra, New Year 2000 (a Saturday) on Monday 3 January');
SELECT results_eq(
    $$SELECT day FROM bank_holiday WHERE day BETWEEN '2002-05-01' AND '2002-06-30' ORDER BY day$$,
    $$VALUES ('2002-05-06'::date), ('2002-06-03'), ('2002-06-04')$$,
    '2002: spring moved to 4 June, Golden Jubilee 3 June, nothing at the end of May');
SELECT is((SELECT count(*) FROM bank_holiday WHERE extract(year FROM day) BETWEEN 1990 AND 2060)::int,
    71 * 8 + 7, 'eight statutory days a year 1990-2060 plus seven one-off days');
SELECT is((SELECT min(day) || ' ' || max(day) FROM bank_holiday),
    '1990-01-01 2060-12-28', 'the shipped calendar runs from 1990 to 2060');
SELECT is((SELECT count(*) FROM bank_holiday WHERE NOT shipped)::int, 0,
    'every row CREATE EXTENSION put there is marked shipped, so pg_dump leaves it out');
SELECT is((SELECT count(*) FROM bank_holiday WHERE extract(isodow FROM day) > 5)::int, 0,
    'substitute days replace weekend days: no shipped holiday falls at a weekend');
SELECT is((SELECT name FROM bank_holiday WHERE day = '2021-12-28'),
    'Boxing Day (substitute day)', 'Christmas 2021 on a Saturday: Boxing Day substitute on Tuesday 28th');
SELECT is((SELECT name FROM bank_holiday WHERE day = '2022-12-27'),
    'Christmas Day (substitute day)', 'Christmas 2022 on a Sunday: Christmas substitute on Tuesday 27th');
SELECT is(easter_sunday(2016), '2016-03-27'::date, 'Easter Sunday 2016 is 27 March');
SELECT is(easter_sunday(2038), '2038-04-25'::date, 'Easter Sunday 2038 is 25 April, the latest possible');
SELECT is(easter_sunday(2285), '2285-03-22'::date, 'Easter Sunday 2285 is 22 March, the earliest possible');
SELECT throws_ok($$SELECT * FROM s22a.statutory_bank_holidays(1970, 1990)$$, '22023', NULL,
    'years before the pattern (early May since 1978) are refused');
SELECT is((SELECT count(*) FROM statutory_bank_holidays(2031, 2030))::int, 0,
    'an empty year range gives no rows');
SELECT results_eq($$SELECT day, name FROM s22a.statutory_bank_holidays(1981, 1981) WHERE day BETWEEN '1981-07-01' AND '1981-07-31'$$,
    $$VALUES ('1981-07-29'::date, 'Royal wedding')$$,
    'Wednesday 29 July 1981, the royal wedding, was a bank holiday (before the shipped table, computed)');

-- ---------------------------------------------------------------------------
-- Easter 2016: Good Friday 25 March, Easter Monday 28 March
-- ---------------------------------------------------------------------------
SELECT results_eq(
    $$SELECT d::date, is_working_day(d::date) FROM generate_series('2016-03-23'::date, '2016-03-30', '1 day') AS d$$,
    $$VALUES ('2016-03-23'::date, true), ('2016-03-24', true), ('2016-03-25', false), ('2016-03-26', false),
             ('2016-03-27', false), ('2016-03-28', false), ('2016-03-29', true), ('2016-03-30', true)$$,
    'working days around Easter 2016');
SELECT is(working_days_between('2016-03-23', '2016-03-29'), 1,
    'notice on Wed 23 March for a meeting on Tue 29 March leaves one clear working day (24th)');
SELECT is(working_days_between('2016-03-22', '2016-03-29'), 2,
    'notice on Tue 22 March leaves two clear working days (23rd, 24th)');
SELECT is(working_days_between('2016-03-29', '2016-03-30'), 0, 'adjacent days have no day between');
SELECT is(working_days_between('2016-03-29', '2016-03-29'), 0, 'the same day has no day between');
SELECT is(working_days_between('2016-03-30', '2016-03-22'), 0, 'b before a counts nothing');
SELECT is(working_days_between('2016-03-24', '2016-03-29'), 0, 'Thursday to Tuesday over Easter: none clear');
SELECT is(working_days_between('2015-12-31', '2017-01-01'), 253,
    '2016 has 253 working days (261 weekdays less 8 holidays)');
SELECT is(working_days_between('1989-12-31', '2061-01-01'),
    (SELECT count(*)::int FROM generate_series('1990-01-01'::date, '2060-12-31', '1 day') AS d
      WHERE extract(isodow FROM d) < 6 AND d::date NOT IN (SELECT day FROM bank_holiday)),
    'the count over the whole shipped range equals a day-by-day count');
SELECT is(notice_deadline('2016-03-29'), '2016-03-22'::date,
    'two clear working days before Tue 29 March 2016 means notice by Tue 22 March');
SELECT is(notice_deadline('2016-03-29', 1), '2016-03-23'::date, 'one clear day: by Wed 23 March');
SELECT is(notice_deadline('2016-03-31'), '2016-03-28'::date,
    'meeting Thu 31 March: the deadline is a calendar day, Easter Monday 28th, leaving 29th and 30th clear');
SELECT is(notice_deadline('2016-03-29', 0), '2016-03-29'::date, 'no notice period: the meeting day itself');
SELECT is(working_days_between(notice_deadline('2021-01-05', 3), '2021-01-05'), 3,
    'the deadline over Christmas 2020 leaves exactly the clear days asked for');
SELECT is(working_days_between(notice_deadline('2021-01-05', 3) + 1, '2021-01-05'), 2,
    'and the day after the deadline leaves one fewer');
SELECT throws_ok($$SELECT s22a.notice_deadline('2016-03-29', -1)$$, '22023', NULL,
    'negative clear days are refused');

-- in a parallel worker (no new snapshot may be taken there)
-- (force_parallel_mode before PostgreSQL 16, debug_parallel_query since)
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int < 160000
    THEN 'force_parallel_mode' ELSE 'debug_parallel_query' END, 'on', true); END $$;
SET LOCAL parallel_setup_cost = 0;
CREATE TEMP TABLE parallel_count AS
    SELECT count(*)::int AS n FROM generate_series('2016-01-01'::date, '2016-12-31', '1 day') AS d
     WHERE is_working_day(d::date);
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int < 160000
    THEN 'force_parallel_mode' ELSE 'debug_parallel_query' END, 'off', true); END $$;
RESET parallel_setup_cost;
SELECT is((SELECT n FROM parallel_count), 253, 'the calendar works inside a parallel query');

-- ---------------------------------------------------------------------------
-- add_working_days, both directions, across holidays
-- ---------------------------------------------------------------------------
SELECT is(add_working_days('2016-03-24', 1), '2016-03-29'::date, 'the working day after Thu 24 March 2016 is Tue 29');
SELECT is(add_working_days('2016-03-29', -1), '2016-03-24'::date, 'the working day before Tue 29 March 2016 is Thu 24');
SELECT is(add_working_days('2016-03-25', 0), '2016-03-25'::date, 'n = 0 gives the day itself, even a holiday');
SELECT is(add_working_days('2016-03-26', 1), '2016-03-29'::date, 'from a Saturday over Easter Monday');
SELECT is(add_working_days('2016-03-26', -1), '2016-03-24'::date, 'back from a Saturday over Good Friday');
SELECT is(add_working_days('2021-12-24', 1), '2021-12-29'::date, 'over the Christmas substitute days 2021');
SELECT is(add_working_days('2022-01-04', -2), '2021-12-30'::date, 'back over New Year substitute 2022');
SELECT is(add_working_days('2015-12-31', 253), '2016-12-30'::date, 'the 253rd working day of 2016 is Fri 30 December');
SELECT is(add_working_days('2016-12-30', -253), '2015-12-31'::date, 'and back again');
SELECT is(
    (SELECT count(*)::int FROM generate_series('2020-12-01'::date, '2021-01-31', '1 day') AS a,
                            generate_series(-15, 15) AS n
      WHERE n <> 0 AND (working_days_between(least(a::date, add_working_days(a::date, n)),
                                             greatest(a::date, add_working_days(a::date, n))) <> abs(n) - 1
                        OR NOT is_working_day(add_working_days(a::date, n)))),
    0, 'add_working_days(a, n) is a working day exactly |n| - 1 clear working days from a (Christmas 2020)');
SELECT is(
    (SELECT count(*)::int
       FROM generate_series('2016-03-01'::date, '2016-04-30', '1 day') AS a,
            generate_series(0, 40) AS k
      WHERE working_days_between(a::date, a::date + k) <>
            (SELECT count(*) FROM generate_series(a::date + 1, a::date + k - 1, '1 day') AS d
              WHERE extract(isodow FROM d) < 6 AND d::date NOT IN (SELECT day FROM bank_holiday))),
    0, 'working_days_between agrees with a day-by-day count for every pair in March-April 2016');

-- ---------------------------------------------------------------------------
-- errors
-- ---------------------------------------------------------------------------
SELECT throws_ok($$SELECT s22a.is_working_day('infinity')$$, '22008', NULL, 'is_working_day(infinity) is refused');
SELECT throws_ok($$SELECT s22a.working_days_between('-infinity', '2016-03-29')$$, '22008', NULL,
    'working_days_between from -infinity is refused');
SELECT throws_ok($$SELECT s22a.add_working_days('infinity', 1)$$, '22008', NULL, 'add_working_days(infinity) is refused');
SELECT throws_ok($$SELECT s22a.notice_deadline('infinity')$$, '22008', NULL, 'notice_deadline(infinity) is refused');
SELECT throws_ok($$SELECT s22a.add_working_days('5874897-12-01', 100)$$, '22008', NULL,
    'a result past the last date is refused');
SELECT throws_ok($$SELECT s22a.add_working_days('4713-01-10 BC', -100)$$, '22008', NULL,
    'a result before the first date is refused');
SELECT is(working_days_between('2060-12-31', '2062-01-01'),
    (SELECT count(*)::int FROM generate_series('2061-01-01'::date, '2061-12-31', '1 day') AS d
      WHERE extract(isodow FROM d) < 6),
    'outside the shipped years the calendar is whatever the table holds: 2061 has only weekends');

-- ---------------------------------------------------------------------------
-- the holiday cache sees changes: this session
-- ---------------------------------------------------------------------------
SELECT ok(is_working_day('2030-07-01'), 'Mon 1 July 2030 is a working day');
INSERT INTO bank_holiday (day, name) VALUES ('2030-07-01', 'Announced holiday');
SELECT ok(NOT is_working_day('2030-07-01'), 'an inserted holiday is seen by the next statement');
SELECT is(working_days_between('2030-06-28', '2030-07-03'), 1, 'and the count skips it');
UPDATE bank_holiday SET day = '2030-07-02' WHERE day = '2030-07-01';
SELECT ok(is_working_day('2030-07-01') AND NOT is_working_day('2030-07-02'), 'a moved holiday is seen');
DELETE FROM bank_holiday WHERE day = '2030-07-02';
SELECT is(working_days_between('2030-06-28', '2030-07-03'), 2, 'a deleted holiday is a working day again');
SAVEPOINT before_rollback;
INSERT INTO bank_holiday (day, name) VALUES ('2030-07-04', 'Rolled back');
SELECT ok(NOT is_working_day('2030-07-04'), 'the holiday is seen inside the subtransaction');
ROLLBACK TO SAVEPOINT before_rollback;
SELECT ok(is_working_day('2030-07-04'), 'and forgotten when it rolls back');
SELECT ok(NOT is_working_day('2030-07-06') AND is_working_day('2030-07-05'), 'weekends are never working days');
INSERT INTO bank_holiday (day, name) VALUES ('2030-07-06', 'A Saturday');
SELECT is(working_days_between('2030-07-04', '2030-07-09'), 2, 'a holiday on a Saturday takes no working day away');
SET LOCAL session_replication_role = replica;
INSERT INTO bank_holiday (day, name) VALUES ('2030-07-08', 'Replicated holiday');
RESET session_replication_role;
SELECT ok(NOT is_working_day('2030-07-08'), 'a holiday arriving by replication (replica role) is seen too');

-- ---------------------------------------------------------------------------
-- the holiday cache sees changes: other sessions (through dblink)
-- ---------------------------------------------------------------------------
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT is(dblink_connect('watcher', format('dbname=%s host=%s port=%s', current_database(),
    split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'))), 'OK', 'connected a second session');
SELECT is(dblink_connect('admin', format('dbname=%s host=%s port=%s', current_database(),
    split_part(current_setting('unix_socket_directories'), ',', 1), current_setting('port'))), 'OK', 'connected a second session');
SELECT is((SELECT w FROM dblink('watcher', $$SELECT s22a.is_working_day('2031-07-01')$$) AS t(w boolean)),
    true, 'another session: Tue 1 July 2031 is a working day (its cache is built)');
SELECT ok(is_working_day('2031-07-01'), 'this session agrees (its cache is built too)');
SELECT is(dblink_exec('admin', $$INSERT INTO s22a.bank_holiday (day, name) VALUES ('2031-07-01', 'Announced holiday')$$),
    'INSERT 0 1', 'a third session adds a holiday and commits');
SELECT is((SELECT w FROM dblink('watcher', $$SELECT s22a.is_working_day('2031-07-01')$$) AS t(w boolean)),
    false, 'a holiday a third session committed is seen by another session''s next call');
SELECT ok(NOT is_working_day('2031-07-01'), 'and by this session''s next statement, inside its open transaction');
SELECT is((SELECT w FROM dblink('watcher', $$BEGIN; SELECT s22a.working_days_between('2031-06-30', '2031-07-02')$$) AS t(w int)),
    0, 'the other session counts it');
SELECT is(dblink_exec('admin', $$DELETE FROM s22a.bank_holiday WHERE day = '2031-07-01'$$),
    'DELETE 1', 'the third session removes it again and commits');
SELECT is((SELECT w FROM dblink('watcher', $$SELECT s22a.working_days_between('2031-06-30', '2031-07-02')$$) AS t(w int)),
    1, 'a committed delete is seen inside the other session''s open transaction by its next statement');
SELECT ok(is_working_day('2031-07-01'), 'and by this session');
SELECT is(dblink_disconnect('watcher'), 'OK', 'closed the second session');
SELECT is(dblink_disconnect('admin'), 'OK', 'closed the third session');

SELECT * FROM finish();
ROLLBACK;
