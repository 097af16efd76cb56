
-- ===========================================================================
-- Cost reports for the finance officer (doc/costs.md): spend against
-- budget, who is paid and what to invoice each quarter, savings by year
-- ===========================================================================

-- Who is paid.  Single Online Home paper, 3.5: "forces would make their
-- payments to the MPS, as the host force for SOH".  NULL: the lead force.
ALTER TABLE @extschema@.agreement ADD COLUMN payee_force @extschema@.party_code REFERENCES @extschema@.force;
COMMENT ON COLUMN @extschema@.agreement.payee_force IS
    'the force the other forces pay (the host force), a force with a party to the agreement; NULL: the lead force';

-- triggers/agreement.c, rule payee_force_party.  Deferred to commit, so an
-- agreement, its parties and its payee may be recorded in one transaction;
-- queued only for a row with a payee (a pending event would make a TRUNCATE
-- cascading to agreement fail with 55006 before register_no_truncate).
CREATE FUNCTION @extschema@.payee_force_party() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_payee_force_party' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.payee_force_party() IS
    'trigger payee_force_party: the payee force has a party to the agreement; checked when set and when the agreement is executed';
REVOKE EXECUTE ON FUNCTION @extschema@.payee_force_party() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER payee_force_party
    AFTER INSERT OR UPDATE ON @extschema@.agreement
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.payee_force IS NOT NULL)
    EXECUTE FUNCTION @extschema@.payee_force_party();

-- Spend against budget: every budget line and every line with spend, of
-- every agreement and year.  fiscal_year as text (70_cost_views.sql).
CREATE VIEW @extschema@.budget_variance AS
WITH spent AS (
    SELECT s.agreement_id, s.fiscal_year, s.business_area, s.line, sum(s.amount) AS spent
      FROM @extschema@.spend s
     GROUP BY s.agreement_id, s.fiscal_year, s.business_area, s.line
), lines AS (
    SELECT coalesce(b.agreement_id, s.agreement_id) AS agreement_id,
           coalesce(b.fiscal_year, s.fiscal_year) AS fiscal_year,
           coalesce(b.business_area, s.business_area) AS business_area,
           coalesce(b.line, s.line) AS line,
           coalesce(b.amount, 0.00) AS budget,
           coalesce(s.spent, 0.00) AS spent
      FROM @extschema@.budget b
      FULL JOIN spent s
             ON s.agreement_id = b.agreement_id AND s.fiscal_year = b.fiscal_year
            AND s.business_area = b.business_area AND s.line = b.line
)
SELECT a.ref AS agreement_ref,
       CAST(l.fiscal_year AS pg_catalog.text) AS fiscal_year,
       l.business_area,
       l.line,
       l.budget,
       l.spent,
       l.budget - l.spent AS variance,
       l.spent > l.budget AS over_budget
FROM lines l
JOIN @extschema@.agreement a ON a.id = l.agreement_id;
COMMENT ON VIEW @extschema@.budget_variance IS
    'spend against budget per budget line (Seven Force agreement, Schedule A 2.7-2.8): a line with spend and no budget shows budget 0, a budget line with no spend shows spent 0';
COMMENT ON COLUMN @extschema@.budget_variance.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.budget_variance.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.budget_variance.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.budget_variance.line IS 'the budget line';
COMMENT ON COLUMN @extschema@.budget_variance.budget IS 'the line''s budget in pounds; 0.00 when it has spend but no budget';
COMMENT ON COLUMN @extschema@.budget_variance.spent IS 'the sum of its spend in pounds; 0.00 when none';
COMMENT ON COLUMN @extschema@.budget_variance.variance IS 'budget minus spent: what is left, negative when overspent';
COMMENT ON COLUMN @extschema@.budget_variance.over_budget IS 'true when spent is more than budget';

-- What to invoice: each force's outstanding (cost_balance) in four
-- quarterly instalments, to the penny, by the apportionment machinery
-- (s22a.split: largest remainder, ties to the lower code), so the quarters
-- add up to the outstanding exactly and the odd pence fall in the earliest
-- quarters.  Every force but the payee; a negative outstanding (a force
-- that put in more than its share) gives negative instalments, a credit.
-- Groups whose shares cannot be computed are not in cost_balance, so not
-- here either (doc/costs.md).
CREATE VIEW @extschema@.charges AS
SELECT b.agreement_ref,
       b.fiscal_year,
       b.force_code AS payer_force,
       p.payee_force,
       CAST(q.party AS pg_catalog.int4) AS quarter,
       q.amount
FROM @extschema@.cost_balance b
JOIN @extschema@.agreement a ON a.ref = b.agreement_ref
CROSS JOIN LATERAL (
    SELECT CAST(coalesce(a.payee_force, a.lead_force) AS pg_catalog.text) AS payee_force) p
CROSS JOIN LATERAL @extschema@.split(CAST('1=25, 2=25, 3=25, 4=25' AS @extschema@.apportionment),
                                     b.outstanding) q
WHERE b.force_code IS DISTINCT FROM p.payee_force;
COMMENT ON VIEW @extschema@.charges IS
    'what to invoice: each force''s outstanding for a year in four quarterly instalments to the penny (they add up to it exactly), payable to the payee force (Single Online Home paper, 3.5)';
COMMENT ON COLUMN @extschema@.charges.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.charges.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.charges.payer_force IS 'the force invoiced';
COMMENT ON COLUMN @extschema@.charges.payee_force IS 'the force it pays: agreement.payee_force, else the lead force; NULL when the agreement has neither';
COMMENT ON COLUMN @extschema@.charges.quarter IS 'the quarter of the financial year, 1 (April to June) to 4 (January to March)';
COMMENT ON COLUMN @extschema@.charges.amount IS 'the instalment in pounds; the four add up to the force''s outstanding; negative for a credit';

-- Savings by financial year against plan (ICT collaboration business case,
-- 4.2(5), 4.5; Single Online Home paper, 6.4 and 9).
CREATE VIEW @extschema@.benefits_by_year AS
SELECT a.ref AS agreement_ref,
       CAST(g.fiscal_year AS pg_catalog.text) AS fiscal_year,
       g.force_code,
       g.kind,
       g.planned,
       g.realised,
       g.planned - g.realised AS shortfall
FROM (SELECT b.agreement_id, b.fiscal_year,
             CAST(b.force_code AS pg_catalog.text) AS force_code,
             CAST(b.kind AS pg_catalog.text) AS kind,
             sum(b.planned) AS planned,
             CASE WHEN count(b.realised) = count(*) THEN sum(b.realised) END AS realised
        FROM @extschema@.benefit b
       GROUP BY b.agreement_id, b.fiscal_year, b.force_code, b.kind) g
JOIN @extschema@.agreement a ON a.id = g.agreement_id;
COMMENT ON VIEW @extschema@.benefits_by_year IS
    'benefits planned and realised per agreement, financial year, force and kind (ICT collaboration business case, 4.2(5); Single Online Home paper, 9)';
COMMENT ON COLUMN @extschema@.benefits_by_year.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.benefits_by_year.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.benefits_by_year.force_code IS 'the force the benefits accrue to; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.benefits_by_year.kind IS 'cashable or non_cashable';
COMMENT ON COLUMN @extschema@.benefits_by_year.planned IS 'the benefits planned, in pounds';
COMMENT ON COLUMN @extschema@.benefits_by_year.realised IS 'the benefits realised, in pounds; NULL until every benefit of the group has its realised figure';
COMMENT ON COLUMN @extschema@.benefits_by_year.shortfall IS 'planned minus realised (negative when more was realised than planned); NULL while realised is';
