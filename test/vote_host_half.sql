-- The host keeps half the vote (src/rules/vote.c, host_half; doc/decisions.md).
-- Single Online Home paper, 4.3-4.4 and 7.6: the host force "will retain a
-- 50% share of all decision making ... for as long as they remain the host",
-- the other 50% divided among the rest.  Under voting = 'host_half' the host
-- force holds half the total weight, the other forces with a member party on
-- the decision date share the other half equally, and a force's weight is
-- split equally among its member parties.  Carried: more than half in favour.
BEGIN;
SELECT plan(30);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;
\i test/lib/refusal.sql

INSERT INTO force (code, name) VALUES
    ('MPS', 'Metropolitan Police Service'), ('BED', 'Bedfordshire Police'),
    ('CAM', 'Cambridgeshire Constabulary'), ('HER', 'Hertfordshire Constabulary'),
    ('SUF', 'Suffolk Constabulary');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CPM', 'MPS', 'chief_officer', 'Commissioner of Police of the Metropolis'),
    ('MOPAC', 'MPS', 'policing_body', 'Mayor''s Office for Policing and Crime'),
    ('COP', NULL, 'other', 'College of Policing');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable, ' || name FROM force WHERE code <> 'MPS'
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner, ' || name FROM force WHERE code <> 'MPS';

-- host_half needs its host force, and a host force only with host_half
SELECT is(pg_temp.refusal($$INSERT INTO s22a.agreement (ref, title, commences_on, voting)
                            VALUES ('X', 'no host', '2019-06-01', 'host_half')$$),
    '23514 agreement_host_force', 'host_half without a host force: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.agreement (ref, title, commences_on, host_force)
                            VALUES ('X', 'host without the rule', '2019-06-01', 'MPS')$$),
    '23514 agreement_host_force', 'a host force under weights: refused');
SELECT is(pg_temp.refusal($$INSERT INTO s22a.agreement (ref, title, commences_on, voting, host_force)
                            VALUES ('X', 'bad rule', '2019-06-01', 'host_halves', 'MPS')$$),
    '22P02 ', 'an unknown voting rule: 22P02');
INSERT INTO agreement (ref, title, commences_on) VALUES ('PLAIN', 'Plain', '2019-06-01');
SELECT is((SELECT voting FROM agreement WHERE ref = 'PLAIN'), 'weights'::voting_rule,
    'a new agreement votes by weights unless it says otherwise');

-- Single Online Home: the MPS hosts; Bedfordshire, Cambridgeshire and
-- Hertfordshire from the start, Suffolk joins on 1 June 2021, the College
-- of Policing (a party of no force) from the start.  No voting_weight rows.
INSERT INTO agreement (ref, title, commences_on, lead_force, withdrawal_notice, voting, host_force)
VALUES ('SOH', 'Single Online Home', '2019-06-01', 'MPS', '12 months', 'host_half', 'MPS');
SELECT id AS soh FROM agreement WHERE ref = 'SOH' \gset
INSERT INTO agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on)
SELECT :soh, code, CASE WHEN force_code = 'SUF' THEN date '2021-06-01' END, '2019-05-16', '2019-05-16' FROM party;
UPDATE agreement SET executed_on = '2019-05-20' WHERE id = :soh;

-- a budget decision at a meeting; votes cast at the meeting
CREATE FUNCTION pg_temp.decide(t text, meeting date) RETURNS bigint LANGUAGE sql AS $$
    INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
    SELECT id, 'budget', t, meeting - 14, meeting, meeting - 14 FROM s22a.agreement WHERE ref = 'SOH'
    RETURNING id $$;
CREATE FUNCTION pg_temp.cast_votes(d bigint, parties text[], for_ boolean) RETURNS void LANGUAGE sql AS $$
    INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on)
    SELECT d, p, for_, (SELECT meeting_on FROM s22a.decision WHERE id = d) FROM unnest(parties) p $$;
CREATE FUNCTION pg_temp.result(d bigint) RETURNS text LANGUAGE sql AS $$
    SELECT row(weight_for, weight_against, carried)::text FROM s22a.vote_result(d) $$;

