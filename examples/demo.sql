-- examples/demo.sql — the demo register, built from the source documents
-- (the papers named in each section below).  `make demo` runs it on a throwaway
-- cluster.  Figures marked ILLUSTRATIVE are not in the documents: they are
-- plausible values chosen so the reports have something to show; the output
-- says so beside each of them.

SET search_path = s22a, public;
SET datestyle = ISO;
-- The reports' "today" (s22a.today(), doc/reports.md "As at another day") is
-- fixed, so the demo prints the same on any day and the doc tests
-- (test/doc_test.sh) can compare their examples with it.  The rules still
-- check dates against the server's real current_date.
SET s22a.today = '2026-11-29';
\pset null '-'

-- test/upgrade.sh loads this demo into s22a 0.1 before updating it: the
-- governance records of 0.3 (doc/governance.md) are recorded only when the
-- extension has them.
SELECT extversion NOT IN ('0.1', '0.2') AS governance FROM pg_extension WHERE extname = 's22a' \gset
\echo '== The demo register, as at 2026-11-29 (SET s22a.today; the reports take it as today).'
\echo '   Rules, clauses, dates and budgets come from the papers named in each section; figures'
\echo '   and dates marked ILLUSTRATIVE are not in them, chosen so the reports have something to show.'

-- ---------------------------------------------------------------------------
-- Seven Force Strategic Collaboration Programme (Seven Force agreement)
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

-- The formula for 2016/17: NRE alone, weight 1.
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, '2016/17', 'nre', 1 FROM agreement WHERE ref = '7F-SCP';

\echo
\echo '== Seven Force 2016/17: each force''s share of the costs, by NRE, to one decimal place'
\echo '   (the rule: clause 5.2; the NRE figures: ILLUSTRATIVE)'
SELECT s.party AS force, f.name, s.share AS "share %"
FROM agreement a, shares(cost_shares(a.id, '2016/17')) AS s
JOIN force f ON f.code = s.party
WHERE a.ref = '7F-SCP';
SELECT sum(s.share) AS "shares add up to"
FROM agreement a, shares(cost_shares(a.id, '2016/17')) AS s WHERE a.ref = '7F-SCP';

\echo
\echo '== Seven Force 2016/17: the budget split to the penny (view cost_allocation)'
\echo '   (the budget, £1.2 million and £150,000 for consultancy: clause 5.1)'
SELECT force_code AS force, share AS "share %",
       sum(amount) FILTER (WHERE line = 'programme') AS programme,
       sum(amount) FILTER (WHERE line = 'consultancy') AS consultancy,
       sum(amount) AS total
FROM cost_allocation
WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17'
GROUP BY ROLLUP ((force_code, share))
ORDER BY force_code NULLS LAST;

-- ===========================================================================
-- The register: terms, execution, decisions and consent (issue 3)
-- ===========================================================================

