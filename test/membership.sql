-- Membership on a date: parties_on / forces_on (src/rules/membership.c,
-- data/membership.c, functions/membership.c)
-- Chiltern Transport Consortium (CPCC2019-008, CTC paper): British Transport
-- Police joins from 1 May 2019.
BEGIN;
SELECT plan(12);
SET LOCAL search_path = s22a, public;
\i test/lib/withdrawal_decision.sql

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('BTP', 'British Transport Police'),
    ('CAM', 'Cambridgeshire Constabulary'), ('HER', 'Hertfordshire Constabulary'),
    ('TVP', 'Thames Valley Police');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Policing body for ' || name FROM force;

INSERT INTO agreement (ref, title, commences_on, expires_on, review_on)
VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16', '2019-03-31', '2022-04-30');
INSERT INTO agreement_party (agreement_id, party_code, joins_on)
SELECT a.id, p.code, CASE WHEN p.force_code = 'BTP' THEN date '2019-05-01' END
FROM agreement a, party p WHERE a.ref = 'CTC';

CREATE TEMP TABLE ctc AS SELECT id FROM agreement WHERE ref = 'CTC';

SELECT is((SELECT count(*) FROM parties_on((SELECT id FROM ctc), '2019-04-30')), 8::bigint,
    'eight corporations sole on 30 April 2019');
SELECT is((SELECT count(*) FROM parties_on((SELECT id FROM ctc), '2019-05-01')), 10::bigint,
    'BTP''s two join on 1 May 2019');
SELECT results_eq($$SELECT * FROM forces_on((SELECT id FROM ctc), '2019-04-30')$$,
    ARRAY['BED', 'CAM', 'HER', 'TVP'], 'forces on 30 April 2019, in code order');
SELECT results_eq($$SELECT * FROM forces_on((SELECT id FROM ctc), '2019-05-01')$$,
    ARRAY['BED', 'BTP', 'CAM', 'HER', 'TVP'], 'BTP is in from its joining day');
SELECT is((SELECT count(*) FROM parties_on((SELECT id FROM ctc), '2016-12-15')), 0::bigint,
    'no joins_on means from commencement: nobody the day before');
SELECT is((SELECT count(*) FROM parties_on((SELECT id FROM ctc), '2025-01-01')), 10::bigint,
    'membership outlives the term: an expired agreement keeps its parties');

-- leaving: out from the leaving day
UPDATE agreement_party SET leaves_on = '2020-04-01'
WHERE agreement_id = (SELECT id FROM ctc) AND party_code IN ('CC-TVP', 'PCC-TVP');
SELECT ok('PCC-TVP' IN (SELECT * FROM parties_on((SELECT id FROM ctc), '2020-03-31')),
    'still a party the day before leaving');
SELECT ok('TVP' NOT IN (SELECT * FROM forces_on((SELECT id FROM ctc), '2020-04-01')),
    'out on the leaving day');

-- withdrawal: out from its effective day, even with no leaves_on (the CTC
-- states no notice period, so the withdrawal cites a membership decision)
SELECT pg_temp.withdrawal_decision('CTC') AS her_leaves \gset
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on, authorised_by)
SELECT id, p, date '2020-06-30', date '2021-07-01', :her_leaves FROM ctc, unnest(ARRAY['CC-HER', 'PCC-HER']) AS p;
SELECT ok('HER' IN (SELECT * FROM forces_on((SELECT id FROM ctc), '2021-06-30')),
    'a withdrawing force is in until its effective day');
SELECT results_eq($$SELECT * FROM forces_on((SELECT id FROM ctc), '2021-07-01')$$,
    ARRAY['BED', 'BTP', 'CAM'], 'and out from it');

SELECT throws_ok($$SELECT * FROM s22a.parties_on(-1, '2020-01-01')$$, '22023',
    'agreement -1 does not exist', 'an unknown agreement is an error, not an empty list');
SELECT is((SELECT count(*) FROM parties_on((SELECT id FROM ctc), NULL)), 0::bigint,
    'NULL date gives nothing (strict)');

SELECT * FROM finish();
ROLLBACK;
