-- The audit log (src/triggers/audit.c, doc/reports.md): one row per inserted, updated or
-- deleted row of every register and cost table, append-only; TRUNCATE of an
-- audited table refused.  Fixture: a draft two-force agreement (Bedfordshire
-- and Cambridgeshire, two of the Seven Force agreement's forces) so no register rule
-- stands in the way of editing and deleting it.
BEGIN;
SELECT plan(77);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;

-- me(): the session user as text (name's C collation would not compare with text)
CREATE FUNCTION pg_temp.me() RETURNS text LANGUAGE sql STABLE AS 'SELECT session_user::text';

-- take(): the log rows written since the last call, oldest first.
CREATE TEMP TABLE audit_mark (id bigint);
INSERT INTO audit_mark SELECT coalesce(max(id), 0) FROM audit_log;
-- the log as it was before this test (other sessions' committed rows stay:
-- the log is append-only), so the test runs again in the same database
CREATE TEMP TABLE audit_mark_start AS SELECT id FROM audit_mark;
CREATE FUNCTION pg_temp.take()
RETURNS TABLE (table_name text, operation text, row_key text, old jsonb, new jsonb, actor text)
LANGUAGE plpgsql AS $$
DECLARE
    since bigint := (SELECT id FROM audit_mark);
BEGIN
    UPDATE audit_mark SET id = coalesce((SELECT max(l.id) FROM s22a.audit_log l), since);
    RETURN QUERY SELECT l.table_name, l.operation, l.row_key, l.old, l.new, l.actor
        FROM s22a.audit_log l WHERE l.id > since ORDER BY l.id;
END $$;

-- ---------------------------------------------------------------------------
-- shipped bank holidays are not in the log; an administrator's are
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM audit_log
            WHERE table_name = 'bank_holiday'
              AND row_key IN (SELECT 'day=' || day FROM bank_holiday WHERE shipped)), 0::bigint,
    format('none of the %s bank holidays shipped by CREATE EXTENSION is in the log',
           (SELECT count(*) FROM bank_holiday WHERE shipped)));

INSERT INTO bank_holiday (day, name) VALUES ('2061-01-03', 'New Year''s Day (substitute day)');
SELECT results_eq('SELECT * FROM pg_temp.take()',
    $$VALUES ('bank_holiday', 'INSERT', 'day=2061-01-03', NULL::jsonb,
              '{"day": "2061-01-03", "name": "New Year''s Day (substitute day)", "shipped": false}'::jsonb,
              pg_temp.me())$$,
    'a holiday an administrator adds is logged');
UPDATE bank_holiday SET name = 'New Year''s Day' WHERE day = '2061-01-03';
SELECT results_eq('SELECT operation, row_key, old->>''name'', new->>''name'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', 'day=2061-01-03', 'New Year''s Day (substitute day)', 'New Year''s Day')$$,
    'renaming a holiday is logged with the old and new name');
DELETE FROM bank_holiday WHERE day = '2061-01-03';
SELECT results_eq('SELECT operation, row_key, old->>''name'', new FROM pg_temp.take()',
    $$VALUES ('DELETE', 'day=2061-01-03', 'New Year''s Day', NULL::jsonb)$$,
    'removing a holiday is logged with the row it removed');

-- ---------------------------------------------------------------------------
-- insert and update, table by table (parents first)
-- ---------------------------------------------------------------------------
INSERT INTO force (code, name) VALUES ('CAM', 'Cambridgeshire Constabulary');
SELECT results_eq('SELECT * FROM pg_temp.take()',
    $$VALUES ('force', 'INSERT', 'code=CAM', NULL::jsonb,
              '{"code": "CAM", "name": "Cambridgeshire Constabulary"}'::jsonb, pg_temp.me())$$,
    'force: INSERT logged with the whole new row and the session user');
UPDATE force SET name = 'Cambridgeshire Police' WHERE code = 'CAM';
SELECT results_eq('SELECT * FROM pg_temp.take()',
    $$VALUES ('force', 'UPDATE', 'code=CAM',
              '{"code": "CAM", "name": "Cambridgeshire Constabulary"}'::jsonb,
              '{"code": "CAM", "name": "Cambridgeshire Police"}'::jsonb, pg_temp.me())$$,
    'force: UPDATE logged with old and new rows');
