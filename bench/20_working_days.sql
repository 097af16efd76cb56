-- bench/20_working_days.sql — working_days_between over 100,000 date pairs
-- against (1) plain date subtraction b - a over the same pairs (target: at
-- most 5 times slower) and (2) a plain-SQL count over generate_series
-- against bank_holiday (target: at least 50 times faster).
CREATE TEMP TABLE wd_pairs AS
    SELECT a, a + (random() * 60)::int AS b
      FROM (SELECT date '1995-01-01' + (random() * 20000)::int AS a
              FROM generate_series(1, 100000)) AS s;
ANALYZE wd_pairs;
-- warm the holiday cache
SELECT s22a.working_days_between('2016-03-22', '2016-03-29') AS warm \gset

CREATE TEMP TABLE wd_times AS SELECT
    bench.best_ms($$SELECT sum(s22a.working_days_between(a, b)) FROM wd_pairs$$, 5) AS working_days_ms,
    bench.best_ms($$SELECT sum(b - a) FROM wd_pairs$$, 5) AS subtraction_ms,
    bench.best_ms($$SELECT sum((SELECT count(*) FROM generate_series(a + 1, b - 1, interval '1 day') AS d
                                  WHERE extract(isodow FROM d) < 6
                                    AND NOT EXISTS (SELECT 1 FROM s22a.bank_holiday h WHERE h.day = d::date)))
                       FROM wd_pairs$$, 1) AS plain_sql_ms;

-- the answers agree (on the first 2,000 pairs)
SELECT count(*) AS pairs_that_disagree
  FROM (SELECT * FROM wd_pairs LIMIT 2000) AS p
 WHERE s22a.working_days_between(a, b) <>
       (SELECT count(*) FROM generate_series(a + 1, b - 1, interval '1 day') AS d
         WHERE extract(isodow FROM d) < 6
           AND NOT EXISTS (SELECT 1 FROM s22a.bank_holiday h WHERE h.day = d::date));

SELECT working_days_ms, subtraction_ms, plain_sql_ms,
       bench.ratio(working_days_ms, subtraction_ms) AS vs_subtraction_target_max_5,
       bench.ratio(plain_sql_ms, working_days_ms) AS speedup_vs_plain_sql_target_min_50
  FROM wd_times;
