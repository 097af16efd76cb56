-- Decisions and consent (doc/decisions.md):
--   Seven Force Strategic Collaboration agreement: 3.3 in principle decisions
--   need the consent of the parties materially affected; 3.4 two clear
--   working days' notice; 3.5 outside meetings the written agreement of all
--   parties (letter, memo, email); 6.2 renewal only in writing by all parties.
--   Single Online Home paper 4.3-4.4: the host (MPS) holds 50% of decision
--   weight, the rest is split among the other forces.
BEGIN;
SELECT plan(72);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;

-- how a statement is refused: 'SQLSTATE constraint', or 'no error'
CREATE FUNCTION pg_temp.refusal(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; cn text;
BEGIN
    EXECUTE q;
    RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, cn = CONSTRAINT_NAME;
    RETURN st || ' ' || coalesce(cn, '');
END $$;
CREATE FUNCTION pg_temp.hint(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS h = PG_EXCEPTION_HINT;
    RETURN h;
END $$;
CREATE FUNCTION pg_temp.d(t text) RETURNS bigint LANGUAGE sql AS
    $$ SELECT id FROM s22a.decision WHERE title = t $$;

-- ---------------------------------------------------------------------------
-- Seven Force: 7 forces, chief constable and PCC each, 14 parties
-- ---------------------------------------------------------------------------
INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire'), ('CAM', 'Cambridgeshire'), ('ESX', 'Essex'), ('HER', 'Hertfordshire'),
    ('KEN', 'Kent'), ('NOR', 'Norfolk'), ('SUF', 'Suffolk'), ('BTP', 'British Transport Police');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name FROM force;
INSERT INTO agreement (ref, title, commences_on, expires_on, review_on)
VALUES ('7F', 'Seven Force Strategic Collaboration', '2015-10-22', '2017-03-31', '2016-10-21');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM agreement a, party p WHERE a.ref = '7F' AND p.force_code <> 'BTP';

-- renewal to 31 March 2019, outside a meeting (clause 6.2)
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'Renew to 2019', '2016-10-21', '2019-03-31' FROM agreement WHERE ref = '7F';

SELECT is((SELECT count(*)::int FROM consent_required(pg_temp.d('Renew to 2019'))), 14,
    'a renewal needs all 14 parties');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew to 2019'$$),
    '23514 consent', 'renewal refused with no consents: rule consent');
SELECT throws_ok($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew to 2019'$$, '23514',
    'decision ' || pg_temp.d('Renew to 2019') || ' cannot be made: no consent from CC-BED, CC-CAM, CC-ESX, CC-HER, CC-KEN, CC-NOR, CC-SUF, PCC-BED, PCC-CAM, PCC-ESX, PCC-HER, PCC-KEN, PCC-NOR and PCC-SUF',
    'the refusal names every missing party');

-- 13 written consents, the 14th given at a meeting
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT pg_temp.d('Renew to 2019'), p, '2016-11-01', 'decision_notice', 'DN-' || p
  FROM parties_on((SELECT id FROM agreement WHERE ref = '7F'), '2016-10-21') AS p WHERE p <> 'PCC-SUF';
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew to 2019'$$),
    '23514 consent', 'still refused with 13 of 14');
SELECT results_eq($$SELECT * FROM s22a.consent_missing(pg_temp.d('Renew to 2019'))$$, ARRAY['PCC-SUF'],
    'consent_missing names the 14th');
INSERT INTO consent (decision_id, party_code, given_on, form)
VALUES (pg_temp.d('Renew to 2019'), 'PCC-SUF', '2016-11-02', 'meeting');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew to 2019'$$),
    '23514 written_form', 'a consent given at a meeting does not count for a renewal: rule written_form');
SELECT results_eq($$SELECT * FROM s22a.consent_missing(pg_temp.d('Renew to 2019'))$$, ARRAY['PCC-SUF'],
    'consent_missing still lists the party whose consent is not in writing');
-- (still proposed, decision_check asks whether it could be made today: long
-- after the 2017 expiry it would extend, so term_change_in_time fails too)
SELECT results_eq($$SELECT rule, ok FROM s22a.decision_check(pg_temp.d('Renew to 2019'))$$,
    $$VALUES ('consent', true), ('written_form', false), ('notice', true), ('new_expiry', true),
             ('term_change_in_time', false), ('vote', true)$$,
    'decision_check: one row per rule; written_form fails, and made today it would be too late');
