-- The statutory shape of the parties (src/rules/statutory_shape.c, trigger
-- statutory_shape; Police Act 1996 s22A(1), (3), (5) as amended in 2017,
-- s23C(6)), checked at execution and after every statement that changes the
-- membership of an executed agreement, on every day membership changes.
-- Chiltern Transport Consortium (CPCC2019-008, CTC paper): British Transport
-- Police joins from 1 May 2019.
BEGIN;
SELECT plan(25);
SET LOCAL search_path = s22a, public;

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('BTP', 'British Transport Police'),
    ('CAM', 'Cambridgeshire Constabulary'), ('HER', 'Hertfordshire Constabulary'),
    ('TVP', 'Thames Valley Police');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name
FROM force WHERE code <> 'BTP'
UNION ALL
SELECT 'BTPA', 'BTP', 'policing_body', 'British Transport Police Authority'
UNION ALL
SELECT 'COP', NULL, 'other', 'College of Policing';

-- A draft with the given parties, all signed and declared on 1 December 2019,
-- commencing 1 January 2020.
CREATE FUNCTION pg_temp.draft(r text, parties text[]) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE a bigint;
BEGIN
    INSERT INTO s22a.agreement (ref, title, commences_on) VALUES (r, r, '2020-01-01') RETURNING id INTO a;
    INSERT INTO s22a.agreement_party (agreement_id, party_code, signed_on, declared_on)
    SELECT a, p, '2019-12-01', '2019-12-01' FROM unnest(parties) p;
    RETURN a;
END $$;
CREATE FUNCTION pg_temp.made_decision(agreement bigint, k s22a.decision_kind, t text, on_day date)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE d bigint;
BEGIN
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
    VALUES (agreement, k, t, on_day) RETURNING id INTO d;
    INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
    SELECT d, p, on_day, 'letter', t FROM s22a.parties_on(agreement, on_day) AS p;
    UPDATE s22a.decision SET state = 'made', made_on = on_day WHERE id = d;
    RETURN d;
END $$;
\i test/lib/refusal.sql

-- the five shapes ---------------------------------------------------------
SELECT pg_temp.draft('CHIEFS', ARRAY['CC-BED', 'CC-CAM']) AS chiefs,
       pg_temp.draft('ONE', ARRAY['CC-BED', 'PCC-BED']) AS one,
       pg_temp.draft('ORPHAN', ARRAY['CC-BED', 'PCC-CAM', 'PCC-HER']) AS orphan,
       pg_temp.draft('TWO', ARRAY['PCC-BED', 'PCC-CAM']) AS two,
       pg_temp.draft('WITHOTHER', ARRAY['PCC-BED', 'COP']) AS withother \gset
SELECT pass('a draft may have any parties while it is drafted');

SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-02' WHERE ref = 'CHIEFS'$$, '23514',
    'agreement "CHIEFS" would have no policing body as a party on 2020-01-01',
    'chief officers alone: refused');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET executed_on = '2019-12-02' WHERE ref = 'CHIEFS'$$),
    '23514 statutory_shape', 'the rule is statutory_shape');
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-02' WHERE ref = 'ONE'$$, '23514',
    'agreement "ONE" would have only one policing body (PCC-BED) and no other party on 2020-01-01',
    'one policing body and no other party: refused');
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-02' WHERE ref = 'ORPHAN'$$, '23514',
    'chief officer CC-BED would be a party to agreement "ORPHAN" on 2020-01-01 without PCC-BED, the policing body that maintains its force',
    'a chief officer without its own policing body: refused, even with two others');
SELECT lives_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-02' WHERE ref = 'TWO'$$,
    'two policing bodies alone: accepted');
SELECT lives_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-02' WHERE ref = 'WITHOTHER'$$,
    'one policing body with an other party: accepted');
SELECT is((SELECT executed_on FROM agreement WHERE ref = 'CHIEFS'), NULL::date,
    'a refused execution leaves the draft unexecuted');

-- a later day counts too: a chief officer joining later without its body
SELECT pg_temp.draft('LATER', ARRAY['PCC-BED', 'PCC-CAM']) AS later \gset
INSERT INTO agreement_party (agreement_id, party_code, joins_on) VALUES (:later, 'CC-HER', '2020-06-01');
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-02' WHERE ref = 'LATER'$$, '23514',
    'chief officer CC-HER would be a party to agreement "LATER" on 2020-06-01 without PCC-HER, the policing body that maintains its force',
    'execution checks every day membership changes, not only commencement');

-- Chiltern Transport Consortium ---------------------------------------------
INSERT INTO agreement (ref, title, commences_on, review_on)
VALUES ('CTC', 'Chiltern Transport Consortium', '2016-12-16', '2022-04-30');
SELECT id AS ctc FROM agreement WHERE ref = 'CTC' \gset
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT :ctc, code, '2016-12-01', '2016-12-01' FROM party
WHERE force_code IN ('BED', 'CAM', 'HER', 'TVP');
UPDATE agreement SET executed_on = '2016-12-01' WHERE id = :ctc;
-- CPCC2019-008: the amended agreement for British Transport Police to join
SELECT pg_temp.made_decision(:ctc, 'membership', 'CPCC2019-008', '2019-04-15') AS cpcc2019_008 \gset

