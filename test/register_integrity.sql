-- Integrity of the register's facts (the issue "No way around the rules",
-- items 5 and 6; doc/register.md): party_sealed, the kind and force of a
-- party to an executed agreement do not change (triggers/party.c); and
-- withdrawal_notice_date, notice is not dated after today, nor before today
-- by a party's own role (triggers/withdrawal.c).  Seven Force Strategic
-- Collaboration (Seven Force agreement) as the executed agreement.
BEGIN;
SELECT plan(19);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql
\i test/lib/withdrawal_decision.sql
UPDATE agreement SET executed_on = '2015-10-15' WHERE ref = '7F';
-- a draft with one more force, which no executed agreement rests on
INSERT INTO force (code, name) VALUES ('MPS', 'Metropolitan Police Service');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-MPS', 'MPS', 'chief_officer', 'Commissioner of Police of the Metropolis'),
    ('PCC-MPS', 'MPS', 'policing_body', 'Mayor''s Office for Policing and Crime');
INSERT INTO agreement (ref, title, commences_on) VALUES ('DRAFT', 'A draft', '2027-04-01');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT id, p FROM agreement, unnest(ARRAY['CC-MPS', 'PCC-MPS', 'CC-BED', 'PCC-BED']) p WHERE ref = 'DRAFT';

-- party_sealed -------------------------------------------------------------
SELECT throws_ok($$UPDATE s22a.party SET kind = 'other', force_code = NULL WHERE code = 'PCC-CAM'$$, '23514',
    'party PCC-CAM is a party to executed agreement "7F": its kind, force_code cannot change',
    'a policing body of an executed agreement cannot become an other party (its chief officer would have no body)');
SELECT is(pg_temp.refusal($$UPDATE s22a.party SET kind = 'other', force_code = NULL WHERE code = 'PCC-CAM'$$),
    '23514 party_sealed', 'the rule is party_sealed');
SELECT is((SELECT kind::text || ' ' || force_code FROM party WHERE code = 'PCC-CAM'), 'policing_body CAM',
    'and the party is unchanged');
INSERT INTO force (code, name) VALUES ('NEW', 'A new force');
SELECT throws_ok($$UPDATE s22a.party SET force_code = 'NEW' WHERE code = 'CC-CAM'$$, '23514',
    'party CC-CAM is a party to executed agreement "7F": its force_code cannot change',
    'moving a chief officer to another force is refused (past cost shares would move with it)');
SELECT throws_ok($$DELETE FROM s22a.party WHERE code = 'CC-BED'$$, '23514',
    'party CC-BED cannot be deleted: it is a party to executed agreement "7F"',
    'a party to an executed agreement is not deleted');
-- a second executed agreement: the message names both
INSERT INTO agreement (ref, title, commences_on) VALUES ('2F', 'Two forces', '2016-04-01');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT id, p, '2016-03-01', '2016-03-01' FROM agreement, unnest(ARRAY['CC-ESS', 'PCC-ESS', 'CC-KEN', 'PCC-KEN']) p WHERE ref = '2F';
UPDATE agreement SET executed_on = '2016-03-15' WHERE ref = '2F';
SELECT throws_ok($$UPDATE s22a.party SET kind = 'other', force_code = NULL WHERE code = 'PCC-ESS'$$, '23514',
    'party PCC-ESS is a party to executed agreements "2F", "7F": its kind, force_code cannot change',
    'the message names every executed agreement of the party');
SELECT lives_ok($$UPDATE s22a.party SET title = 'Police, Fire and Crime Commissioner for Essex' WHERE code = 'PCC-ESS'$$,
    'the title stays editable (an office renamed)');
SELECT lives_ok($$UPDATE s22a.party SET force_code = 'NEW' WHERE code = 'CC-MPS'$$,
    'a party only to a draft can still be corrected');
SELECT lives_ok($$DELETE FROM s22a.agreement_party WHERE party_code = 'PCC-MPS';
                  DELETE FROM s22a.party WHERE code = 'PCC-MPS'$$,
    'and deleted once it is in no agreement');
