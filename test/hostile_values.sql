-- Hostile values: each is refused with its documented SQLSTATE, names what
-- is wrong, and leaves the register (and its audit log) exactly as it was.
BEGIN;
SELECT plan(33);
SET LOCAL search_path = s22a, public;

INSERT INTO force (code, name) VALUES ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('PCC-BED', 'BED', 'policing_body', 'PCC Bedfordshire'), ('PCC-CAM', 'CAM', 'policing_body', 'PCC Cambridgeshire');
INSERT INTO agreement (ref, title, commences_on) VALUES ('H', 'Hostile', '2016-04-01');
INSERT INTO agreement_party (agreement_id, party_code) SELECT id, code FROM agreement, party;
INSERT INTO force_measure VALUES ('BED', '2016/17', 'nre', 100), ('CAM', '2016/17', 'nre', 200);
INSERT INTO decision (agreement_id, kind, title, proposed_on) SELECT id, 'in_principle', 'd', '2016-05-01' FROM agreement;

-- the whole register, hashed: every refusal below must leave it unchanged
CREATE TEMP TABLE fingerprint AS
SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM force t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM party t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM agreement t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM agreement_party t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM force_measure t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM decision t) ||
       (SELECT count(*) FROM budget)::text || (SELECT count(*) FROM contribution)::text ||
       (SELECT count(*) FROM consent)::text || (SELECT count(*) FROM audit_log)::text AS before;
CREATE FUNCTION pg_temp.unchanged() RETURNS boolean LANGUAGE sql AS $$
SELECT (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM s22a.force t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM s22a.party t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM s22a.agreement t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM s22a.agreement_party t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM s22a.force_measure t) ||
       (SELECT md5(string_agg(t::text, ',' ORDER BY t::text)) FROM s22a.decision t) ||
       (SELECT count(*) FROM s22a.budget)::text || (SELECT count(*) FROM s22a.contribution)::text ||
       (SELECT count(*) FROM s22a.consent)::text || (SELECT count(*) FROM s22a.audit_log)::text
     = (SELECT before FROM fingerprint)
$$;

-- overlong codes and titles
SELECT throws_ok($$INSERT INTO s22a.force VALUES ('ABCDEFGHIJKLMNOPQ', 'x')$$, '23514', NULL, '17-character force code');
SELECT throws_ok($$INSERT INTO s22a.party VALUES ('PCC BED', 'BED', 'policing_body', 'x')$$, '23514', NULL, 'party code with a space');
SELECT throws_ok($$INSERT INTO s22a.agreement (ref, title, commences_on) VALUES ('X', repeat('t', 301), '2016-04-01')$$,
    '23514', NULL, '301-character title');
SELECT throws_ok($$INSERT INTO s22a.agreement (ref, title, commences_on) VALUES ('X', '', '2016-04-01')$$,
    '23514', NULL, 'empty title');
SELECT throws_ok($$INSERT INTO s22a.agreement (ref, title, commences_on) VALUES (repeat('R', 65), 't', '2016-04-01')$$,
    '23514', NULL, '65-character ref');
SELECT throws_ok($$UPDATE s22a.party SET title = repeat('x', 1000000) WHERE code = 'PCC-BED'$$, '23514', NULL, 'a megabyte title');
SELECT throws_ok($$INSERT INTO s22a.decision (agreement_id, kind, title) SELECT id, 'budget', repeat('d', 301) FROM s22a.agreement$$,
    '23514', NULL, 'overlong decision title');
SELECT throws_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount) SELECT id, '2016/17', repeat('l', 101), 1 FROM s22a.agreement$$,
    '23514', NULL, 'overlong budget line');
SELECT ok(pg_temp.unchanged(), 'nothing changed after the overlong values');