-- Shows a statement the rules refuse, without stopping the demo.
CREATE FUNCTION pg_temp.refused(statement text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    rule text;
    hint text;
BEGIN
    EXECUTE statement;
    RAISE EXCEPTION 'the demo expected this to be refused: %', statement;
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS rule = CONSTRAINT_NAME, hint = PG_EXCEPTION_HINT;
    RETURN format('   refused by %s: %s%s', rule, SQLERRM,
                  CASE WHEN hint <> '' THEN E'\n   HINT: ' || hint ELSE '' END);
END $$;

-- 0.3 (doc/costs.md): the cost terms signed with the agreement also cover
-- its first part year, and say which lines are not shared.  Entered before
-- execution: afterwards a row added to an ended year needs a decision
-- (rule cost_terms_sealed).  On 0.1/0.2 (test/upgrade.sh) none of this exists.
\if :governance
-- Seven Force: costed from its first part year, 2015/16 (clause 6.1: in
-- force from 22 October 2015).  NRE and the part-year programme budget
-- ILLUSTRATIVE.
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT force_code, '2015/16', 'nre', round(value * 0.98) FROM force_measure
WHERE fiscal_year = '2016/17' AND measure = 'nre'
  AND force_code IN ('BED', 'CAM', 'ESS', 'HER', 'KEN', 'NOR', 'SUF');
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, '2015/16', 'nre', 1 FROM agreement WHERE ref = '7F-SCP';
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2015/16', 'programme', 532000.00 FROM agreement WHERE ref = '7F-SCP';
-- Clause 5.2: "minor travel and subsistence costs" are not shared; each
-- force bears its own.  ILLUSTRATIVE.
INSERT INTO budget (agreement_id, fiscal_year, line, amount, shared)
SELECT id, '2016/17', 'travel and subsistence', 8400.00, false FROM agreement WHERE ref = '7F-SCP';
\endif

-- Seven Force: all 14 parties signed and declared on 20 October 2015, and
-- clause 6.1 puts the agreement in force from 22 October 2015; the record
-- CPCC2019-007 calls it "the original agreement made in 2016": executed
-- later (the day ILLUSTRATIVE), its term runs from 22 October 2015 all the
-- same (a retrospective term, doc/register.md).
UPDATE agreement SET executed_on = '2016-01-20' WHERE ref = '7F-SCP';

\echo
\echo '== Seven Force: in force from 22 October 2015 (clause 6.1), though executed on 20 January 2016'
SELECT d AS "on", term_status(a.id, d) AS status
FROM agreement a, unnest(ARRAY[date '2015-10-21', '2015-10-22', '2016-01-19', '2016-01-20', '2017-03-31', '2017-04-01']) AS d
WHERE a.ref = '7F-SCP';

\echo
\echo '== A direct change to a sealed term is refused: each change cites a made decision'
SELECT pg_temp.refused($$UPDATE s22a.agreement SET expires_on = '2019-03-31' WHERE ref = '7F-SCP'$$) AS refusal \gset
\echo :refusal

-- Clause 6.2: "will terminate on 31 March 2017 unless renewed in writing by
-- all the Parties".  The first renewal, to 31 March 2019, outside a meeting
-- (dates ILLUSTRATIVE).  Thirteen parties write; Kent's commissioner has not.
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'Renew the Seven Force agreement to 31 March 2019', '2017-02-01', '2019-03-31'
FROM agreement WHERE ref = '7F-SCP';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p.party_code, '2017-02-20', 'letter'
FROM decision d, parties_on(d.agreement_id, d.proposed_on) AS p(party_code)
WHERE d.title LIKE '%to 31 March 2019' AND p.party_code <> 'PCC-KEN';
-- Kent's agreement was given at a meeting: a renewal needs it in writing.
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT id, 'PCC-KEN', '2017-02-23', 'meeting' FROM decision WHERE title LIKE '%to 31 March 2019';

\echo
\echo '== The renewal''s checks before Kent writes (the rule: clause 6.2; the dates: ILLUSTRATIVE; checked today it would also be too late: it is made on 1 March 2017)'
SELECT c.* FROM decision d, decision_check(d.id) c WHERE d.title LIKE '%to 31 March 2019';
SELECT pg_temp.refused($$UPDATE s22a.decision SET state = 'made', made_on = '2017-02-24'
                         WHERE title LIKE '%to 31 March 2019'$$) AS refusal \gset
\echo :refusal

-- A consent is evidence and is never deleted; Kent's letter is recorded as
-- a second document by correcting the form before the decision is made.
UPDATE consent SET form = 'letter', given_on = '2017-03-01', reference = 'letter of 1 March 2017'
WHERE party_code = 'PCC-KEN' AND decision_id = (SELECT id FROM decision WHERE title LIKE '%to 31 March 2019');
UPDATE decision SET state = 'made', made_on = '2017-03-01' WHERE title LIKE '%to 31 March 2019';

-- CPCC2019-007: extended "for a further two years until 31st March 2021";
-- Cambridgeshire's commissioner consented by that decision record.
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'Extend the Seven Force agreement to 31 March 2021 (CPCC2019-007)', '2019-02-01', '2021-03-31'
FROM agreement WHERE ref = '7F-SCP';
\if :governance
-- the decision record's number, summary and background are set while the
-- decision is proposed (the wording is the record's, CPCC2019-007)
UPDATE decision SET record_ref = 'CPCC2019-007',
       summary = 'To extend the original agreement for the Police and Crime Commissioner, Cambridgeshire Constabulary and the seven police force areas in the Eastern Region and Kent to work together upon the Seven Force Strategic Collaboration under section 22A of the Police Act 1996 (as amended) until 31 March 2021.',
       background = 'Business Coordination Board paper, 25 February 2016: Seven Force Strategic Collaboration.'
WHERE title LIKE '%(CPCC2019-007)';
\endif
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT d.id, p.party_code, '2019-02-25',
       CASE WHEN p.party_code = 'PCC-CAM' THEN 'decision_notice' ELSE 'letter' END::consent_form,
       CASE WHEN p.party_code = 'PCC-CAM' THEN 'CPCC2019-007' END
FROM decision d, parties_on(d.agreement_id, d.proposed_on) AS p(party_code)
WHERE d.title LIKE '%(CPCC2019-007)';
UPDATE decision SET state = 'made', made_on = '2019-03-01' WHERE title LIKE '%(CPCC2019-007)';

\echo
\echo '== Seven Force after the two renewals'
SELECT effective_expiry(a.id) AS "effective expiry",
       term_status(a.id, '2017-04-01') AS "1 Apr 2017",
       term_status(a.id, '2020-06-30') AS "30 Jun 2020",
       term_status(a.id, '2021-04-01') AS "1 Apr 2021"
FROM agreement a WHERE a.ref = '7F-SCP';

-- Clause 6.2 again: renewed before the end, or not at all.  A third
-- extension, agreed in writing in September 2021 (ILLUSTRATIVE), comes after
-- the agreement lapsed on 31 March 2021: it would revive it, so it is
-- refused, and the parties would make a new agreement instead.
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'Extend the Seven Force agreement to 31 March 2023', '2021-09-01', '2023-03-31'
FROM agreement WHERE ref = '7F-SCP';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p.party_code, '2021-09-10', 'letter'
FROM decision d, parties_on(d.agreement_id, d.proposed_on) AS p(party_code)
WHERE d.title LIKE '%to 31 March 2023';

\echo
\echo '== A renewal made after the expiry it would extend is refused (clause 6.2)'
SELECT pg_temp.refused($$UPDATE s22a.decision SET state = 'made', made_on = '2021-09-15'
                         WHERE title LIKE '%to 31 March 2023'$$) AS refusal \gset
\echo :refusal
UPDATE decision SET state = 'withdrawn' WHERE title LIKE '%to 31 March 2023';

-- Clauses 3.7-3.8: an 'in principle' decision at a meeting needs the consent
-- of the parties it materially affects and two clear working days' notice.
-- Meeting on Tuesday 29 March 2016; notice on Wednesday 23 March leaves one
-- clear working day, because Good Friday and Easter Monday fall between.
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'Proceed to business case: joint ICT', '2016-03-20', '2016-03-29', '2016-03-23'
FROM agreement WHERE ref = '7F-SCP';
INSERT INTO decision_impact (decision_id, party_code)
SELECT id, p FROM decision, unnest(ARRAY['CC-BED', 'CC-CAM', 'CC-HER']) p WHERE title = 'Proceed to business case: joint ICT';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT id, p, '2016-03-29', 'meeting' FROM decision, unnest(ARRAY['CC-BED', 'CC-CAM']) p
WHERE title = 'Proceed to business case: joint ICT';

\echo
\echo '== An in-principle decision: who must consent, and the notice given'
SELECT working_days_between('2016-03-23', '2016-03-29') AS "clear days from 23 March",
       notice_deadline('2016-03-29') AS "latest notice for 29 March";
SELECT c.* FROM decision d, decision_check(d.id) c WHERE d.title = 'Proceed to business case: joint ICT';
SELECT pg_temp.refused($$UPDATE s22a.decision SET state = 'made', made_on = '2016-03-29'
                         WHERE title = 'Proceed to business case: joint ICT'$$) AS refusal \gset
\echo :refusal

-- ---------------------------------------------------------------------------
-- Chiltern Transport Consortium (decision record CPCC2019-008, CTC paper)
-- Signed in December 2016 by the chief constables and commissioners of
-- Bedfordshire, Cambridgeshire, Hertfordshire and Thames Valley; British
-- Transport Police joins from 1 May 2019 and the review moves to 30 April 2022.
-- ---------------------------------------------------------------------------

INSERT INTO force (code, name) VALUES
    ('BTP', 'British Transport Police'), ('TVP', 'Thames Valley Police');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-BTP', 'BTP', 'chief_officer', 'Chief Constable of British Transport Police'),
    ('BTPA', 'BTP', 'policing_body', 'British Transport Police Authority'),
    ('CC-TVP', 'TVP', 'chief_officer', 'Chief Constable of Thames Valley Police'),
    ('PCC-TVP', 'TVP', 'policing_body', 'Police and Crime Commissioner for Thames Valley');

-- The lead force (Bedfordshire) is ILLUSTRATIVE: the papers do not name one.
INSERT INTO agreement (ref, title, commences_on, review_on, lead_force)
VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16', '2019-03-31', 'BED');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, '2016-12-16', '2016-12-16'
FROM agreement a, party p
WHERE a.ref = 'CTC' AND p.force_code IN ('BED', 'CAM', 'HER', 'TVP');
-- The vehicle recharge schedule for 2019/20 and 2020/21, by NRE, is part of
-- what the parties signed (entered before execution: after it, rows for a
-- year that has ended cite a decision).  NRE ILLUSTRATIVE.
INSERT INTO force_measure (force_code, fiscal_year, measure, value)
SELECT f, y::fiscal_year, 'nre', v * CASE WHEN y = '2020/21' THEN 1.03 ELSE 1 END
FROM (VALUES ('BED', 110400000), ('BTP', 310000000), ('CAM', 140200000),
             ('HER', 195600000), ('TVP', 420300000)) AS m(f, v),
     unnest(ARRAY['2019/20', '2020/21']) AS y;
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight)
SELECT id, y::fiscal_year, 'nre', 1 FROM agreement, unnest(ARRAY['2019/20', '2020/21']) y WHERE ref = 'CTC';
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, y::fiscal_year, 'vehicle recharge', 2750000.00
FROM agreement, unnest(ARRAY['2019/20', '2020/21']) y WHERE ref = 'CTC';
UPDATE agreement SET executed_on = '2016-12-16' WHERE ref = 'CTC';

-- The membership decision (CPCC2019-008): every party, in writing.
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'membership', 'British Transport Police joins the CTC (CPCC2019-008)', '2019-04-01'
FROM agreement WHERE ref = 'CTC';
\if :governance
UPDATE decision SET record_ref = 'CPCC2019-008' WHERE title LIKE 'British Transport Police joins%';
\endif
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT d.id, p.party_code, '2019-04-26',
       CASE WHEN p.party_code = 'PCC-CAM' THEN 'decision_notice' ELSE 'letter' END::consent_form,
       CASE WHEN p.party_code = 'PCC-CAM' THEN 'CPCC2019-008' END
FROM decision d, parties_on(d.agreement_id, d.proposed_on) AS p(party_code)
WHERE d.title LIKE 'British Transport Police joins%';
UPDATE decision SET state = 'made', made_on = '2019-04-29' WHERE title LIKE 'British Transport Police joins%';

\echo
\echo '== The paper names nine corporations sole: five chief constables and four commissioners.'
\echo '   Police Act 1996 s22A needs each chief officer''s policing body to be a party too:'
SELECT pg_temp.refused($$
    INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
    SELECT a.id, 'CC-BTP', '2019-05-01', '2019-04-29', '2019-04-29', d.id
    FROM s22a.agreement a JOIN s22a.decision d ON d.agreement_id = a.id
    WHERE a.ref = 'CTC' AND d.kind = 'membership'$$) AS refusal \gset
\echo :refusal

-- ... so the register records the British Transport Police Authority with it.
INSERT INTO agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
SELECT a.id, p, '2019-05-01', '2019-04-29', '2019-04-29', d.id
FROM agreement a JOIN decision d ON d.agreement_id = a.id, unnest(ARRAY['CC-BTP', 'BTPA']) p
WHERE a.ref = 'CTC' AND d.kind = 'membership';

-- "reviewed by 30th April 2022": a variation, consented in writing by all.
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'variation', 'CTC to continue, reviewed by 30 April 2022', '2019-05-02' FROM agreement WHERE ref = 'CTC';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p.party_code, '2019-05-10', 'email'
FROM decision d, parties_on(d.agreement_id, d.proposed_on) AS p(party_code)
WHERE d.title LIKE 'CTC to continue%';
UPDATE decision SET state = 'made', made_on = '2019-05-16' WHERE title LIKE 'CTC to continue%';
UPDATE agreement SET review_on = '2022-04-30',
       authorised_by = (SELECT id FROM decision WHERE title LIKE 'CTC to continue%')
WHERE ref = 'CTC';

\echo
\echo '== CTC: the forces on 30 April and 1 May 2019 (CPCC2019-008; the lead force, BED: ILLUSTRATIVE)'
SELECT d AS "on", string_agg(f, ', ') AS forces
FROM agreement a, unnest(ARRAY[date '2019-04-30', '2019-05-01']) d, forces_on(a.id, d) f
WHERE a.ref = 'CTC' GROUP BY d ORDER BY d;

-- ---------------------------------------------------------------------------
-- Single Online Home (Single Online Home paper, CPCC2019-010): the host force, the MPS,
-- holds 50% of decision weight; the rest is divided among the other forces;
-- a force leaving gives at least 12 months' written notice.  (The national
-- platform has many forces; four stand in for them here.)
-- ---------------------------------------------------------------------------

