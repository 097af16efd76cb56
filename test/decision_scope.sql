-- What a decision may authorise (0.3, issue 9: an adversarial review):
--   * decision_dates: a decision's meeting and notice are not before the day
--     it was proposed, and the notice is not after the meeting (Seven Force
--     agreement, clause 3.4);
--   * a renewal or termination cited to change an executed agreement
--     changes only its expiry, to the decision's new_expiry (clause 6.2);
--     a variation changes any term (agreement_sealed);
--   * a budget or variation decision cited to change the cost terms of a
--     year binds every force charged in that year (clause 5.1; the Chiltern
--     Transport Consortium, British Transport Police joining on 1 May 2019,
--     CPCC2019-008) (cost_terms_sealed).
BEGIN;
SELECT plan(38);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;
\i test/lib/seven_force.sql
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';

CREATE FUNCTION pg_temp.d(t text) RETURNS bigint LANGUAGE sql AS
    $$ SELECT id FROM s22a.decision WHERE title = t $$;

-- ---------------------------------------------------------------------------
-- decision_dates
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
                            VALUES (pg_temp.seven(), 'budget', 'Back-dated budget', '2026-11-20', '2019-04-15', '2019-04-01')$$),
    '23514 decision_dates', 'a decision proposed in 2026 taken at a meeting of 2019 is refused: rule decision_dates');
SELECT throws_like($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
                     VALUES (pg_temp.seven(), 'budget', 'Back-dated budget', '2026-11-20', '2019-04-15', '2019-04-01')$$,
    '%proposed on 2026-11-20 cannot be taken at a meeting on 2019-04-15, before it was proposed', 'the message names both dates');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
                            VALUES (pg_temp.seven(), 'budget', 'Notice in 1900', '2026-11-20', '2026-12-10', '1900-04-01')$$),
    '23514 decision_dates', 'notice given in 1900 for a decision proposed in 2026 is refused');
SELECT throws_like($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
                     VALUES (pg_temp.seven(), 'budget', 'Notice in 1900', '2026-11-20', '2026-12-10', '1900-04-01')$$,
    '%proposed on 2026-11-20 cannot have had notice given on 1900-04-01, before it was proposed', 'the message names the notice date');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, notice_given_on)
                            VALUES (pg_temp.seven(), 'budget', 'Notice in 1900, no meeting', '2026-11-20', '1900-04-01')$$),
    '23514 decision_dates', 'also outside a meeting');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
                            VALUES (pg_temp.seven(), 'in_principle', 'Notice after the meeting', '2016-06-01', '2016-06-14', '2016-06-20')$$),
    '23514 decision_dates', 'notice given after the meeting is refused');
SELECT throws_like($$INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
                     VALUES (pg_temp.seven(), 'in_principle', 'Notice after the meeting', '2016-06-01', '2016-06-14', '2016-06-20')$$,
    '%notice given on 2016-06-20, after the meeting on 2016-06-14', 'the message names the notice and the meeting');
SELECT is((SELECT count(*)::int FROM decision WHERE title IN ('Back-dated budget', 'Notice in 1900', 'Notice in 1900, no meeting', 'Notice after the meeting')),
    0, 'the refused decisions were not recorded');

INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'in_principle', 'Joint ICT', '2016-06-01', '2016-06-14', '2016-06-01');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET meeting_on = '2016-05-20' WHERE title = 'Joint ICT'$$),
    '23514 decision_dates', 'moving the meeting before the proposal is refused');
SELECT is((SELECT meeting_on FROM decision WHERE title = 'Joint ICT'), date '2016-06-14', 'and the meeting stays');
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET notice_given_on = '2016-06-14' WHERE title = 'Joint ICT'$$),
    'accepted', 'notice on the day of the meeting, after the proposal, is plausible (the notice rule judges whether it is enough)');

-- a row recorded before 0.3 with implausible dates is not re-checked by an
-- UPDATE that leaves its dates alone
ALTER TABLE decision DISABLE TRIGGER decision_rules;
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'in_principle', 'Old row', '2016-07-01', '2016-06-28', '2016-06-20');
ALTER TABLE decision ENABLE TRIGGER decision_rules;
SELECT is(pg_temp.refusal($$UPDATE s22a.decision SET title = 'Old row, renamed' WHERE title = 'Old row'$$),
    'accepted', 'an existing row is not re-checked when its dates do not change');

-- ---------------------------------------------------------------------------
-- agreement_sealed: a renewal changes only the expiry, to its new_expiry
-- ---------------------------------------------------------------------------
SELECT pg_temp.made_decision(pg_temp.seven(), 'renewal', 'Renew to 31 March 2019', '2017-02-01', '2019-03-31') AS renewal,
       pg_temp.made_decision(pg_temp.seven(), 'termination', 'Terminate on 31 March 2020', '2019-06-03', '2020-03-31') AS termination,
       pg_temp.made_decision(pg_temp.seven(), 'variation', 'Lead force and notice', '2017-04-03') AS variation \gset

SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET commences_on = '2016-05-01', withdrawal_notice = '1 day', authorised_by = %s
                                   WHERE ref = '7F'$$, :renewal)),
    '23514 agreement_sealed', 'a renewal cited to move the commencement and the notice period is refused');
SELECT throws_ok(format($$UPDATE s22a.agreement SET commences_on = '2016-05-01', withdrawal_notice = '1 day', authorised_by = %s
                          WHERE ref = '7F'$$, :renewal), '23514',
    format('decision %s is a renewal decision and cannot change commences_on of agreement "7F"', :renewal),
    'the message names the column and the kind');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET lead_force = 'BED', title = 'Renamed', expires_on = '2019-03-31', authorised_by = %s
                                   WHERE ref = '7F'$$, :renewal)),
    '23514 agreement_sealed', 'a renewal cited to set the lead force and rename the agreement is refused, even with the right expiry');
SELECT throws_like(format($$UPDATE s22a.agreement SET title = 'Renamed', expires_on = '2019-03-31', authorised_by = %s
                            WHERE ref = '7F'$$, :renewal),
    '%is a renewal decision and cannot change title of agreement "7F"', 'renaming is named');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET expires_on = '2099-03-31', authorised_by = %s WHERE ref = '7F'$$, :renewal)),
    '23514 agreement_sealed', 'a renewal to 31 March 2019 cannot set the expiry to 2099');
SELECT throws_ok(format($$UPDATE s22a.agreement SET expires_on = '2099-03-31', authorised_by = %s WHERE ref = '7F'$$, :renewal), '23514',
    format('decision %s is a renewal to 2019-03-31: expires_on of agreement "7F" cannot be 2099-03-31', :renewal),
    'the message names the new_expiry and the expiry asked for');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET authorised_by = %s WHERE ref = '7F'$$, :renewal)),
    '23514 agreement_sealed', 'citing the renewal without moving the expiry is refused');
SELECT results_eq($$SELECT commences_on, expires_on, title, lead_force, withdrawal_notice FROM s22a.agreement WHERE ref = '7F'$$,
    $$VALUES (date '2015-10-22', date '2017-03-31', 'Seven Force Strategic Collaboration'::text, NULL::s22a.party_code, NULL::interval)$$,
    'the refused changes left the agreement as it was');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET expires_on = '2019-03-31', published_at = 'https://example.org/7f', authorised_by = %s WHERE ref = '7F'$$, :renewal)),
    'accepted', 'the renewal sets the expiry to its new_expiry (publishing, not a change of terms, may go with it)');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET published_at = 'https://example.org/7f-v2', expires_on = '2020-03-31', authorised_by = %s WHERE ref = '7F'$$, :termination)),
    '23514 agreement_sealed', 'moving a publication once set is a change a termination does not authorise');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET review_on = '2019-10-01', expires_on = '2020-03-31', authorised_by = %s WHERE ref = '7F'$$, :termination)),
    '23514 agreement_sealed', 'a termination cannot move the review date');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET lead_force = 'BED', withdrawal_notice = '6 months', authorised_by = %s WHERE ref = '7F'$$, :variation)),
    'accepted', 'a variation changes any term');

-- ---------------------------------------------------------------------------
-- cost_terms_sealed: the decision binds every force charged in the year
-- ---------------------------------------------------------------------------
INSERT INTO force (code, name) VALUES ('BTP', 'British Transport Police'), ('TVP', 'Thames Valley Police');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-BTP', 'BTP', 'chief_officer', 'Chief Constable of British Transport Police'),
    ('BTPA', 'BTP', 'policing_body', 'British Transport Police Authority'),
    ('CC-TVP', 'TVP', 'chief_officer', 'Chief Constable of Thames Valley Police'),
    ('PCC-TVP', 'TVP', 'policing_body', 'Police and Crime Commissioner for Thames Valley');
INSERT INTO agreement (ref, title, commences_on, review_on)
VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16', '2022-04-30');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, '2016-12-16', '2016-12-16' FROM agreement a, party p
WHERE a.ref = 'CTC' AND p.force_code IN ('BED', 'CAM', 'HER', 'TVP');
INSERT INTO budget (agreement_id, fiscal_year, line, amount)
SELECT id, '2020/21', 'vehicle recharge', 2750000.00 FROM agreement WHERE ref = 'CTC';
-- a row this transaction inserted changes freely (no one else has seen it);
-- one it has already updated is treated as a committed row, which is what
-- the register holds for a year long closed (triggers/budget.c, row_origin)
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount, description)
SELECT id, '2020/21', 'BED', 'cash', 250000.00, 'recharge paid' FROM agreement WHERE ref = 'CTC';
UPDATE budget SET amount = amount WHERE fiscal_year = '2020/21';
UPDATE contribution SET amount = amount WHERE fiscal_year = '2020/21';
UPDATE agreement SET executed_on = '2016-12-16' WHERE ref = 'CTC';
CREATE TEMP TABLE ctc AS SELECT id FROM agreement WHERE ref = 'CTC';
-- British Transport Police joins on 1 May 2019 (CPCC2019-008)
SELECT pg_temp.made_decision((SELECT id FROM ctc), 'membership', 'BTP joins', '2019-04-01') AS joins \gset
INSERT INTO agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
SELECT (SELECT id FROM ctc), p, '2019-05-01', '2019-04-29', '2019-04-29', :joins FROM unnest(ARRAY['CC-BTP', 'BTPA']) p;