UPDATE consent SET form = 'letter', reference = 'Letter of 2 November 2016'
 WHERE decision_id = pg_temp.d('Renew to 2019') AND party_code = 'PCC-SUF';
SELECT is((SELECT count(*)::int FROM consent_missing(pg_temp.d('Renew to 2019'))), 0, 'nothing missing once in writing');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew to 2019'$$),
    '23514 term_change_in_time', 'made today, long after the expiry 2017-03-31, the renewal is too late (clause 6.2)');
SELECT lives_ok($$UPDATE s22a.decision SET state = 'made', made_on = '2016-11-10' WHERE title = 'Renew to 2019'$$,
    'the renewal is made once all 14 consented in writing, before the expiry');
SELECT is((SELECT made_on FROM decision WHERE id = pg_temp.d('Renew to 2019')), date '2016-11-10',
    'the made_on given is kept');

-- a made decision is final
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET new_expiry = '2021-03-31' WHERE title = 'Renew to 2019'$$),
    '23514 decision_final', 'a made decision cannot be updated');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'withdrawn' WHERE title = 'Renew to 2019'$$),
    '23514 decision_final', 'nor withdrawn');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.decision WHERE title = 'Renew to 2019'$$),
    '23514 decision_kept', 'nor deleted');
SELECT is(pg_temp.refusal($$UPDATE s22a.consent SET given_on = '2016-11-03' WHERE decision_id = pg_temp.d('Renew to 2019') AND party_code = 'CC-BED'$$),
    '23514 decision_final', 'its consents cannot be updated');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.consent WHERE decision_id = pg_temp.d('Renew to 2019')$$),
    '23514 decision_final', 'nor deleted');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.decision_impact VALUES (pg_temp.d('Renew to 2019'), 'CC-BED')$$),
    '23514 decision_final', 'nor can impacts be added');
SELECT is(pg_temp.refusal($$TRUNCATE s22a.consent CASCADE$$), '23514 consent_kept', 'consents cannot be truncated');
SELECT is(pg_temp.refusal($$TRUNCATE s22a.decision CASCADE$$), '23514 decision_kept', 'decisions cannot be truncated');
SELECT throws_ok($$DELETE FROM s22a.decision WHERE title = 'Renew to 2019'$$, '23514', 'decisions are never deleted',
    'the message says decisions are kept');

-- renewal without new_expiry: every consent, still refused
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'renewal', 'Renew, no date', '2018-12-01' FROM agreement WHERE ref = '7F';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT pg_temp.d('Renew, no date'), p, '2018-12-03', 'email'
  FROM parties_on((SELECT id FROM agreement WHERE ref = '7F'), '2018-12-01') AS p;
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew, no date'$$),
    '23514 new_expiry', 'a renewal without new_expiry cannot be made');
SELECT is(pg_temp.hint($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Renew, no date'$$),
    'Set new_expiry to the new last day of the term.', 'the hint says what to set');
-- 0.3: setting new_expiry changes what the renewal decides, so it voids the
-- consents given to it without one (test/decision_integrity.sql)
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', new_expiry = '2021-03-31', made_on = '2019-02-25' WHERE title = 'Renew, no date'$$),
    '23514 consent', 'setting new_expiry in the same UPDATE voids the consents given without it');
UPDATE decision SET new_expiry = '2021-03-31' WHERE title = 'Renew, no date';
UPDATE consent SET given_on = current_date, voided_on = NULL WHERE decision_id = pg_temp.d('Renew, no date');
-- consented to again today (a consent voided today is given again no
-- earlier), it could only be made today: after the expiry 2019-03-31 it
-- would extend, so too late
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made', made_on = current_date WHERE title = 'Renew, no date'$$),
    '23514 term_change_in_time', 'consented to again with its new_expiry, it is still too late to make it today');
SELECT is((SELECT state FROM decision WHERE id = pg_temp.d('Renew, no date')), 'proposed'::decision_state,
    'and it stays proposed');
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'termination', 'Terminate, no date', '2020-01-06' FROM agreement WHERE ref = '7F';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT pg_temp.d('Terminate, no date'), p, '2020-01-07', 'memo'
  FROM parties_on((SELECT id FROM agreement WHERE ref = '7F'), '2020-01-06') AS p;
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Terminate, no date'$$),
    '23514 new_expiry', 'a termination without new_expiry cannot be made');

