-- bench/40_cost_allocation.sql — s22a.cost_allocation over a synthetic
-- national register, against a plain-SQL version of the same allocation.
--
-- 45 forces (each a chief officer and a policing body), 1,000 agreements
-- of 3 to 12 forces, 10 financial years, 3 budget lines a year: 30,000
-- lines, about 225,000 allocation rows.  A tenth of the agreements change
-- membership mid-year: every twentieth gains its last force on 1 May 2019
-- (like BTP and the Chiltern Transport Consortium), and every twentieth
-- (offset by ten) loses its first force on 1 October 2021.  The agreements
-- are charged pro_rata_days (the default), so those forces pay for their
-- days.  Shares are by NRE, and every fifth agreement blends NRE and demand
-- 50/50.
--
-- The plain-SQL version does what a report writer would: the days each
-- force is a party while the agreement is in force by joins and
-- range_agg, the day-weighted blend as a grouped sum, largest remainder for
-- shares and for pence with window functions.  The bench checks both give
-- the same rows before timing them.
SET search_path = s22a, public;
SET client_min_messages = warning;

-- ---------------------------------------------------------------------------
-- the register, set-based
-- ---------------------------------------------------------------------------
INSERT INTO force (code, name)
SELECT format('F%s', lpad(i::text, 2, '0')), format('Force %s', i)
FROM generate_series(1, 45) i;

INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Policing body, ' || name FROM force;

INSERT INTO agreement (ref, title, commences_on)
SELECT format('BENCH-%s', lpad(i::text, 4, '0')), format('Synthetic agreement %s', i), date '2015-04-01'
FROM generate_series(1, 1000) i;

-- agreement i: 3 + (i*7 mod 10) consecutive forces from (i*13 mod 45)
CREATE TEMP TABLE bench_member AS
SELECT a.id AS agreement_id, k,
       format('F%s', lpad((((a.id * 13 + k) % 45) + 1)::text, 2, '0')) AS force_code,
       3 + (a.id * 7) % 10 AS nforces
FROM agreement a, generate_series(0, 11) k
WHERE a.ref LIKE 'BENCH-%' AND k < 3 + (a.id * 7) % 10;

INSERT INTO agreement_party (agreement_id, party_code, joins_on, leaves_on)
SELECT m.agreement_id, kind || '-' || m.force_code,
       CASE WHEN m.agreement_id % 20 = 0 AND m.k = m.nforces - 1 THEN date '2019-05-01' END,
       CASE WHEN m.agreement_id % 20 = 10 AND m.k = 0 THEN date '2021-10-01' END
FROM bench_member m, (VALUES ('CC'), ('PCC')) AS p(kind);

INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT f.code, fiscal_year('2015-04-01'::date) + y, m.measure,
       CASE m.measure
           WHEN 'nre' THEN 80000000 + (hashtext(f.code || y) & 255) * 1000000 + (hashtext(f.code) & 65535)
           ELSE 500 + (hashtext(f.code || y || 'd') & 4095)
       END
FROM force f, generate_series(0, 9) y, (VALUES ('nre'), ('demand:bench')) AS m(measure);

INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT a.id, fiscal_year('2015-04-01'::date) + y, '', m.measure, m.weight
FROM agreement a, generate_series(0, 9) y,
     LATERAL (VALUES ('nre', CASE WHEN a.id % 5 = 0 THEN 0.5 ELSE 1 END),
                     ('demand:bench', CASE WHEN a.id % 5 = 0 THEN 0.5 END)) AS m(measure, weight)
WHERE a.ref LIKE 'BENCH-%' AND m.weight IS NOT NULL;

INSERT INTO budget (agreement_id, fiscal_year, business_area, line, amount)
SELECT a.id, fiscal_year('2015-04-01'::date) + y, '', l.line,
       ((hashtext(a.id || l.line || y) & 16777215) + 1000)::numeric / 100 * l.scale
FROM agreement a, generate_series(0, 9) y,
     (VALUES ('programme', 10), ('consultancy', 1), ('staff', 7)) AS l(line, scale)
WHERE a.ref LIKE 'BENCH-%';

ANALYZE;

