-- Governance records (doc/governance.md): decision records and publication,
-- local decisions after an in-principle decision, reviews, recommendations,
-- risks, publication_due and the half-year report, on the Seven Force
-- fixture (14 parties, in force 22 October 2015 to 31 March 2017, review
-- 21 October 2016).  "Today" is fixed with SET LOCAL s22a.today.
BEGIN;
SELECT plan(67);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;

\i test/lib/seven_force.sql
-- the budget is signed with the agreement: rows added to a year that has
-- ended need a decision once it is executed (rule cost_terms_sealed)
INSERT INTO budget (agreement_id, fiscal_year, line, amount) VALUES
    (pg_temp.seven(), '2016/17', 'programme', 1200000), (pg_temp.seven(), '2016/17', 'consultancy', 150000);
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';

-- ---------------------------------------------------------------------------
-- Decision records and publication
-- ---------------------------------------------------------------------------
SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'Extend to 31 March 2019', '2017-02-20', '2019-03-31') AS renewal \gset
SELECT lives_ok(format($$UPDATE s22a.agreement SET expires_on = '2019-03-31', authorised_by = %s WHERE ref = '7F'$$, :renewal),
    'the renewal is applied');
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry, record_ref, summary, background)
VALUES (pg_temp.seven(), 'renewal', 'Extend to 31 March 2021', '2019-02-01', '2021-03-31', 'CPCC2019-007',
        'The agreement is extended for a further two years until 31 March 2021.',
        'Business Coordination Board paper, 25 February 2016');
SELECT id AS cpcc007 FROM decision WHERE record_ref = 'CPCC2019-007' \gset
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT :cpcc007, p, '2019-02-25', CASE WHEN p = 'PCC-CAM' THEN 'decision_notice' ELSE 'letter' END::consent_form,
       CASE WHEN p = 'PCC-CAM' THEN 'CPCC2019-007' END
FROM parties_on(pg_temp.seven(), '2019-02-01') AS p;

SELECT throws_ok($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, record_ref)
                   SELECT id, 'variation', 'Another', '2019-02-02', 'CPCC2019-007' FROM s22a.agreement WHERE ref = '7F'$$,
    '23505', NULL, 'a record_ref is unique (23505)');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET published_on = '2019-02-26' WHERE id = %s$$, :cpcc007)),
    '23514 publication_date', 'a proposed decision is not published (publication_date)');
UPDATE decision SET state = 'made', made_on = '2019-03-01' WHERE id = :cpcc007;
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET summary = 'changed' WHERE id = %s$$, :cpcc007)),
    '23514 decision_final', 'the summary is set while proposed: a made decision''s record does not change');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET record_ref = 'CPCC2019-099' WHERE id = %s$$, :cpcc007)),
    '23514 decision_final', 'nor its record_ref');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = '2019-03-01' WHERE id = %s$$, :cpcc007)),
    '23514 decision_final', 'making a made decision again (a no-op UPDATE) is still refused: publication alone passes');
SELECT throws_ok(format($$UPDATE s22a.decision SET published_on = '2019-02-28' WHERE id = %s$$, :cpcc007), '23514',
    format('decision %s cannot be published on 2019-02-28: it was made on 2019-03-01', :cpcc007),
    'published before it was made: refused, naming both dates');
SELECT lives_ok(format($$UPDATE s22a.decision SET published_on = '2019-03-04' WHERE id = %s$$, :cpcc007),
    'setting published_on from NULL on a made decision needs no decision');
SELECT is((SELECT published_on FROM decision WHERE id = :cpcc007), date '2019-03-04', 'published_on recorded');
SELECT throws_ok(format($$UPDATE s22a.decision SET published_on = '2019-03-05' WHERE id = %s$$, :cpcc007), '23514',
    format('decision %s was published on 2019-03-04; its publication date cannot be changed to 2019-03-05', :cpcc007),
    'changing the publication date once set is refused');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET published_on = NULL WHERE id = %s$$, :cpcc007)),
    '23514 publication_date', 'and so is clearing it');
SELECT is((SELECT published_on FROM decision WHERE id = :cpcc007), date '2019-03-04', 'the refused changes left it as it was');
SELECT is((SELECT count(*) FROM audit_log WHERE table_name = 'decision' AND operation = 'UPDATE'
             AND new ->> 'published_on' = '2019-03-04'), 1::bigint, 'the publication is in the audit log');

