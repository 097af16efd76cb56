-- No way around the decision rules (0.3; doc/decisions.md):
--   * a decision that changes an agreement needs the consent of the parties
--     it binds even when its date falls outside the membership;
--   * made_on lies between proposed_on (and the meeting) and today; a
--     consent counts only if given on or before the decision was made;
--   * consents and votes are dated between the proposal and today;
--   * a change to what a proposed decision decides voids the consents and
--     votes given before it; a party may withdraw its own consent.
-- Seven Force agreement, Schedule A, clauses 3.3-3.5 and 6.2;
-- Single Online Home paper, 4.3-4.4.
BEGIN;
SELECT plan(38);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;
\i test/lib/seven_force.sql

CREATE FUNCTION pg_temp.d(t text) RETURNS bigint LANGUAGE sql AS
    $$ SELECT id FROM s22a.decision WHERE title = t $$;
CREATE FUNCTION pg_temp.consent_all(dec_id bigint, on_day date, day date) RETURNS void LANGUAGE sql AS $$
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
    SELECT dec_id, p, day, 'letter', 'letter' FROM s22a.parties_on(pg_temp.seven(), on_day) AS p $$;

-- ---------------------------------------------------------------------------
-- item 2: a renewal dated before commencement binds the parties on commencement
-- ---------------------------------------------------------------------------
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (pg_temp.seven(), 'renewal', 'Renew before commencement', '2015-06-01', '2030-03-31');
SELECT is((SELECT count(*)::int FROM consent_required(pg_temp.d('Renew before commencement'))), 14,
    'a renewal dated before commencement needs the 14 parties on the commencement date');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew before commencement'$$),
    '23514 consent', 'and without their consent it is refused: rule consent');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.consent VALUES (pg_temp.d('Renew before commencement'), 'CC-BED', '2015-06-02', 'letter')$$),
    'accepted', 'a party on the commencement date may consent to it (consent_by_member agrees)');

-- a decision dated after every party has left
INSERT INTO agreement (ref, title, commences_on, expires_on)
VALUES ('EMPTY', 'Every party has left', '2015-04-01', '2030-03-31');
INSERT INTO agreement_party (agreement_id, party_code, leaves_on)
SELECT a.id, p, date '2016-04-01' FROM agreement a, unnest(ARRAY['PCC-BED', 'PCC-CAM']) p WHERE a.ref = 'EMPTY';
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'Renew with nobody', '2017-01-10', '2099-03-31' FROM agreement WHERE ref = 'EMPTY';
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew with nobody'$$),
    '23514 consent', 'a renewal on a day the agreement has no parties is refused: rule consent');
SELECT throws_like($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew with nobody'$$,
    '%agreement "EMPTY" has no parties on 2017-01-10%', 'the message says the agreement has no parties on that date');
SELECT results_eq($$SELECT rule, ok FROM s22a.decision_check(pg_temp.d('Renew with nobody')) WHERE rule = 'consent'$$,
    $$VALUES ('consent', false)$$, 'decision_check shows the consent rule failing');
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'in_principle', 'Note with nobody', '2017-01-10' FROM agreement WHERE ref = 'EMPTY';
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Note with nobody'$$),
    '23514 consent', 'an in principle decision outside a meeting needs the written agreement of all the parties (clause 3.5): with nobody to give it, it cannot be made');
SELECT is((SELECT state::text FROM decision WHERE title = 'Note with nobody'), 'proposed', 'it stays proposed');
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'Meeting note with nobody', '2017-01-02', '2017-01-10', '2017-01-02' FROM agreement WHERE ref = 'EMPTY';
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Meeting note with nobody'$$),
    'accepted', 'an in principle decision at a meeting needs only the parties it affects (clause 3.3): with nobody to affect it may be made');

-- ---------------------------------------------------------------------------
-- item 7: made_on between proposed_on (and the meeting) and today
-- ---------------------------------------------------------------------------
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (pg_temp.seven(), 'renewal', 'Renew to 2019', '2016-10-21', '2019-03-31');
SELECT pg_temp.consent_all(pg_temp.d('Renew to 2019'), '2016-10-21', '2016-11-01');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = '9999-01-01' WHERE title = 'Renew to 2019'$$),
    '23514 made_on', 'a decision made in 9999 is refused: rule made_on');
