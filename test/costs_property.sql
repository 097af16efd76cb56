-- Costs, property-style: over many random agreements, blends and budgets,
-- every cost_allocation line adds up to its amount to the penny, pays
-- exactly the forces the agreement's charging rule charges (first_day: the
-- parties on 1 April; pro_rata_days: every party on a day of the year, its
-- drivers weighted by those days, counted here day by day with forces_on),
-- and no part is more than a penny away from share x amount.  Seeded, so a
-- failure can be replayed.
BEGIN;
SELECT plan(8);
SET LOCAL search_path = s22a, public;
SELECT setseed(0.2016);

INSERT INTO force (code, name)
SELECT format('P%s', lpad(i::text, 2, '0')), format('Property force %s', i)
FROM generate_series(1, 14) i;
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief officer, ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Policing body, ' || name FROM force;

-- NRE in pounds and pence, demand in whole incidents, some forces tiny
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT f.code, y::fiscal_year, m,
       CASE m WHEN 'nre' THEN round((random() * 500000000 + 1)::numeric, 2)
              ELSE floor(random() * 5000)::numeric + 1 END
FROM force f, unnest(ARRAY['2018/19', '2019/20', '2020/21']) y, unnest(ARRAY['nre', 'demand:x']) m;

-- 40 agreements of 2 to 12 forces; some forces join or leave on odd days
-- half of them charged first_day, half pro_rata_days
INSERT INTO agreement (ref, title, commences_on, charging)
SELECT format('PROP-%s', i), 'property agreement', date '2018-04-01' + (i % 3) * 30,
       CASE WHEN i % 2 = 0 THEN 'pro_rata_days' ELSE 'first_day' END::charging_rule
FROM generate_series(1, 40) i;
INSERT INTO agreement_party (agreement_id, party_code, joins_on, leaves_on)
SELECT a.id, k.kind || '-' || f.code,
       CASE WHEN r < 0.1 THEN date '2019-05-01' WHEN r < 0.15 THEN date '2019-04-01' END,
       CASE WHEN r > 0.93 THEN date '2020-04-01' END
FROM agreement a
CROSS JOIN LATERAL (SELECT code, random() AS r FROM force
                     ORDER BY random() LIMIT 2 + floor(random() * 11)::int) f
CROSS JOIN (VALUES ('CC'), ('PCC')) k(kind)
WHERE a.ref LIKE 'PROP-%';

-- bases: NRE alone, or a blend with random weights adding up to 1
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, fy, area, m.measure, m.weight
FROM (SELECT a.id, y::fiscal_year AS fy, area, round(random()::numeric, 2) AS w
        FROM agreement a, unnest(ARRAY['2019/20', '2020/21']) y, unnest(ARRAY['', 'blend']) area
       WHERE a.ref LIKE 'PROP-%') g
CROSS JOIN LATERAL (VALUES ('nre', CASE WHEN area = '' OR g.w IN (0, 1) THEN 1 ELSE g.w END),
                           ('demand:x', CASE WHEN area = '' OR g.w IN (0, 1) THEN NULL ELSE 1 - g.w END))
     AS m(measure, weight)
WHERE m.weight IS NOT NULL;

-- 600 budget lines: pennies, odd amounts, large ones, refunds
INSERT INTO budget (agreement_id, fiscal_year, business_area, line, amount)
SELECT b.id, b.fy, b.area, format('line %s', n),
       CASE WHEN random() < 0.2 THEN round((random() * 0.5)::numeric, 2)
            WHEN random() < 0.15 THEN -round((random() * 100000)::numeric, 2)
            ELSE round((random() * 20000000)::numeric, 2) END
FROM (SELECT a.id, y::fiscal_year AS fy, area
        FROM agreement a, unnest(ARRAY['2019/20', '2020/21']) y, unnest(ARRAY['', 'blend']) area
       WHERE a.ref LIKE 'PROP-%') b,
     generate_series(1, 4) n
WHERE random() < 0.95;

-- who is charged, and for how many days, computed here in plain SQL from
-- forces_on() day by day (the agreements are open ended)
CREATE TEMP TABLE charged AS
SELECT a.id AS agreement_id, y::fiscal_year AS fiscal_year, f AS force_code, 1 AS days
  FROM agreement a, unnest(ARRAY['2019/20', '2020/21']) y,
       forces_on(a.id, greatest(first_day(y::fiscal_year), a.commences_on)) f
 WHERE a.ref LIKE 'PROP-%' AND a.charging = 'first_day'
UNION ALL
SELECT a.id, y::fiscal_year, f, count(*)
  FROM agreement a, unnest(ARRAY['2019/20', '2020/21']) y,
       generate_series(greatest(first_day(y::fiscal_year), a.commences_on), last_day(y::fiscal_year), '1 day') d,
       forces_on(a.id, d::date) f
 WHERE a.ref LIKE 'PROP-%' AND a.charging = 'pro_rata_days'
 GROUP BY a.id, y, f;

