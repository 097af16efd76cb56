-- The rules' "today" is the date in Europe/London, the agreements' own time
-- zone, at the start of the transaction, whatever the session's TimeZone
-- (src/util.c, s22a_rule_today; doc/decisions.md, doc/reports.md: a
-- session cannot move its own clock past a rule).  Etc/GMT-14 is 14 hours
-- ahead of UTC, so for most of the day its current_date is London's
-- tomorrow; Etc/GMT+12 is 12 hours behind, and for half the day its
-- current_date is London's yesterday.
BEGIN;
SELECT plan(10);
SET LOCAL search_path = s22a, public;

\i test/lib/seven_force.sql

SELECT (now() AT TIME ZONE 'Europe/London')::date AS london \gset
SELECT (:'london'::date + 1) AS tomorrow \gset

-- an in principle decision at a meeting with notice and no impact recorded:
-- it needs no consent, so only the date can refuse it
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'in_principle', 'Shared ICT roadmap', '2016-06-01', '2016-06-15', '2016-06-01')
RETURNING id AS d \gset

SET LOCAL TimeZone = 'Etc/GMT-14';
SELECT throws_ok(format($$UPDATE s22a.decision SET state = 'made', made_on = %L WHERE id = %s$$, :'tomorrow', :d),
    '23514', format('decision %s cannot be made on %s: that is after today, %s', :d, :'tomorrow', :'london'),
    'at Etc/GMT-14 a decision cannot be made on London''s tomorrow');
SELECT is((SELECT state::text || ' ' || coalesce(made_on::text, 'not made') FROM decision WHERE id = :d),
    'proposed not made', 'the refused make left the decision as it was');
SELECT throws_ok(format($$INSERT INTO s22a.consent VALUES (%s, 'CC-BED', %L, 'letter')$$, :d, :'tomorrow'),
    '23514', format('consent of CC-BED to decision %s dated %s is after today, %s', :d, :'tomorrow', :'london'),
    'at Etc/GMT-14 a consent cannot be dated London''s tomorrow');
SELECT is((SELECT count(*)::int FROM consent WHERE decision_id = :d), 0, 'no consent was recorded');
SELECT is(pg_temp.refusal(format($$INSERT INTO s22a.vote (decision_id, party_code, in_favour, cast_on) VALUES (%s, 'CC-BED', true, %L)$$, :d, :'tomorrow')),
    '23514 vote_date', 'at Etc/GMT-14 a vote cannot be cast on London''s tomorrow');

SET LOCAL TimeZone = 'Etc/GMT+12';
SELECT throws_ok(format($$UPDATE s22a.decision SET state = 'made', made_on = %L WHERE id = %s$$, :'tomorrow', :d),
    '23514', format('decision %s cannot be made on %s: that is after today, %s', :d, :'tomorrow', :'london'),
    'at Etc/GMT+12 a decision cannot be made on London''s tomorrow either');
SELECT is(pg_temp.refusal(format($$UPDATE s22a.decision SET state = 'made', made_on = %L WHERE id = %s$$, :'london', :d)),
    'accepted', 'at Etc/GMT+12 it can be made on London''s today, though current_date may still be yesterday there');

-- made_on left NULL is filled with London's date, not the session's
SET LOCAL TimeZone = 'Etc/GMT-14';
INSERT INTO decision (agreement_id, kind, title, proposed_on, meeting_on, notice_given_on)
VALUES (pg_temp.seven(), 'in_principle', 'Shared fleet roadmap', '2016-06-01', '2016-06-15', '2016-06-01')
RETURNING id AS d2 \gset
UPDATE decision SET state = 'made' WHERE id = :d2;
SELECT is((SELECT made_on FROM decision WHERE id = :d2), :'london'::date,
    'made with made_on NULL at Etc/GMT-14: made_on is London''s today');
SELECT is((SELECT state::text FROM decision WHERE id = :d), 'made', 'the first decision was made on London''s today');
SELECT is((SELECT made_on FROM decision WHERE id = :d), :'london'::date, 'on London''s today');

SELECT * FROM finish();
ROLLBACK;
