-- Withdrawals (src/triggers/withdrawal.c, triggers withdrawal_notice,
-- withdrawal_pairing and withdrawal_statutory_shape).  Single Online Home
-- (Single Online Home paper, para 4.5): "it must give at least 12 months written notice to
-- the host Force"; the MPS hosts it.
BEGIN;
SELECT plan(40);
SET LOCAL search_path = s22a, public;

INSERT INTO force (code, name) VALUES
    ('MPS', 'Metropolitan Police Service'), ('BED', 'Bedfordshire Police'),
    ('CAM', 'Cambridgeshire Constabulary'), ('HER', 'Hertfordshire Constabulary'),
    ('KEN', 'Kent Police');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-MPS', 'MPS', 'chief_officer', 'Commissioner of Police of the Metropolis'),
    ('MOPAC', 'MPS', 'policing_body', 'Mayor''s Office for Policing and Crime'),
    ('COP', NULL, 'other', 'College of Policing');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force WHERE code <> 'MPS'
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name FROM force WHERE code <> 'MPS';

INSERT INTO agreement (ref, title, lead_force, commences_on, withdrawal_notice)
VALUES ('SOH', 'Single Online Home', 'MPS', '2018-04-01', '12 months');
SELECT id AS soh FROM agreement WHERE ref = 'SOH' \gset
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT :soh, code, '2018-03-01', '2018-03-01' FROM party WHERE kind <> 'other';
UPDATE agreement SET executed_on = '2018-03-15' WHERE id = :soh;

\i test/lib/refusal.sql
\i test/lib/withdrawal_decision.sql

-- the withdrawals below take effect in financial years that have ended, so
-- each cites a made membership decision (withdrawal_closed_year; its own
-- tests are at the end)
SELECT pg_temp.withdrawal_decision('SOH') AS soh_decision \gset

-- notice --------------------------------------------------------------------
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'PCC-HER', '2019-07-01', '2020-06-30', pg_temp.withdrawal_decision('SOH'))$$, :soh), '23514',
    'withdrawal of PCC-HER from agreement "SOH" cannot take effect on 2020-06-30: earliest effective date is 2020-07-01',
    '12 months'' notice less one day: refused, naming the earliest date');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'PCC-HER', '2019-07-01', '2020-06-30', pg_temp.withdrawal_decision('SOH'))$$, :soh)),
    '23514 withdrawal_notice', 'the rule is withdrawal_notice');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-HER', '2019-07-01', '2020-07-01', pg_temp.withdrawal_decision('SOH')),
                                                          (%1$s, 'PCC-HER', '2019-07-01', '2020-07-01', pg_temp.withdrawal_decision('SOH'))$$, :soh),
    'exactly 12 months, chief constable and commissioner together: accepted');
SELECT ok('HER' IN (SELECT * FROM forces_on(:soh, '2020-06-30')), 'Hertfordshire is in until its effective day');
SELECT results_eq(format($$SELECT * FROM s22a.forces_on(%s, '2020-07-01')$$, :soh),
    ARRAY['BED', 'CAM', 'KEN', 'MPS'], 'and out from it');
SELECT throws_ok(format($$UPDATE s22a.withdrawal SET effective_on = '2020-01-01'
                          WHERE agreement_id = %s AND party_code IN ('CC-HER', 'PCC-HER')$$, :soh), '23514',
    NULL, 'moving the effective day earlier than the notice allows: refused');
-- 12 months from 29 February is 28 February
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'CC-MPS', '2020-02-29', '2021-02-27', pg_temp.withdrawal_decision('SOH'))$$, :soh), '23514',
    'withdrawal of CC-MPS from agreement "SOH" cannot take effect on 2021-02-27: earliest effective date is 2021-02-28',
    'notice on 29 February 2020: the earliest date is 28 February 2021');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'CC-MPS', '2020-02-29', '2021-02-28', pg_temp.withdrawal_decision('SOH'))$$, :soh),
    'a chief officer may withdraw alone, leaving its policing body: accepted on 28 February 2021');