SELECT matches(decision_record(:cpcc007), '^# Decision record CPCC2019-007\n\n\*\*Extend to 31 March 2021\*\*\n',
    'decision_record: the number and the title first');
SELECT matches(decision_record(:cpcc007),
    E'- Agreement: 7F, Seven Force Strategic Collaboration\n- Kind: renewal\n- Date: 2019-03-01\n- Outcome: made on 2019-03-01\n- Published: 2019-03-04\n',
    'decision_record: agreement, kind, date, outcome and publication');
SELECT matches(decision_record(:cpcc007), E'## Summary\n\nThe agreement is extended for a further two years until 31 March 2021.\n',
    'decision_record: the summary');
SELECT matches(decision_record(:cpcc007),
    E'\\| PCC-CAM \\(Police and Crime Commissioner for Cambridgeshire Constabulary\\) \\| 2019-02-25 \\| decision notice \\| CPCC2019-007 \\|',
    'decision_record: each party''s consent with its form and reference');
SELECT is((SELECT count(*) FROM regexp_matches(decision_record(:cpcc007), E'\\| 2019-02-25 \\|', 'g')), 14::bigint,
    'decision_record: one consent line for each of the 14 parties');
SELECT matches(decision_record(:renewal), format('^# Decision record decision %s\n', :renewal),
    'decision_record: a decision without record_ref is numbered by its id');
SELECT matches(decision_record(:renewal), E'- Published: not yet published\n\n## Summary\n\nNo summary recorded.\n',
    'decision_record: what is not recorded says so');
SELECT throws_ok($$SELECT s22a.decision_record(-1)$$, '22023', 'decision -1 does not exist',
    'decision_record of an unknown decision: 22023');

-- an executed agreement: publishing needs no decision, moving the publication does
SELECT lives_ok($$UPDATE s22a.agreement SET published_at = 'https://example.org/7f' WHERE ref = '7F'$$,
    'setting published_at from NULL on an executed agreement needs no decision');
SELECT throws_ok($$UPDATE s22a.agreement SET published_at = 'https://example.org/other' WHERE ref = '7F'$$, '23514',
    'agreement "7F" was executed on 2015-10-15: its terms (published_at) cannot change without a decision',
    'changing published_at once set needs a decision');
SELECT is((SELECT published_at FROM agreement WHERE ref = '7F'), 'https://example.org/7f', 'published_at as it was');

-- ---------------------------------------------------------------------------
-- Local decisions after an in-principle decision (Schedule A 1.3, 4.2)
-- ---------------------------------------------------------------------------
-- a business case at the Summit on Tuesday 14 June 2016 materially affecting
-- Bedfordshire's and Cambridgeshire's chief constables; notice 8 June
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'in_principle', 'Joint ICT business case', '2016-06-01', '2016-06-14', '2016-06-08');
SELECT id AS ict FROM decision WHERE title = 'Joint ICT business case' \gset
INSERT INTO decision_impact (decision_id, party_code) VALUES (:ict, 'CC-BED'), (:ict, 'CC-CAM');
INSERT INTO consent (decision_id, party_code, given_on, form) VALUES (:ict, 'CC-BED', '2016-06-14', 'meeting'), (:ict, 'CC-CAM', '2016-06-14', 'meeting');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome) VALUES (%s, 'CC-CAM', '2016-06-20', 'approved')$$, :ict)),
    '23514 local_decision_in_principle', 'no local decision on an in-principle decision still proposed');
UPDATE decision SET state = 'made', made_on = '2016-06-14' WHERE id = :ict;

SELECT results_eq(format($$SELECT agreement_ref, title, party_code, waiting_since FROM s22a.local_decisions_outstanding WHERE decision_id = %s ORDER BY party_code$$, :ict),
    $$VALUES ('7F', 'Joint ICT business case', 'CC-BED', date '2016-06-14'), ('7F', 'Joint ICT business case', 'CC-CAM', date '2016-06-14')$$,
    'local_decisions_outstanding: both parties it bound, waiting since the day it was made');
SELECT lives_ok(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, record_ref, outcome) VALUES (%s, 'CC-CAM', '2016-06-14', 'CC-CAM/2016/41', 'approved')$$, :ict),
    'Cambridgeshire approves locally on the day of the Summit');
SELECT throws_ok(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome) VALUES (%s, 'CC-BED', '2016-06-13', 'approved')$$, :ict), '23514',
    format('local decision of CC-BED on decision %s cannot be dated 2016-06-13: the in principle decision was made on 2016-06-14', :ict),
    'a local decision the day before the in-principle decision: refused (local_decision_date)');
