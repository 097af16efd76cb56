-- bench/10_apportion.sql — s22a.apportion over 50,000 groups x 7 parties,
-- against sum() over the same groups (the floor: any aggregate must at least
-- read and group the rows) and against a plain-SQL window-function largest
-- remainder (test/lib/reference_apportion.sql).  Best of 5 each.
--
-- Targets (issue 2): apportion <= 2x sum(); apportion >= 5x faster than SQL.
\ir ../test/lib/reference_apportion.sql
SELECT setseed(0.5);
INSERT INTO reference_input (grp, party, weight)
SELECT g, f, round((random() * 300000000)::numeric, 2)     -- NRE in pounds and pence
FROM generate_series(1, 50000) g,
     unnest(ARRAY['BED', 'CAM', 'ESS', 'HER', 'KEN', 'NOR', 'SUF']) f;
ANALYZE reference_input;
SET work_mem = '256MB';   -- every plan hashes in memory: compare the aggregates, not spills
SET max_parallel_workers_per_gather = 0;

CREATE TEMP TABLE timing AS
SELECT 'sum(weight) GROUP BY grp' AS version,
       bench.best_ms('SELECT grp, sum(weight) FROM reference_input GROUP BY grp') AS best_ms
UNION ALL
SELECT 's22a.apportion(party, weight) GROUP BY grp',
       bench.best_ms('SELECT grp, s22a.apportion(party, weight) FROM reference_input GROUP BY grp')
UNION ALL
SELECT 'plain SQL largest remainder (window functions)',
       bench.best_ms('SELECT * FROM pg_temp.reference_apportion(1000)');

\echo 'apportion: 50,000 groups x 7 parties, best of 5'
SELECT version, best_ms FROM timing;
SELECT bench.ratio((SELECT best_ms FROM timing WHERE version LIKE 's22a%'),
                   (SELECT best_ms FROM timing WHERE version LIKE 'sum%')) AS "apportion / sum (target <= 2)",
       bench.ratio((SELECT best_ms FROM timing WHERE version LIKE 'plain%'),
                   (SELECT best_ms FROM timing WHERE version LIKE 's22a%')) AS "SQL / apportion (target >= 5)";
