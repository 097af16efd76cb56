-- Property test: on thousands of random groups of 2-45 parties, the C
-- aggregate equals an independent plain-SQL largest remainder
-- (test/lib/reference_apportion.sql); every apportionment adds up to 100
-- and every split adds up to its amount.
BEGIN;
SELECT plan(7);
SET LOCAL search_path = s22a, public;
\i test/lib/reference_apportion.sql

SELECT setseed(0.22);
-- Three kinds of group: small integers (many ties, some zeros), money with
-- pence (the real case), and huge values that leave the 128-bit fast path.
INSERT INTO reference_input (grp, party, weight)
SELECT g, 'P' || lpad(k::text, 2, '0'),
       CASE g % 3
           WHEN 0 THEN floor(random() * 4)::numeric + CASE WHEN k = 1 THEN 1 ELSE 0 END
           WHEN 1 THEN round((random() * 300000000)::numeric, 2)
           ELSE round((random() * 1e6)::numeric, 0) * 1e30 + 7
       END
FROM generate_series(1, 3000) AS g,
     LATERAL generate_series(1, 2 + (hashint4(g) & 2147483647) % 44) AS k;

SELECT cmp_ok((SELECT count(DISTINCT grp) FROM reference_input), '=', 3000::bigint,
    '3000 groups generated');
SELECT ok((SELECT min(n) = 2 AND max(n) = 45 FROM
            (SELECT count(*) AS n FROM reference_input GROUP BY grp) c),
    'groups range from 2 to 45 parties');

CREATE TEMP TABLE c_result AS
SELECT grp, apportion(party, weight) AS shares FROM reference_input GROUP BY grp;

SELECT is((
    SELECT count(*) FROM (
        SELECT grp, s.party, s.share * 10 AS units
        FROM c_result, shares(c_result.shares) AS s
        EXCEPT
        SELECT grp, party, units FROM pg_temp.reference_apportion(1000)
    ) AS diff), 0::bigint,
    'the C aggregate gives every party the same share as the plain-SQL reference');

SELECT is((SELECT count(*) FROM (SELECT grp, party FROM reference_input
                                 EXCEPT SELECT grp, s.party FROM c_result, shares(c_result.shares) AS s) d),
    0::bigint, 'no party is lost');

SELECT is((SELECT count(*) FROM c_result
           WHERE (SELECT sum(share) FROM shares(c_result.shares)) <> 100),
    0::bigint, 'every apportionment adds up to exactly 100');

-- splits: random amounts, positive and negative, to the penny
SELECT is((
    SELECT count(*) FROM (
        SELECT grp, amount, (SELECT sum(s.amount) FROM split(shares, amount) AS s) AS parts
        FROM (SELECT grp, shares,
                     round(((random() - 0.3) * 10000000)::numeric, 2) AS amount
              FROM c_result) AS t
    ) AS checked WHERE parts <> amount), 0::bigint,
    'every split adds up to its amount, to the penny');

-- the array form is the same rule as the aggregate
SELECT is((
    SELECT count(*) FROM (
        SELECT grp, apportion(array_agg(party), array_agg(weight)) AS shares
        FROM reference_input GROUP BY grp
    ) a JOIN c_result USING (grp) WHERE a.shares <> c_result.shares), 0::bigint,
    'the array form agrees with the aggregate');

SELECT * FROM finish();
ROLLBACK;