-- "the nine corporations sole": the BTP chief constable without the
-- British Transport Police Authority
SELECT throws_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
                          VALUES (%s, 'CC-BTP', '2019-05-01', '2019-04-20', '2019-04-20', %s)$$, :ctc, :cpcc2019_008), '23514',
    'chief officer CC-BTP would be a party to agreement "CTC" on 2019-05-01 without BTPA, the policing body that maintains its force',
    'the nine corporations sole of CPCC2019-008 (no BTPA): refused');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, authorised_by)
                                   VALUES (%s, 'CC-BTP', '2019-05-01', %s)$$, :ctc, :cpcc2019_008)),
    '23514 statutory_shape', 'refused by statutory_shape');
SELECT is((SELECT count(*) FROM parties_on(:ctc, '2019-05-01')), 8::bigint,
    'the refused statement left the membership unchanged');
SELECT lives_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
                         VALUES (%1$s, 'CC-BTP', '2019-05-01', '2019-04-20', '2019-04-20', %2$s),
                                (%1$s, 'BTPA', '2019-05-01', '2019-04-20', '2019-04-20', %2$s)$$, :ctc, :cpcc2019_008),
    'with the British Transport Police Authority as the tenth party in the same INSERT: accepted');
SELECT is((SELECT count(*) FROM parties_on(:ctc, '2019-04-30')), 8::bigint, 'eight parties on 30 April 2019');
SELECT is((SELECT count(*) FROM parties_on(:ctc, '2019-05-01')), 10::bigint, 'ten from 1 May 2019');
SELECT results_eq(format($$SELECT * FROM s22a.forces_on(%s, '2019-05-01')$$, :ctc),
    ARRAY['BED', 'BTP', 'CAM', 'HER', 'TVP'], 'five forces from 1 May 2019');
SELECT is(term_status(:ctc, '2019-05-01'), 'in_force'::term_state, 'open ended: in force');

-- leaving: the commissioner cannot leave its chief constable behind
SELECT pg_temp.made_decision(:ctc, 'membership', 'Thames Valley leaves', '2020-12-01') AS tvp_leaves \gset
SELECT throws_ok(format($$UPDATE s22a.agreement_party SET leaves_on = '2021-04-01', authorised_by = %s
                          WHERE agreement_id = %s AND party_code = 'PCC-TVP'$$, :tvp_leaves, :ctc), '23514',
    'chief officer CC-TVP would be a party to agreement "CTC" on 2021-04-01 without PCC-TVP, the policing body that maintains its force',
    'a policing body leaving before its chief officer: refused on the leaving day');
SELECT lives_ok(format($$UPDATE s22a.agreement_party SET leaves_on = '2021-04-01', authorised_by = %s
                         WHERE agreement_id = %s AND party_code IN ('PCC-TVP', 'CC-TVP')$$, :tvp_leaves, :ctc),
    'both leaving the same day in one UPDATE, each row citing the decision: accepted');
SELECT results_eq(format($$SELECT * FROM s22a.forces_on(%s, '2021-04-01')$$, :ctc),
    ARRAY['BED', 'BTP', 'CAM', 'HER'], 'Thames Valley is out from 1 April 2021');

-- down to one policing body and no other party: refused on that day
SELECT pg_temp.made_decision(:two, 'membership', 'Cambridgeshire leaves', '2020-02-01') AS cam_leaves \gset
SELECT throws_ok(format($$UPDATE s22a.agreement_party SET leaves_on = '2020-04-01', authorised_by = %s
                          WHERE agreement_id = %s AND party_code = 'PCC-CAM'$$, :cam_leaves, :two), '23514',
    'agreement "TWO" would have only one policing body (PCC-BED) and no other party on 2020-04-01',
    'leaving one policing body alone: refused');
SELECT lives_ok(format($$UPDATE s22a.agreement_party SET leaves_on = '2020-04-01', authorised_by = %s
                         WHERE agreement_id = %s$$, :cam_leaves, :two),
    'everyone leaving the same day ends the agreement: accepted');

-- deferred: a chief officer and its policing body added in two statements
SELECT pg_temp.made_decision(:withother, 'membership', 'Hertfordshire joins', '2020-02-01') AS her_joins \gset
SET CONSTRAINTS statutory_shape DEFERRED;
SELECT throws_ok(format($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, authorised_by)
                          VALUES (%s, 'CC-HER', '2020-03-01', %s);
                          SET CONSTRAINTS statutory_shape IMMEDIATE$$, :withother, :her_joins), '23514',
    'chief officer CC-HER would be a party to agreement "WITHOTHER" on 2020-03-01 without PCC-HER, the policing body that maintains its force',
    'deferred, the check still runs when the constraint is made immediate');
SET CONSTRAINTS statutory_shape DEFERRED;
INSERT INTO agreement_party (agreement_id, party_code, joins_on, authorised_by)
VALUES (:withother, 'CC-HER', '2020-03-01', :her_joins);
INSERT INTO agreement_party (agreement_id, party_code, joins_on, authorised_by)
VALUES (:withother, 'PCC-HER', '2020-03-01', :her_joins);
SELECT lives_ok($$SET CONSTRAINTS statutory_shape IMMEDIATE$$,
    'deferred: chief officer and policing body added in two statements pass together');
SELECT is((SELECT count(*) FROM parties_on(:withother, '2020-03-01')), 4::bigint,
    'both are parties from 1 March 2020');

SELECT * FROM finish();
ROLLBACK;
