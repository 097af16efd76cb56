
-- ===========================================================================
-- Cost reports (doc/costs.md): every budget line split among the forces,
-- and what each force owes and has put in
-- ===========================================================================

-- The financial year is shown as text in its canonical form ('2016/17'),
-- not as s22a.fiscal_year: a reporting login's default search_path does not
-- hold s22a, so `fiscal_year = '2016/17'` on the type found no operator
-- (42883), a bound varchar parameter none either, and drivers that do not
-- know the type read raw bytes (psycopg 3 binary) or refuse the column
-- (Npgsql).  Four-digit years: text order is year order.  doc/reports.md,
-- "Connecting a reporting tool".
--
-- Every shared budget line split to the penny.  The view starts from the
-- agreement and reaches its budget lines through budget's primary key, so a
-- filter on agreement_ref (and fiscal_year) reads only that agreement's
-- lines, whatever the size of the register.  Shares are computed once per
-- (agreement, year, area): the LATERAL subqueries `c` and `l` are kept
-- whole by OFFSET 0 (the planner would otherwise flatten them and may join
-- the lines before calling cost_group_shares, once per line), and `l`
-- depends on `c`, so the lines of a group are read after its shares are
-- known.  A group whose shares cannot be computed shows each of its lines
-- once, whole, with force_code and share NULL and the problem: a report
-- never fails because one group lacks data, and never silently drops a
-- line.  Unshared lines (budget.shared false: travel and subsistence, Seven
-- Force agreement, clause 5.2) are each force's own and are not split.
CREATE VIEW @extschema@.cost_allocation AS
SELECT a.ref AS agreement_ref,
       CAST(g.fiscal_year AS pg_catalog.text) AS fiscal_year,
       g.business_area,
       l.line,
       l.force_code,
       l.share,
       l.amount,
       c.problem
FROM @extschema@.agreement a
CROSS JOIN LATERAL (
    SELECT DISTINCT b.fiscal_year, b.business_area
      FROM @extschema@.budget b
     WHERE b.agreement_id = a.id AND b.shared) g
CROSS JOIN LATERAL (
    SELECT (x.r).shares, (x.r).problem
      FROM (SELECT @extschema@.cost_group_shares(a.id, g.fiscal_year, g.business_area) AS r
            OFFSET 0) x) c
CROSS JOIN LATERAL (
    SELECT b.line, s.party AS force_code, s.share, s.amount
      FROM @extschema@.budget b,
           @extschema@.split(c.shares, b.amount) s
     WHERE b.agreement_id = a.id
       AND b.fiscal_year = g.fiscal_year
       AND b.business_area = g.business_area
       AND b.shared
    UNION ALL
    SELECT b.line, NULL, NULL, b.amount
      FROM @extschema@.budget b
     WHERE c.problem IS NOT NULL
       AND b.agreement_id = a.id
       AND b.fiscal_year = g.fiscal_year
       AND b.business_area = g.business_area
       AND b.shared
    OFFSET 0) l;
COMMENT ON VIEW @extschema@.cost_allocation IS
    'every shared budget line split among the forces by cost_shares, to the penny: the amounts of a line add up to the line''s amount; a group whose shares cannot be computed shows each line whole with its problem';
COMMENT ON COLUMN @extschema@.cost_allocation.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_allocation.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_allocation.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_allocation.line IS 'the budget line, e.g. programme';
COMMENT ON COLUMN @extschema@.cost_allocation.force_code IS 'the paying force; NULL on a row with a problem';
COMMENT ON COLUMN @extschema@.cost_allocation.share IS 'its percentage share of the agreement, year and business area, e.g. 13.8; NULL on a row with a problem';
COMMENT ON COLUMN @extschema@.cost_allocation.amount IS 'its part of the line in pounds, to the penny (largest remainder); the whole line on a row with a problem';
COMMENT ON COLUMN @extschema@.cost_allocation.problem IS
    'NULL, or why the shares of the agreement, year and business area cannot be computed (what cost_shares raises): the line is then shown whole, unallocated (see cost_problems)';

-- The groups whose shares cannot be computed: what to fix before billing.
CREATE VIEW @extschema@.cost_problems AS
SELECT DISTINCT agreement_ref, fiscal_year, business_area, problem
  FROM @extschema@.cost_allocation
 WHERE problem IS NOT NULL;
COMMENT ON VIEW @extschema@.cost_problems IS
    'each (agreement, year, business area) whose budget lines cannot be split, and why: cost_allocation shows its lines unallocated, and cost_balance leaves them out';
COMMENT ON COLUMN @extschema@.cost_problems.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_problems.fiscal_year IS 'the financial year as text, e.g. 2016/17';
COMMENT ON COLUMN @extschema@.cost_problems.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_problems.problem IS 'what is missing or inconsistent, as cost_shares raises it';

-- What each force owes and has put in.  Per agreement (LATERAL on the
-- agreement row, so a filter on agreement_ref reads one agreement): its
-- allocated parts and its contributions, grouped by year (the type, not
-- text) and force; the ref is joined last, never grouped or sorted on, so
-- the whole register stays linear at default work_mem.  Rows with a
-- problem are left out (cost_problems lists them).
CREATE VIEW @extschema@.cost_balance AS
SELECT a.ref AS agreement_ref,
       CAST(t.fiscal_year AS pg_catalog.text) AS fiscal_year,
       t.force_code,
       t.due,
       t.contributed,
       t.due - t.contributed AS outstanding
FROM @extschema@.agreement a
CROSS JOIN LATERAL (
    SELECT u.fiscal_year, u.force_code,
           sum(u.due) AS due, sum(u.contributed) AS contributed
      FROM (SELECT g.fiscal_year, l.force_code, l.amount AS due, 0.00 AS contributed
              FROM (SELECT DISTINCT b.fiscal_year, b.business_area
                      FROM @extschema@.budget b
                     WHERE b.agreement_id = a.id AND b.shared) g
             CROSS JOIN LATERAL (
                 SELECT (x.r).shares
                   FROM (SELECT @extschema@.cost_group_shares(a.id, g.fiscal_year, g.business_area) AS r
                         OFFSET 0) x) c
             CROSS JOIN LATERAL (
                 SELECT s.party AS force_code, s.amount
                   FROM @extschema@.budget b,
                        @extschema@.split(c.shares, b.amount) s
                  WHERE b.agreement_id = a.id
                    AND b.fiscal_year = g.fiscal_year
                    AND b.business_area = g.business_area
                    AND b.shared
                 OFFSET 0) l
            UNION ALL
            SELECT k.fiscal_year, k.force_code::pg_catalog.text, 0.00, k.amount
              FROM @extschema@.contribution k
             WHERE k.agreement_id = a.id) u
     GROUP BY u.fiscal_year, u.force_code) t;
COMMENT ON VIEW @extschema@.cost_balance IS
    'what each force owes an agreement in a year, what it has put in (cash or in kind, Seven Force agreement, clause 5.3), and what is outstanding; groups listed in cost_problems are left out';
COMMENT ON COLUMN @extschema@.cost_balance.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_balance.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_balance.force_code IS 'the force';
COMMENT ON COLUMN @extschema@.cost_balance.due IS 'its parts of every shared budget line of the year, all business areas (sum of cost_allocation.amount)';
COMMENT ON COLUMN @extschema@.cost_balance.contributed IS 'its contributions in the year, cash and in kind alike';
COMMENT ON COLUMN @extschema@.cost_balance.outstanding IS 'due minus contributed; negative when it has put in more than its share';