SELECT throws_ok(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome) VALUES (%s, 'CC-KEN', '2016-06-20', 'approved')$$, :ict), '23514',
    format('CC-KEN is not a party whose consent decision %s required, so it records no local decision on it', :ict),
    'a party the decision did not bind: refused, naming it');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome) VALUES (%s, 'XX-NONE', '2016-06-20', 'approved')$$, :ict)),
    '23514 local_decision_party', 'an unknown party: 23514 (local_decision_party)');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome) VALUES (%s, 'CC-CAM', '2019-03-02', 'approved')$$, :cpcc007)),
    '23514 local_decision_in_principle', 'a local decision on a made renewal: refused (local_decision_in_principle)');
SELECT throws_ok(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome) VALUES (%s, 'CC-BED', '2016-06-20', 'maybe')$$, :ict), '22P02',
    NULL, 'an outcome that is no label: 22P02');
SELECT results_eq(format($$SELECT party_code FROM s22a.local_decisions_outstanding WHERE decision_id = %s$$, :ict),
    ARRAY['CC-BED'], 'after Cambridgeshire decided, Bedfordshire alone is outstanding; the refusals left nothing');
SELECT lives_ok(format($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome) VALUES (%s, 'CC-BED', '2016-07-01', 'rejected')$$, :ict),
    'Bedfordshire rejects locally');
SELECT is((SELECT count(*) FROM local_decisions_outstanding WHERE decision_id = :ict), 0::bigint,
    'a rejection is a decision too: nothing outstanding');
SELECT is(pg_temp.refusal(format($$DELETE FROM s22a.local_decision WHERE decision_id = %s$$, :ict)),
    '23514 local_decision_kept', 'local decisions are never deleted');
SELECT is((SELECT count(*) FROM local_decision WHERE decision_id = :ict), 2::bigint, 'both are still there');

-- row-level security: a party role records its own local decision only
SELECT count(*) FROM create_roles() \gset
CREATE ROLE governance_cc_bed IN ROLE s22a_party;
INSERT INTO party_member (party_code, role_name) VALUES ('CC-BED', 'governance_cc_bed');
SET LOCAL ROLE governance_cc_bed;
SELECT is(pg_temp.refusal(format($$UPDATE s22a.local_decision SET outcome = 'approved' WHERE decision_id = %s AND party_code = 'CC-CAM' RETURNING 1$$, :ict)),
    'accepted', 'a party role''s UPDATE of another party''s local decision reaches no row');
SELECT lives_ok(format($$UPDATE s22a.local_decision SET outcome = 'approved', decided_on = '2016-07-02' WHERE decision_id = %s AND party_code = 'CC-BED'$$, :ict),
    'CC-BED corrects its own local decision');
RESET ROLE;
SELECT results_eq(format($$SELECT party_code::text, outcome::text FROM s22a.local_decision WHERE decision_id = %s ORDER BY party_code$$, :ict),
    $$VALUES ('CC-BED', 'approved'), ('CC-CAM', 'approved')$$, 'CC-BED''s own row changed, CC-CAM''s did not');
INSERT INTO decision (agreement_id, kind, title, proposed_on) VALUES (pg_temp.seven(), 'in_principle', 'Joint fleet', '2016-08-01');
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p, '2016-08-02', 'email' FROM decision d, parties_on(pg_temp.seven(), '2016-08-01') p WHERE d.title = 'Joint fleet';
UPDATE decision SET state = 'made', made_on = '2016-08-03' WHERE title = 'Joint fleet';
SET LOCAL ROLE governance_cc_bed;
SELECT throws_ok($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome)
                   SELECT id, 'CC-CAM', '2016-08-04', 'approved' FROM s22a.decision WHERE title = 'Joint fleet'$$, '42501', NULL,
    'a party role cannot record another party''s local decision (42501)');
SELECT lives_ok($$INSERT INTO s22a.local_decision (decision_id, party_code, decided_on, outcome)
                  SELECT id, 'CC-BED', '2016-08-04', 'approved' FROM s22a.decision WHERE title = 'Joint fleet'$$,
    'but records its own');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- Reviews: the next review date, review_overdue, upcoming()