INSERT INTO force (code, name) VALUES ('MPS', 'Metropolitan Police Service');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CPM', 'MPS', 'chief_officer', 'Commissioner of Police of the Metropolis'),
    ('MOPAC', 'MPS', 'policing_body', 'Mayor''s Office for Policing and Crime');
-- 0.3 keeps the host at half by rule (voting = 'host_half', Single Online
-- Home paper, 4.3-4.4 and 7.6: the host "will retain a 50% share of all
-- decision making ... for as long as they remain the host").  A register
-- still at 0.1 or 0.2 (test/upgrade.sh loads this demo into 0.1) has only
-- fixed weights: there the chief officers' weights stand in.
SELECT EXISTS (SELECT 1 FROM pg_attribute
                WHERE attrelid = 's22a.agreement'::regclass AND attname = 'voting') AS host_half_rule \gset
\if :host_half_rule
INSERT INTO agreement (ref, title, commences_on, lead_force, withdrawal_notice, voting, host_force)
VALUES ('SOH', 'Single Online Home national platform', '2019-06-01', 'MPS', '12 months', 'host_half', 'MPS');
\else
INSERT INTO agreement (ref, title, commences_on, lead_force, withdrawal_notice)
VALUES ('SOH', 'Single Online Home national platform', '2019-06-01', 'MPS', '12 months');
\endif
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, '2019-05-16', '2019-05-16'
FROM agreement a, party p WHERE a.ref = 'SOH' AND p.force_code IN ('MPS', 'BED', 'CAM', 'HER');
\if :host_half_rule
\else
-- (0.1, 0.2) the chief officers vote: the host 150, the other three 50 each
-- (set before execution: afterwards they change only by decision)
INSERT INTO voting_weight (agreement_id, party_code, weight)
SELECT a.id, p, CASE WHEN p = 'CPM' THEN 150 ELSE 50 END
FROM agreement a, unnest(ARRAY['CPM', 'CC-BED', 'CC-CAM', 'CC-HER']) p WHERE a.ref = 'SOH';
\endif
UPDATE agreement SET executed_on = '2019-05-20' WHERE ref = 'SOH';

INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'budget', 'SOH 2020/21 development budget', '2020-01-06', '2020-01-20', '2020-01-08'
FROM agreement WHERE ref = 'SOH';
\if :host_half_rule
-- the MPS's two parties (the Commissioner and MOPAC) hold half between them;
-- Bedfordshire, Cambridgeshire and Hertfordshire a sixth each, split
-- between their chief constable and commissioner.  The chief constables vote
-- against; the commissioners do not vote, and count in the total.
INSERT INTO vote (decision_id, party_code, in_favour, cast_on)
SELECT id, p, p IN ('CPM', 'MOPAC'), '2020-01-20' FROM decision, unnest(ARRAY['CPM', 'MOPAC', 'CC-BED', 'CC-CAM', 'CC-HER']) p
WHERE title = 'SOH 2020/21 development budget';
\else
INSERT INTO vote (decision_id, party_code, in_favour)
SELECT id, p, p = 'CPM' FROM decision, unnest(ARRAY['CPM', 'CC-BED', 'CC-CAM', 'CC-HER']) p
WHERE title = 'SOH 2020/21 development budget';
\endif

\echo
\echo '== SOH: the host alone holds exactly half, which does not carry'
\echo '   (the host''s 50% and 12 months'' notice: Single Online Home paper, paragraphs 4.3-4.5;'
\echo '   the four members, the dates and the budget vote: ILLUSTRATIVE)'
SELECT r.* FROM decision d, vote_result(d.id) r WHERE d.title = 'SOH 2020/21 development budget';
UPDATE vote SET in_favour = true WHERE party_code = 'CC-CAM'
  AND decision_id = (SELECT id FROM decision WHERE title = 'SOH 2020/21 development budget');
\echo '== ... and with Cambridgeshire''s chief constable'
SELECT r.* FROM decision d, vote_result(d.id) r WHERE d.title = 'SOH 2020/21 development budget';

\echo
\echo '== SOH: Hertfordshire gives notice on 15 January 2020; one day short of 12 months is refused'
SELECT pg_temp.refused($$
    INSERT INTO s22a.withdrawal (agreement_id, party_code, notice_given_on, effective_on)
    SELECT id, p, '2020-01-15', '2021-01-14' FROM s22a.agreement, unnest(ARRAY['CC-HER', 'PCC-HER']) p
    WHERE ref = 'SOH'$$) AS refusal \gset
\echo :refusal
\if :host_half_rule
-- Recorded years later, a withdrawal effective on 15 January 2021 falls in
-- a closed financial year (2020/21): it cites the membership decision the
-- parties made when notice was given (every party in writing, and carried
-- under host_half: the host and Hertfordshire for it).
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'membership', 'Hertfordshire leaves SOH on 15 January 2021', '2020-01-15' FROM agreement WHERE ref = 'SOH';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p.party_code, '2020-01-15', 'letter'
FROM decision d, parties_on(d.agreement_id, d.proposed_on) AS p(party_code)
WHERE d.title LIKE 'Hertfordshire leaves SOH%';
INSERT INTO vote (decision_id, party_code, in_favour, cast_on)
SELECT id, p, true, '2020-01-15' FROM decision, unnest(ARRAY['CPM', 'MOPAC', 'CC-HER', 'PCC-HER']) p
WHERE title LIKE 'Hertfordshire leaves SOH%';
UPDATE decision SET state = 'made', made_on = '2020-01-15' WHERE title LIKE 'Hertfordshire leaves SOH%';
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on, authorised_by)
SELECT a.id, p, '2020-01-15', '2021-01-15', d.id
FROM agreement a JOIN decision d ON d.agreement_id = a.id, unnest(ARRAY['CC-HER', 'PCC-HER']) p
WHERE a.ref = 'SOH' AND d.title LIKE 'Hertfordshire leaves SOH%';
\else
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on)
SELECT id, p, '2020-01-15', '2021-01-15' FROM agreement, unnest(ARRAY['CC-HER', 'PCC-HER']) p
WHERE ref = 'SOH';
\endif
SELECT d AS "on", string_agg(f, ', ') AS forces
FROM agreement a, unnest(ARRAY[date '2021-01-14', '2021-01-15']) d, forces_on(a.id, d) f
WHERE a.ref = 'SOH' GROUP BY d ORDER BY d;

