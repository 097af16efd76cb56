-- examples/demo.sql — the demo register, built from the source documents in
-- ../shared/seeds (see its README).  `make demo` runs it on a throwaway
-- cluster.  Figures marked ILLUSTRATIVE are not in the documents: they are
-- plausible values chosen so the reports have something to show.

SET search_path = s22a, public;
SET datestyle = ISO;
\pset null '-'

-- ---------------------------------------------------------------------------
-- Seven Force Strategic Collaboration Programme (seed 003)
-- Seven police areas, each with two corporations sole: 14 parties.
-- ---------------------------------------------------------------------------

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'),
    ('CAM', 'Cambridgeshire Constabulary'),
    ('ESS', 'Essex Police'),
    ('HER', 'Hertfordshire Constabulary'),
    ('KEN', 'Kent Police'),
    ('NOR', 'Norfolk Constabulary'),
    ('SUF', 'Suffolk Constabulary');

INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body',
       'Police and Crime Commissioner for ' || regexp_replace(name, ' (Police|Constabulary)$', '')
FROM force;

-- Clause 6.1: in force 22 October 2015 until 31 March 2017, review 21 October 2016.
INSERT INTO agreement (ref, title, commences_on, expires_on, review_on)
VALUES ('7F-SCP', 'Seven Force Strategic Collaboration Programme',
        '2015-10-22', '2017-03-31', '2016-10-21');

INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, date '2015-10-20', date '2015-10-20'
FROM agreement a, party p WHERE a.ref = '7F-SCP';

-- Clause 5.2: costs apportioned on Net Revenue Expenditure, "calculated to
-- one decimal place".  NRE in pounds: ILLUSTRATIVE.
INSERT INTO force_measure (force_code, fiscal_year, measure, value) VALUES
    ('BED', '2016/17', 'nre', 101600000),
    ('CAM', '2016/17', 'nre', 131100000),
    ('ESS', '2016/17', 'nre', 262800000),
    ('HER', '2016/17', 'nre', 178400000),
    ('KEN', '2016/17', 'nre', 279300000),
    ('NOR', '2016/17', 'nre', 149500000),
    ('SUF', '2016/17', 'nre', 114200000);

-- Clause 5.1: £1.2 million a year plus £150,000 a year for consultancy.
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2016/17', line, amount
FROM agreement, (VALUES ('programme', 1200000.00), ('consultancy', 150000.00)) AS b(line, amount)
WHERE ref = '7F-SCP';

\echo
\echo '== Seven Force 2016/17: each force''s share of the costs, by NRE, to one decimal place'
SELECT s.party AS force, f.name, s.share AS "share %"
FROM shares((SELECT apportion(force_code, value) FROM force_measure
             WHERE fiscal_year = '2016/17' AND measure = 'nre')) AS s
JOIN force f ON f.code = s.party;

SELECT sum(s.share) AS "shares add up to"
FROM shares((SELECT apportion(force_code, value) FROM force_measure
             WHERE fiscal_year = '2016/17' AND measure = 'nre')) AS s;

\echo
\echo '== Seven Force 2016/17: the budget split to the penny'
WITH shares AS (
    SELECT apportion(force_code, value) AS nre_shares
    FROM force_measure WHERE fiscal_year = '2016/17' AND measure = 'nre'
)
SELECT s.party AS force,
       s.share AS "share %",
       sum(s.amount) FILTER (WHERE b.line = 'programme') AS programme,
       sum(s.amount) FILTER (WHERE b.line = 'consultancy') AS consultancy,
       sum(s.amount) AS total
FROM budget b, shares, split(nre_shares, b.amount) AS s
WHERE b.fiscal_year = '2016/17'
GROUP BY ROLLUP ((s.party, s.share))
ORDER BY s.party NULLS LAST;

-- @@ demo: register, terms and decisions (issue 3) @@

-- @@ demo: cost reports (issue 4) @@