SELECT throws_ok($$UPDATE s22a.decision SET state = 'made', made_on = '9999-01-01' WHERE title = 'Renew to 2019'$$,
    '23514', 'decision ' || pg_temp.d('Renew to 2019') || ' cannot be made on 9999-01-01: that is after today, ' || current_date,
    'the message names the date and today');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = '2016-10-20' WHERE title = 'Renew to 2019'$$),
    '23514 made_on', 'nor made before it was proposed');
-- a consent given after the decision was made does not count
UPDATE consent SET given_on = '2016-12-01' WHERE decision_id = pg_temp.d('Renew to 2019') AND party_code = 'PCC-SUF';
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = '2016-11-03' WHERE title = 'Renew to 2019'$$),
    '23514 consent', 'a consent dated after made_on does not count');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = '2016-12-01' WHERE title = 'Renew to 2019'$$),
    'accepted', 'made on the day of the last consent it is made');

-- a meeting decision is not made before the meeting
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'in_principle', 'Next Summit', current_date - 10, current_date + 30, current_date - 5);
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Next Summit'$$),
    '23514 made_on', 'a decision at a meeting 30 days ahead cannot be made today: rule made_on');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = current_date - 1 WHERE title = 'Next Summit'$$),
    '23514 made_on', 'nor dated before the meeting');

-- ---------------------------------------------------------------------------
-- item 6: a consent or vote is dated between the proposal and today
-- ---------------------------------------------------------------------------
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (pg_temp.seven(), 'variation', 'Vary custody', '2019-01-07');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.consent VALUES (pg_temp.d('Vary custody'), 'CC-BED', '2019-01-06', 'letter')$$),
    '23514 consent_date', 'a consent dated before the decision was proposed is refused: rule consent_date');
SELECT throws_ok($$INSERT INTO s22a.consent VALUES (pg_temp.d('Vary custody'), 'CC-BED', '2019-01-06', 'letter')$$,
    '23514', 'consent of CC-BED to decision ' || pg_temp.d('Vary custody') || ' dated 2019-01-06 is before the decision was proposed on 2019-01-07',
    'the message names the party, the date and the proposal');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.consent VALUES (pg_temp.d('Vary custody'), 'CC-BED', current_date + 1, 'letter')$$),
    '23514 consent_date', 'a consent dated tomorrow is refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.consent VALUES (pg_temp.d('Vary custody'), 'CC-BED', '2019-01-08', 'letter')$$),
    'accepted', 'a consent dated after the proposal and before today is accepted');
SELECT is(pg_temp.refusal($$UPDATE s22a.consent SET given_on = '2019-01-01' WHERE decision_id = pg_temp.d('Vary custody')$$),
    '23514 consent_date', 'nor may a consent be redated before the proposal');

-- votes (Single Online Home: the MPS holds half)
INSERT INTO agreement (ref, title, commences_on) VALUES ('SOH', 'Single Online Home', '2019-04-01');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT id, p FROM agreement, unnest(ARRAY['CC-BED', 'CC-CAM']) p WHERE ref = 'SOH';
INSERT INTO voting_weight SELECT id, p, 50 FROM agreement, unnest(ARRAY['CC-BED', 'CC-CAM']) p WHERE ref = 'SOH';
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'Fund', '2020-01-06', '2020-01-20', '2020-01-10' FROM agreement WHERE ref = 'SOH';
SELECT is(pg_temp.refusal($$INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on) VALUES (pg_temp.d('Fund'), 'CC-BED', true, current_date + 1)$$),
    '23514 vote_date', 'a vote dated tomorrow is refused: rule vote_date');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on) VALUES (pg_temp.d('Fund'), 'CC-BED', true, '2020-01-01')$$),
    '23514 vote_date', 'and one dated before the proposal');