\if :host_half_rule
-- After Hertfordshire leaves the host still holds half, not 150 of 250 as
-- under fixed weights: Bedfordshire and Cambridgeshire now share the other
-- half, 12.5 each party.
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'budget', 'SOH 2021/22 development budget', '2021-03-01', '2021-03-15', '2021-03-01'
FROM agreement WHERE ref = 'SOH';
INSERT INTO vote (decision_id, party_code, in_favour, cast_on)
SELECT id, p, true, '2021-03-15' FROM decision, unnest(ARRAY['CPM', 'MOPAC']) p
WHERE title = 'SOH 2021/22 development budget';
\echo
\echo '== SOH after Hertfordshire leaves: the host still holds exactly half (host_half)'
SELECT r.* FROM decision d, vote_result(d.id) r WHERE d.title = 'SOH 2021/22 development budget';
INSERT INTO vote (decision_id, party_code, in_favour, cast_on)
SELECT id, 'PCC-BED', true, '2021-03-15' FROM decision WHERE title = 'SOH 2021/22 development budget';
\echo '== ... and with Bedfordshire''s commissioner'
SELECT r.* FROM decision d, vote_result(d.id) r WHERE d.title = 'SOH 2021/22 development budget';
UPDATE decision SET state = 'made', made_on = '2021-03-15' WHERE title = 'SOH 2021/22 development budget';
\endif

\echo
\echo '== The register today (2026-11-29) and on chosen dates'
SELECT a.ref, a.title,
       term_status(a.id, '2016-06-30') AS "30 Jun 2016",
       term_status(a.id, '2019-12-31') AS "31 Dec 2019",
       term_status(a.id, current_setting('s22a.today')::date) AS today,
       effective_expiry(a.id) AS "effective expiry", a.review_on AS review
FROM agreement a ORDER BY a.ref;

\echo
\echo '== Decisions still proposed, and the consents they are missing'
SELECT a.ref, d.title, coalesce(d.meeting_on, d.proposed_on) AS "decision date",
       (SELECT string_agg(m, ', ') FROM consent_missing(d.id) m) AS missing
FROM decision d JOIN agreement a ON a.id = d.agreement_id
WHERE d.state = 'proposed' ORDER BY 3;


-- ===========================================================================
-- Costs (issue 4)
-- ===========================================================================

