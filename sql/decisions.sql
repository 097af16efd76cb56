-- Decisions and consent: what a clerk sees when a decision is checked and
-- refused.  The Seven Force agreement (clauses 3.3-3.5, 6.2) and
-- the Single Online Home paper (4.3-4.4).  Everything is rolled back.
SET search_path = s22a, public;
SET datestyle = ISO, YMD;
BEGIN;
SET LOCAL client_min_messages = warning;
\set ON_ERROR_ROLLBACK on
-- fixed ids, so the messages below do not depend on what ran before
ALTER TABLE agreement ALTER COLUMN id RESTART WITH 900001;
ALTER TABLE decision ALTER COLUMN id RESTART WITH 900001;

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire'), ('CAM', 'Cambridgeshire'), ('ESX', 'Essex'), ('HER', 'Hertfordshire'),
    ('KEN', 'Kent'), ('NOR', 'Norfolk'), ('SUF', 'Suffolk'), ('MPS', 'Metropolitan Police Service')
ON CONFLICT DO NOTHING;
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
 WHERE code IN ('BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF', 'MPS')
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name FROM force
 WHERE code IN ('BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF', 'MPS')
ON CONFLICT DO NOTHING;
INSERT INTO agreement (ref, title, commences_on, expires_on, review_on)
VALUES ('7F-regress', 'Seven Force Strategic Collaboration', '2015-10-22', '2017-03-31', '2016-10-21');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT 900001, code FROM party WHERE force_code IN ('BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF')
   AND kind <> 'other';

INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on, new_expiry) VALUES
    (900001, 'renewal', 'Renew to 31 March 2019', '2016-10-21', NULL, NULL, '2019-03-31'),
    (900001, 'in_principle', 'Custody business case', '2016-03-01', '2016-03-29', '2016-03-23', NULL);
INSERT INTO decision_impact VALUES (900002, 'CC-CAM'), (900002, 'PCC-CAM');

-- who must consent
SELECT d.id, d.kind, d.meeting_on, count(*) AS parties_required, min(r) || ' .. ' || max(r) AS codes
  FROM decision d, consent_required(d.id) AS r
 GROUP BY d.id, d.kind, d.meeting_on ORDER BY d.id;

-- 13 written consents and one at a meeting for the renewal
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT 900001, p, '2016-11-01', CASE WHEN p = 'PCC-SUF' THEN 'meeting' ELSE 'decision_notice' END::consent_form,
       CASE WHEN p = 'PCC-CAM' THEN 'CPCC2016-012' END
  FROM parties_on(900001, '2016-10-21') AS p WHERE p NOT IN ('CC-NOR');
INSERT INTO consent VALUES (900002, 'CC-CAM', '2016-03-29', 'meeting'), (900002, 'PCC-CAM', '2016-03-29', 'meeting');

SELECT d.id, c.rule, c.ok, c.detail FROM decision d, decision_check(d.id) AS c ORDER BY d.id;
SELECT * FROM consent_missing(900001);

\set VERBOSITY default
-- refusals: each names the rule (the constraint), the parties or the shortfall, and a fix
UPDATE decision SET state = 'made' WHERE id = 900001;
INSERT INTO consent VALUES (900001, 'CC-NOR', '2016-11-02', 'email');
UPDATE decision SET state = 'made' WHERE id = 900001;
UPDATE decision SET state = 'made' WHERE id = 900002;
-- a renewal without its new expiry
UPDATE decision SET new_expiry = NULL WHERE id = 900001;
INSERT INTO consent VALUES (900002, 'CC-MPS', '2016-03-29', 'letter');

UPDATE consent SET form = 'letter', reference = 'Letter of 2 November 2016' WHERE decision_id = 900001 AND party_code = 'PCC-SUF';
-- clearing new_expiry changed what the renewal decides: its consents are void (kept, marked today)
SELECT count(*) AS consents, count(*) FILTER (WHERE voided_on = current_date) AS voided_today FROM consent WHERE decision_id = 900001;
UPDATE decision SET state = 'made' WHERE id = 900001;
-- the parties consent again (dated today, after the void)
UPDATE consent SET voided_on = NULL, given_on = current_date WHERE decision_id = 900001;
UPDATE decision SET state = 'made' WHERE id = 900001;
-- setting new_expiry while making it voids the consents given without it
UPDATE decision SET state = 'made', new_expiry = '2019-03-31' WHERE id = 900001;
-- so the expiry is set first, and the parties consent to the renewal to 2019
UPDATE decision SET new_expiry = '2019-03-31' WHERE id = 900001;
UPDATE consent SET voided_on = NULL, given_on = current_date WHERE decision_id = 900001;
-- made_on: not before the decision was proposed (nor after today)
UPDATE decision SET state = 'made', made_on = '2016-10-20' WHERE id = 900001;
-- made today, the renewal comes years after the expiry 2017-03-31 it would
-- extend: too late (term_change_in_time; clause 6.2, renewed before the end).
-- The message names today, so only the rule is shown here.
DO $$
DECLARE rule text;
BEGIN
    UPDATE s22a.decision SET state = 'made' WHERE id = 900001;
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS rule = CONSTRAINT_NAME;
    RAISE WARNING 'refused by rule %', rule;
END $$;
UPDATE decision SET state = 'made', notice_given_on = '2016-03-22' WHERE id = 900002;
SELECT id, kind, state, CASE WHEN made_on = current_date THEN 'today' ELSE made_on::text END AS made_on, new_expiry FROM decision ORDER BY id;

UPDATE decision SET title = 'Proceed, renamed' WHERE id = 900002;
DELETE FROM consent WHERE decision_id = 900002;
DELETE FROM decision WHERE id = 900002;

-- Single Online Home: the host holds 50, four forces share 50
INSERT INTO agreement (ref, title, commences_on, withdrawal_notice)
VALUES ('SOH-regress', 'Single Online Home', '2019-04-01', '12 months');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT 900002, code FROM party WHERE force_code IN ('MPS', 'BED', 'CAM', 'HER', 'NOR') AND kind <> 'other';
INSERT INTO voting_weight
SELECT 900002, code, CASE force_code WHEN 'MPS' THEN 50 ELSE 12.5 END
  FROM party WHERE force_code IN ('MPS', 'BED', 'CAM', 'HER', 'NOR') AND kind = 'chief_officer';
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (900002, 'in_principle', 'SOH development fund', '2020-01-06', '2020-01-20', '2020-01-10');
INSERT INTO vote VALUES (900003, 'CC-MPS', true);
SELECT * FROM vote_result(900003);
UPDATE decision SET state = 'made' WHERE id = 900003;
INSERT INTO vote VALUES (900003, 'PCC-BED', true);
INSERT INTO vote VALUES (900003, 'CC-BED', false), (900003, 'CC-CAM', true);
SELECT * FROM vote_result(900003);
SELECT rule, ok, detail FROM decision_check(900003);
UPDATE decision SET state = 'made' WHERE id = 900003;
ROLLBACK;