-- ---------------------------------------------------------------------------
-- in principle at the Summit on Tuesday 29 March 2016 (after Easter)
-- ---------------------------------------------------------------------------
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'Custody business case', '2016-03-01', '2016-03-29', '2016-03-23'
  FROM agreement WHERE ref = '7F';
INSERT INTO decision_impact VALUES
    (pg_temp.d('Custody business case'), 'CC-CAM'), (pg_temp.d('Custody business case'), 'PCC-CAM'),
    (pg_temp.d('Custody business case'), 'CC-BTP');     -- affected, but not a party
SELECT results_eq($$SELECT * FROM s22a.consent_required(pg_temp.d('Custody business case'))$$,
    ARRAY['CC-CAM', 'PCC-CAM'], 'in principle at a meeting: only the materially affected members');
INSERT INTO consent (decision_id, party_code, given_on, form) VALUES
    (pg_temp.d('Custody business case'), 'CC-CAM', '2016-03-29', 'meeting'),
    (pg_temp.d('Custody business case'), 'PCC-CAM', '2016-03-29', 'meeting');
SELECT is((SELECT count(*)::int FROM consent_missing(pg_temp.d('Custody business case'))), 0,
    'consents given at the meeting count for an in principle decision');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Custody business case'$$),
    '23514 notice', 'notice on 23 March leaves one clear working day (Easter between): refused');
SELECT throws_ok($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Custody business case'$$, '23514',
    'decision ' || pg_temp.d('Custody business case') || ' cannot be made: notice given on 2016-03-23 leaves 1 clear working day before the meeting on 2016-03-29, 2 are needed',
    'the message gives the shortfall');
SELECT is(pg_temp.hint($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Custody business case'$$),
    'Notice must be given on or before 2016-03-22.', 'the hint gives the deadline');
SELECT is((SELECT detail FROM decision_check(pg_temp.d('Custody business case')) WHERE rule = 'notice'),
    'notice on 2016-03-23 leaves 1 clear working day before the meeting on 2016-03-29; 2 needed, so notice by 2016-03-22',
    'decision_check explains the notice rule');
UPDATE decision SET notice_given_on = NULL WHERE title = 'Custody business case';
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Custody business case'$$),
    '23514 notice', 'no notice at all fails the notice rule');
SELECT lives_ok($$UPDATE s22a.decision SET notice_given_on = '2016-03-22', state = 'made' WHERE title = 'Custody business case'$$,
    'notice on 22 March (two clear working days) is enough');

-- an affected member without consent
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'Consultancy budget', '2016-06-01', '2016-06-15', '2016-06-01' FROM agreement WHERE ref = '7F';
INSERT INTO decision_impact VALUES (pg_temp.d('Consultancy budget'), 'CC-KEN'), (pg_temp.d('Consultancy budget'), 'PCC-KEN');
INSERT INTO consent VALUES (pg_temp.d('Consultancy budget'), 'CC-KEN', '2016-06-15', 'meeting');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Consultancy budget'$$),
    '23514 consent', 'an in principle decision at a meeting needs every affected party (a budget decision needs every party: test/budget_consent.sql)');
SELECT results_eq($$SELECT * FROM s22a.consent_missing(pg_temp.d('Consultancy budget'))$$, ARRAY['PCC-KEN'],
    'PCC-KEN is missing');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.consent WHERE decision_id = pg_temp.d('Consultancy budget')$$),
    '23514 consent_kept', 'a consent is never deleted, even before the decision is made');
SELECT lives_ok($$DELETE FROM s22a.decision_impact WHERE decision_id = pg_temp.d('Consultancy budget') AND party_code = 'PCC-KEN'$$,
    'impacts of a proposed decision can still change');
SELECT lives_ok($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Consultancy budget'$$,
    'with PCC-KEN not affected the decision is made');

-- a meeting decision that must have all parties (variation): writing still needed
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'variation', 'Add Athena functions', '2016-06-01', '2016-06-15', '2016-06-01' FROM agreement WHERE ref = '7F';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT pg_temp.d('Add Athena functions'), p, '2016-06-15', 'meeting'
  FROM parties_on((SELECT id FROM agreement WHERE ref = '7F'), '2016-06-15') AS p;
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Add Athena functions'$$),
    '23514 written_form', 'a variation at a meeting still needs every party in writing');
SELECT is((SELECT count(*)::int FROM consent_missing(pg_temp.d('Add Athena functions'))), 14, 'all 14 lack written consent');