-- ---------------------------------------------------------------------------
-- Joint Protective Services (JPS umbrella agreement paper; JPS and PSD board
-- report, 2016; Alliance Summit paper, December 2013): an umbrella agreement of
-- the six corporations sole of Bedfordshire, Cambridgeshire and
-- Hertfordshire, Bedfordshire the lead force, with a service specification
-- (annex) per business area; "a combination of Net Revenue Expenditure and
-- demand", the formula per business area (JPS umbrella agreement paper,
-- Section 13, Part B).
-- ---------------------------------------------------------------------------

-- The signing (10 March 2016) and review (31 March 2019) dates are
-- ILLUSTRATIVE: the papers give neither.
INSERT INTO agreement (ref, title, commences_on, lead_force, review_on)
VALUES ('JPS', 'Joint Protective Services (BCH) umbrella agreement', '2016-04-01', 'BED', '2019-03-31');
INSERT INTO agreement (ref, title, parent_id, commences_on, lead_force)
SELECT v.ref, v.title, a.id, '2016-04-01', 'BED'
FROM agreement a, (VALUES ('JPS-APU', 'JPS annex: Armed Policing Unit'),
                          ('JPS-MCU', 'JPS annex: Major Crime Unit')) AS v(ref, title)
WHERE a.ref = 'JPS';
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, '2016-03-10', '2016-03-10'
FROM agreement a, party p WHERE a.ref LIKE 'JPS%' AND p.force_code IN ('BED', 'CAM', 'HER');

-- demand on the Armed Policing Unit: deployments, ILLUSTRATIVE
INSERT INTO force_measure (force_code, fiscal_year, measure, value) VALUES
    ('BED', '2016/17', 'demand:armed_policing', 1450),
    ('CAM', '2016/17', 'demand:armed_policing', 1720),
    ('HER', '2016/17', 'demand:armed_policing', 2630);
-- armed policing: half NRE, half demand; major crime: NRE alone.  The
-- papers say "a combination of Net Revenue Expenditure and demand" per
-- business area; this 50/50 blend is ILLUSTRATIVE.
INSERT INTO cost_basis (agreement_id, fiscal_year, business_area, measure, weight)
SELECT a.id, '2016/17', b.area, b.measure, b.weight
FROM agreement a, (VALUES ('armed_policing', 'nre', 0.5),
                          ('armed_policing', 'demand:armed_policing', 0.5),
                          ('major_crime', 'nre', 1.0)) AS b(area, measure, weight)
WHERE a.ref = 'JPS';
-- budgets, ILLUSTRATIVE, with pence so the split has something to round
INSERT INTO budget (agreement_id, fiscal_year, business_area, line, amount)
SELECT a.id, '2016/17', b.area, b.line, b.amount
FROM agreement a, (VALUES ('armed_policing', 'operating', 9876543.21),
                          ('armed_policing', 'training', 333333.33),
                          ('major_crime', 'operating', 4500000.00)) AS b(area, line, amount)
WHERE a.ref = 'JPS';
-- Hertfordshire puts in officers worth £250,000 (Seven Force agreement, clause 5.3:
-- "officer/staff resource or a financial sum"); Cambridgeshire pays £1m.
-- Recorded here with the agreed 2016/17 figures: once 2016/17 has ended, a
-- contribution of that year of the executed agreement cites a decision too
-- (cost_terms_sealed, doc/costs.md).
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount, description)
SELECT a.id, '2016/17', c.force, c.kind, c.amount, c.description
FROM agreement a, (VALUES ('HER', 'in_kind', 250000.00, 'two firearms instructors seconded'),
                          ('CAM', 'cash', 1000000.00, 'first instalment')) AS c(force, kind, amount, description)
WHERE a.ref = 'JPS';
-- The formulas and the 2016/17 budgets are part of what the parties signed:
-- entered before execution (after it, a row for a year that has ended
-- cites a decision: cost_terms_sealed, doc/costs.md).
UPDATE agreement SET executed_on = '2016-03-10' WHERE ref LIKE 'JPS%';

\echo
\echo '== JPS 2016/17: shares by business area (armed policing blends NRE and demand 50/50)'
\echo '   (NRE and demand "in combination": JPS umbrella agreement paper, Section 13, Part B;'
\echo '   the 50/50 blend, the demand figures, the budgets and the JPS signing and review dates: ILLUSTRATIVE)'
SELECT b.business_area AS "business area", cost_shares(a.id, '2016/17', b.business_area) AS shares
FROM agreement a JOIN (SELECT DISTINCT agreement_id, business_area FROM cost_basis) b ON b.agreement_id = a.id
WHERE a.ref = 'JPS' ORDER BY 1;

\echo
\echo '== JPS 2016/17: every budget line split to the penny'
SELECT business_area AS "business area", line, force_code AS force, share AS "share %", amount
FROM cost_allocation WHERE agreement_ref = 'JPS' AND fiscal_year = '2016/17'
ORDER BY business_area, line, force_code;
SELECT business_area AS "business area", line, sum(amount) AS "parts add up to",
       (SELECT b.amount FROM budget b JOIN agreement a ON a.id = b.agreement_id
        WHERE a.ref = 'JPS' AND b.fiscal_year = '2016/17'
          AND b.business_area = c.business_area AND b.line = c.line) AS "budget line"
FROM cost_allocation c WHERE agreement_ref = 'JPS' AND fiscal_year = '2016/17'
GROUP BY business_area, line ORDER BY 1, 2;

\echo
\echo '== JPS 2016/17: what each force owes after its contributions (view cost_balance)'
SELECT force_code AS force, due, contributed, outstanding
FROM cost_balance WHERE agreement_ref = 'JPS' AND fiscal_year = '2016/17' ORDER BY force_code;

-- ---------------------------------------------------------------------------
-- CTC costs: vehicle recharges by NRE.  BTP joined on 1 May 2019, after the
-- first day of 2019/20.  In 0.3 a new agreement is charged pro_rata_days, so
-- BTP pays for its 336 days of 2019/20 (0.2 charged it from 2020/21: the
-- charging rule first_day, shown beside it below).  NRE ILLUSTRATIVE.
-- ---------------------------------------------------------------------------
\echo
\echo '== CTC: shares by year (BTP a party from 1 May 2019; the NRE figures and the budget: ILLUSTRATIVE)'
SELECT y AS "financial year", cost_shares(a.id, y::fiscal_year) AS shares
FROM agreement a, unnest(ARRAY['2019/20', '2020/21']) y WHERE a.ref = 'CTC' ORDER BY 1;
\echo '== CTC 2019/20 what-if: had BTP been a member on 1 April 2019 (cost_shares_if)'
SELECT cost_shares_if(a.id, '2019/20', '', ARRAY['BED', 'BTP', 'CAM', 'HER', 'TVP']) AS shares
FROM agreement a WHERE a.ref = 'CTC';
SELECT fiscal_year AS "financial year", force_code AS force, share AS "share %", amount
FROM cost_allocation WHERE agreement_ref = 'CTC' ORDER BY fiscal_year, force_code;