INSERT INTO force (code, name) VALUES ('BED', 'Bedfordshire Police'), ('HER', 'Hertfordshire Constabulary');
SELECT results_eq('SELECT operation, row_key FROM pg_temp.take()',
    $$VALUES ('INSERT', 'code=BED'), ('INSERT', 'code=HER')$$,
    'a two-row INSERT writes exactly two log rows, in order');

INSERT INTO party (code, force_code, kind, title) VALUES
    ('PCC-CAM', 'CAM', 'policing_body', 'Police and Crime Commissioner for Cambridgeshire');
SELECT results_eq('SELECT * FROM pg_temp.take()',
    $$VALUES ('party', 'INSERT', 'code=PCC-CAM', NULL::jsonb,
              '{"code": "PCC-CAM", "kind": "policing_body", "title": "Police and Crime Commissioner for Cambridgeshire", "force_code": "CAM"}'::jsonb,
              pg_temp.me())$$,
    'party: INSERT logged, enum rendered as its label');
UPDATE party SET title = 'PCC for Cambridgeshire and Peterborough' WHERE code = 'PCC-CAM';
SELECT results_eq('SELECT operation, row_key, old->>''title'', new->>''title'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', 'code=PCC-CAM', 'Police and Crime Commissioner for Cambridgeshire',
              'PCC for Cambridgeshire and Peterborough')$$,
    'party: UPDATE logged');
INSERT INTO party (code, force_code, kind, title) VALUES
    ('PCC-BED', 'BED', 'policing_body', 'Police and Crime Commissioner for Bedfordshire');
SELECT is((SELECT count(*) FROM pg_temp.take()), 1::bigint, 'one inserted party, one log row');

INSERT INTO agreement (ref, title, lead_force, commences_on, expires_on, review_on, withdrawal_notice)
VALUES ('AUD-1', 'Audit test collaboration', 'CAM', '2019-04-01', '2024-03-31', '2022-04-30', '12 months');
CREATE TEMP TABLE a1 AS SELECT id FROM agreement WHERE ref = 'AUD-1';
SELECT results_eq('SELECT table_name, operation, row_key, old, new->>''ref'', new->>''commences_on'', new->>''withdrawal_notice'' FROM pg_temp.take()',
    $$SELECT 'agreement', 'INSERT', 'id=' || id, NULL::jsonb, 'AUD-1', '2019-04-01', '1 year' FROM a1$$,
    'agreement: INSERT logged, key is the generated id');
UPDATE agreement SET review_on = '2023-04-30' WHERE ref = 'AUD-1';
SELECT results_eq('SELECT operation, row_key, old->>''review_on'', new->>''review_on'', (old - ''review_on'') = (new - ''review_on'') FROM pg_temp.take()',
    $$SELECT 'UPDATE', 'id=' || id, '2022-04-30', '2023-04-30', true FROM a1$$,
    'agreement: UPDATE logged; only the changed column differs between old and new');

INSERT INTO agreement_party (agreement_id, party_code, signed_on)
SELECT id, 'PCC-CAM', '2019-03-01' FROM a1;
SELECT results_eq('SELECT table_name, operation, row_key, new->>''signed_on'' FROM pg_temp.take()',
    $$SELECT 'agreement_party', 'INSERT', format('agreement_id=%s, party_code=PCC-CAM', id), '2019-03-01' FROM a1$$,
    'agreement_party: INSERT logged, two-column key in key order');
UPDATE agreement_party SET declared_on = '2019-03-02' WHERE party_code = 'PCC-CAM';
SELECT results_eq('SELECT operation, old->''declared_on'', new->>''declared_on'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', 'null'::jsonb, '2019-03-02')$$,
    'agreement_party: UPDATE logged, the NULL it replaced is a JSON null');
INSERT INTO agreement_party (agreement_id, party_code) SELECT id, 'PCC-BED' FROM a1;
SELECT is((SELECT count(*) FROM pg_temp.take()), 1::bigint, 'second member, one log row');

