
-- ===========================================================================
-- Governance records (doc/governance.md): the six-monthly report
-- ===========================================================================
-- Seven Force agreement, Schedule A 2.8: a six-monthly financial and
-- operational report to the Summit.  One row per agreement and half year
-- (1: April to September, 2: October to March) that has begun by today and
-- in which the agreement has a budget, spend, or a decision proposed or made.
-- Budget is the financial year's; spent and variance are year to date at
-- the end of the half.  The counts are taken at the end of the half, or
-- today (s22a.today()) when that is earlier:
--   consents_outstanding: required parties (consent_required) of decisions
--     proposed by then and not made by then, with no consent given by then
--     that was still counting then (decisions rejected or withdrawn carry
--     no date, so they are left out);
--   local_decisions_outstanding: parties bound by an in-principle decision
--     made by then with no local decision dated by then;
--   recommendations_open / _overdue: the agreement's recommendations raised
--     by then and not closed by then / of those, due before then;
--   top_risk_score: the highest current score of the agreement's risks (the
--     register keeps no history of ratings).
CREATE VIEW @extschema@.half_year_report AS
WITH halves AS (
    SELECT b.agreement_id, b.fiscal_year, h.half
    FROM @extschema@.budget AS b
    CROSS JOIN (VALUES (1), (2)) AS h(half)
    UNION
    SELECT d.agreement_id, @extschema@.fiscal_year(x.on_day),
           CASE WHEN pg_catalog.date_part('month', x.on_day) BETWEEN 4 AND 9 THEN 1 ELSE 2 END
    FROM @extschema@.decision AS d
    CROSS JOIN LATERAL (VALUES (d.proposed_on), (d.made_on)) AS x(on_day)
    WHERE x.on_day IS NOT NULL
    UNION
    SELECT s.agreement_id, s.fiscal_year,
           CASE WHEN pg_catalog.date_part('month', s.spent_on) BETWEEN 4 AND 9 THEN 1 ELSE 2 END
    FROM @extschema@.spend AS s
),
spans AS (
    SELECT h.agreement_id, h.fiscal_year, h.half, s.starts, s.ends,
           LEAST(s.ends, @extschema@.today()) AS as_at
    FROM halves AS h
    CROSS JOIN LATERAL (
        SELECT CASE WHEN h.half = 1 THEN @extschema@.first_day(h.fiscal_year)
                    ELSE (@extschema@.first_day(h.fiscal_year) + interval '6 months')::date END AS starts,
               CASE WHEN h.half = 1 THEN (@extschema@.first_day(h.fiscal_year) + interval '6 months')::date - 1
                    ELSE @extschema@.last_day(h.fiscal_year) END AS ends
    ) AS s
    WHERE s.starts <= @extschema@.today()
),
figures AS (
    SELECT s.*,
           coalesce((SELECT sum(b.amount) FROM @extschema@.budget AS b
                      WHERE b.agreement_id = s.agreement_id AND b.fiscal_year = s.fiscal_year), 0) AS budget,
           coalesce((SELECT sum(x.amount) FROM @extschema@.spend AS x
                      WHERE x.agreement_id = s.agreement_id AND x.fiscal_year = s.fiscal_year
                        AND x.spent_on <= s.as_at), 0) AS spent
    FROM spans AS s
)
SELECT a.ref AS agreement_ref,
       f.fiscal_year::text AS fiscal_year,
       f.half,
       f.budget,
       f.spent,
       f.budget - f.spent AS variance,
       (SELECT count(*) FROM @extschema@.decision AS d
         WHERE d.agreement_id = f.agreement_id AND d.state = 'made'
           AND d.made_on BETWEEN f.starts AND f.as_at) AS decisions_made,
       (SELECT count(*)
          FROM @extschema@.decision AS d
          CROSS JOIN LATERAL @extschema@.consent_required(d.id) AS r(party_code)
         WHERE d.agreement_id = f.agreement_id AND d.proposed_on <= f.as_at
           AND (d.state = 'proposed' OR (d.state = 'made' AND d.made_on > f.as_at))
           AND NOT EXISTS (SELECT 1 FROM @extschema@.consent AS c
                            WHERE c.decision_id = d.id AND c.party_code = r.party_code
                              AND c.given_on <= f.as_at
                              AND (c.voided_on IS NULL OR c.voided_on > f.as_at))) AS consents_outstanding,
       (SELECT count(*)
          FROM @extschema@.decision AS d
          CROSS JOIN LATERAL @extschema@.consent_required(d.id) AS r(party_code)
         WHERE d.agreement_id = f.agreement_id AND d.kind = 'in_principle'
           AND d.state = 'made' AND d.made_on <= f.as_at
           AND NOT EXISTS (SELECT 1 FROM @extschema@.local_decision AS l
                            WHERE l.decision_id = d.id AND l.party_code = r.party_code
                              AND l.decided_on <= f.as_at)) AS local_decisions_outstanding,
       (SELECT count(*) FROM @extschema@.recommendation AS r
         WHERE r.agreement_id = f.agreement_id AND r.raised_on <= f.as_at
           AND (r.closed_on IS NULL OR r.closed_on > f.as_at)) AS recommendations_open,
       (SELECT count(*) FROM @extschema@.recommendation AS r
         WHERE r.agreement_id = f.agreement_id AND r.raised_on <= f.as_at
           AND (r.closed_on IS NULL OR r.closed_on > f.as_at)
           AND r.due_on < f.as_at) AS recommendations_overdue,
       (SELECT max(k.score) FROM @extschema@.risk AS k
         WHERE k.agreement_id = f.agreement_id) AS top_risk_score,
       coalesce((SELECT sum(n.planned) FROM @extschema@.benefit AS n
                  WHERE n.agreement_id = f.agreement_id AND n.fiscal_year = f.fiscal_year), 0) AS benefits_planned,
       coalesce((SELECT sum(n.realised) FROM @extschema@.benefit AS n
                  WHERE n.agreement_id = f.agreement_id AND n.fiscal_year = f.fiscal_year), 0) AS benefits_realised