-- a budget decision of April 2019, at a meeting: the eight parties of the four founding forces
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
SELECT id, 'budget', 'Double the recharge', '2019-04-01', '2019-04-15', '2019-04-08' FROM ctc;
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT pg_temp.d('Double the recharge'), p, '2019-04-15', 'meeting' FROM parties_on((SELECT id FROM ctc), '2019-04-15') p;
UPDATE decision SET state = 'made', made_on = '2019-04-15' WHERE title = 'Double the recharge';
SELECT is((SELECT state::text FROM decision WHERE title = 'Double the recharge'), 'made', 'the April 2019 budget decision is made by the parties of April 2019');

SELECT is(pg_temp.refusal($$UPDATE s22a.budget SET amount = 5500000.00, authorised_by = pg_temp.d('Double the recharge')
                            WHERE agreement_id = (SELECT id FROM ctc) AND fiscal_year = '2020/21'$$),
    '23514 cost_terms_sealed', 'citing it to double the 2020/21 recharge, which BTP bears, is refused');
SELECT throws_like($$UPDATE s22a.budget SET amount = 5500000.00, authorised_by = pg_temp.d('Double the recharge')
                     WHERE agreement_id = (SELECT id FROM ctc) AND fiscal_year = '2020/21'$$,
    '%force BTP, charged in 2020/21, was not a party to it', 'the message names the missing force and the year');
SELECT is((SELECT amount FROM budget WHERE agreement_id = (SELECT id FROM ctc) AND fiscal_year = '2020/21'), 2750000.00,
    'and the recharge stays as it was');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount, authorised_by)
                            SELECT id, '2020/21', 'extra', 100.00, pg_temp.d('Double the recharge') FROM ctc$$),
    '23514 cost_terms_sealed', 'nor may it add a line to the closed year 2020/21');

-- a budget decision of March 2020: every party of the five forces, in writing
SELECT pg_temp.made_decision((SELECT id FROM ctc), 'budget', 'Recharge 2020/21', '2020-03-02') AS budget_2020 \gset
SELECT is(pg_temp.refusal(format($$UPDATE s22a.budget SET amount = 2900000.00, authorised_by = %s
                                   WHERE agreement_id = (SELECT id FROM ctc) AND fiscal_year = '2020/21'$$, :budget_2020)),
    'accepted', 'a budget decision BTP''s parties consented to may change the 2020/21 recharge');


-- ---------------------------------------------------------------------------
-- cost_terms_sealed on contribution: a closed year's contributions
-- ---------------------------------------------------------------------------
SELECT is(pg_temp.refusal($$UPDATE s22a.contribution SET amount = 1.00 WHERE fiscal_year = '2020/21'$$),
    '23514 cost_terms_sealed', 'a contribution of the closed year 2020/21 does not change without a decision (cost_balance would move)');
SELECT throws_like($$UPDATE s22a.contribution SET amount = 1.00 WHERE fiscal_year = '2020/21'$$,
    '%contribution of BED (cash, 1.00) to agreement "CTC" for 2020/21 cannot change without a decision', 'the message names the contribution');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.contribution (agreement_id, fiscal_year, force_code, kind, amount)
                            SELECT id, '2020/21', 'BTP', 'cash', 1.00 FROM ctc$$),
    '23514 cost_terms_sealed', 'nor is one added to 2020/21 without a decision');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.contribution WHERE fiscal_year = '2020/21'$$),
    '23514 cost_terms_sealed', 'nor removed');
SELECT is((SELECT array_agg(amount) FROM contribution WHERE fiscal_year = '2020/21'), ARRAY[250000.00],
    'the closed year''s contributions are as they were');
SELECT is(pg_temp.refusal($$UPDATE s22a.contribution SET amount = 1.00, authorised_by = pg_temp.d('Double the recharge') WHERE fiscal_year = '2020/21'$$),
    '23514 cost_terms_sealed', 'citing the April 2019 decision (BTP not bound) is refused');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.contribution SET amount = 260000.00, authorised_by = %s WHERE fiscal_year = '2020/21'$$, :budget_2020)),
    'accepted', 'citing a budget decision that bound every force charged in 2020/21 is accepted');
INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount)
SELECT id, fiscal_year(current_date), 'BTP', 'cash', 100.00 FROM ctc;
UPDATE contribution SET amount = amount WHERE force_code = 'BTP';
SELECT is(pg_temp.refusal($$UPDATE s22a.contribution SET amount = 200.00 WHERE force_code = 'BTP'$$),
    'accepted', 'the current year''s contributions are written freely');

SELECT * FROM finish();
ROLLBACK;