-- notice given today (a withdrawal taking effect in a closed financial year
-- would need a decision: withdrawal_closed_year, test/register_withdrawal.sql)
INSERT INTO withdrawal (agreement_id, party_code, notice_given_on, effective_on)
SELECT id, 'PCC-BED', current_date, current_date + 400 FROM a1;
SELECT results_eq('SELECT table_name, operation, row_key, new->>''effective_on'' FROM pg_temp.take()',
    $$SELECT 'withdrawal', 'INSERT', format('agreement_id=%s, party_code=PCC-BED', id), to_char(current_date + 400, 'YYYY-MM-DD') FROM a1$$,
    'withdrawal: INSERT logged');
UPDATE withdrawal SET effective_on = current_date + 500 WHERE party_code = 'PCC-BED';
SELECT results_eq('SELECT operation, old->>''effective_on'', new->>''effective_on'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', to_char(current_date + 400, 'YYYY-MM-DD'), to_char(current_date + 500, 'YYYY-MM-DD'))$$,
    'withdrawal: UPDATE logged');

INSERT INTO decision (agreement_id, kind, title, proposed_on)
SELECT id, 'variation', 'Add Hertfordshire', '2020-01-10' FROM a1;
CREATE TEMP TABLE d1 AS SELECT id FROM decision WHERE title = 'Add Hertfordshire';
SELECT results_eq('SELECT table_name, operation, row_key, new->>''state'', new->>''proposed_on'' FROM pg_temp.take()',
    $$SELECT 'decision', 'INSERT', 'id=' || id, 'proposed', '2020-01-10' FROM d1$$,
    'decision: INSERT logged with its defaults filled in');
UPDATE decision SET title = 'Add Hertfordshire Constabulary' WHERE id = (SELECT id FROM d1);
SELECT results_eq('SELECT operation, old->>''title'', new->>''title'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', 'Add Hertfordshire', 'Add Hertfordshire Constabulary')$$,
    'decision: UPDATE logged');

INSERT INTO decision_impact (decision_id, party_code) SELECT id, 'PCC-CAM' FROM d1;
SELECT results_eq('SELECT table_name, operation, row_key FROM pg_temp.take()',
    $$SELECT 'decision_impact', 'INSERT', format('decision_id=%s, party_code=PCC-CAM', id) FROM d1$$,
    'decision_impact: INSERT logged');
UPDATE decision_impact SET party_code = 'PCC-BED' WHERE decision_id = (SELECT id FROM d1);
SELECT results_eq('SELECT operation, row_key, old->>''party_code'', new->>''party_code'' FROM pg_temp.take()',
    $$SELECT 'UPDATE', format('decision_id=%s, party_code=PCC-BED', id), 'PCC-CAM', 'PCC-BED' FROM d1$$,
    'decision_impact: an UPDATE of the key is logged under the new key, the old key in old');

INSERT INTO consent (decision_id, party_code, given_on, form, reference)
SELECT id, 'PCC-CAM', '2020-01-13', 'letter', 'CPCC2020-001' FROM d1;
SELECT results_eq('SELECT table_name, operation, row_key, new->>''form'', new->>''reference'' FROM pg_temp.take()',
    $$SELECT 'consent', 'INSERT', format('decision_id=%s, party_code=PCC-CAM', id), 'letter', 'CPCC2020-001' FROM d1$$,
    'consent: INSERT logged');
UPDATE consent SET form = 'decision_notice' WHERE decision_id = (SELECT id FROM d1);
SELECT results_eq('SELECT operation, old->>''form'', new->>''form'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', 'letter', 'decision_notice')$$,
    'consent: UPDATE logged');

INSERT INTO voting_weight (agreement_id, party_code, weight) SELECT id, 'PCC-CAM', 50 FROM a1;
SELECT results_eq('SELECT table_name, operation, row_key, new->''weight'' FROM pg_temp.take()',
    $$SELECT 'voting_weight', 'INSERT', format('agreement_id=%s, party_code=PCC-CAM', id), '50'::jsonb FROM a1$$,
    'voting_weight: INSERT logged, numeric as a JSON number');
UPDATE voting_weight SET weight = 50.5 WHERE party_code = 'PCC-CAM';
SELECT results_eq('SELECT operation, old->''weight'', new->''weight'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', '50'::jsonb, '50.5'::jsonb)$$,
    'voting_weight: UPDATE logged');

