-- Execution of an agreement (src/triggers/agreement.c, trigger agreement_execution):
-- every party on the commencement date signed and declared (Police Act 1996
-- s22A(3)) on or before the execution day, the lead force among the
-- agreement's forces, the statutory shape; and execution is final.
-- Seven Force Strategic Collaboration (Seven Force agreement).
BEGIN;
SELECT plan(23);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql
INSERT INTO force (code, name) VALUES ('MPS', 'Metropolitan Police Service');

-- a draft is freely editable
SELECT lives_ok($$UPDATE s22a.agreement SET review_on = '2016-10-21', expires_on = '2017-03-31' WHERE ref = '7F'$$,
    'a draft''s terms can be edited directly');

-- Kent has not signed; Suffolk's commissioner has not declared
UPDATE agreement_party SET signed_on = NULL WHERE party_code IN ('CC-KEN', 'PCC-KEN');
UPDATE agreement_party SET declared_on = NULL WHERE party_code = 'PCC-SUF';
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2015-10-15' WHERE ref = '7F'$$, '23514',
    'agreement "7F" cannot be executed on 2015-10-15: not signed by CC-KEN, PCC-KEN; no declaration from PCC-SUF on or before that day',
    'execution names every party that has not signed or declared');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET executed_on = '2015-10-15' WHERE ref = '7F'$$),
    '23514 execution_signatures', 'the rule is execution_signatures');
SELECT is((SELECT executed_on FROM agreement WHERE ref = '7F'), NULL::date,
    'a refused execution leaves the agreement a draft');

-- signed, but after the execution day
UPDATE agreement_party SET signed_on = '2015-10-16' WHERE party_code IN ('CC-KEN', 'PCC-KEN');
UPDATE agreement_party SET declared_on = '2015-10-15' WHERE party_code = 'PCC-SUF';
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2015-10-15' WHERE ref = '7F'$$, '23514',
    'agreement "7F" cannot be executed on 2015-10-15: not signed by CC-KEN, PCC-KEN on or before that day',
    'a signature after the execution day does not count');

-- a party that joins after commencement need not have signed at execution
INSERT INTO party (code, force_code, kind, title) VALUES ('COP', NULL, 'other', 'College of Policing');
INSERT INTO agreement_party (agreement_id, party_code, joins_on) VALUES (pg_temp.seven(), 'COP', '2016-04-01');

-- the lead force must be one of the agreement's forces
UPDATE agreement_party SET signed_on = '2015-10-15' WHERE party_code IN ('CC-KEN', 'PCC-KEN');
UPDATE agreement SET lead_force = 'MPS' WHERE ref = '7F';
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2015-10-15' WHERE ref = '7F'$$, '23514',
    'lead force MPS of agreement "7F" has no party to the agreement on its commencement date 2015-10-22',
    'a lead force with no party is refused');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET executed_on = '2015-10-15' WHERE ref = '7F'$$),
    '23514 execution_lead_force', 'the rule is execution_lead_force');
UPDATE agreement SET lead_force = 'CAM' WHERE ref = '7F';

-- everything in order: signed and declared on the execution day itself counts
-- execution is a fact recorded: not on a day to come (second adversarial review)
SELECT throws_like($$UPDATE s22a.agreement SET executed_on = '2999-01-01' WHERE ref = '7F'$$,
    'agreement "7F" cannot be executed on 2999-01-01, a day after today%', 'executed_on after today: refused (execution_final)');
SELECT is((SELECT executed_on FROM agreement WHERE ref = '7F'), NULL::date, 'and the agreement stays a draft');
SELECT lives_ok($$UPDATE s22a.agreement SET executed_on = '2015-10-15' WHERE ref = '7F'$$,
    'executed when all 14 parties have signed and declared by that day');
SELECT is((SELECT executed_on FROM agreement WHERE ref = '7F'), date '2015-10-15', 'executed_on recorded');