-- pairing -------------------------------------------------------------------
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'PCC-CAM', '2019-07-01', '2020-07-01', pg_temp.withdrawal_decision('SOH'))$$, :soh), '23514',
    'withdrawal of PCC-CAM from agreement "SOH" with effect from 2020-07-01 would leave chief officer CC-CAM without the policing body that maintains its force',
    'a policing body withdrawing without its chief officer: refused');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'PCC-CAM', '2019-07-01', '2020-07-01', pg_temp.withdrawal_decision('SOH'))$$, :soh)),
    '23514 withdrawal_pairing', 'the rule is withdrawal_pairing');
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'PCC-BED', '2019-07-01', '2020-07-01', pg_temp.withdrawal_decision('SOH')),
                                                           (%1$s, 'CC-BED', '2019-07-01', '2020-08-01', pg_temp.withdrawal_decision('SOH'))$$, :soh), '23514',
    'withdrawal of PCC-BED from agreement "SOH" with effect from 2020-07-01 would leave chief officer CC-BED without the policing body that maintains its force',
    'both withdrawing but the policing body first: refused (not the same effect)');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'CC-CAM', '2019-07-01', '2020-09-01', pg_temp.withdrawal_decision('SOH'))$$, :soh),
    'Cambridgeshire''s chief constable withdraws alone: accepted');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'PCC-CAM', '2019-09-01', '2020-09-01', pg_temp.withdrawal_decision('SOH'))$$, :soh),
    'and its commissioner with the same effect, later: accepted');
SET CONSTRAINTS ALL DEFERRED;
INSERT INTO withdrawal VALUES (:soh, 'PCC-BED', '2020-01-10', '2021-01-10', pg_temp.withdrawal_decision('SOH'));
INSERT INTO withdrawal VALUES (:soh, 'CC-BED', '2020-01-10', '2021-01-10', pg_temp.withdrawal_decision('SOH'));
SELECT lives_ok($$SET CONSTRAINTS ALL IMMEDIATE$$,
    'deferred: the two notices given in two statements pass together');

-- only a member can withdraw -------------------------------------------------
INSERT INTO decision (agreement_id, kind, title, proposed_on) VALUES (:soh, 'membership', 'College joins', '2019-01-10');
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p, '2019-01-10', 'letter' FROM decision d, parties_on(:soh, '2019-01-10') p WHERE d.title = 'College joins';
UPDATE decision SET state = 'made', made_on = '2019-01-10' WHERE title = 'College joins';
INSERT INTO agreement_party (agreement_id, party_code, joins_on, authorised_by)
SELECT :soh, 'COP', '2019-04-01', id FROM decision WHERE title = 'College joins';
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'COP', '2019-03-01', '2020-03-01', pg_temp.withdrawal_decision('SOH'))$$, :soh), '23514',
    'COP is not a party to agreement "SOH" on 2019-03-01, the day its notice is given',
    'notice before joining: refused');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'COP', '2019-03-01', '2020-03-01', pg_temp.withdrawal_decision('SOH'))$$, :soh)),
    '23514 withdrawal_member', 'the rule is withdrawal_member');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'COP', '2019-04-01', '2020-04-01', pg_temp.withdrawal_decision('SOH'))$$, :soh),
    'notice on the joining day: accepted');

-- statutory shape of the executed agreement ----------------------------------
SELECT results_eq(format($$SELECT * FROM s22a.parties_on(%s, '2021-03-01')$$, :soh),
    ARRAY['CC-KEN', 'MOPAC', 'PCC-KEN'], 'by March 2021 only Kent and MOPAC are left');
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-KEN', '2020-07-01', '2021-07-01', pg_temp.withdrawal_decision('SOH')),
                                                           (%1$s, 'PCC-KEN', '2020-07-01', '2021-07-01', pg_temp.withdrawal_decision('SOH'))$$, :soh), '23514',
    'agreement "SOH" would have only one policing body (MOPAC) and no other party on 2021-07-01',
    'Kent withdrawing would leave MOPAC alone: refused');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal VALUES (%1$s, 'CC-KEN', '2020-07-01', '2021-07-01', pg_temp.withdrawal_decision('SOH')),
                                                                    (%1$s, 'PCC-KEN', '2020-07-01', '2021-07-01', pg_temp.withdrawal_decision('SOH'))$$, :soh)),
    '23514 statutory_shape', 'the rule is statutory_shape');

