-- Robustness: values and sessions that once crashed or misled the rules.
--   - a NULL in a NOT NULL column reaches the BEFORE triggers first: they
--     hand the row back and NOT NULL refuses it (23502), never a crash;
--   - split of an amount beyond numeric's multiply range: 22003, no crash;
--   - every function and view works with s22a off the search_path;
--   - a cost basis check sees the statement's own rows;
--   - cost functions survive DROP and CREATE EXTENSION in one session.
BEGIN;
SELECT plan(17);

-- a working register, written with s22a on the path
SET LOCAL search_path = s22a, public;
INSERT INTO force (code, name) VALUES ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('CC-BED', 'BED', 'chief_officer', 'CC Bedfordshire'), ('PCC-BED', 'BED', 'policing_body', 'PCC Bedfordshire'),
    ('CC-CAM', 'CAM', 'chief_officer', 'CC Cambridgeshire'), ('PCC-CAM', 'CAM', 'policing_body', 'PCC Cambridgeshire');
INSERT INTO agreement (ref, title, commences_on) VALUES ('R', 'Robust', '2016-04-01');
INSERT INTO agreement_party (agreement_id, party_code) SELECT id, code FROM agreement, party;
INSERT INTO decision (agreement_id, kind, title, proposed_on) SELECT id, 'budget', 'b', '2016-05-02' FROM agreement;
INSERT INTO force_measure VALUES ('BED', '2016/17', 'nre', 100), ('CAM', '2016/17', 'nre', 300);
INSERT INTO budget (agreement_id, fiscal_year, line, amount) SELECT id, '2016/17', 'programme', 1000.01 FROM agreement;

-- NULLs where the table forbids them
SELECT throws_ok($$INSERT INTO s22a.decision (agreement_id, kind, title) SELECT id, NULL, 'x' FROM s22a.agreement$$,
    '23502', NULL, 'decision with a NULL kind');
SELECT throws_ok($$UPDATE s22a.decision SET kind = NULL$$, '23502', NULL, 'decision kind set to NULL');
SELECT throws_ok($$INSERT INTO s22a.consent SELECT id, NULL, '2016-05-01', 'letter' FROM s22a.decision$$,
    '23502', NULL, 'consent with a NULL party');
SELECT throws_ok($$INSERT INTO s22a.consent VALUES (NULL, 'PCC-BED', '2016-05-01', 'letter')$$,
    '23502', NULL, 'consent with a NULL decision');
SELECT throws_ok($$INSERT INTO s22a.vote SELECT id, NULL, true FROM s22a.decision$$, '23502', NULL, 'vote with a NULL party');
SELECT throws_ok($$INSERT INTO s22a.agreement_party (agreement_id, party_code) SELECT id, NULL FROM s22a.agreement$$,
    '23502', NULL, 'membership with a NULL party');
SELECT throws_ok($$INSERT INTO s22a.withdrawal SELECT id, NULL, '2017-01-01', '2018-01-01' FROM s22a.agreement$$,
    '23502', NULL, 'withdrawal with a NULL party');

-- an amount too large even to multiply into pence
SELECT throws_ok($$SELECT * FROM s22a.split('A=50, B=50', ('9' || repeat('0', 131071))::numeric)$$,
    '22003', 'amount is too large to split', 'a 131,072-digit amount');

-- s22a off the search_path: what a reporting tool's session looks like
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight) SELECT id, '2016/17', 'nre', 1 FROM agreement;
SET LOCAL search_path = public;
SET CONSTRAINTS ALL IMMEDIATE;
SELECT is(s22a.cost_shares(a.id, '2016/17')::text, 'BED=25.0, CAM=75.0', 'cost_shares without s22a on the path')
FROM s22a.agreement a WHERE a.ref = 'R';
SELECT is((SELECT sum(amount) FROM s22a.cost_allocation WHERE agreement_ref = 'R'), 1000.01,
    'cost_allocation without s22a on the path');
SELECT is((SELECT count(*) FROM s22a.cost_balance WHERE agreement_ref = 'R'), 2::bigint,
    'cost_balance without s22a on the path');
