-- bench/lib.sql — timing helper shared by every bench/*.sql file.
--
-- bench.best_ms(query, runs) runs the query `runs` times and returns the
-- best wall-clock time in milliseconds: the best of several runs is the
-- least disturbed by whatever else the machine is doing.
CREATE SCHEMA IF NOT EXISTS bench;
CREATE OR REPLACE FUNCTION bench.best_ms(query text, runs int DEFAULT 5)
RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
    best numeric;
    t0 timestamptz;
    ms numeric;
BEGIN
    FOR i IN 1..runs LOOP
        t0 := clock_timestamp();
        EXECUTE query;
        ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
        best := least(coalesce(best, ms), ms);
    END LOOP;
    RETURN round(best, 1);
END $$;

-- bench.compare(title, subject, baselines) prints one line per baseline:
-- the subject's best time, the baseline's, and the ratio between them.
CREATE OR REPLACE FUNCTION bench.ratio(subject_ms numeric, baseline_ms numeric)
RETURNS numeric LANGUAGE sql IMMUTABLE AS $$
    SELECT round(subject_ms / nullif(baseline_ms, 0), 2)
$$;
