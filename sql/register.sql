-- The register: term validity and the rules a person meets when recording
-- agreements (src/rules/, src/triggers/).  Everything runs in one transaction
-- that is rolled back, so later tests start from an empty register; psql
-- rolls back each refused statement alone (ON_ERROR_ROLLBACK).
SET search_path = s22a, public;
SET datestyle = ISO;
BEGIN;
\set ON_ERROR_ROLLBACK on

-- Seven Force Strategic Collaboration (Seven Force agreement): 7 forces, 14 parties,
-- in force 22 October 2015 to 31 March 2017, review 21 October 2016.
INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('ESS', 'Essex Police'), ('HER', 'Hertfordshire Constabulary'),
    ('KEN', 'Kent Police'), ('NOR', 'Norfolk Constabulary'),
    ('SUF', 'Suffolk Constabulary');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name FROM force;
INSERT INTO agreement (ref, title, commences_on, expires_on, review_on)
VALUES ('7F', 'Seven Force Strategic Collaboration', '2015-10-22', '2017-03-31', '2016-10-21');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p.code, date '2015-10-01', date '2015-10-01' FROM agreement a, party p WHERE a.ref = '7F';
SELECT id AS seven FROM agreement WHERE ref = '7F' \gset

-- the status of its term on the dates that matter, before and after execution
CREATE TEMP VIEW seven_force_term AS
SELECT d AS on_date, term_status(:seven, d), in_force(:seven, d)
FROM unnest(ARRAY['2015-10-14', '2015-10-15', '2015-10-21', '2015-10-22', '2016-10-21',
                  '2017-03-31', '2017-04-01', '2019-03-31', '2019-04-01', '2021-03-31',
                  '2021-04-01']::date[]) AS d;
SELECT * FROM seven_force_term;

-- execution is refused while a party has not signed or declared
UPDATE agreement_party SET signed_on = NULL WHERE party_code IN ('CC-KEN', 'PCC-KEN');
UPDATE agreement_party SET declared_on = '2015-10-20' WHERE party_code = 'PCC-SUF';
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';
UPDATE agreement_party SET signed_on = '2015-10-14' WHERE party_code IN ('CC-KEN', 'PCC-KEN');
UPDATE agreement_party SET declared_on = '2015-10-14' WHERE party_code = 'PCC-SUF';
-- and when the lead force has no party to it
INSERT INTO force (code, name) VALUES ('MPS', 'Metropolitan Police Service');
UPDATE agreement SET lead_force = 'MPS', executed_on = '2015-10-15' WHERE ref = '7F';

-- executed on 15 October 2015: pending until 22 October, expired from 1 April 2017
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';
SELECT * FROM seven_force_term;
SELECT effective_expiry(:seven);

-- sealed: a direct change of its terms is refused
UPDATE agreement SET expires_on = '2019-03-31' WHERE ref = '7F';
UPDATE agreement SET executed_on = NULL WHERE ref = '7F';
DELETE FROM agreement WHERE ref = '7F';
DELETE FROM agreement_party WHERE party_code = 'CC-BED';

-- renewed in writing by all the parties (clause 6.2): proposed, consented
-- by letter from each of the 14, made; then the terms cite it
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (:seven, 'renewal', 'extend to 31 March 2019', '2017-03-01', '2019-03-31')
RETURNING id AS renewal_2019 \gset
UPDATE agreement SET expires_on = '2019-03-31', authorised_by = :renewal_2019 WHERE ref = '7F';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :renewal_2019, p, '2017-03-01', 'letter' FROM parties_on(:seven, '2017-03-01') p;
UPDATE decision SET state = 'made', made_on = '2017-03-01' WHERE id = :renewal_2019;
UPDATE agreement SET expires_on = '2019-03-31', authorised_by = :renewal_2019 WHERE ref = '7F';
SELECT effective_expiry(:seven);
-- the next change needs its own decision
UPDATE agreement SET expires_on = '2021-03-31' WHERE ref = '7F';
-- CPCC2019-007: extended for a further two years until 31 March 2021
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (:seven, 'renewal', 'CPCC2019-007', '2019-02-28', '2021-03-31')
RETURNING id AS cpcc2019_007 \gset
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT :cpcc2019_007, p, '2019-02-28', 'decision_notice', 'CPCC2019-007' FROM parties_on(:seven, '2019-02-28') p;
UPDATE decision SET state = 'made', made_on = '2019-02-28' WHERE id = :cpcc2019_007;
UPDATE agreement SET expires_on = '2021-03-31', authorised_by = :cpcc2019_007 WHERE ref = '7F';
SELECT * FROM seven_force_term;
SELECT effective_expiry(:seven);