CREATE TEMP TABLE alloc AS
SELECT c.agreement_ref, b.fiscal_year, c.business_area, c.line, c.force_code, c.share, c.amount,
       b.amount AS line_amount, a.id AS agreement_id
FROM cost_allocation c
JOIN agreement a ON a.ref = c.agreement_ref
-- the view shows the year as text (doc/reports.md); alloc keeps the type
JOIN budget b ON b.agreement_id = a.id AND b.fiscal_year::text = c.fiscal_year
             AND b.business_area = c.business_area AND b.line = c.line
WHERE c.agreement_ref LIKE 'PROP-%';

SELECT cmp_ok((SELECT count(DISTINCT (agreement_id, fiscal_year, business_area, line)) FROM alloc),
    '>', 400::bigint, 'hundreds of random lines were allocated');
SELECT ok((SELECT count(*) FILTER (WHERE line_amount < 0) > 0
               AND count(*) FILTER (WHERE abs(line_amount) < 1) > 0
               AND count(DISTINCT agreement_id) FILTER (WHERE business_area = 'blend') > 20
              FROM alloc), 'the lines include refunds, pennies and blends');
SELECT is((SELECT count(*) FROM (
              SELECT 1 FROM alloc GROUP BY agreement_id, fiscal_year, business_area, line
              HAVING sum(amount) <> min(line_amount)) x), 0::bigint,
    'every line adds up to its amount to the penny');
SELECT is((SELECT count(*) FROM alloc WHERE amount <> round(amount, 2)), 0::bigint,
    'every part is in whole pence');
SELECT is((SELECT count(*) FROM alloc
            WHERE abs(amount - share * line_amount / 100) >= 0.01), 0::bigint,
    'no part is a penny or more away from share x amount');
SELECT is((SELECT count(*) FROM (
              SELECT 1 FROM alloc
              GROUP BY agreement_id, fiscal_year, business_area, line
              HAVING array_agg(force_code ORDER BY force_code) IS DISTINCT FROM
                     (SELECT array_agg(k.force_code::text ORDER BY k.force_code::text) FROM charged k
                       WHERE k.agreement_id = alloc.agreement_id AND k.fiscal_year = alloc.fiscal_year)) x), 0::bigint,
    'every line is paid by exactly the forces charged (first_day: on 1 April; pro_rata_days: on any day)');
SELECT is((SELECT count(*) FROM (
              SELECT DISTINCT agreement_id, fiscal_year, business_area FROM alloc
              WHERE business_area = '') g
            WHERE cost_shares(agreement_id, fiscal_year) <>
                  (SELECT apportion(m.force_code, m.value * k.days)
                     FROM force_measure m
                     JOIN charged k ON k.force_code = m.force_code
                    WHERE m.fiscal_year = g.fiscal_year AND m.measure = 'nre'
                      AND k.agreement_id = g.agreement_id AND k.fiscal_year = g.fiscal_year)),
    0::bigint, 'NRE alone: the shares are the apportion rule over the charged forces'' NRE x days');
-- a blend: the same as apportioning the blended weights computed here in
-- plain numeric to 50 decimal places (far beyond what a tenth can tell apart)
SELECT is((SELECT count(*) FROM (
              SELECT DISTINCT agreement_id, fiscal_year, business_area FROM alloc
              WHERE business_area = 'blend') g
            WHERE cost_shares(agreement_id, fiscal_year, 'blend') <>
                  (SELECT apportion(force_code, round(w, 40))
                     FROM (SELECT m.force_code,
                                  sum((b.weight * m.value * k.days)::numeric(90, 50) /
                                      (SELECT sum(v.value * kv.days) FROM force_measure v
                                         JOIN charged kv ON kv.force_code = v.force_code
                                        WHERE v.fiscal_year = g.fiscal_year AND v.measure = b.measure
                                          AND kv.agreement_id = g.agreement_id AND kv.fiscal_year = g.fiscal_year)) AS w
                             FROM cost_basis b
                             JOIN force_measure m ON m.fiscal_year = b.fiscal_year AND m.measure = b.measure
                             JOIN charged k ON k.force_code = m.force_code
                            WHERE b.agreement_id = g.agreement_id AND b.fiscal_year = g.fiscal_year
                              AND b.business_area = 'blend'
                              AND k.agreement_id = g.agreement_id AND k.fiscal_year = g.fiscal_year
                            GROUP BY m.force_code) x)),
    0::bigint, 'blends: the shares match the blended weights apportioned directly');

SELECT * FROM finish();
ROLLBACK;