-- dates at the ends of the calendar
SELECT throws_ok($$INSERT INTO s22a.agreement (ref, title, commences_on) VALUES ('X', 't', 'infinity')$$, '23514', NULL, 'infinite commencement');
SELECT throws_ok($$INSERT INTO s22a.agreement (ref, title, commences_on) VALUES ('X', 't', '4713-01-01 BC')$$, '23514', NULL, 'commencement in 4713 BC');
SELECT throws_ok($$UPDATE s22a.agreement SET expires_on = '5874897-12-31' WHERE ref = 'H'$$, '23514', NULL, 'expiry at the last date PostgreSQL has');
SELECT throws_ok($$UPDATE s22a.agreement_party SET joins_on = '-infinity' WHERE party_code = 'PCC-BED'$$, '23514', NULL, 'joining at -infinity');
SELECT throws_ok($$UPDATE s22a.decision SET meeting_on = 'infinity'$$, '23514', NULL, 'a meeting at infinity');
SELECT throws_ok($$UPDATE s22a.agreement SET withdrawal_notice = '1000 years' WHERE ref = 'H'$$, '23514', NULL, 'a thousand years'' notice');
SELECT throws_ok($$SELECT s22a.working_days_between('-infinity', '2016-01-01')$$, '22008', NULL, 'working days from -infinity');
SELECT throws_ok($$SELECT s22a.add_working_days('5874897-12-31', 1)$$, '22008', NULL, 'a working day after the last date');
SELECT throws_ok($$SELECT s22a.fiscal_year(date 'infinity')$$, '22008', NULL, 'the financial year of infinity');
SELECT ok(pg_temp.unchanged(), 'nothing changed after the extreme dates');

-- NaN and infinity as weights or amounts
SELECT throws_ok($$INSERT INTO s22a.force_measure VALUES ('BED', '2017/18', 'nre', 'NaN')$$, '23514', NULL, 'NaN driver');
SELECT throws_ok($$INSERT INTO s22a.force_measure VALUES ('BED', '2017/18', 'nre', 'Infinity')$$, '23514', NULL, 'infinite driver');
SELECT throws_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount) SELECT id, '2016/17', 'x', 'NaN' FROM s22a.agreement$$,
    '23514', NULL, 'NaN budget');
SELECT throws_ok($$INSERT INTO s22a.budget (agreement_id, fiscal_year, line, amount) SELECT id, '2016/17', 'x', '-Infinity' FROM s22a.agreement$$,
    '23514', NULL, 'minus infinite budget');
SELECT throws_ok($$INSERT INTO s22a.contribution (agreement_id, fiscal_year, force_code, kind, amount) SELECT id, '2016/17', 'BED', 'cash', 'NaN' FROM s22a.agreement$$,
    '23514', NULL, 'NaN contribution');
SELECT throws_ok($$INSERT INTO s22a.cost_basis (agreement_id, fiscal_year, measure, weight) SELECT id, '2016/17', 'nre', 'NaN' FROM s22a.agreement$$,
    '23514', NULL, 'NaN basis weight');
SELECT throws_ok($$SELECT s22a.apportion(ARRAY['A','B'], ARRAY[1, 'NaN']::numeric[])$$, '22023', 'weight of party "B" is NaN', 'NaN weight in apportion');
SELECT throws_ok($$SELECT * FROM s22a.split('A=50, B=50', 'Infinity')$$, '22023', 'cannot split amount Infinity', 'splitting infinity');
SELECT ok(pg_temp.unchanged(), 'nothing changed after NaN and infinity');

-- 10,000 parties: large, but exact
SELECT is((SELECT count(*) FROM s22a.shares(s22a.apportion(
              array(SELECT 'P' || g FROM generate_series(1, 10000) g),
              array(SELECT g::numeric FROM generate_series(1, 10000) g), 4))), 10000::bigint,
    'a 10,000-party apportionment has every party');
SELECT is((SELECT sum(share) FROM s22a.shares(s22a.apportion(
              array(SELECT 'P' || g FROM generate_series(1, 10000) g),
              array(SELECT g::numeric FROM generate_series(1, 10000) g), 4))), 100.0000,
    'and adds up to exactly 100');
SELECT is((SELECT sum(amount) FROM s22a.split(s22a.apportion(
              array(SELECT 'P' || g FROM generate_series(1, 10000) g),
              array(SELECT g::numeric FROM generate_series(1, 10000) g), 4), 1234567.89)), 1234567.89,
    'a split among 10,000 parties adds up to the penny');
SELECT is((SELECT (string_agg('P' || g || '=0.01', ', ') || ', P0=0.00')::s22a.apportionment::text IS NOT NULL
           FROM generate_series(1, 10000) g), true, 'a 10,000-party apportionment reads from text');
SELECT ok(pg_temp.unchanged(), 'nothing changed after the 10,000-party values');

SELECT * FROM finish();
ROLLBACK;