-- no notice period stated (a draft): each party is committed for the term
-- (Seven Force agreement, clause 6.3); with a decision the earliest is the
-- day after notice
INSERT INTO agreement (ref, title, commences_on) VALUES ('NONOTICE', 'No notice period', '2020-01-01');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT id, p FROM agreement, unnest(ARRAY['PCC-BED', 'PCC-CAM', 'PCC-HER']) p WHERE ref = 'NONOTICE';
SELECT pg_temp.withdrawal_decision('NONOTICE') AS nonotice_decision \gset
SELECT throws_ok($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', current_date, current_date + 30 FROM s22a.agreement WHERE ref = 'NONOTICE'$$,
    '23514', 'PCC-HER cannot withdraw from agreement "NONOTICE" on its own notice: the agreement states no notice period, so each party is committed for the term',
    'no notice period: committed for the term, no withdrawal on its own notice, even in a year not yet closed');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', current_date, current_date + 30 FROM s22a.agreement WHERE ref = 'NONOTICE'$$),
    '23514 withdrawal_committed', 'the rule is withdrawal_committed');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', current_date, current_date + 30, %s FROM s22a.agreement WHERE ref = 'NONOTICE'$$, :soh_decision)),
    '23514 withdrawal_committed', 'a decision of another agreement does not authorise it');
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', '2020-05-05', '2020-05-05', %s FROM s22a.agreement WHERE ref = 'NONOTICE'$$, :nonotice_decision),
    '23514', 'withdrawal of PCC-HER from agreement "NONOTICE" cannot take effect on 2020-05-05: earliest effective date is 2020-05-06',
    'with a membership decision: not effective on the day notice is given');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', '2020-05-05', '2020-05-06', %s FROM s22a.agreement WHERE ref = 'NONOTICE'$$, :nonotice_decision),
    'effective the day after, citing the membership decision: accepted');