FROM figures AS f
JOIN @extschema@.agreement AS a ON a.id = f.agreement_id;
COMMENT ON VIEW @extschema@.half_year_report IS
    'the six-monthly report (Seven Force agreement, Schedule A 2.8): one row per agreement and half year begun by today with a budget, spend or a decision; counts as at the end of the half, or today when earlier';
COMMENT ON COLUMN @extschema@.half_year_report.agreement_ref IS 'the agreement';
COMMENT ON COLUMN @extschema@.half_year_report.fiscal_year IS 'the financial year, e.g. 2019/20';
COMMENT ON COLUMN @extschema@.half_year_report.half IS '1: April to September; 2: October to March';
COMMENT ON COLUMN @extschema@.half_year_report.budget IS 'the financial year''s budget, all lines and business areas, in pounds; 0 when none';
COMMENT ON COLUMN @extschema@.half_year_report.spent IS 'spent in the financial year to the end of the half (or today), in pounds, from s22a.spend';
COMMENT ON COLUMN @extschema@.half_year_report.variance IS 'budget less spent';
COMMENT ON COLUMN @extschema@.half_year_report.decisions_made IS 'decisions made in the half (to today when the half is still running)';
COMMENT ON COLUMN @extschema@.half_year_report.consents_outstanding IS 'at the end of the half: consents required by decisions then proposed and not yet given';
COMMENT ON COLUMN @extschema@.half_year_report.local_decisions_outstanding IS 'at the end of the half: parties bound by a made in-principle decision that had not decided locally';
COMMENT ON COLUMN @extschema@.half_year_report.recommendations_open IS 'at the end of the half: the agreement''s recommendations raised and not closed';
COMMENT ON COLUMN @extschema@.half_year_report.recommendations_overdue IS 'of those, the ones past their due date';
COMMENT ON COLUMN @extschema@.half_year_report.top_risk_score IS 'the highest current risk score (likelihood × impact) of the agreement''s risks; empty when none';
COMMENT ON COLUMN @extschema@.half_year_report.benefits_planned IS 'benefits planned for the financial year, in pounds, from s22a.benefit';
COMMENT ON COLUMN @extschema@.half_year_report.benefits_realised IS 'benefits realised for the financial year as recorded so far, in pounds, from s22a.benefit (a benefit carries no date within its year)';