-- ---------------------------------------------------------------------------
SELECT is(next_review_date(pg_temp.seven()), date '2016-10-21', 'no review held: the next review is review_on as signed');
SELECT throws_ok($$INSERT INTO s22a.review (agreement_id, held_on, outcome, next_review_on)
                   SELECT id, '2016-10-20', 'Continue', '2016-10-20' FROM s22a.agreement WHERE ref = '7F'$$, '23514',
    NULL, 'a next review on or before the review itself: refused (23514)');
INSERT INTO review (agreement_id, held_on, outcome, next_review_on)
VALUES (pg_temp.seven(), '2016-10-20', 'Continue; report the ICT business case', '2017-01-15');
SELECT is(next_review_date(pg_temp.seven()), date '2017-01-15', 'a review held moves the next review date');
SELECT is((SELECT review_on FROM agreement WHERE ref = '7F'), date '2016-10-21', 'review_on stays as signed (no variation needed)');
SET LOCAL s22a.today = '2017-01-15';
SELECT is((SELECT (next_review, review_overdue)::text FROM register WHERE ref = '7F'), '(2017-01-15,f)',
    'register on the review date: next_review shown, not overdue');
SET LOCAL s22a.today = '2017-01-16';
SELECT is((SELECT (next_review, review_overdue)::text FROM register WHERE ref = '7F'), '(,t)',
    'register a day later: overdue by one day');
SELECT results_eq($$SELECT due_on, event FROM s22a.upcoming('1 day') WHERE agreement_ref = '7F' AND event LIKE 'review%'$$,
    $$VALUES (date '2017-01-15', 'review overdue')$$, 'upcoming() lists the review overdue since 2017-01-15');
SET LOCAL s22a.today = '2021-04-01';
SELECT is((SELECT (status_today, review_overdue)::text FROM register WHERE ref = '7F'), '(expired,f)',
    'an agreement no longer in force has no review overdue');
SET LOCAL s22a.today = '2015-10-20';
SELECT is((SELECT status_today FROM register WHERE ref = '7F'), 'pending', 'SET s22a.today moves the register''s status_today');

-- notice deadlines across Easter 2016: for Tuesday 29 March (Good Friday 25,
-- Easter Monday 28), two clear working days' notice must be given by Tuesday 22
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on)
VALUES (pg_temp.seven(), 'in_principle', 'Easter business case', '2016-03-14', '2016-03-29');
SET LOCAL s22a.today = '2016-03-14';
SELECT results_eq($$SELECT due_on, detail LIKE '%for the meeting of 2016-03-29' FROM s22a.upcoming() WHERE event = 'notice deadline'$$,
    $$VALUES (date '2016-03-22', true)$$, 'upcoming(): the notice deadline for 29 March 2016 is 22 March, across Easter');
SET LOCAL s22a.today = '2016-03-24';
SELECT results_eq($$SELECT due_on FROM s22a.upcoming('0 days') WHERE event = 'notice deadline'$$,
    $$VALUES (date '2016-03-22')$$, 'a passed notice deadline is still listed while the meeting is to come');
SET LOCAL s22a.today = '2016-03-29';
SELECT is((SELECT count(*) FROM upcoming() WHERE event = 'notice deadline'), 0::bigint, 'on the meeting day it is no longer listed');
SET LOCAL s22a.today = '2016-03-14';
UPDATE decision SET notice_given_on = '2016-03-21' WHERE title = 'Easter business case';
SELECT is((SELECT count(*) FROM upcoming() WHERE event = 'notice deadline'), 0::bigint, 'nor once notice is given');

-- ---------------------------------------------------------------------------
-- Recommendations and risks
-- ---------------------------------------------------------------------------
SET LOCAL s22a.today = '2014-06-30';
INSERT INTO recommendation (source, agreement_id, title, priority, owner_party, raised_on, due_on, status, closed_on)
VALUES ('Internal audit: collaboration governance', pg_temp.seven(), 'Keep a register of agreements', 'high', 'PCC-CAM', '2013-12-10', '2014-03-31', 'implemented', '2014-03-20'),
       ('Internal audit: collaboration governance', pg_temp.seven(), 'Report benefits six-monthly', 'medium', 'CC-CAM', '2013-12-10', '2014-06-30', 'in_progress', NULL),
       ('Internal audit: collaboration governance', pg_temp.seven(), 'Publish decision records', 'low', NULL, '2013-12-10', '2014-06-29', 'open', NULL);
SELECT results_eq($$SELECT title, status, overdue FROM s22a.recommendations_outstanding ORDER BY id$$,
    $$VALUES ('Report benefits six-monthly', 'in_progress', false), ('Publish decision records', 'open', true)$$,
    'recommendations_outstanding: open and in progress; due today is not overdue, due yesterday is');
