-- test/lib/reference_apportion.sql — the largest-remainder rule in plain SQL,
-- used by the property test (test/apportion_property.sql) and the benchmark
-- (bench/10_apportion.sql) as the independent version s22a's C must match.
--
-- Input: the temp table reference_input(grp, party, weight); output: (grp, party, units)
-- where units are tenths of a percent at `decimals` = 1 (scale = 1000).
-- Exact: div() and mod() on numeric are exact, unlike numeric division.
CREATE TEMP TABLE IF NOT EXISTS reference_input (grp int, party text, weight numeric);

CREATE OR REPLACE FUNCTION pg_temp.reference_apportion(scale numeric)
RETURNS TABLE (grp int, party text, units numeric)
LANGUAGE sql STABLE AS $$
    WITH w AS (
        SELECT i.grp, i.party, i.weight,
               sum(i.weight) OVER (PARTITION BY i.grp) AS total
        FROM pg_temp.reference_input i
    ), q AS (
        SELECT w.grp, w.party, w.weight,
               div(w.weight * scale, w.total) AS floor_units,
               mod(w.weight * scale, w.total) AS remainder
        FROM w
    ), r AS (
        SELECT q.*,
               scale - sum(q.floor_units) OVER (PARTITION BY q.grp) AS leftover,
               row_number() OVER (PARTITION BY q.grp
                                  ORDER BY q.remainder DESC, q.weight DESC,
                                           q.party COLLATE "C") AS rank
        FROM q
    )
    SELECT r.grp, r.party,
           r.floor_units + CASE WHEN r.rank <= r.leftover THEN 1 ELSE 0 END
    FROM r
$$;
