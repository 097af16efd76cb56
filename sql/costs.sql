-- costs: who pays what, the budget split to the penny, and the refusals a
-- person reads.  Seven Force Strategic Collaboration Programme (Seven Force
-- agreement, clauses 5.1-5.3); NRE figures ILLUSTRATIVE (the demo uses the same).
SET search_path = s22a, public;
SET datestyle = ISO;
\set ON_ERROR_ROLLBACK on
\set SHOW_CONTEXT never
BEGIN;

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('ESS', 'Essex Police'), ('HER', 'Hertfordshire Constabulary'),
    ('KEN', 'Kent Police'), ('NOR', 'Norfolk Constabulary'),
    ('SUF', 'Suffolk Constabulary'), ('BTP', 'British Transport Police');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Policing body for ' || name FROM force;

-- clause 6.1: in force 22 October 2015; fourteen corporations sole
INSERT INTO agreement (ref, title, commences_on, expires_on, review_on)
VALUES ('7F-SCP', 'Seven Force Strategic Collaboration Programme',
        '2015-10-22', '2017-03-31', '2016-10-21');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM agreement a, party p
WHERE a.ref = '7F-SCP' AND p.force_code <> 'BTP';

INSERT INTO force_measure (force_code, fiscal_year, measure, value) VALUES
    ('BED', '2016/17', 'nre', 101600000), ('CAM', '2016/17', 'nre', 131100000),
    ('ESS', '2016/17', 'nre', 262800000), ('HER', '2016/17', 'nre', 178400000),
    ('KEN', '2016/17', 'nre', 279300000), ('NOR', '2016/17', 'nre', 149500000),
    ('SUF', '2016/17', 'nre', 114200000);

-- clause 5.2: by NRE, to one decimal place
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, '2016/17', 'nre', 1 FROM agreement WHERE ref = '7F-SCP';
-- clause 5.1: £1.2 million plus £150,000 for consultancy
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2016/17', line, amount FROM agreement,
       (VALUES ('programme', 1200000.00), ('consultancy', 150000.00)) AS b(line, amount)
WHERE ref = '7F-SCP';

CREATE TEMP TABLE sf AS SELECT id FROM agreement WHERE ref = '7F-SCP';

-- == the shares: NRE / total NRE (1,216,900,000), largest remainder to 0.1
SELECT cost_shares((SELECT id FROM sf), '2016/17');
SELECT s.party AS force, f.value AS nre,
       round(100 * f.value / sum(f.value) OVER (), 4) AS "exact %",
       s.share AS "share %"
FROM shares(cost_shares((SELECT id FROM sf), '2016/17')) s
JOIN force_measure f ON f.force_code = s.party AND f.fiscal_year = '2016/17' AND f.measure = 'nre'
ORDER BY s.party;
SELECT sum(share) AS "shares add up to" FROM shares(cost_shares((SELECT id FROM sf), '2016/17'));

-- == each budget line split to the penny
SELECT line, force_code, share, amount
FROM cost_allocation WHERE agreement_ref = '7F-SCP'
ORDER BY line DESC, force_code;
SELECT c.line, sum(c.amount) AS "parts add up to", min(b.amount) AS "line amount"
FROM cost_allocation c
JOIN budget b ON (b.fiscal_year::text, b.business_area, b.line) = (c.fiscal_year, c.business_area, c.line)
WHERE c.agreement_ref = '7F-SCP' AND b.agreement_id = (SELECT id FROM sf)
GROUP BY c.line ORDER BY c.line;

-- == the balance: clause 5.3, officer/staff resource or a financial sum
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount, description)
SELECT id, '2016/17'::fiscal_year, 'BED', 'in_kind', 60000.00, 'programme analyst seconded for the year' FROM sf
UNION ALL
SELECT id, '2016/17', 'CAM', 'cash', 145800.00, 'paid in full' FROM sf
UNION ALL
SELECT id, '2016/17', 'KEN', 'cash', 100000.00, 'first instalment' FROM sf;
SELECT force_code, due, contributed, outstanding
FROM cost_balance WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17'
ORDER BY force_code;