INSERT INTO vote (decision_id, party_code, in_favour) SELECT id, 'PCC-CAM', true FROM d1;
SELECT results_eq('SELECT table_name, operation, row_key, new->''in_favour'' FROM pg_temp.take()',
    $$SELECT 'vote', 'INSERT', format('decision_id=%s, party_code=PCC-CAM', id), 'true'::jsonb FROM d1$$,
    'vote: INSERT logged');
UPDATE vote SET in_favour = false WHERE decision_id = (SELECT id FROM d1);
SELECT results_eq('SELECT operation, old->''in_favour'', new->''in_favour'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', 'true'::jsonb, 'false'::jsonb)$$,
    'vote: UPDATE logged');

INSERT INTO force_measure (force_code, fiscal_year, measure, value) VALUES ('CAM', '2019/20', 'nre', 150000000);
SELECT results_eq('SELECT * FROM pg_temp.take()',
    $$VALUES ('force_measure', 'INSERT', 'force_code=CAM, fiscal_year=2019/20, measure=nre', NULL::jsonb,
              '{"force_code": "CAM", "fiscal_year": "2019/20", "measure": "nre", "value": 150000000}'::jsonb,
              pg_temp.me())$$,
    'force_measure: INSERT logged, fiscal_year in its text form in key and row');
UPDATE force_measure SET value = 151000000 WHERE force_code = 'CAM';
SELECT results_eq('SELECT operation, old->''value'', new->''value'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', '150000000'::jsonb, '151000000'::jsonb)$$,
    'force_measure: UPDATE logged');

INSERT INTO cost_basis (agreement_id, fiscal_year, measure, weight) SELECT id, '2019/20', 'nre', 1 FROM a1;
SELECT results_eq('SELECT table_name, operation, row_key FROM pg_temp.take()',
    $$SELECT 'cost_basis', 'INSERT', format('agreement_id=%s, fiscal_year=2019/20, business_area="", measure=nre', id) FROM a1$$,
    'cost_basis: INSERT logged, the empty business area quoted in the key');
UPDATE cost_basis SET measure = 'demand:firearms' WHERE agreement_id = (SELECT id FROM a1);
SELECT results_eq('SELECT operation, row_key, old->>''measure'', new->>''measure'' FROM pg_temp.take()',
    $$SELECT 'UPDATE', format('agreement_id=%s, fiscal_year=2019/20, business_area="", measure=demand:firearms', id), 'nre', 'demand:firearms' FROM a1$$,
    'cost_basis: UPDATE logged');

INSERT INTO cost_override (agreement_id, fiscal_year, business_area, shares)
SELECT id, '2019/20', 'Joint Protective Services', 'CAM=60, BED=40' FROM a1;
SELECT results_eq('SELECT table_name, operation, row_key, new->>''shares'' FROM pg_temp.take()',
    $$SELECT 'cost_override', 'INSERT', format('agreement_id=%s, fiscal_year=2019/20, business_area="Joint Protective Services"', id), 'BED=40, CAM=60' FROM a1$$,
    'cost_override: INSERT logged, apportionment in canonical text, spaced key value quoted');
UPDATE cost_override SET shares = 'CAM=55, BED=45' WHERE agreement_id = (SELECT id FROM a1);
SELECT results_eq('SELECT operation, old->>''shares'', new->>''shares'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', 'BED=40, CAM=60', 'BED=45, CAM=55')$$,
    'cost_override: UPDATE logged');

INSERT INTO budget (agreement_id, fiscal_year, line, amount) SELECT id, '2019/20', 'programme', 1200000.00 FROM a1;
SELECT results_eq('SELECT table_name, operation, row_key, new->''amount'' FROM pg_temp.take()',
    $$SELECT 'budget', 'INSERT', format('agreement_id=%s, fiscal_year=2019/20, business_area="", line=programme', id), '1200000.00'::jsonb FROM a1$$,
    'budget: INSERT logged, amount to the penny');
UPDATE budget SET amount = 1350000.00 WHERE agreement_id = (SELECT id FROM a1);
SELECT results_eq('SELECT operation, old->''amount'', new->''amount'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', '1200000.00'::jsonb, '1350000.00'::jsonb)$$,
    'budget: UPDATE logged');

