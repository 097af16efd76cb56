
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
-- Every budget line split to the penny.  Shares are computed once per
-- (agreement, year, area): the LATERAL subqueries `c` and `l` are kept
-- whole by OFFSET 0 (the planner would otherwise flatten them and may join
-- the lines before calling cost_shares, once per line), and `l` depends on
-- `c`, so the lines of a group are read after its shares are known.
CREATE VIEW @extschema@.cost_allocation AS
SELECT a.ref AS agreement_ref,
       CAST(g.fiscal_year AS pg_catalog.text) AS fiscal_year,
       g.business_area,
       l.line,
       l.force_code,
       l.share,
       l.amount
FROM (SELECT DISTINCT b.agreement_id, b.fiscal_year, b.business_area
        FROM @extschema@.budget b) g
JOIN @extschema@.agreement a ON a.id = g.agreement_id
CROSS JOIN LATERAL (
    SELECT @extschema@.cost_shares(g.agreement_id, g.fiscal_year, g.business_area) AS shares
    OFFSET 0) c
CROSS JOIN LATERAL (
    SELECT b.line, s.party AS force_code, s.share, s.amount
      FROM @extschema@.budget b,
           @extschema@.split(c.shares, b.amount) s
     WHERE b.agreement_id = g.agreement_id
       AND b.fiscal_year = g.fiscal_year
       AND b.business_area = g.business_area
    OFFSET 0) l;
COMMENT ON VIEW @extschema@.cost_allocation IS
    'every budget line split among the forces by cost_shares, to the penny: the amounts of a line add up to the line''s amount';
COMMENT ON COLUMN @extschema@.cost_allocation.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_allocation.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_allocation.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_allocation.line IS 'the budget line, e.g. programme';
COMMENT ON COLUMN @extschema@.cost_allocation.force_code IS 'the paying force';
COMMENT ON COLUMN @extschema@.cost_allocation.share IS 'its percentage share of the agreement, year and business area, e.g. 13.8';
COMMENT ON COLUMN @extschema@.cost_allocation.amount IS 'its part of the line in pounds, to the penny (largest remainder)';

CREATE VIEW @extschema@.cost_balance AS
WITH due AS (
    SELECT agreement_ref, fiscal_year, force_code, sum(amount) AS due
      FROM @extschema@.cost_allocation
     GROUP BY agreement_ref, fiscal_year, force_code
), contributed AS (
    SELECT a.ref AS agreement_ref, CAST(c.fiscal_year AS pg_catalog.text) AS fiscal_year, c.force_code::text AS force_code,
           sum(c.amount) AS contributed
      FROM @extschema@.contribution c
      JOIN @extschema@.agreement a ON a.id = c.agreement_id
     GROUP BY a.ref, c.fiscal_year, c.force_code
)
SELECT coalesce(d.agreement_ref, k.agreement_ref) AS agreement_ref,
       coalesce(d.fiscal_year, k.fiscal_year) AS fiscal_year,
       coalesce(d.force_code, k.force_code) AS force_code,
       coalesce(d.due, 0.00) AS due,
       coalesce(k.contributed, 0.00) AS contributed,
       coalesce(d.due, 0.00) - coalesce(k.contributed, 0.00) AS outstanding
FROM due d
FULL JOIN contributed k
       ON k.agreement_ref = d.agreement_ref AND k.fiscal_year = d.fiscal_year
      AND k.force_code = d.force_code;
COMMENT ON VIEW @extschema@.cost_balance IS
    'what each force owes an agreement in a year, what it has put in (cash or in kind, Seven Force agreement, clause 5.3), and what is outstanding';
COMMENT ON COLUMN @extschema@.cost_balance.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_balance.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_balance.force_code IS 'the force';
COMMENT ON COLUMN @extschema@.cost_balance.due IS 'its parts of every budget line of the year, all business areas (sum of cost_allocation.amount)';
COMMENT ON COLUMN @extschema@.cost_balance.contributed IS 'its contributions in the year, cash and in kind alike';
COMMENT ON COLUMN @extschema@.cost_balance.outstanding IS 'due minus contributed; negative when it has put in more than its share';
