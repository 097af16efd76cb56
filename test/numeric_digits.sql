-- src/types/numeric_digits.c reads numeric's on-disk digits in place to give
-- apportion() exact 128-bit weights.  It has no SQL face of its own, so it
-- is tested through apportion(): over edge values (zero, tiny, huge, every
-- display scale 0..20, short and long numeric headers, past int128) the
-- shares must equal
--   (1) the plain-SQL reference (test/lib/reference_apportion.sql), which
--       uses numeric's own exact div() and mod(), and
--   (2) apportion() over the same weights with one more party of weight
--       0E-40 — a zero whose display scale (40) sends the whole group down
--       the numeric path instead of the digit reader;
-- and NaN, the infinities and negative weights are refused.
BEGIN;
SELECT plan(9);
SET LOCAL search_path = s22a, public;
\i test/lib/reference_apportion.sql

CREATE TEMP TABLE edge (v numeric);
INSERT INTO edge (v) VALUES
    (0), (0.0), (0.00000000000000000000), (-0.0),
    (1e-20), (0.00000000000000000001), (0.0001), (0.00001), (0.5),
    (1), (9999), (10000), (10001), (12345.6789), (99999999.99999999),
    (101600000), (279300000.27),                        -- Seven Force NRE
    (1e30), (1e30 + 0.5), (9999999999999999999999999999999),  -- just below 1e31
    (10000000000000000000000000000000),                 -- 1e31: numeric path
    (170141183460469231731687303715884105727),          -- int128 max
    (170141183460469231731687303715884105728),          -- past it
    (1e40), (1e300), (1e-100), (123456789012345678901234567890.123456789);
-- every display scale 0..20 (short header up to 63, the long one past it)
INSERT INTO edge (v) SELECT round(1 + 10::numeric ^ (-s), s) FROM generate_series(0, 20) s;
INSERT INTO edge (v) SELECT round(7::numeric / 3, s) FROM generate_series(0, 20) s;

-- each edge value against fixed companions, at 4 decimals (the finest)
INSERT INTO reference_input (grp, party, weight)
SELECT g, p, w FROM (
    SELECT row_number() OVER () AS g, v FROM edge
) e, LATERAL (VALUES ('A', e.v), ('B', 1::numeric), ('C', e.v * 3 + 0.000001),
                     ('D', 0.3)) AS parts(p, w)
WHERE e.v >= 0;

SELECT cmp_ok((SELECT count(DISTINCT grp) FROM reference_input), '>=', 60::bigint,
    'edge groups generated');

CREATE TEMP TABLE c_result AS
SELECT grp, apportion(party, weight, 4) AS shares FROM reference_input GROUP BY grp;

SELECT is((
    SELECT count(*) FROM (
        SELECT grp, s.party, s.share * 10000 AS units
        FROM c_result, shares(c_result.shares) AS s
        EXCEPT
        SELECT grp, party, units FROM pg_temp.reference_apportion(1000000)
    ) AS diff), 0::bigint,
    'the digit reader gives the same shares as numeric''s own div() and mod()');

SELECT is((
    SELECT count(*) FROM (
        SELECT grp, apportion(party, weight, 4) AS shares
        FROM (SELECT grp, party, weight FROM reference_input
              UNION ALL
              SELECT DISTINCT grp, 'Z', 0E-40 FROM reference_input) i
        GROUP BY grp
    ) AS slow JOIN c_result USING (grp)
    WHERE (SELECT array_agg(s.party || '=' || s.share ORDER BY s.party)
           FROM shares(slow.shares) s WHERE s.party <> 'Z')
       <> (SELECT array_agg(s.party || '=' || s.share ORDER BY s.party)
           FROM shares(c_result.shares) s)), 0::bigint,
    'the digit reader and the numeric path agree on every edge group');

SELECT is(apportion(ARRAY['A', 'B'], ARRAY[0.00000000000000000001, 0.00000000000000000003]),
          'A=25.0, B=75.0'::apportionment, '1e-20 and 3e-20 read exactly');
SELECT is(apportion(ARRAY['A', 'B'], ARRAY[1e30, 3e30], 4),
          'A=25.0000, B=75.0000'::apportionment, '1e30 and 3e30 read exactly');

SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A', 'B'], ARRAY['NaN'::numeric, 1])$$,
    '22023', NULL, 'a NaN weight is refused');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A', 'B'], ARRAY['Infinity'::numeric, 1])$$,
    '22023', NULL, 'an infinite weight is refused');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A', 'B'], ARRAY['-Infinity'::numeric, 1])$$,
    '22023', NULL, 'a -Infinity weight is refused');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A', 'B'], ARRAY[-0.0001, 1])$$,
    '22023', NULL, 'a negative weight (short header, sign bit) is refused');

SELECT * FROM finish();
ROLLBACK;
