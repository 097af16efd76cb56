-- fiscal_year: text forms, dates, arithmetic and the errors a person reads
SET search_path = s22a, public;
SET datestyle = ISO;

-- every accepted input form prints the canonical way
SELECT v::fiscal_year AS fy
FROM (VALUES ('2016/17'), ('2016-17'), ('2016/2017'), ('2016-2017'),
             ('  2016/17  '), ('1999/00'), ('1900/01'), ('9998/99')) AS t(v);

-- refused, each with a detail that says why
SELECT '2016/18'::fiscal_year;
SELECT '2016/2018'::fiscal_year;
SELECT '16/17'::fiscal_year;
SELECT '2016'::fiscal_year;
SELECT '2016 17'::fiscal_year;
SELECT '2016/17x'::fiscal_year;
SELECT '2016/017'::fiscal_year;
SELECT '1899/00'::fiscal_year;
SELECT '9999/00'::fiscal_year;
SELECT ''::fiscal_year;

-- the year a date falls in, and its first and last days
SELECT d, fiscal_year(d) AS fy, first_day(fiscal_year(d)), last_day(fiscal_year(d))
FROM (VALUES (date '2016-03-31'), (date '2016-04-01'), (date '2015-10-22'),
             (date '2017-03-31'), (date '2000-02-29')) AS t(d);
SELECT fiscal_year(date '1900-03-31');
SELECT fiscal_year(date 'infinity');

-- arithmetic
SELECT '2016/17'::fiscal_year + 1 AS next, 2 + '2016/17'::fiscal_year AS after_next,
       '2016/17'::fiscal_year - 1 AS previous,
       '2020/21'::fiscal_year - '2015/16'::fiscal_year AS years_between;
SELECT '9998/99'::fiscal_year + 1;
SELECT '1900/01'::fiscal_year - 1;
SELECT '2016/17'::fiscal_year + 2147483647;

-- ordering and grouping
SELECT fy, count(*) FROM (VALUES ('2017/18'::fiscal_year), ('2015/16'), ('2017-18'), ('2016/17'))
    AS t(fy) GROUP BY fy ORDER BY fy;
SELECT s22a.fiscal_year('2016-03-31');

-- binary round trip through COPY ... WITH BINARY
CREATE TEMP TABLE fy_out AS
SELECT v::fiscal_year AS fy FROM (VALUES ('1900/01'), ('2016/17'), ('9998/99')) t(v);
\copy fy_out TO 'results/fiscal_year.bin' WITH (FORMAT binary)
CREATE TEMP TABLE fy_in (fy fiscal_year);
\copy fy_in FROM 'results/fiscal_year.bin' WITH (FORMAT binary)
SELECT fy FROM fy_in ORDER BY fy;
-- hostile binary values are refused with 22P03: feed raw bytes to recv by
-- copying a bytea column out and reading it back as fiscal_year
CREATE TEMP TABLE raw (b bytea);
INSERT INTO raw VALUES ('\x02000007e0');   -- unknown format version 2
\copy raw TO 'results/fiscal_year_bad.bin' WITH (FORMAT binary)
\copy fy_in FROM 'results/fiscal_year_bad.bin' WITH (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES ('\x01000003e8');   -- start year 1000
\copy raw TO 'results/fiscal_year_bad.bin' WITH (FORMAT binary)
\copy fy_in FROM 'results/fiscal_year_bad.bin' WITH (FORMAT binary)
TRUNCATE raw;
INSERT INTO raw VALUES ('\x010000');       -- truncated
\copy raw TO 'results/fiscal_year_bad.bin' WITH (FORMAT binary)
\copy fy_in FROM 'results/fiscal_year_bad.bin' WITH (FORMAT binary)
SELECT count(*) AS rows_after_refusals FROM fy_in;