-- ---------------------------------------------------------------------------
-- in principle outside a meeting (clause 3.5): all parties, in writing
-- ---------------------------------------------------------------------------
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'in_principle', 'Urgent SRO appointment', '2016-08-01' FROM agreement WHERE ref = '7F';
INSERT INTO decision_impact VALUES (pg_temp.d('Urgent SRO appointment'), 'CC-HER');
SELECT is((SELECT count(*)::int FROM consent_required(pg_temp.d('Urgent SRO appointment'))), 14,
    'outside a meeting every party must agree, not only those affected');
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT pg_temp.d('Urgent SRO appointment'), p, '2016-08-02', CASE WHEN p = 'CC-HER' THEN 'meeting' ELSE 'email' END::consent_form
  FROM parties_on((SELECT id FROM agreement WHERE ref = '7F'), '2016-08-01') AS p;
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Urgent SRO appointment'$$),
    '23514 written_form', 'outside a meeting a meeting-form consent does not count');
SELECT is((SELECT ok FROM decision_check(pg_temp.d('Urgent SRO appointment')) WHERE rule = 'notice'), true,
    'no notice rule outside a meeting');
UPDATE consent SET form = 'email' WHERE decision_id = pg_temp.d('Urgent SRO appointment') AND party_code = 'CC-HER';
SELECT lives_ok($$UPDATE s22a.decision SET state = 'made' WHERE title = 'Urgent SRO appointment'$$,
    'made with 14 written consents');
SELECT is((SELECT made_on FROM decision WHERE id = pg_temp.d('Urgent SRO appointment')), current_date,
    'made_on defaults to the day the decision is recorded as made');

-- a decision recorded as made on INSERT is checked too
SELECT is(pg_temp.refusal($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, state)
    SELECT id, 'variation', 'Made at once', '2016-09-01', 'made' FROM s22a.agreement WHERE ref = '7F'$$),
    '23514 consent', 'an INSERT with state made is checked like an UPDATE');

-- only members on the decision date consent
SELECT is(pg_temp.refusal($$INSERT INTO s22a.consent VALUES (pg_temp.d('Add Athena functions'), 'CC-BTP', '2016-06-15', 'letter')$$),
    '23514 consent_by_member', 'a consent by a party that is not a member is refused');
SELECT throws_ok($$INSERT INTO s22a.consent VALUES (pg_temp.d('Add Athena functions'), 'PCC-BTP', '2016-06-15', 'letter')$$,
    '23514', 'PCC-BTP is not a party to agreement "7F" on 2016-06-15 and cannot consent to decision ' || pg_temp.d('Add Athena functions'),
    'the refusal names the party, the agreement and the decision date');
-- Kent leaves on 1 September 2016 (first day no longer a party)
UPDATE agreement_party SET leaves_on = '2016-09-01'
 WHERE agreement_id = (SELECT id FROM agreement WHERE ref = '7F') AND party_code IN ('CC-KEN', 'PCC-KEN');
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'variation', 'After Kent left', '2016-08-15', '2016-09-01', '2016-08-25' FROM agreement WHERE ref = '7F';
SELECT is((SELECT count(*)::int FROM consent_required(pg_temp.d('After Kent left'))), 12,
    'the decision date is the meeting: Kent has left by 1 September, 12 parties remain');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.consent VALUES (pg_temp.d('After Kent left'), 'CC-KEN', '2016-08-20', 'letter')$$),
    '23514 consent_by_member', 'a former member cannot consent to a decision taken after it left');
SELECT is(pg_temp.refusal($$UPDATE s22a.consent SET party_code = 'CC-BTP' WHERE decision_id = pg_temp.d('Add Athena functions') AND party_code = 'CC-BED'$$),
    '23514 consent_by_member', 'nor can a consent be moved to a non-member');
SELECT throws_ok($$SELECT * FROM s22a.consent_required(-1)$$, '22023', 'decision -1 does not exist',
    'an unknown decision is an error, not an empty set');

-- ---------------------------------------------------------------------------
-- Single Online Home: MPS 50%, the other forces share 50% (SOH paper 4.3-4.4)
-- ---------------------------------------------------------------------------
INSERT INTO force VALUES ('MPS', 'Metropolitan Police Service');
INSERT INTO party VALUES ('COM-MPS', 'MPS', 'chief_officer', 'Commissioner of Police of the Metropolis'),
                         ('MOPAC', 'MPS', 'policing_body', 'Mayor''s Office for Policing and Crime');