SELECT throws_ok($$INSERT INTO s22a.recommendation (source, title, priority) VALUES ('x', 'y', 'urgent')$$, '22P02', NULL,
    'a priority that is no label: 22P02');
SELECT throws_ok($$INSERT INTO s22a.recommendation (source, title, priority, status) VALUES ('x', 'y', 'low', 'implemented')$$, '23514', NULL,
    'implemented without closed_on: 23514');
SELECT throws_ok($$INSERT INTO s22a.risk (title, likelihood, impact) VALUES ('x', 6, 3)$$, '23514', NULL,
    'likelihood outside 1-5: 23514');
SELECT throws_ok($$INSERT INTO s22a.risk (title, likelihood, impact) VALUES ('x', 3, 0)$$, '23514', NULL,
    'impact outside 1-5: 23514');
INSERT INTO risk (agreement_id, title, likelihood, impact, owner_party, reviewed_on)
VALUES (NULL, 'Benefits of collaboration not achieved (strategic risk 3/3)', 3, 3, 'PCC-CAM', '2013-12-10'),
       (pg_temp.seven(), 'Programme funding withdrawn', 2, 5, 'CC-CAM', '2016-02-25'),
       (pg_temp.seven(), 'Key staff leave', 4, 2, NULL, '2016-02-25');
SELECT results_eq($$SELECT title, score FROM s22a.risk_register$$,
    $$VALUES ('Programme funding withdrawn', 10), ('Benefits of collaboration not achieved (strategic risk 3/3)', 9), ('Key staff leave', 8)$$,
    'risk_register: score = likelihood × impact, the highest first');
UPDATE risk SET likelihood = 5 WHERE title = 'Key staff leave';
SELECT is((SELECT score FROM risk WHERE title = 'Key staff leave'), 10, 'a new rating recomputes the score');

-- ---------------------------------------------------------------------------
-- publication_due and the half-year report
-- ---------------------------------------------------------------------------
SET LOCAL s22a.today = '2016-11-29';
SELECT results_eq($$SELECT kind, ref, due_since FROM s22a.publication_due ORDER BY due_since, ref$$,
    format($$VALUES ('decision', 'decision %s', date '2016-06-14'), ('decision', 'decision %s', date '2016-08-03')$$,
           :ict, (SELECT id FROM decision WHERE title = 'Joint fleet')),
    'publication_due as at 2016-11-29: the made decisions without a publication date (7F is published)');
SELECT results_eq($$SELECT fiscal_year, half, budget, spent, variance, decisions_made, local_decisions_outstanding
                     FROM s22a.half_year_report WHERE agreement_ref = '7F' ORDER BY fiscal_year, half$$,
    $$VALUES ('2015/16', 2, 0::numeric, 0::numeric, 0::numeric, 0::bigint, 0::bigint),
             ('2016/17', 1, 1350000, 0, 1350000, 2, 13),
             ('2016/17', 2, 1350000, 0, 1350000, 0, 13)$$,
    'half_year_report as at 2016-11-29: halves with a budget or decision begun by today; the 2016/17 budget on both halves; 13 parties yet to decide locally on the joint fleet (made outside a meeting: all 14 bound)');
SET LOCAL s22a.today = '2016-07-01';
SELECT results_eq($$SELECT fiscal_year, half, local_decisions_outstanding, consents_outstanding
                     FROM s22a.half_year_report WHERE agreement_ref = '7F' AND fiscal_year = '2016/17'$$,
    $$VALUES ('2016/17', 1, 1::bigint, 0::bigint)$$,
    'as at 2016-07-01: Bedfordshire''s local decision on the ICT case is outstanding');

SET LOCAL s22a.today = '2016-06-10';
SELECT is((SELECT consents_outstanding FROM half_year_report WHERE agreement_ref = '7F' AND fiscal_year = '2016/17' AND half = 1),
    2::bigint, 'as at 2016-06-10 the ICT case was proposed and its two consents (given 14 June) not yet given');
SET LOCAL s22a.today = '2016-06-14';
SELECT is((SELECT consents_outstanding FROM half_year_report WHERE agreement_ref = '7F' AND fiscal_year = '2016/17' AND half = 1),
    0::bigint, 'as at 2016-06-14 it was made: none outstanding');

SELECT * FROM finish();
ROLLBACK;
