-- Working days in England and Wales: the calendar a clerk reads.
SET search_path = s22a, public;
SET datestyle = ISO, YMD;

-- the bank holidays of 2016, 2020 and 2022 as shipped
SELECT day, to_char(day, 'Dy') AS weekday, name
  FROM bank_holiday
 WHERE extract(year FROM day) IN (2016, 2020, 2022)
 ORDER BY day;

-- Easter 2016 and a meeting on Tuesday 29 March: how many clear working
-- days notice given on each day leaves (Seven Force agreement, clause 3.4: two needed)
SELECT d::date AS notice_given_on, to_char(d, 'Dy') AS weekday,
       is_working_day(d::date) AS working,
       working_days_between(d::date, '2016-03-29') AS clear_days_before_meeting,
       working_days_between(d::date, '2016-03-29') >= 2 AS enough
  FROM generate_series('2016-03-18'::date, '2016-03-29', '1 day') AS d;

SELECT notice_deadline('2016-03-29') AS two_clear_days,
       notice_deadline('2016-03-29', 1) AS one_clear_day,
       notice_deadline('2016-03-29', 5) AS five_clear_days;

-- Christmas 2021 on a Saturday (both substitutes, Mon 27 and Tue 28) and
-- New Year 2022 on a Saturday (Mon 3 Jan): the next working day and the one before
SELECT d::date AS day, to_char(d, 'Dy') AS weekday, is_working_day(d::date) AS working,
       add_working_days(d::date, 1) AS next_working_day,
       add_working_days(d::date, -1) AS previous_working_day
  FROM generate_series('2021-12-23'::date, '2022-01-04', '1 day') AS d;

-- the statutory pattern computed for a year that is not shipped
SELECT * FROM statutory_bank_holidays(2061, 2061);

-- errors
SELECT is_working_day('infinity');
SELECT working_days_between('2016-03-22', 'infinity');
SELECT add_working_days('5874897-12-01', 100);
SELECT notice_deadline('2016-03-29', -2);
SELECT * FROM statutory_bank_holidays(1970, 1971);
SELECT easter_sunday(1500);