INSERT INTO contribution (agreement_id, fiscal_year, force_code, kind, amount, description)
SELECT id, '2019/20', 'BED', 'in_kind', 45000.00, 'one analyst, 0.8 FTE' FROM a1;
CREATE TEMP TABLE c1 AS SELECT id FROM contribution WHERE description = 'one analyst, 0.8 FTE';
SELECT results_eq('SELECT table_name, operation, row_key, new->>''kind'' FROM pg_temp.take()',
    $$SELECT 'contribution', 'INSERT', 'id=' || id, 'in_kind' FROM c1$$,
    'contribution: INSERT logged');
UPDATE contribution SET amount = 46000.00 WHERE id = (SELECT id FROM c1);
SELECT results_eq('SELECT operation, old->''amount'', new->''amount'' FROM pg_temp.take()',
    $$VALUES ('UPDATE', '45000.00'::jsonb, '46000.00'::jsonb)$$,
    'contribution: UPDATE logged');

SELECT is(audit_key_value('a"b\c'), '"a\"b\\c"', 'key values: quote and backslash escaped inside quotes');
SELECT is(audit_key_value('PCC-CAM'), 'PCC-CAM', 'key values: a code is written bare');

-- an UPDATE that matches nothing logs nothing; one touching two rows logs two
UPDATE force SET name = name WHERE code = 'XXX';
SELECT is((SELECT count(*) FROM pg_temp.take()), 0::bigint, 'an UPDATE of no rows logs nothing');
UPDATE force SET name = upper(name) WHERE code IN ('BED', 'HER');
SELECT is((SELECT count(*) FROM pg_temp.take()), 2::bigint, 'an UPDATE of two rows logs two');
UPDATE force SET name = initcap(name) WHERE code IN ('BED', 'HER');
SELECT is((SELECT count(*) FROM pg_temp.take()), 2::bigint, '... every time');

-- ---------------------------------------------------------------------------
-- the log is append-only
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE log_before AS
SELECT count(*) AS n, md5(string_agg(l::text, '|' ORDER BY id)) AS digest FROM audit_log l;

SELECT throws_ok('UPDATE s22a.audit_log SET actor = ''nobody''', '23514',
    'UPDATE on the audit log is refused: s22a.audit_log is append-only',
    'UPDATE of the audit log refused with 23514');
SELECT throws_ok('DELETE FROM s22a.audit_log', '23514',
    'DELETE on the audit log is refused: s22a.audit_log is append-only',
    'DELETE from the audit log refused with 23514');
SELECT throws_ok('DELETE FROM s22a.audit_log WHERE false', '23514', NULL,
    'even a DELETE matching no row is refused: the statement itself is the rewrite');
SELECT throws_ok('TRUNCATE s22a.audit_log', '23514',
    'TRUNCATE on the audit log is refused: s22a.audit_log is append-only',
    'TRUNCATE of the audit log refused with 23514');
SELECT is((SELECT count(*) || ' ' || md5(string_agg(l::text, '|' ORDER BY id)) FROM audit_log l),
          (SELECT n || ' ' || digest FROM log_before),
    'the log is unchanged after the refused rewrites');