-- month ends (a draft with one month's notice): 31 January + 1 month
INSERT INTO agreement (ref, title, commences_on, withdrawal_notice) VALUES ('MONTH', 'One month''s notice', '2018-01-01', '1 month');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT id, p FROM agreement, unnest(ARRAY['PCC-BED', 'PCC-CAM', 'PCC-HER']) p WHERE ref = 'MONTH';
SELECT pg_temp.withdrawal_decision('MONTH') AS month_decision \gset
SELECT throws_ok($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', '2019-01-31', '2019-02-27', pg_temp.withdrawal_decision('MONTH') FROM s22a.agreement WHERE ref = 'MONTH'$$,
    '23514', 'withdrawal of PCC-HER from agreement "MONTH" cannot take effect on 2019-02-27: earliest effective date is 2019-02-28',
    'notice on 31 January 2019 plus one month: the earliest is 28 February');
SELECT lives_ok($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', '2019-01-31', '2019-02-28', pg_temp.withdrawal_decision('MONTH') FROM s22a.agreement WHERE ref = 'MONTH'$$,
    'effective 28 February: accepted');

-- the trigger's earliest day is PostgreSQL's date + interval, rounded up to
-- a whole day, over month ends, leap days and notice periods with days and
-- hours (the rule does the arithmetic itself: src/rules/withdrawal.c)
CREATE FUNCTION pg_temp.notice_mismatches() RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    ag bigint := (SELECT id FROM s22a.agreement WHERE ref = 'MONTH');
    auth bigint := pg_temp.withdrawal_decision('MONTH');
    given date;
    notice interval;
    t timestamp;
    first date;
    bad text[] := '{}';
    n int := 0;
BEGIN
    FOR given, notice IN
        SELECT (date '2019-02-01' + k * interval '1 month')::date - 1, iv  -- month ends, 2019 and 2020
        FROM generate_series(0, 23) k,
             unnest(ARRAY[interval '1 month', '12 months', '1 month -1 day', '3 months 14 days',
                          '12 months 12 hours', '12 months -12 hours', '6 months -30 days', '45 days']) iv
        UNION ALL SELECT date '2020-02-29', interval '12 months'
    LOOP
        n := n + 1;
        UPDATE s22a.agreement SET withdrawal_notice = notice WHERE id = ag;
        t := given + notice;
        first := greatest(t::date + CASE WHEN t::time > time '00:00' THEN 1 ELSE 0 END, given + 1);
        IF pg_temp.refusal(format('INSERT INTO s22a.withdrawal VALUES (%s, %L, %L, %L, %s)', ag, 'PCC-CAM', given, first - 1, auth))
               <> '23514 withdrawal_notice'
           OR pg_temp.refusal(format('INSERT INTO s22a.withdrawal VALUES (%s, %L, %L, %L, %s)', ag, 'PCC-CAM', given, first, auth))
               <> 'accepted' THEN
            bad := bad || format('%s + %s', given, notice);
        END IF;
        DELETE FROM s22a.withdrawal WHERE agreement_id = ag AND party_code = 'PCC-CAM';
    END LOOP;
    RETURN format('%s cases, mismatches: %s', n, coalesce(nullif(array_to_string(bad, '; '), ''), 'none'));
END $$;
SELECT is(pg_temp.notice_mismatches(), '193 cases, mismatches: none',
    'on 193 notice days and periods, the earliest effective day accepted is notice_given_on + withdrawal_notice, rounded up to a day');

-- a notice period that runs past the dates PostgreSQL has: 22008, as
-- notice_given_on + withdrawal_notice would be (under 100 years in all)
UPDATE agreement SET withdrawal_notice = '71000000 months -2130000000 days' WHERE ref = 'MONTH';
SELECT throws_ok($$SELECT notice_given_on + withdrawal_notice FROM s22a.agreement, (VALUES (date '2019-05-01')) v(notice_given_on) WHERE ref = 'MONTH'$$,
    '22008', NULL, 'PostgreSQL itself cannot add 71000000 months -2130000000 days to 2019-05-01');
SELECT throws_ok($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-CAM', '2019-05-01', '2020-05-01', pg_temp.withdrawal_decision('MONTH') FROM s22a.agreement WHERE ref = 'MONTH'$$,
    '22008', 'withdrawal of PCC-CAM from agreement "MONTH": notice given on 2019-05-01 plus the notice period of 71000000 months -2130000000 days is out of range',
    'nor can the withdrawal rule: refused with 22008, not a wrong date');

-- withdrawal_closed_year: recording an old notice so that the withdrawal
-- takes effect in a financial year that has ended would change that closed
-- year's membership and cost shares; it needs a made membership or variation
-- decision.  The edge is the first day of the financial year containing
-- today, whatever today is.
INSERT INTO agreement (ref, title, commences_on, withdrawal_notice) VALUES ('YEARS', 'Closed years', '2010-04-01', '3 months');
INSERT INTO agreement_party (agreement_id, party_code)
SELECT id, p FROM agreement, unnest(ARRAY['PCC-BED', 'PCC-CAM', 'PCC-HER', 'PCC-KEN']) p WHERE ref = 'YEARS';
SELECT first_day(fiscal_year(current_date)) AS year_start \gset
SELECT pg_temp.withdrawal_decision('YEARS') AS years_decision \gset
SELECT throws_ok(format($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', %L::date - 200, %L::date - 1 FROM s22a.agreement WHERE ref = 'YEARS'$$, :'year_start', :'year_start'),
    '23514', format('withdrawal of PCC-HER from agreement "YEARS" with effect from %s falls in %s, a financial year that has ended',
                    (:'year_start'::date - 1), fiscal_year(:'year_start'::date - 1)),
    'an old notice taking effect on the last day of the previous financial year: refused, naming the year');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', %L::date - 200, %L::date - 1 FROM s22a.agreement WHERE ref = 'YEARS'$$, :'year_start', :'year_start')),
    '23514 withdrawal_closed_year', 'the rule is withdrawal_closed_year');
SELECT is((SELECT count(*)::int FROM withdrawal w JOIN agreement a ON a.id = w.agreement_id WHERE a.ref = 'YEARS'), 0,
    'the refused withdrawal left nothing behind');
SELECT lives_ok(format($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-HER', %L::date - 200, %L::date FROM s22a.agreement WHERE ref = 'YEARS'$$, :'year_start', :'year_start'),
    'taking effect on the first day of this financial year: no decision needed');
-- a decision of the wrong kind does not authorise it; a membership one does
INSERT INTO decision (agreement_id, kind, title, proposed_on, new_expiry)
SELECT id, 'renewal', 'not a membership decision', '2010-04-01', '2030-03-31' FROM agreement WHERE ref = 'YEARS';
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT d.id, p, '2010-04-01', 'letter' FROM decision d, parties_on(d.agreement_id, '2010-04-01') p WHERE d.title = 'not a membership decision';
UPDATE decision SET state = 'made', made_on = '2010-04-01' WHERE title = 'not a membership decision';
SELECT throws_ok($$INSERT INTO s22a.withdrawal SELECT a.id, 'PCC-KEN', '2015-01-05', '2015-06-01', d.id
                     FROM s22a.agreement a JOIN s22a.decision d ON d.agreement_id = a.id
                    WHERE a.ref = 'YEARS' AND d.title = 'not a membership decision'$$,
    '23514', format('decision %s of agreement "YEARS" is a renewal decision; changing the withdrawal of PCC-KEN needs a membership or variation decision',
                    (SELECT id FROM decision WHERE title = 'not a membership decision')),
    'a renewal decision does not authorise a withdrawal');
SELECT lives_ok($$INSERT INTO s22a.withdrawal SELECT id, 'PCC-KEN', '2015-01-05', '2015-06-01', pg_temp.withdrawal_decision('YEARS') FROM s22a.agreement WHERE ref = 'YEARS'$$,
    'a withdrawal in 2015/16 citing a made membership decision: accepted');
-- changing the days of a withdrawal that needed a decision cites a decision
-- of its own, as every change to a sealed row does
SELECT is(pg_temp.refusal($$UPDATE s22a.withdrawal SET effective_on = '2015-07-01'
                             WHERE party_code = 'PCC-KEN' AND agreement_id = (SELECT id FROM s22a.agreement WHERE ref = 'YEARS')$$),
    '23514 withdrawal_closed_year', 'moving its effective day, leaving authorised_by as it was: refused');
SELECT is((SELECT effective_on FROM withdrawal WHERE party_code = 'PCC-KEN' AND agreement_id = (SELECT id FROM agreement WHERE ref = 'YEARS')),
    date '2015-06-01', 'and the withdrawal is as it was');

-- moving it out of the closed year (to this year) changes the closed year
-- too: refused as well without a decision of its own
SELECT is(pg_temp.refusal(format($$UPDATE s22a.withdrawal SET effective_on = %L::date + 30
                             WHERE party_code = 'PCC-KEN' AND agreement_id = (SELECT id FROM s22a.agreement WHERE ref = 'YEARS')$$, :'year_start')),
    '23514 withdrawal_closed_year', 'moving a closed-year withdrawal into this year, without a decision: refused');
SELECT is((SELECT effective_on FROM withdrawal WHERE party_code = 'PCC-KEN' AND agreement_id = (SELECT id FROM agreement WHERE ref = 'YEARS')),
    date '2015-06-01', 'and it stays in 2015/16');

SELECT * FROM finish();
ROLLBACK;