-- January 2020: the host and three other forces.  MPS holds 50, shared by
-- its two parties (25 each); each other force 50/3, 25/3 per party.
SELECT pg_temp.decide('2020/21 budget', '2020-01-20') AS d1 \gset
SELECT pg_temp.cast_votes(:d1, ARRAY['CPM', 'MOPAC'], true);
SELECT is(pg_temp.result(:d1), '(50,0,f)', 'the host force alone holds exactly half: not carried');
SELECT is((SELECT detail FROM decision_check(:d1) WHERE rule = 'vote'),
    'host_half (MPS holds half): 50% for, 0% against: not carried (more than half needed)',
    'decision_check explains it');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made' WHERE id = %s$$, :d1)),
    '23514 vote', 'and the decision cannot be made');
SELECT throws_ok(format($$UPDATE s22a.decision SET state = 'made' WHERE id = %s$$, :d1), '23514',
    format('decision %s cannot be made: the vote is not carried, 50%% for and 0%% against', :d1),
    'the refusal gives the shares');
SELECT pg_temp.cast_votes(:d1, ARRAY['PCC-HER'], true);
SELECT is(pg_temp.result(:d1), '(58.3333,0,t)', 'with one party of one other force (25/3) it carries');
SELECT is((SELECT state FROM decision WHERE id = :d1), 'proposed'::decision_state, '(still proposed)');
SELECT lives_ok(format($$UPDATE s22a.decision SET state = 'made' WHERE id = %s$$, :d1), 'and is made');

-- members who do not vote count in the total; against and for are exact
SELECT pg_temp.decide('host against', '2020-02-17') AS d2 \gset
SELECT pg_temp.cast_votes(:d2, ARRAY['CC-BED', 'PCC-BED', 'CC-CAM', 'PCC-CAM', 'CC-HER', 'PCC-HER'], true);
SELECT pg_temp.cast_votes(:d2, ARRAY['CPM', 'MOPAC'], false);
SELECT is(pg_temp.result(:d2), '(50,50,f)', 'every other force for, the host against: 50 to 50, not carried');
SELECT pg_temp.decide('a quorum of three', '2020-03-16') AS d3 \gset
SELECT pg_temp.cast_votes(:d3, ARRAY['CPM', 'CC-BED', 'CC-CAM'], true);
SELECT is(pg_temp.result(:d3), '(41.6667,0,f)', 'three of eight parties for (25 + 25/3 + 25/3): the rest still count in the total');

-- the College of Policing is a member of no force: it holds no weight
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on) VALUES (%s, 'COP', true, '2020-03-16')$$, :d3)),
    '23514 vote_weight', 'a party of no force cannot vote under host_half');
SELECT throws_ok(format($$INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on) VALUES (%s, 'COP', true, '2020-03-16')$$, :d3),
    '23514', format('COP has no voting weight in agreement "SOH" and cannot vote on decision %s', :d3),
    'the refusal names the party');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on) VALUES (%s, 'CC-SUF', true, '2020-03-16')$$, :d3)),
    '23514 vote_by_member', 'Suffolk, not yet a member, cannot vote');
-- voting_weight rows play no part under host_half
SELECT is((SELECT count(*)::int FROM voting_weight WHERE agreement_id = :soh), 0,
    'no voting_weight rows are needed');

-- Hertfordshire leaves with effect from 15 January 2021: a membership
-- decision (its withdrawal, effective in a closed year, cites it), carried
-- under host_half like any other
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (:soh, 'membership', 'Hertfordshire leaves', '2020-01-15') RETURNING id AS leaves \gset
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :leaves, p, '2020-01-15', 'letter' FROM parties_on(:soh, '2020-01-15') p;
INSERT INTO vote (decision_id, party_code, in_favour, cast_on)
SELECT :leaves, p, true, '2020-01-15' FROM unnest(ARRAY['CPM', 'MOPAC', 'CC-HER', 'PCC-HER']) p;
SELECT is(pg_temp.result(:leaves), '(66.6667,0,t)', 'the host and Hertfordshire for its leaving: two thirds');
UPDATE decision SET state = 'made', made_on = '2020-01-15' WHERE id = :leaves;
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on, authorised_by)
SELECT :soh, p, '2020-01-15', '2021-01-15', :leaves FROM unnest(ARRAY['CC-HER', 'PCC-HER']) p;