-- the refusal names its rule as the constraint, like every s22a rule
CREATE FUNCTION pg_temp.constraint_of(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE c text;
BEGIN
    EXECUTE sql;
    RETURN NULL;
EXCEPTION WHEN check_violation THEN
    GET STACKED DIAGNOSTICS c = CONSTRAINT_NAME;
    RETURN c;
END $$;
SELECT is(pg_temp.constraint_of('DELETE FROM s22a.audit_log'), 'audit_log_append_only',
    'constraint name of the append-only refusal');
SELECT is(pg_temp.constraint_of('TRUNCATE s22a.budget'), 'register_no_truncate',
    'constraint name of the TRUNCATE refusal');

-- ---------------------------------------------------------------------------
-- TRUNCATE of audited tables refused
-- ---------------------------------------------------------------------------
-- fire the deferred checks (cost_basis weights) now: TRUNCATE refuses a
-- table with pending trigger events before any trigger could speak
SET CONSTRAINTS ALL IMMEDIATE;
SELECT throws_ok('TRUNCATE s22a.budget', '23514',
    'TRUNCATE of s22a.budget is refused: it would remove rows without a trace in the audit log',
    'TRUNCATE of budget refused with 23514');
SELECT throws_ok('TRUNCATE s22a.consent', '23514', NULL,
    'TRUNCATE of consent refused with 23514 (consent_kept speaks first; register_no_truncate stands behind it)');
SELECT throws_ok('TRUNCATE s22a.force CASCADE', '23514', NULL,
    'TRUNCATE ... CASCADE of force refused');
SELECT throws_ok('TRUNCATE s22a.bank_holiday', '23514', NULL,
    'TRUNCATE of bank_holiday refused: the shipped calendar must not vanish unlogged');
SELECT is((SELECT count(*) FROM budget), 1::bigint, 'the budget line is still there');

-- ---------------------------------------------------------------------------
-- delete, children first
-- ---------------------------------------------------------------------------
DELETE FROM contribution;
SELECT results_eq('SELECT table_name, operation, row_key, old->''amount'', new FROM pg_temp.take()',
    $$SELECT 'contribution', 'DELETE', 'id=' || id, '46000.00'::jsonb, NULL::jsonb FROM c1$$,
    'contribution: DELETE logged with the row removed');
DELETE FROM budget;
SELECT results_eq('SELECT table_name, operation, old->''amount'' FROM pg_temp.take()',
    $$VALUES ('budget', 'DELETE', '1350000.00'::jsonb)$$, 'budget: DELETE logged');
DELETE FROM cost_override;
SELECT results_eq('SELECT table_name, operation, row_key, old->>''shares'' FROM pg_temp.take()',
    $$SELECT 'cost_override', 'DELETE', format('agreement_id=%s, fiscal_year=2019/20, business_area="Joint Protective Services"', id), 'BED=45, CAM=55' FROM a1$$,
    'cost_override: DELETE logged under the same key its INSERT was');
DELETE FROM cost_basis;
SELECT results_eq('SELECT table_name, operation, old->>''measure'' FROM pg_temp.take()',
    $$VALUES ('cost_basis', 'DELETE', 'demand:firearms')$$, 'cost_basis: DELETE logged');
DELETE FROM force_measure;
SELECT results_eq('SELECT table_name, operation, old->''value'' FROM pg_temp.take()',
    $$VALUES ('force_measure', 'DELETE', '151000000'::jsonb)$$, 'force_measure: DELETE logged');
DELETE FROM vote;
SELECT results_eq('SELECT table_name, operation, old->''in_favour'' FROM pg_temp.take()',
    $$VALUES ('vote', 'DELETE', 'false'::jsonb)$$, 'vote: DELETE logged');
DELETE FROM voting_weight;
SELECT results_eq('SELECT table_name, operation, old->''weight'' FROM pg_temp.take()',
    $$VALUES ('voting_weight', 'DELETE', '50.5'::jsonb)$$, 'voting_weight: DELETE logged');
DELETE FROM decision_impact;
SELECT results_eq('SELECT table_name, operation, old->>''party_code'' FROM pg_temp.take()',
    $$VALUES ('decision_impact', 'DELETE', 'PCC-BED')$$, 'decision_impact: DELETE logged');
-- consents and decisions are never deleted (data never disappears:
-- doc/decisions.md): the refused DELETE leaves nothing in the log either
SELECT throws_ok('DELETE FROM s22a.consent', '23514', NULL, 'a consent cannot be deleted');
SELECT throws_ok('DELETE FROM s22a.decision', '23514', NULL, 'a decision cannot be deleted');
SELECT is((SELECT count(*) FROM pg_temp.take()), 0::bigint,
    'consent and decision: a refused DELETE logs nothing');
DELETE FROM withdrawal;
SELECT results_eq('SELECT table_name, operation, old->>''notice_given_on'' FROM pg_temp.take()',
    $$VALUES ('withdrawal', 'DELETE', to_char(current_date, 'YYYY-MM-DD'))$$, 'withdrawal: DELETE logged');
DELETE FROM agreement_party WHERE party_code = 'PCC-BED';
SELECT results_eq('SELECT table_name, operation, row_key, old->>''party_code'' FROM pg_temp.take()',
    $$SELECT 'agreement_party', 'DELETE', format('agreement_id=%s, party_code=PCC-BED', id), 'PCC-BED' FROM a1$$,
    'agreement_party: DELETE logged');
-- AUD-1 keeps its decision; a second draft shows an agreement's DELETE
INSERT INTO agreement (ref, title, commences_on) VALUES ('AUD-2', 'Audit test draft', '2021-04-01');
DELETE FROM agreement WHERE ref = 'AUD-2';
SELECT results_eq('SELECT table_name, operation, old->>''ref'', new->>''ref'' FROM pg_temp.take()',
    $$VALUES ('agreement', 'INSERT', NULL, 'AUD-2'), ('agreement', 'DELETE', 'AUD-2', NULL)$$,
    'agreement: INSERT then DELETE of a draft, both logged');
DELETE FROM party WHERE code = 'PCC-BED';
SELECT results_eq('SELECT table_name, operation, old->>''title'' FROM pg_temp.take()',
    $$VALUES ('party', 'DELETE', 'Police and Crime Commissioner for Bedfordshire')$$, 'party: DELETE logged');
DELETE FROM force WHERE code IN ('BED', 'HER');
SELECT results_eq('SELECT table_name, operation, row_key FROM pg_temp.take()',
    $$VALUES ('force', 'DELETE', 'code=BED'), ('force', 'DELETE', 'code=HER')$$,
    'force: a two-row DELETE logs two rows');

-- a rolled-back change leaves no log row
SAVEPOINT undo;
INSERT INTO force (code, name) VALUES ('TVP', 'Thames Valley Police');
ROLLBACK TO SAVEPOINT undo;
SELECT is((SELECT count(*) FROM audit_log WHERE row_key = 'code=TVP'), 0::bigint,
    'a rolled-back INSERT leaves nothing in the log');

-- ---------------------------------------------------------------------------
-- privileges: a clerk is logged without any right on the log itself
-- ---------------------------------------------------------------------------
CREATE ROLE s22a_audit_clerk;
GRANT USAGE ON SCHEMA s22a TO s22a_audit_clerk;
GRANT SELECT, INSERT ON s22a.force TO s22a_audit_clerk;
SET LOCAL ROLE s22a_audit_clerk;
INSERT INTO s22a.force (code, name) VALUES ('NOR', 'Norfolk Constabulary');
SELECT throws_ok($$INSERT INTO s22a.audit_log (table_name, operation, row_key, new) VALUES ('force', 'INSERT', 'code=X', '{}')$$,
    '42501', NULL, 'a clerk cannot write to the log directly');
RESET ROLE;
SELECT results_eq('SELECT table_name, operation, row_key, actor FROM pg_temp.take()',
    $$VALUES ('force', 'INSERT', 'code=NOR', pg_temp.me())$$,
    'the clerk''s INSERT is logged, actor the session user (SET ROLE does not hide it)');
SELECT is((SELECT count(*) FROM audit_log WHERE transaction_id = pg_current_xact_id()),
          (SELECT count(*) FROM audit_log WHERE id > (SELECT min(id) FROM audit_mark_start)),
    'every row of this test carries this transaction''s id');

-- the audit triggers, which write as the log's owner, serve s22a's tables only
CREATE TABLE public.elsewhere (id int PRIMARY KEY);
CREATE TRIGGER audit_insert AFTER INSERT ON public.elsewhere REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION s22a.audit_insert();
SELECT throws_ok('INSERT INTO public.elsewhere VALUES (1)', '0A000',
    'table "public.elsewhere" cannot be audited by s22a', 'a table outside s22a cannot borrow the audit trigger');

-- ---------------------------------------------------------------------------
-- BI tools show the comments; every audited table carries both triggers
-- ---------------------------------------------------------------------------
SELECT is((SELECT array_agg(attname) FROM pg_attribute
           WHERE attrelid = 's22a.audit_log'::regclass AND attnum > 0 AND NOT attisdropped
             AND col_description(attrelid, attnum) IS NULL),
    NULL, 'the audit log and every one of its columns have a comment');
SELECT is((SELECT array_agg(c.relname::text ORDER BY c.relname)
           FROM pg_class c
           WHERE c.relnamespace = 's22a'::regnamespace AND c.relkind = 'r' AND c.relname <> 'audit_log'
             AND (SELECT count(*) FROM pg_trigger t
                  WHERE t.tgrelid = c.oid AND t.tgname IN ('audit', 'audit_insert', 'register_no_truncate')) <> 3),
    NULL, 'every table of the extension is audited and cannot be truncated');

SELECT * FROM finish();
ROLLBACK;