-- a made termination: terminated, not expired, after its last day
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
VALUES (:seven, 'termination', 'wind up the programme', '2020-01-15', '2020-06-30')
RETURNING id AS ended \gset
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :ended, p, '2020-01-15', 'letter' FROM parties_on(:seven, '2020-01-15') p;
UPDATE decision SET state = 'made', made_on = '2020-01-15' WHERE id = :ended;
SELECT d AS on_date, term_status(:seven, d)
FROM unnest(ARRAY['2020-06-30', '2020-07-01']::date[]) AS d;
SELECT effective_expiry(:seven);

-- an unknown agreement
SELECT term_status(-1, '2020-01-01');

-- The statutory shape (Police Act 1996 s22A, s23C(6)): Chiltern Transport
-- Consortium, British Transport Police joining on 1 May 2019 (CPCC2019-008)
INSERT INTO force (code, name) VALUES ('BTP', 'British Transport Police'), ('TVP', 'Thames Valley Police');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-BTP', 'BTP', 'chief_officer', 'Chief Constable of British Transport Police'),
    ('BTPA', 'BTP', 'policing_body', 'British Transport Police Authority'),
    ('CC-TVP', 'TVP', 'chief_officer', 'Chief Constable of Thames Valley Police'),
    ('PCC-TVP', 'TVP', 'policing_body', 'Police and Crime Commissioner for Thames Valley');
INSERT INTO agreement (ref, title, commences_on, review_on)
VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16', '2022-04-30')
RETURNING id AS ctc \gset
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT :ctc, code, '2016-12-01', '2016-12-01' FROM party WHERE force_code IN ('BED', 'CAM', 'HER', 'TVP');
UPDATE agreement SET executed_on = '2016-12-01' WHERE id = :ctc;
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (:ctc, 'membership', 'CPCC2019-008: British Transport Police joins', '2019-04-15')
RETURNING id AS cpcc2019_008 \gset
INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT :cpcc2019_008, p, '2019-04-15', 'decision_notice', 'CPCC2019-008' FROM parties_on(:ctc, '2019-04-15') p;
UPDATE decision SET state = 'made', made_on = '2019-04-15' WHERE id = :cpcc2019_008;
-- the "nine corporations sole" of the decision record: no BTPA
INSERT INTO agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
VALUES (:ctc, 'CC-BTP', '2019-05-01', '2019-04-20', '2019-04-20', :cpcc2019_008);
-- ten, with the British Transport Police Authority
INSERT INTO agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
VALUES (:ctc, 'CC-BTP', '2019-05-01', '2019-04-20', '2019-04-20', :cpcc2019_008),
       (:ctc, 'BTPA', '2019-05-01', '2019-04-20', '2019-04-20', :cpcc2019_008);
SELECT d AS on_date, array(SELECT forces_on(:ctc, d)) AS forces, (SELECT count(*) FROM parties_on(:ctc, d)) AS parties
FROM unnest(ARRAY['2019-04-30', '2019-05-01']::date[]) AS d;
-- a membership change citing the decision of another agreement
INSERT INTO agreement_party (agreement_id, party_code, joins_on, authorised_by)
VALUES (:ctc, 'CC-ESS', '2020-01-01', :renewal_2019);