-- March 2021: the host and two other forces.  The host still holds half,
-- not 150 of 250 as under fixed weights; each other party 12.5.
SELECT pg_temp.decide('2021/22 budget', '2021-03-15') AS d4 \gset
SELECT pg_temp.cast_votes(:d4, ARRAY['CPM', 'MOPAC'], true);
SELECT is(pg_temp.result(:d4), '(50,0,f)', 'after Hertfordshire leaves, the host alone still holds exactly half');
SELECT pg_temp.cast_votes(:d4, ARRAY['CC-CAM'], true);
SELECT is(pg_temp.result(:d4), '(62.5,0,t)', 'with one Cambridgeshire party (12.5) it carries');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on) VALUES (%s, 'CC-HER', true, '2021-03-15')$$, :d4)),
    '23514 vote_by_member', 'Hertfordshire, gone, cannot vote');
SELECT pg_temp.decide('others against', '2021-04-12') AS d5 \gset
SELECT pg_temp.cast_votes(:d5, ARRAY['CPM', 'MOPAC', 'CC-BED'], true);
SELECT pg_temp.cast_votes(:d5, ARRAY['PCC-BED', 'CC-CAM', 'PCC-CAM'], false);
SELECT is(pg_temp.result(:d5), '(62.5,37.5,t)', 'the host and one Bedfordshire party for, the rest against: 62.5 to 37.5');

-- July 2021: Suffolk has joined; the other half is shared by three again
-- (not 50 of 112.5 as under fixed weights)
SELECT pg_temp.decide('after Suffolk joins', '2021-07-19') AS d6 \gset
SELECT pg_temp.cast_votes(:d6, ARRAY['CPM', 'MOPAC'], true);
SELECT is(pg_temp.result(:d6), '(50,0,f)', 'after Suffolk joins the host still holds exactly half');
SELECT pg_temp.cast_votes(:d6, ARRAY['PCC-SUF'], true);
SELECT is(pg_temp.result(:d6), '(58.3333,0,t)', 'Suffolk''s commissioner (25/3) tips it');
SELECT pg_temp.decide('host against the rest', '2021-07-26') AS d7 \gset
SELECT pg_temp.cast_votes(:d7, ARRAY['CC-BED', 'PCC-BED', 'CC-CAM', 'PCC-CAM', 'CC-SUF', 'PCC-SUF'], true);
SELECT is(pg_temp.result(:d7), '(50,0,f)', 'the three other forces together also hold exactly half: not carried');

-- the voting rule is a term of the executed agreement: sealed
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET voting = 'weights', host_force = NULL WHERE id = %s$$, :soh)),
    '23514 agreement_sealed', 'changing the voting rule after execution needs a decision');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.agreement SET host_force = 'BED' WHERE id = %s$$, :soh)),
    '23514 agreement_sealed', 'so does changing the host force');
-- a variation changes it
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (:soh, 'variation', 'Bedfordshire hosts', '2021-08-02') RETURNING id AS host_change \gset
INSERT INTO consent (decision_id, party_code, given_on, form)
SELECT :host_change, p, '2021-08-02', 'letter' FROM parties_on(:soh, '2021-08-02') p;
INSERT INTO vote (decision_id, party_code, in_favour, cast_on)
SELECT :host_change, p, true, '2021-08-02' FROM unnest(ARRAY['CPM', 'MOPAC', 'CC-BED']) p;
UPDATE decision SET state = 'made', made_on = '2021-08-02' WHERE id = :host_change;
SELECT lives_ok(format($$UPDATE s22a.agreement SET host_force = 'BED', authorised_by = %s WHERE id = %s$$, :host_change, :soh),
    'a made variation moves the host to Bedfordshire');
SELECT pg_temp.decide('Bedfordshire hosts', '2021-09-20') AS d8 \gset
SELECT pg_temp.cast_votes(:d8, ARRAY['CC-BED', 'PCC-BED'], true);
SELECT is(pg_temp.result(:d8), '(50,0,f)', 'now Bedfordshire''s two parties hold half');
SELECT pg_temp.cast_votes(:d8, ARRAY['CPM'], true);
SELECT is(pg_temp.result(:d8), '(58.3333,0,t)', 'and the MPS is one of three other forces (25/3 per party)');

SELECT * FROM finish();
ROLLBACK;