INSERT INTO vote (decision_id, party_code, in_favour) VALUES (pg_temp.d('Fund'), 'CC-BED', true), (pg_temp.d('Fund'), 'CC-CAM', true);
SELECT is((SELECT carried FROM vote_result(pg_temp.d('Fund'))), true, 'two votes dated today carry it');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = '2020-01-20' WHERE title = 'Fund'$$),
    '23514 vote', 'votes cast after made_on do not count');

-- ---------------------------------------------------------------------------
-- item 8: a change to what a proposed decision decides voids its consents
-- ---------------------------------------------------------------------------
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (pg_temp.seven(), 'renewal', 'Renew to 2021', '2019-02-01', '2021-03-31');
SELECT pg_temp.consent_all(pg_temp.d('Renew to 2021'), '2019-02-01', '2019-02-04');
SELECT is((SELECT count(*)::int FROM consent_missing(pg_temp.d('Renew to 2021'))), 0, 'every party consented to renew to 2021');
UPDATE decision SET new_expiry = '2099-03-31' WHERE title = 'Renew to 2021';
SELECT is((SELECT count(*)::int FROM consent_missing(pg_temp.d('Renew to 2021'))), 14,
    'after new_expiry changed to 2099, all 14 consents are void');
SELECT is((SELECT count(*)::int FROM consent WHERE decision_id = pg_temp.d('Renew to 2021') AND voided_on = current_date), 14,
    'the consents are kept, marked void today');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew to 2021'$$),
    '23514 consent', 'and the renewal to 2099 cannot be made on consents to 2021');
-- the same in one statement
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (pg_temp.seven(), 'renewal', 'Renew to 2022', '2019-02-01', '2022-03-31');
SELECT pg_temp.consent_all(pg_temp.d('Renew to 2022'), '2019-02-01', '2019-02-04');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', new_expiry = '2099-03-31' WHERE title = 'Renew to 2022'$$),
    '23514 consent', 'changing new_expiry in the UPDATE that makes it is refused too');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = '2019-02-05' WHERE title = 'Renew to 2022'$$),
    'accepted', 'made as consented to, it is made');
SELECT is((SELECT made_on FROM decision WHERE title = 'Renew to 2022'), '2019-02-05'::date, 'a made_on given is kept');
-- the title is part of what is decided; votes are voided as well
UPDATE decision SET title = 'Fund (revised)' WHERE title = 'Fund';
SELECT is((SELECT weight_for FROM vote_result(pg_temp.d('Fund (revised)'))), 0::numeric,
    'a change of title voids the votes');

-- a party withdraws its own consent, and may give it again
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (pg_temp.seven(), 'variation', 'Vary firearms', '2019-03-01');
SELECT pg_temp.consent_all(pg_temp.d('Vary firearms'), '2019-03-01', '2019-03-04');
SELECT is(pg_temp.refusal($$UPDATE s22a.consent SET voided_on = current_date WHERE decision_id = pg_temp.d('Vary firearms') AND party_code = 'PCC-KEN'$$),
    'accepted', 'a party withdraws its consent by marking it void');
SELECT results_eq($$SELECT * FROM s22a.consent_missing(pg_temp.d('Vary firearms'))$$, ARRAY['PCC-KEN'],
    'the withdrawn consent no longer counts');
SELECT is(pg_temp.refusal($$UPDATE s22a.consent SET voided_on = NULL WHERE decision_id = pg_temp.d('Vary firearms') AND party_code = 'PCC-KEN'$$),
    '23514 consent_date', 'a void consent is not revived as it was: it must be given again');
SELECT is(pg_temp.refusal($$UPDATE s22a.consent SET voided_on = NULL, given_on = current_date WHERE decision_id = pg_temp.d('Vary firearms') AND party_code = 'PCC-KEN'$$),
    'accepted', 'given again today, it counts');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.consent WHERE decision_id = pg_temp.d('Vary firearms') AND party_code = 'PCC-KEN'$$),
    '23514 consent_kept', 'consents are still never deleted');

SELECT * FROM finish();
ROLLBACK;