SELECT is((SELECT array_agg(tgname::text ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 's22a.party'::regclass AND NOT tgisinternal),
    ARRAY['audit', 'audit_insert', 'party_sealed', 'register_no_truncate'], 'party carries party_sealed');

-- withdrawal_notice_date -----------------------------------------------------
-- an open-ended agreement of four forces, three months' notice
INSERT INTO agreement (ref, title, commences_on, withdrawal_notice) VALUES ('4F', 'Four forces', '2016-04-01', '3 months');
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT id, p, '2016-03-01', '2016-03-01' FROM agreement,
       unnest(ARRAY['CC-HER', 'PCC-HER', 'CC-NOR', 'PCC-NOR', 'CC-SUF', 'PCC-SUF', 'CC-BED', 'PCC-BED']) p WHERE ref = '4F';
UPDATE agreement SET executed_on = '2016-03-15' WHERE ref = '4F';
SELECT id AS three FROM agreement WHERE ref = '4F' \gset

SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-SUF', current_date + 1, current_date + 200),
                                                              (%1$s, 'PCC-SUF', current_date + 1, current_date + 200)$$, :three), '23514',
    format('withdrawal of CC-SUF from agreement "4F": notice cannot be given on %s, after today (%s)',
           to_char(current_date + 1, 'YYYY-MM-DD'), to_char(current_date, 'YYYY-MM-DD')),
    'notice dated tomorrow is refused, even for a clerk');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'CC-SUF', current_date + 1, current_date + 200)$$, :three)),
    '23514 withdrawal_notice_date', 'the rule is withdrawal_notice_date');
-- a notice given years ago takes effect in a financial year that has ended:
-- recording it needs a made membership or variation decision
-- (withdrawal_closed_year), which the owner (as a clerk) cites
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-NOR', '2019-07-01', '2019-10-01'),
                                                                    (%1$s, 'PCC-NOR', '2019-07-01', '2019-10-01')$$, :three)),
    '23514 withdrawal_closed_year', 'a notice given in writing years ago, effective in a closed year, cites a decision');
SELECT pg_temp.withdrawal_decision('4F') AS nor_leaves \gset
SELECT pg_temp.withdrawal_decision('4F', 'Norfolk''s notice corrected') AS nor_corrected \gset
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-NOR', '2019-07-01', '2019-10-01', %2$s),
                                                             (%1$s, 'PCC-NOR', '2019-07-01', '2019-10-01', %2$s)$$, :three, :nor_leaves),
    'the owner (as a clerk) records a notice given in writing years ago, citing the decision');

-- a party's own role (doc/security.md): party_member maps it to its parties
SELECT count(*) FROM create_roles() \g /dev/null
CREATE ROLE integrity_her IN ROLE s22a_party;
INSERT INTO party_member (party_code, role_name) VALUES ('CC-HER', 'integrity_her'), ('PCC-HER', 'integrity_her');
SET LOCAL ROLE integrity_her;
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-HER', '2019-07-01', '2019-10-01'),
                                                              (%1$s, 'PCC-HER', '2019-07-01', '2019-10-01')$$, :three), '23514',
    format('withdrawal of CC-HER from agreement "4F": a party''s own role cannot give notice dated 2019-07-01, before today (%s)',
           to_char(current_date, 'YYYY-MM-DD')),
    'a party''s own role cannot give notice dated years ago (it would rewrite the past years'' cost shares)');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'CC-HER', current_date - 1, current_date + 200)$$, :three)),
    '23514 withdrawal_notice_date', 'nor yesterday');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-HER', current_date, current_date + 200),
                                                             (%1$s, 'PCC-HER', current_date, current_date + 200)$$, :three),
    'it gives notice dated today');
RESET ROLE;
SELECT is((SELECT count(*) FROM withdrawal WHERE agreement_id = :three AND notice_given_on = current_date), 2::bigint,
    'both of Hertfordshire''s notices are recorded');
-- a clerk (through s22a_clerk) is no party's own role
CREATE ROLE integrity_clerk IN ROLE s22a_clerk;
SET LOCAL ROLE integrity_clerk;
SELECT lives_ok(format($$UPDATE s22a.withdrawal SET notice_given_on = '2019-06-28', effective_on = '2019-10-01', authorised_by = %s
                         WHERE agreement_id = %s AND party_code IN ('CC-NOR', 'PCC-NOR')$$, :nor_corrected, :three),
    'a clerk corrects an old notice''s date, citing a decision of its own');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