-- ---------------------------------------------------------------------------
-- 0.3: part years, unshared lines, reports that stay up (doc/costs.md).
-- examples/demo.sql also loads into 0.1 (test/upgrade.sh), where none of
-- this exists: the section runs on 0.3 only.
-- ---------------------------------------------------------------------------
SELECT extversion >= '0.3' AS s22a_03 FROM pg_extension WHERE extname = 's22a' \gset
\if :s22a_03


\echo
\echo '== Seven Force 2015/16, its first part year (from 22 October 2015): the programme split'
SELECT force_code AS force, share AS "share %", amount
FROM cost_allocation WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2015/16' ORDER BY force_code;
\echo '== Seven Force 2016/17: the budget, and what is shared (travel and subsistence is each force''s own)'
SELECT b.line, b.amount, b.shared,
       (SELECT sum(c.amount) FROM cost_allocation c
         WHERE c.agreement_ref = '7F-SCP' AND c.fiscal_year = '2016/17' AND c.line = b.line) AS allocated
FROM budget b JOIN agreement a ON a.id = b.agreement_id
WHERE a.ref = '7F-SCP' AND b.fiscal_year = '2016/17' ORDER BY b.line;

\echo
\echo '== CTC 2019/20: charged pro_rata_days (BTP for its 336 of 366 days) beside first_day (the parties on 1 April)'
SELECT p.force_code AS force, p.share AS "pro_rata_days %", p.amount AS "pro_rata_days",
       f.share AS "first_day %", f.amount AS "first_day",
       f.amount - p.amount AS "saved by BTP joining"
FROM cost_allocation p
JOIN agreement a ON a.ref = p.agreement_ref
JOIN budget b ON b.agreement_id = a.id AND b.fiscal_year::text = p.fiscal_year AND b.line = p.line
LEFT JOIN split(cost_shares_if(a.id, '2019/20', '', ARRAY['BED', 'CAM', 'HER', 'TVP']), b.amount) f
       ON f.party = p.force_code
WHERE p.agreement_ref = 'CTC' AND p.fiscal_year = '2019/20'
ORDER BY p.force_code;

\echo
\echo '== A group that lacks a driver does not stop the reports: cost_problems says what to fix'
-- The CTC board sets its 2021/22 vehicle recharge budget at its meeting of
-- Tuesday 16 March 2021 (ILLUSTRATIVE): 2021/22 has ended, so the rows cite
-- that made budget decision, in one transaction (a decision authorises one
-- change: once cited and committed it is spent).
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'budget', 'CTC 2021/22 vehicle recharge budget', '2021-03-01', '2021-03-16', '2021-03-08'
FROM agreement WHERE ref = 'CTC';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, r, '2021-03-16', 'meeting' FROM decision d, consent_required(d.id) r
WHERE d.title = 'CTC 2021/22 vehicle recharge budget';
UPDATE decision SET state = 'made', made_on = '2021-03-16' WHERE title = 'CTC 2021/22 vehicle recharge budget';
BEGIN;
INSERT INTO budget (agreement_id, fiscal_year, line, amount, authorised_by)
SELECT id, '2021/22', 'vehicle recharge', 2800000.00,
       (SELECT id FROM decision WHERE title = 'CTC 2021/22 vehicle recharge budget')
FROM agreement WHERE ref = 'CTC';
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight, authorised_by)
SELECT id, '2021/22', 'nre', 1, (SELECT id FROM decision WHERE title = 'CTC 2021/22 vehicle recharge budget')
FROM agreement WHERE ref = 'CTC';
COMMIT;
SELECT * FROM cost_problems ORDER BY agreement_ref, fiscal_year;
SELECT count(*) AS "CTC balance rows, 2021/22 left out" FROM cost_balance WHERE agreement_ref = 'CTC';

\echo
\echo '== budget_term: no budget for a year the agreement is not in force'
SELECT pg_temp.refused($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount)
    SELECT id, '2024/25', 'programme', 1200000.00 FROM s22a.agreement WHERE ref = '7F-SCP'$$) AS refusal \gset
\echo :refusal
\endif

-- ===========================================================================
-- Reports (issue 4): what governance and finance staff open each morning
-- ===========================================================================

-- An ICT collaboration (ICT collaboration agreement paper, February 2016:
-- savings by financial year) running now, so there is something falling due.  Dates relative
-- to the demo's today, 2026-11-29; ILLUSTRATIVE.  (Read from the setting:
-- s22a.today() reads the same, but 0.1, into which test/upgrade.sh loads
-- this demo, does not have it.)
INSERT INTO agreement (ref, title, commences_on, expires_on, review_on, lead_force, withdrawal_notice)
VALUES ('BCH-ICT', 'Bedfordshire, Cambridgeshire and Hertfordshire ICT collaboration',
        current_setting('s22a.today')::date - 400, current_setting('s22a.today')::date + 120, current_setting('s22a.today')::date + 45, 'HER', '12 months');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, current_setting('s22a.today')::date - 410, current_setting('s22a.today')::date - 410
FROM agreement a, party p WHERE a.ref = 'BCH-ICT' AND p.force_code IN ('BED', 'CAM', 'HER');
UPDATE agreement SET executed_on = current_setting('s22a.today')::date - 405 WHERE ref = 'BCH-ICT';
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on)
SELECT id, p, current_setting('s22a.today')::date - 300, (current_setting('s22a.today')::date - 300 + interval '12 months')::date
FROM agreement, unnest(ARRAY['CC-BED', 'PCC-BED']) p WHERE ref = 'BCH-ICT';

\echo
\echo '== The register (view s22a.register), as at 2026-11-29 (BCH-ICT and its dates: ILLUSTRATIVE)'
SELECT ref, parent_ref AS parent, lead_force AS lead, forces_today, status_today AS status,
       commences_on AS commences, effective_expiry, next_review
FROM register ORDER BY ref;

\echo
\echo '== Falling due in the 6 months from 2026-11-29: s22a.upcoming()'
SELECT due_on - current_setting('s22a.today')::date AS "in days", agreement_ref, event, detail FROM upcoming();

\echo
\echo '== Consents still outstanding (view s22a.outstanding_consents)'
SELECT decision_id, agreement_ref, decision_title, decision_date, party_code, party_title
FROM outstanding_consents ORDER BY decision_date, party_code;