SELECT is(s22a.term_status(a.id, '2016-06-01')::text, 'draft', 'term_status without s22a on the path')
FROM s22a.agreement a WHERE a.ref = 'R';
SELECT is((SELECT count(*) FROM s22a.register), 1::bigint, 'the register view without s22a on the path');

-- the weights check sees the statement's own rows, not the snapshot before it
SELECT throws_ok($$INSERT INTO s22a.cost_basis (agreement_id, fiscal_year, measure, weight)
                   SELECT id, '2017/18', 'nre', 0.5 FROM s22a.agreement WHERE ref = 'R'$$,
    '23514', NULL, 'a basis of weight 0.5 alone is refused when checked immediately');
SELECT throws_ok($$UPDATE s22a.cost_basis SET weight = 0.3 WHERE fiscal_year::text = '2016/17'$$,
    '23514', NULL, 'an update leaving weights of 0.3 is refused');

-- a role that may write membership but not read the audit log: the rules'
-- own reads (the audit log for spent decisions, the decision row lock) are
-- the rules' business, run as the tables' owner
SET LOCAL search_path = s22a, public;
INSERT INTO party (code, force_code, kind, title) VALUES ('NCA', NULL, 'other', 'National Crime Agency');
UPDATE agreement_party SET signed_on = '2016-03-01', declared_on = '2016-03-01' WHERE agreement_id = (SELECT id FROM agreement WHERE ref = 'R');
UPDATE agreement SET executed_on = '2016-03-02' WHERE ref = 'R';
INSERT INTO decision (agreement_id, kind, title, proposed_on) SELECT id, 'membership', 'NCA joins', '2016-06-01' FROM agreement WHERE ref = 'R';
INSERT INTO consent SELECT d.id, p, '2016-06-02', 'letter' FROM decision d, parties_on(d.agreement_id, d.proposed_on) p WHERE d.title = 'NCA joins';
UPDATE decision SET state = 'made', made_on = '2016-06-03' WHERE title = 'NCA joins';
CREATE ROLE s22a_test_registrar BYPASSRLS;   -- row-level security is not what this tests
GRANT USAGE ON SCHEMA s22a TO s22a_test_registrar;
GRANT SELECT ON ALL TABLES IN SCHEMA s22a TO s22a_test_registrar;
REVOKE SELECT ON s22a.audit_log FROM s22a_test_registrar;
GRANT INSERT ON s22a.agreement_party TO s22a_test_registrar;
SET LOCAL ROLE s22a_test_registrar;
SELECT lives_ok($$INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
                  SELECT a.id, 'NCA', '2016-07-01', '2016-06-20', '2016-06-20', d.id
                  FROM s22a.agreement a JOIN s22a.decision d ON d.agreement_id = a.id
                  WHERE a.ref = 'R' AND d.title = 'NCA joins'$$,
    'an authorised membership change by a role that cannot read the audit log');
RESET ROLE;

-- DROP and CREATE EXTENSION in this session: the kept plans follow
SET LOCAL search_path = s22a, public;
SET LOCAL s22a.allow_drop = on;   -- the register holds data (register_no_drop)
DROP EXTENSION s22a CASCADE;
CREATE EXTENSION s22a;
INSERT INTO force (code, name) VALUES ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('PCC-BED', 'BED', 'policing_body', 'PCC Bedfordshire'), ('PCC-CAM', 'CAM', 'policing_body', 'PCC Cambridgeshire');
INSERT INTO agreement (ref, title, commences_on) VALUES ('R2', 'Again', '2016-04-01');
INSERT INTO agreement_party (agreement_id, party_code) SELECT id, code FROM agreement, party;
INSERT INTO force_measure VALUES ('BED', '2016/17', 'nre', 1), ('CAM', '2016/17', 'nre', 1);
INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight) SELECT id, '2016/17', 'nre', 1 FROM agreement;
SELECT is(cost_shares(a.id, '2016/17')::text, 'BED=50.0, CAM=50.0', 'cost_shares after the extension was recreated')
FROM agreement a WHERE a.ref = 'R2';

SELECT * FROM finish();
ROLLBACK;