-- execution is final
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2015-10-16' WHERE ref = '7F'$$, '23514',
    'agreement "7F" was executed on 2015-10-15; its execution day cannot be changed to 2015-10-16',
    'executed_on cannot be changed');
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = NULL WHERE ref = '7F'$$, '23514',
    'agreement "7F" was executed on 2015-10-15; its execution day cannot be cleared',
    'executed_on cannot be cleared');
SELECT is(pg_temp.refusal($$UPDATE s22a.agreement SET executed_on = NULL WHERE ref = '7F'$$),
    '23514 execution_final', 'the rule is execution_final');
SELECT lives_ok($$UPDATE s22a.agreement SET executed_on = '2015-10-15' WHERE ref = '7F'$$,
    'setting it to the same day changes nothing and is allowed');
-- even with a made variation behind it
SELECT pg_temp.made_decision(pg_temp.seven(), 'variation', 'redate', '2016-01-04') AS variation \gset
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET executed_on = '2015-10-01', authorised_by = %s WHERE ref = '7F'$$, :variation)),
    '23514 execution_final', 'not even a made variation changes the execution day');

-- no hard delete of an executed agreement
SELECT throws_ok($$DELETE FROM s22a.agreement WHERE ref = '7F'$$, '23514',
    'agreement "7F" was executed on 2015-10-15 and cannot be deleted',
    'an executed agreement cannot be deleted');
SELECT is(pg_temp.refusal($$DELETE FROM s22a.agreement WHERE ref = '7F'$$),
    '23514 agreement_no_delete', 'the rule is agreement_no_delete');

-- an agreement without parties cannot be executed, nor inserted executed
INSERT INTO agreement (ref, title, commences_on) VALUES ('EMPTY', 'No parties yet', '2020-01-01');
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-01' WHERE ref = 'EMPTY'$$, '23514',
    'agreement "EMPTY" cannot be executed: it has no parties on its commencement date 2020-01-01',
    'no parties on the commencement date: refused');
SELECT throws_ok($$INSERT INTO s22a.agreement (ref, title, commences_on, executed_on)
                   VALUES ('BORN', 'Inserted executed', '2020-01-01', '2019-12-01')$$, '23514',
    'agreement "BORN" cannot be executed: it has no parties on its commencement date 2020-01-01',
    'an agreement cannot be inserted already executed');

-- a party joining on the commencement day belongs on it and must sign
INSERT INTO agreement (ref, title, commences_on) VALUES ('PAIR', 'Two forces', '2020-01-01');
INSERT INTO agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on)
SELECT a.id, p, j, '2019-12-01', '2019-12-01'
FROM agreement a, (VALUES ('PCC-BED', NULL::date), ('PCC-CAM', date '2020-01-01')) AS v(p, j)
WHERE a.ref = 'PAIR';
UPDATE agreement_party SET signed_on = NULL WHERE party_code = 'PCC-CAM'
    AND agreement_id = (SELECT id FROM agreement WHERE ref = 'PAIR');
SELECT throws_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-20' WHERE ref = 'PAIR'$$, '23514',
    'agreement "PAIR" cannot be executed on 2019-12-20: not signed by PCC-CAM on or before that day',
    'a party joining on the commencement day must have signed');
-- one that leaves before commencement does not
UPDATE agreement_party SET joins_on = '2019-06-01', leaves_on = '2019-12-31'
WHERE party_code = 'PCC-CAM' AND agreement_id = (SELECT id FROM agreement WHERE ref = 'PAIR');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT id, 'PCC-HER', '2019-12-02', '2019-12-02' FROM agreement WHERE ref = 'PAIR';
SELECT lives_ok($$UPDATE s22a.agreement SET executed_on = '2019-12-20' WHERE ref = 'PAIR'$$,
    'a party gone before commencement need not sign');
-- executed after commencement: a draft until the execution day
SELECT is(term_status((SELECT id FROM agreement WHERE ref = 'PAIR'), '2019-12-19'), 'draft'::term_state,
    'draft before its execution day');

SELECT * FROM finish();
ROLLBACK;