\echo
\echo '== The audit trail of one change: the CTC review moved to 30 April 2022'
SELECT l.actor, l.operation, l.row_key,
       l.old ->> 'review_on' AS "review was", l.new ->> 'review_on' AS "review now",
       l.new ->> 'authorised_by' AS "authorised by decision",
       (SELECT title FROM decision WHERE id = (l.new ->> 'authorised_by')::bigint) AS decision
FROM audit_log l
WHERE l.table_name = 'agreement' AND l.operation = 'UPDATE'
  AND l.new ->> 'ref' = 'CTC' AND l.old ->> 'review_on' IS DISTINCT FROM l.new ->> 'review_on';
SELECT count(*) AS "audit rows in all", count(DISTINCT table_name) AS "tables changed"
FROM audit_log;

\if :governance
-- ===========================================================================
-- Governance records (issue 11; doc/governance.md): decision records,
-- local decisions, reviews, audit recommendations, risks, the six-monthly
-- report and publication.  Reports as at s22a.today() (the doc tests fix it
-- at 2026-11-29).
-- ===========================================================================

-- CPCC2019-007 was published (the date is ILLUSTRATIVE); CPCC2019-008 not yet.
UPDATE decision SET published_on = '2019-03-08' WHERE record_ref = 'CPCC2019-007';

\echo
\echo '== The decision record CPCC2019-007: s22a.decision_record()'
\pset format unaligned
\pset tuples_only on
SELECT decision_record(id) FROM decision WHERE record_ref = 'CPCC2019-007';
\pset format aligned
\pset tuples_only off

-- Schedule A 1.3, 4.2: the Summit decides in principle; each party it binds
-- then decides locally.  A custody business case at the Summit of Tuesday
-- 14 June 2016 materially affects Cambridgeshire and Hertfordshire (ILLUSTRATIVE).
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'Proceed to business case: joint custody', '2016-06-01', '2016-06-14', '2016-06-08'
FROM agreement WHERE ref = '7F-SCP';
INSERT INTO decision_impact (decision_id, party_code)
SELECT id, p FROM decision, unnest(ARRAY['CC-CAM', 'CC-HER', 'PCC-CAM', 'PCC-HER']) p
WHERE title = 'Proceed to business case: joint custody';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT id, p, '2016-06-14', 'meeting' FROM decision, unnest(ARRAY['CC-CAM', 'CC-HER', 'PCC-CAM', 'PCC-HER']) p
WHERE title = 'Proceed to business case: joint custody';
UPDATE decision SET state = 'made', made_on = '2016-06-14' WHERE title = 'Proceed to business case: joint custody';
-- Cambridgeshire's commissioner decides by decision notice (reference ILLUSTRATIVE)
INSERT INTO local_decision (decision_id, party_code, decided_on, record_ref, outcome)
SELECT id, 'PCC-CAM', '2016-07-05', 'CPCC2016-031', 'approved'
FROM decision WHERE title = 'Proceed to business case: joint custody';

\echo
\echo '== Local decisions still to take after an in-principle decision (view s22a.local_decisions_outstanding)'
SELECT agreement_ref, title, party_code, waiting_since FROM local_decisions_outstanding ORDER BY decision_id, party_code;

\echo
\echo '== A local decision by a party the decision did not bind is refused'
SELECT pg_temp.refused($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome)
    SELECT id, 'PCC-KEN', '2016-07-01', 'approved' FROM s22a.decision
    WHERE title = 'Proceed to business case: joint custody'$$) AS refusal \gset
\echo :refusal

-- The CTC was reviewed in April 2022 (as its variation asked); the review
-- set the next one for 30 April 2025 (dates ILLUSTRATIVE), which has passed.
INSERT INTO review (agreement_id, held_on, outcome, next_review_on)
SELECT id, '2022-04-12', 'CTC to continue; vehicle recharges to be re-based on NRE', '2025-04-30'
FROM agreement WHERE ref = 'CTC';

\echo
\echo '== Reviews: the next review date and the overdue ones (view s22a.register)'
SELECT r.ref, a.review_on AS "review as signed", next_review_date(r.agreement_id) AS "next review",
       r.status_today AS status, r.review_overdue
FROM register r JOIN agreement a ON a.id = r.agreement_id
WHERE a.review_on IS NOT NULL ORDER BY r.ref;

-- The Joint Audit Committee's collaboration progress report (December 2013,
-- 4.3): an internal audit of collaboration governance of the Bedfordshire,
-- Cambridgeshire and Hertfordshire partnership made twelve advisory
-- recommendations, which the BCH Alliance Summit monitors.  The report does
-- not list them: titles, owners, dates and statuses are ILLUSTRATIVE.
INSERT INTO recommendation (source, agreement_id, title, priority, owner_party, raised_on, due_on, status, closed_on)
SELECT 'Internal audit: collaboration governance (BCH)', a.id, v.title, v.priority::recommendation_priority,
       v.owner, '2013-12-10', v.due::date, v.status::recommendation_status, v.closed::date
FROM agreement a, (VALUES
    ('Keep one register of collaboration agreements', 'high', 'PCC-CAM', '2014-03-31', 'implemented', '2014-03-20'),
    ('Record the s22A(3) declaration for every party', 'high', 'PCC-BED', '2014-03-31', 'implemented', '2014-04-15'),
    ('Set terms of reference for the Summit', 'high', 'PCC-HER', '2014-06-30', 'implemented', '2014-06-12'),
    ('Agree a cost apportionment method per business area', 'high', 'CC-BED', '2014-09-30', 'implemented', '2015-01-20'),
    ('Report benefits realised six-monthly', 'medium', 'CC-CAM', '2015-03-31', 'implemented', '2016-10-03'),
    ('Publish decision records of significant public interest', 'medium', 'PCC-CAM', '2014-12-31', 'superseded', '2016-04-01'),
    ('Review each agreement on its review date', 'medium', 'PCC-BED', '2027-03-31', 'in_progress', NULL),
    ('Track consents outstanding before each meeting', 'medium', 'CC-HER', '2026-09-30', 'in_progress', NULL),
    ('Agree an exit plan for each business area', 'medium', 'CC-CAM', '2026-12-31', 'open', NULL),
    ('Keep a joint risk register for collaboration', 'low', 'PCC-HER', '2025-12-31', 'open', NULL),
    ('Align information sharing agreements', 'low', 'CC-BED', '2027-06-30', 'open', NULL),
    ('Train staff on the collaboration governance', 'low', NULL, NULL, 'open', NULL)
) AS v(title, priority, owner, due, status, closed)
WHERE a.ref = 'JPS';