-- the other shapes, at execution
INSERT INTO agreement (ref, title, commences_on) VALUES
    ('CHIEFS', 'Chief officers alone', '2020-01-01'),
    ('ONE', 'One policing body', '2020-01-01');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p, date '2019-12-01', date '2019-12-01'
FROM agreement a, unnest(ARRAY['CC-ESS', 'CC-NOR']) p WHERE a.ref = 'CHIEFS'
UNION ALL
SELECT a.id, p, date '2019-12-01', date '2019-12-01'
FROM agreement a, unnest(ARRAY['CC-ESS', 'PCC-ESS']) p WHERE a.ref = 'ONE';
UPDATE agreement SET executed_on = '2019-12-02' WHERE ref = 'CHIEFS';
UPDATE agreement SET executed_on = '2019-12-02' WHERE ref = 'ONE';

-- Withdrawal on 12 months' notice: Single Online Home (Single Online Home paper, para 4.5)
INSERT INTO agreement (ref, title, commences_on, withdrawal_notice)
VALUES ('SOH', 'Single Online Home', '2018-04-01', '12 months')
RETURNING id AS soh \gset
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT :soh, code, '2018-03-01', '2018-03-01' FROM party WHERE force_code IN ('BED', 'CAM', 'HER');
UPDATE agreement SET executed_on = '2018-03-15' WHERE id = :soh;
-- one day short
INSERT INTO withdrawal VALUES (:soh, 'PCC-HER', '2019-07-01', '2020-06-30');
-- recorded today, a withdrawal taking effect in 2020/21 falls in a financial
-- year that has ended: it needs a made membership or variation decision (the
-- message names this year's first day, so only the rule is shown here)
DO $$
DECLARE rule text;
BEGIN
    INSERT INTO s22a.withdrawal SELECT id, p, '2019-07-01', '2020-07-01'
      FROM s22a.agreement, unnest(ARRAY['CC-HER', 'PCC-HER']) AS p WHERE ref = 'SOH';
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS rule = CONSTRAINT_NAME;
    RAISE NOTICE 'refused by rule %', rule;
END $$;
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (:soh, 'membership', 'Hertfordshire leaves on 1 July 2020', '2019-07-01')
RETURNING id AS her_leaves \gset
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :her_leaves, p, '2019-07-01', 'letter' FROM parties_on(:soh, '2019-07-01') AS p;
UPDATE decision SET state = 'made', made_on = '2019-07-01' WHERE id = :her_leaves;
-- the commissioner alone would strand its chief constable
INSERT INTO withdrawal VALUES (:soh, 'PCC-HER', '2019-07-01', '2020-07-01', :her_leaves);
-- both, exactly 12 months, citing the decision
INSERT INTO withdrawal VALUES (:soh, 'CC-HER', '2019-07-01', '2020-07-01', :her_leaves),
                              (:soh, 'PCC-HER', '2019-07-01', '2020-07-01', :her_leaves);
SELECT d AS on_date, array(SELECT forces_on(:soh, d)) AS forces
FROM unnest(ARRAY['2020-06-30', '2020-07-01']::date[]) AS d;
-- the CTC states no notice period: each party is committed for the term
INSERT INTO withdrawal VALUES (:ctc, 'CC-HER', current_date, current_date + 1);
-- a party that is not a member on the day it gives notice (citing a
-- membership decision, so only membership is in question)
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (:ctc, 'membership', 'Parties may leave', '2019-04-01')
RETURNING id AS ctc_leave \gset
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :ctc_leave, p, '2019-04-01', 'letter' FROM parties_on(:ctc, '2019-04-01') AS p;
UPDATE decision SET state = 'made', made_on = '2019-04-01' WHERE id = :ctc_leave;
INSERT INTO withdrawal VALUES (:ctc, 'CC-BTP', '2019-04-01', '2019-04-02', :ctc_leave);

ROLLBACK;