INSERT INTO agreement (ref, title, commences_on, withdrawal_notice)
VALUES ('SOH', 'Single Online Home', '2019-04-01', '12 months');
INSERT INTO agreement_party (agreement_id, party_code, joins_on)
SELECT a.id, p.code, CASE WHEN p.force_code = 'SUF' THEN date '2020-06-01' END
  FROM agreement a, party p WHERE a.ref = 'SOH' AND p.force_code IN ('MPS', 'BED', 'CAM', 'HER', 'NOR', 'SUF');
-- chief officers hold the weight: the host 50, the other four share 50;
-- Suffolk, joining in June 2020, is given 12.5 too
INSERT INTO voting_weight
SELECT a.id, p.code, CASE WHEN p.code = 'COM-MPS' THEN 50 ELSE 12.5 END
  FROM agreement a, party p WHERE a.ref = 'SOH' AND p.kind = 'chief_officer' AND p.force_code IN ('MPS', 'BED', 'CAM', 'HER', 'NOR', 'SUF');
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'SOH development fund', '2020-01-06', '2020-01-20', '2020-01-10' FROM agreement WHERE ref = 'SOH';
-- the decision affects nobody in particular: consent is satisfied, the vote decides
SELECT results_eq($$SELECT rule, ok FROM s22a.decision_check(pg_temp.d('SOH development fund'))$$,
    $$VALUES ('consent', true), ('written_form', true), ('notice', true), ('new_expiry', true),
             ('term_change_in_time', true), ('vote', false)$$,
    'with no votes yet only the vote rule fails');
INSERT INTO vote VALUES (pg_temp.d('SOH development fund'), 'COM-MPS', true);
SELECT is((SELECT row(weight_for, weight_against, carried)::text FROM vote_result(pg_temp.d('SOH development fund'))),
    '(50,0,f)', 'the host alone holds exactly half: not carried (more than half needed)');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET state = 'made' WHERE title = 'SOH development fund'$$),
    '23514 vote', 'a decision whose vote is not carried cannot be made');
INSERT INTO vote VALUES (pg_temp.d('SOH development fund'), 'CC-BED', false);
INSERT INTO vote VALUES (pg_temp.d('SOH development fund'), 'CC-CAM', true);
SELECT is((SELECT row(weight_for, weight_against, carried)::text FROM vote_result(pg_temp.d('SOH development fund'))),
    '(62.5,12.5,t)', 'the host and one other force: 62.5 of 100 carries');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.vote VALUES (pg_temp.d('SOH development fund'), 'CC-SUF', false)$$),
    '23514 vote_by_member', 'Suffolk joins in June 2020 and cannot vote in January');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.vote VALUES (pg_temp.d('SOH development fund'), 'PCC-BED', true)$$),
    '23514 vote_weight', 'a member without a voting weight cannot vote');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.vote VALUES (pg_temp.d('SOH development fund'), 'CC-ESX', true)$$),
    '23514 vote_by_member', 'a party to another agreement cannot vote');
SELECT lives_ok($$UPDATE s22a.decision SET state = 'made' WHERE title = 'SOH development fund'$$, 'carried: made');
SELECT is(pg_temp.refusal($$UPDATE s22a.vote SET in_favour = false WHERE decision_id = pg_temp.d('SOH development fund') AND party_code = 'CC-CAM'$$),
    '23514 decision_final', 'votes on a made decision are final');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.vote WHERE decision_id = pg_temp.d('SOH development fund')$$),
    '23514 decision_final', 'and cannot be deleted');

-- after Suffolk joins, the total counts it: 112.5, and half of it is no longer 50
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'in_principle', 'SOH firearms licensing', '2020-06-01', '2020-07-01', '2020-06-01' FROM agreement WHERE ref = 'SOH';
INSERT INTO vote VALUES (pg_temp.d('SOH firearms licensing'), 'CC-BED', true), (pg_temp.d('SOH firearms licensing'), 'CC-CAM', true),
                        (pg_temp.d('SOH firearms licensing'), 'CC-HER', true), (pg_temp.d('SOH firearms licensing'), 'CC-SUF', true),
                        (pg_temp.d('SOH firearms licensing'), 'COM-MPS', false);