-- == what if: the same formula over other forces
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
VALUES ('BTP', '2016/17', 'nre', 290000000);
SELECT cost_shares_if((SELECT id FROM sf), '2016/17', '',
                      ARRAY['BED', 'CAM', 'ESS', 'HER', 'KEN', 'NOR', 'SUF', 'BTP']);

-- == refusals
-- no formula for the year (2015/16, the first part year: from 22 October 2015)
SELECT cost_shares((SELECT id FROM sf), '2015/16');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a force's NRE missing: named, never a silent zero
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, '2015/16', 'nre', 1 FROM sf;
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT force_code, '2015/16', measure, value FROM force_measure
WHERE fiscal_year = '2016/17' AND measure = 'nre' AND force_code NOT IN ('NOR', 'BTP');
SELECT cost_shares((SELECT id FROM sf), '2015/16');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT * FROM cost_allocation WHERE fiscal_year = '2015/16';
-- the report stays up: the year's lines are shown whole, with the problem,
-- and cost_problems lists the group; cost_balance leaves it out
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2015/16', 'programme', 520000.00 FROM sf;
SELECT agreement_ref, fiscal_year, line, force_code, share, amount, problem
FROM cost_allocation WHERE agreement_ref = '7F-SCP' ORDER BY fiscal_year, line, force_code;
SELECT * FROM cost_problems;
SELECT fiscal_year, count(*) AS forces, sum(due) AS due FROM cost_balance GROUP BY fiscal_year ORDER BY 1;
-- budget_term: a year with no day in the term (clause 6.1: to 31 March 2017)
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2017/18', 'programme', 1200000.00 FROM sf;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- a measure whose total is zero
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT code, '2016/17', 'demand:none', 0 FROM force;
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2016/17', 'nothing', 'demand:none', 1 FROM sf;
SELECT cost_shares((SELECT id FROM sf), '2016/17', 'nothing');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- weights that do not add up: read inside the transaction, then at commit
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT id, '2016/17', 'half', 'nre', 0.5 FROM sf;
SELECT cost_shares((SELECT id FROM sf), '2016/17', 'half');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET CONSTRAINTS cost_basis_weights_add_up IMMEDIATE;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SET CONSTRAINTS cost_basis_weights_add_up DEFERRED;
-- an override naming a force that is not a party, or leaving one out
INSERT INTO cost_override (agreement_id, fiscal_year, shares)
SELECT id, '2016/17', 'BED=10, BTP=10, CAM=10, ESS=10, HER=10, KEN=10, NOR=10, SUF=30' FROM sf;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
INSERT INTO cost_override (agreement_id, fiscal_year, shares)
SELECT id, '2016/17', 'BED=20, CAM=20, ESS=20, HER=20, KEN=20' FROM sf;
\echo SQLSTATE :LAST_ERROR_SQLSTATE
-- an override that names exactly the members wins over the formula
INSERT INTO cost_override (agreement_id, fiscal_year, shares)
SELECT id, '2016/17', 'BED=10, CAM=10, ESS=20, HER=15, KEN=20, NOR=15, SUF=10' FROM sf;
SELECT cost_shares((SELECT id FROM sf), '2016/17');
SELECT line, force_code, amount FROM cost_allocation
WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17' AND line = 'consultancy'
ORDER BY force_code;
-- an unknown agreement, and a what-if with a force twice
SELECT cost_shares(-1, '2016/17');
\echo SQLSTATE :LAST_ERROR_SQLSTATE
SELECT cost_shares_if((SELECT id FROM sf), '2016/17', '', ARRAY['BED', 'BED']);
\echo SQLSTATE :LAST_ERROR_SQLSTATE

ROLLBACK;