\echo
\echo '== The twelve internal audit recommendations by status'
SELECT status, count(*) AS recommendations FROM recommendation GROUP BY status ORDER BY status;
\echo '== ... and those outstanding (view s22a.recommendations_outstanding)'
SELECT title, priority, owner_party, due_on, status, overdue
FROM recommendations_outstanding ORDER BY due_on NULLS LAST, id;

-- Risk 3/3 of the joint strategic risk register (the same report, 2.2),
-- rated 3 for likelihood and 3 for impact; the second risk is ILLUSTRATIVE.
INSERT INTO risk (agreement_id, title, likelihood, impact, owner_party, reviewed_on)
VALUES (NULL, 'Benefits of collaboration not achieved (joint strategic risk 3/3)', 3, 3, 'PCC-CAM', '2013-12-10');
INSERT INTO risk (agreement_id, title, likelihood, impact, owner_party, reviewed_on)
SELECT id, 'Armed policing demand outgrows the apportioned budget', 2, 4, 'CC-BED', '2026-10-01'
FROM agreement WHERE ref = 'JPS';

\echo
\echo '== The risk register, highest score first (view s22a.risk_register)'
SELECT agreement_ref, title, likelihood, impact, score, owner_party FROM risk_register;

\echo
\echo '== The six-monthly report (Schedule A 2.8; view s22a.half_year_report): JPS and Seven Force'
SELECT agreement_ref, fiscal_year, half, budget, variance, decisions_made, consents_outstanding AS consents,
       local_decisions_outstanding AS local, recommendations_open AS recs, recommendations_overdue AS overdue,
       top_risk_score AS risk
FROM half_year_report WHERE agreement_ref IN ('JPS', '7F-SCP')
ORDER BY agreement_ref, fiscal_year, half;

\echo
\echo '== Due for publication (view s22a.publication_due)'
SELECT kind, ref, title, due_since FROM publication_due ORDER BY due_since, ref;
\endif


-- ===========================================================================
-- Spend against budget, what to invoice, savings by year (issue 10)
-- ===========================================================================
-- New in 0.3: skipped when the demo loads into an older version (the
-- upgrade test, test/upgrade.sh, loads it into 0.1 and updates).
SELECT extversion NOT IN ('0.1', '0.2') AS s22a_has_spend FROM pg_extension WHERE extname = 's22a' \gset
\if :s22a_has_spend

-- Seven Force 2016/17 (Schedule A 2.7-2.8: the board sees spending against
-- budget and overspends).  Actuals ILLUSTRATIVE: consultancy overspends.
INSERT INTO spend (agreement_id, fiscal_year, line, spent_on, amount, description)
SELECT a.id, '2016/17', s.line, s.spent_on, s.amount, s.description
FROM agreement a, (VALUES
    ('programme', date '2016-06-30', 290000.00, 'Q1 programme team'),
    ('programme', date '2016-09-30', 305000.00, 'Q2 programme team'),
    ('programme', date '2016-12-31', 298500.00, 'Q3 programme team'),
    ('programme', date '2017-03-31', 301200.00, 'Q4 programme team'),
    ('consultancy', date '2016-07-15', 62000.00, 'procurement review'),
    ('consultancy', date '2016-11-30', 48500.00, 'estates options appraisal'),
    ('consultancy', date '2017-02-28', 57250.00, 'ICT due diligence')) AS s(line, spent_on, amount, description)
WHERE a.ref = '7F-SCP';

\echo
\echo '== Seven Force 2016/17: spend against budget (view budget_variance)'
SELECT line, budget, spent, variance, over_budget
FROM budget_variance WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17' ORDER BY line;
\echo '== spend is recorded inside its financial year and the term (rule spend_in_term)'
SELECT pg_temp.refused($$INSERT INTO spend (agreement_id, fiscal_year, line, spent_on, amount)
    SELECT id, '2015/16', 'programme', '2015-09-30', 5000.00 FROM agreement WHERE ref = '7F-SCP'$$) AS refusal;

\echo
\echo '== JPS 2016/17: quarterly charges to the lead force, Bedfordshire (view charges)'
SELECT payer_force AS payer, payee_force AS payee,
       sum(amount) FILTER (WHERE quarter = 1) AS q1, sum(amount) FILTER (WHERE quarter = 2) AS q2,
       sum(amount) FILTER (WHERE quarter = 3) AS q3, sum(amount) FILTER (WHERE quarter = 4) AS q4,
       sum(amount) AS total,
       (SELECT outstanding FROM cost_balance b
         WHERE b.agreement_ref = c.agreement_ref AND b.fiscal_year = c.fiscal_year
           AND b.force_code = c.payer_force) AS outstanding
FROM charges c WHERE agreement_ref = 'JPS' AND fiscal_year = '2016/17'
GROUP BY agreement_ref, fiscal_year, payer_force, payee_force ORDER BY payer_force;

-- ICT collaboration business case, 4.2(5): "£0.626m of savings in
-- 2014/2015 ... further cost savings of about £4.0m over the next 3 years,
-- a total of approximately £4.6m", itemised by financial year (the items
-- add up to £4.438m).  The planned figures and the 2014/15 realised figure
-- are the paper's; the other realised figures and the non-cashable benefit
-- are ILLUSTRATIVE.
INSERT INTO benefit (agreement_id, fiscal_year, kind, planned, realised, description)
SELECT a.id, b.fy::fiscal_year, b.kind::benefit_kind, b.planned, b.realised, b.description
FROM agreement a, (VALUES
    ('2014/15', 'cashable', 626000.00, 626000.00, 'non-payroll savings'),
    ('2015/16', 'cashable', 920000.00, 880000.00, 'telecoms'),
    ('2016/17', 'cashable', 227000.00, 227000.00, 'application convergence'),
    ('2016/17', 'cashable', 158000.00, 120000.00, 'infrastructure convergence'),
    ('2016/17', 'cashable', 1507000.00, 1450000.00, 'payroll: staff savings'),
    ('2017/18', 'cashable', 100000.00, 100000.00, 'application convergence (including Athena)'),
    ('2017/18', 'cashable', 900000.00, 650000.00, 'infrastructure convergence'),
    ('2017/18', 'non_cashable', 250000.00, 310000.00, 'mobile devices: officer time released')
    ) AS b(fy, kind, planned, realised, description)
WHERE a.ref = 'BCH-ICT';

\echo
\echo '== BCH ICT: savings by financial year against plan (view benefits_by_year)'
SELECT fiscal_year, kind, planned, realised, shortfall
FROM benefits_by_year WHERE agreement_ref = 'BCH-ICT'
UNION ALL
SELECT 'total', kind, sum(planned), sum(realised), sum(shortfall)
FROM benefits_by_year WHERE agreement_ref = 'BCH-ICT' GROUP BY kind
ORDER BY 1, 2;
\endif