SELECT is((SELECT row(weight_for, weight_against, carried)::text FROM vote_result(pg_temp.d('SOH firearms licensing'))),
    '(50.0,50,f)', 'four others for, the host against: 50 of 112.5 is not carried');
SELECT is((SELECT detail FROM decision_check(pg_temp.d('SOH firearms licensing')) WHERE rule = 'vote'),
    '50.0 for, 50 against, of a total weight of 112.5: not carried (more than half needed)',
    'decision_check explains the vote, with Suffolk in the total');
UPDATE vote SET in_favour = true WHERE decision_id = pg_temp.d('SOH firearms licensing') AND party_code = 'COM-MPS';
SELECT is((SELECT carried FROM vote_result(pg_temp.d('SOH firearms licensing'))), true, 'with the host for, carried');
-- Hertfordshire withdraws (12 months' notice) and is out of later totals;
-- recorded now, the withdrawal takes effect in a closed financial year, so
-- it cites a made membership decision (withdrawal_closed_year): every party
-- consents in writing and every weighted member votes for it
INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'membership', 'Hertfordshire leaves SOH', '2020-01-31' FROM agreement WHERE ref = 'SOH';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT pg_temp.d('Hertfordshire leaves SOH'), p, '2020-01-31', 'letter'
  FROM parties_on((SELECT id FROM agreement WHERE ref = 'SOH'), '2020-01-31') AS p;
INSERT INTO vote (decision_id, party_code, in_favour, cast_on)
SELECT pg_temp.d('Hertfordshire leaves SOH'), w.party_code, true, '2020-01-31'
  FROM voting_weight w JOIN agreement a ON a.id = w.agreement_id
 WHERE a.ref = 'SOH' AND w.party_code IN (SELECT parties_on(a.id, '2020-01-31'));
UPDATE decision SET state = 'made', made_on = '2020-01-31' WHERE title = 'Hertfordshire leaves SOH';
INSERT INTO withdrawal VALUES ((SELECT id FROM agreement WHERE ref = 'SOH'), 'CC-HER', '2020-01-31', '2021-02-01',
                               pg_temp.d('Hertfordshire leaves SOH'));
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'budget', 'SOH 2021 budget', '2021-02-01', '2021-03-01', '2021-02-01' FROM agreement WHERE ref = 'SOH';
INSERT INTO vote VALUES (pg_temp.d('SOH 2021 budget'), 'COM-MPS', true);
SELECT is((SELECT row(weight_for, weight_against, carried)::text FROM vote_result(pg_temp.d('SOH 2021 budget'))),
    '(50,0,f)', 'after a withdrawal the host alone still holds no more than half');
SELECT is((SELECT detail FROM decision_check(pg_temp.d('SOH 2021 budget')) WHERE rule = 'vote'),
    '50 for, 0 against, of a total weight of 100.0: not carried (more than half needed)',
    'the total counts the members on the decision date only (Hertfordshire withdrawn, Suffolk in)');
SELECT is((SELECT row(weight_for, weight_against, carried)::text FROM vote_result(pg_temp.d('Renew to 2019'))),
    '(0,0,f)', 'an agreement without weights has nothing to carry');
SELECT is((SELECT detail FROM decision_check(pg_temp.d('Renew to 2019')) WHERE rule = 'vote'),
    'not needed: the agreement has no voting weights', 'and the vote rule does not apply to it');

-- the rules inside a parallel query
-- (force_parallel_mode before PostgreSQL 16, debug_parallel_query since)
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int < 160000
    THEN 'force_parallel_mode' ELSE 'debug_parallel_query' END, 'on', true); END $$;
SET LOCAL parallel_setup_cost = 0;
CREATE TEMP TABLE parallel_check AS
    SELECT d.title, c.rule, c.ok FROM decision d, decision_check(d.id) AS c WHERE NOT c.ok;
DO $$ BEGIN PERFORM set_config(CASE WHEN current_setting('server_version_num')::int < 160000
    THEN 'force_parallel_mode' ELSE 'debug_parallel_query' END, 'off', true); END $$;
RESET parallel_setup_cost;
SELECT is((SELECT string_agg(title || ':' || rule, ', ' ORDER BY title, rule) FROM parallel_check),
    'Add Athena functions:written_form, After Kent left:consent, Renew, no date:term_change_in_time, SOH 2021 budget:vote, Terminate, no date:new_expiry',
    'decision_check in a parallel query: the decisions still failing, and why');

SELECT * FROM finish();
ROLLBACK;