-- ---------------------------------------------------------------------------
-- the plain-SQL version of cost_allocation (positive amounts only)
-- ---------------------------------------------------------------------------
CREATE TEMP VIEW plain_allocation AS
WITH g AS (
    SELECT DISTINCT agreement_id, fiscal_year, business_area FROM s22a.budget
), party_days AS (
    -- each party's days in the year while the agreement is in force (the
    -- bench's agreements have no renewals or terminations: expires_on is
    -- the expiry), as a date range
    SELECT g.agreement_id, g.fiscal_year, g.business_area, p.force_code::text AS force_code,
           daterange(x.lo, greatest(x.lo, x.hi)) AS days
    FROM g
    JOIN s22a.agreement a ON a.id = g.agreement_id
    JOIN s22a.agreement_party ap ON ap.agreement_id = g.agreement_id
    JOIN s22a.party p ON p.code = ap.party_code
    LEFT JOIN s22a.withdrawal w ON w.agreement_id = ap.agreement_id AND w.party_code = ap.party_code
    CROSS JOIN LATERAL (
        SELECT greatest(coalesce(ap.joins_on, a.commences_on), s22a.first_day(g.fiscal_year), a.commences_on) AS lo,
               least(coalesce(least(ap.leaves_on, w.effective_on), 'infinity'),
                     s22a.last_day(g.fiscal_year) + 1, coalesce(a.expires_on + 1, 'infinity')) AS hi) x
    WHERE p.force_code IS NOT NULL
), member AS (
    -- a force is a party while either of its corporations sole is: the
    -- union of their ranges
    SELECT agreement_id, fiscal_year, business_area, force_code,
           (SELECT sum(upper(r) - lower(r)) FROM unnest(range_agg(days)) r) AS days
    FROM party_days WHERE NOT isempty(days)
    GROUP BY 1, 2, 3, 4
), val AS (
    SELECT m.*, cb.weight, fm.value * m.days AS value,
           sum(fm.value * m.days) OVER (PARTITION BY m.agreement_id, m.fiscal_year, m.business_area, cb.measure) AS total
    FROM member m
    JOIN s22a.cost_basis cb USING (agreement_id, fiscal_year, business_area)
    JOIN s22a.force_measure fm
      ON fm.force_code = m.force_code AND fm.fiscal_year = m.fiscal_year AND fm.measure = cb.measure
), blend AS (
    SELECT agreement_id, fiscal_year, business_area, force_code,
           sum(weight * value / total) AS w
    FROM val GROUP BY 1, 2, 3, 4
), quota AS (
    SELECT *, floor(w * 1000) AS units,
           1000 - sum(floor(w * 1000)) OVER (PARTITION BY agreement_id, fiscal_year, business_area) AS leftover,
           row_number() OVER (PARTITION BY agreement_id, fiscal_year, business_area
                              ORDER BY w * 1000 - floor(w * 1000) DESC, w DESC, force_code COLLATE "C") AS rank
    FROM blend
), share AS (
    SELECT agreement_id, fiscal_year, business_area, force_code,
           units + CASE WHEN rank <= leftover THEN 1 ELSE 0 END AS units
    FROM quota
), part AS (
    SELECT b.agreement_id, b.fiscal_year, b.business_area, b.line, s.force_code, s.units,
           div(b.amount * 100 * s.units, 1000) AS pence,
           b.amount * 100 - sum(div(b.amount * 100 * s.units, 1000))
               OVER (PARTITION BY b.agreement_id, b.fiscal_year, b.business_area, b.line) AS leftover,
           row_number() OVER (PARTITION BY b.agreement_id, b.fiscal_year, b.business_area, b.line
                              ORDER BY mod(b.amount * 100 * s.units, 1000) DESC, s.units DESC,
                                       s.force_code COLLATE "C") AS rank
    FROM s22a.budget b
    JOIN share s USING (agreement_id, fiscal_year, business_area)
)
SELECT a.ref AS agreement_ref, p.fiscal_year::text AS fiscal_year, p.business_area, p.line, p.force_code,
       p.units / 10.0 AS share,
       (p.pence + CASE WHEN p.rank <= p.leftover THEN 1 ELSE 0 END) / 100.0 AS amount
FROM part p JOIN s22a.agreement a ON a.id = p.agreement_id;

-- same rows, same figures
SELECT count(*) AS "allocation rows",
       (SELECT count(*) FROM (
            SELECT agreement_ref, fiscal_year, business_area, line, force_code, share, amount
              FROM s22a.cost_allocation
            EXCEPT
            SELECT agreement_ref, fiscal_year, business_area, line, force_code, share, amount
              FROM plain_allocation) d)
     + (SELECT count(*) FROM (
            SELECT agreement_ref, fiscal_year, business_area, line, force_code, share, amount
              FROM plain_allocation
            EXCEPT
            SELECT agreement_ref, fiscal_year, business_area, line, force_code, share, amount
              FROM s22a.cost_allocation) d) AS "rows that differ",
       (SELECT count(*) FROM (
            SELECT agreement_ref, fiscal_year, line FROM s22a.cost_allocation
            GROUP BY 1, 2, 3
            HAVING sum(amount) <> (SELECT amount FROM s22a.budget b JOIN s22a.agreement a ON a.id = b.agreement_id
                                    WHERE a.ref = agreement_ref AND b.fiscal_year::text = cost_allocation.fiscal_year
                                      AND b.line = cost_allocation.line)) x) AS "lines not adding up"
FROM s22a.cost_allocation;

-- ---------------------------------------------------------------------------
-- timing (best of 5)
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE bench_result AS
SELECT (SELECT count(*) FROM s22a.cost_allocation) AS n,
       bench.best_ms('SELECT * FROM s22a.cost_allocation', 5) AS s22a_ms,
       bench.best_ms('SELECT * FROM plain_allocation', 5) AS plain_ms;

SELECT n AS rows,
       s22a_ms AS "cost_allocation ms",
       round(n / (s22a_ms / 1000)) AS "rows/s",
       plain_ms AS "plain SQL ms",
       round(n / (plain_ms / 1000)) AS "plain rows/s",
       bench.ratio(plain_ms, s22a_ms) AS "s22a is x times faster (target >= 5)"
FROM bench_result;

-- one agreement and year, as a report would ask
SELECT bench.best_ms($$SELECT * FROM s22a.cost_allocation WHERE agreement_ref = 'BENCH-0500' AND fiscal_year = '2019/20'$$, 5)
           AS "one agreement-year ms",
       bench.best_ms($$SELECT * FROM plain_allocation WHERE agreement_ref = 'BENCH-0500' AND fiscal_year = '2019/20'$$, 5)
           AS "plain SQL ms";
