-- test/lib/upgrade_fingerprint.sql — what test/pg_upgrade.sh compares
-- before and after a major-version upgrade of a database holding the demo
-- register: one line per table (row count and md5 of its rows, sorted), per
-- view (the same over its output, as at s22a.today), for upcoming(), per
-- relation's privileges, for the extension, and for each of a sample of
-- statements the rules must refuse (expected and actual SQLSTATE, the
-- constraint name, the message).  Every refused statement runs in a
-- subtransaction that is rolled back, and so would one the rules accepted,
-- so the register is the same after this as before.  Run with psql -X -At
-- and s22a.today set (PGOPTIONS).
\set ON_ERROR_STOP 1
SET search_path = pg_catalog;

CREATE FUNCTION pg_temp.rows_md5(query text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    r text;
BEGIN
    EXECUTE format('SELECT count(*) || '' rows, md5 '' || coalesce(md5(string_agg(t::text, E''\n'' ORDER BY t::text)), ''-'') FROM (%s) t', query)
        INTO r;
    RETURN r;
END $$;

CREATE FUNCTION pg_temp.refusal(statement text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    state text;
    rule text;
    message text;
BEGIN
    BEGIN
        EXECUTE statement;
        RAISE EXCEPTION 'accepted' USING ERRCODE = 'S22A0';   -- rolls it back
    EXCEPTION WHEN OTHERS THEN
        GET STACKED DIAGNOSTICS state = RETURNED_SQLSTATE, rule = CONSTRAINT_NAME,
                                message = MESSAGE_TEXT;
    END;
    RETURN state || '|' || coalesce(nullif(rule, ''), '-') || '|' || message;
END $$;

SELECT 'extension|' || extname || '|' || extversion || '|' || extrelocatable || '|'
       || coalesce((SELECT string_agg(c::regclass::text, ',' ORDER BY c::regclass::text) FROM unnest(extconfig) c), '-')
FROM pg_extension WHERE extname = 's22a';

SELECT 'table|' || c.relname || '|' || pg_temp.rows_md5(format('SELECT * FROM s22a.%I', c.relname))
FROM pg_class c WHERE c.relnamespace = 's22a'::regnamespace AND c.relkind IN ('r', 'p') ORDER BY c.relname;

SELECT 'view|' || c.relname || '|' || pg_temp.rows_md5(format('SELECT * FROM s22a.%I', c.relname))
FROM pg_class c WHERE c.relnamespace = 's22a'::regnamespace AND c.relkind IN ('v', 'm') ORDER BY c.relname;

SELECT 'report|upcoming(''6 months'')|' || pg_temp.rows_md5('SELECT * FROM s22a.upcoming(''6 months'')');
-- cost_group_shares: the shares, or the problem where a group lacks data
-- (the demo leaves one, CTC 2021/22, for cost_problems to show)
SELECT 'report|cost shares of every agreement, year and area|' || pg_temp.rows_md5(
    'SELECT a.ref, b.fiscal_year::text, b.business_area, s22a.cost_group_shares(a.id, b.fiscal_year, b.business_area)::text
     FROM s22a.agreement a JOIN (SELECT DISTINCT agreement_id, fiscal_year, business_area FROM s22a.cost_basis) b ON b.agreement_id = a.id');
SELECT 'report|term_status and effective_expiry of every agreement|' || pg_temp.rows_md5(
    'SELECT a.ref, d, s22a.term_status(a.id, d)::text, s22a.effective_expiry(a.id)
     FROM s22a.agreement a, generate_series(date ''2015-01-01'', date ''2030-01-01'', interval ''3 months'') g, LATERAL (SELECT g::date AS d) dd');
SELECT 'report|decision_check of every decision|' || pg_temp.rows_md5(
    'SELECT d.title, c.* FROM s22a.decision d, s22a.decision_check(d.id) c');

-- the grants on each relation; MAINTAIN is left out: PostgreSQL 17 added
-- it, and an owner's full rights include it after the upgrade
SELECT 'privileges|' || c.relname || '|' || coalesce((
        SELECT string_agg(a.grantee::regrole::text || ':' || a.privilege_type || CASE WHEN a.is_grantable THEN '*' ELSE '' END,
                          ',' ORDER BY a.grantee::regrole::text, a.privilege_type)
        FROM aclexplode(c.relacl) a WHERE a.privilege_type <> 'MAINTAIN'), '-')
FROM pg_class c WHERE c.relnamespace = 's22a'::regnamespace ORDER BY c.relname;
SELECT 'privileges|function ' || p.oid::regprocedure::text || '|' || coalesce(p.proacl::text, '-')
FROM pg_proc p WHERE p.pronamespace = 's22a'::regnamespace ORDER BY 1;

SELECT 'refusal|' || label || '|' || expected || '|' || pg_temp.refusal(statement)
FROM (VALUES
    ('agreement_sealed', '23514', $$UPDATE s22a.agreement SET expires_on = '2023-03-31' WHERE ref = '7F-SCP'$$),
    ('consent', '23514', $$UPDATE s22a.decision SET state = 'made', made_on = '2016-03-29' WHERE title = 'Proceed to business case: joint ICT'$$),
    ('decision_final', '23514', $$UPDATE s22a.decision SET title = 'renamed' WHERE title LIKE 'CTC to continue%'$$),
    ('spent or direct citation', '23514', $$UPDATE s22a.agreement SET review_on = '2023-04-30', authorised_by = (SELECT id FROM s22a.decision WHERE title LIKE 'CTC to continue%') WHERE ref = 'CTC'$$),
    ('membership_sealed', '23514', $$INSERT INTO s22a.agreement_party (agreement_id, party_code, signed_on, declared_on) SELECT id, p, '2019-01-01', '2019-01-01' FROM s22a.agreement, unnest(ARRAY['CC-KEN', 'PCC-KEN']) p WHERE ref = 'CTC'$$),
    ('withdrawal_notice', '23514', $$INSERT INTO s22a.withdrawal (agreement_id, party_code, notice_given_on, effective_on) SELECT id, p, '2019-07-01', '2020-06-30' FROM s22a.agreement, unnest(ARRAY['CC-CAM', 'PCC-CAM']) p WHERE ref = 'SOH'$$),
    ('withdrawal_pairing', '23514', $$INSERT INTO s22a.withdrawal (agreement_id, party_code, notice_given_on, effective_on) SELECT id, 'PCC-CAM', '2019-07-01', '2020-07-01' FROM s22a.agreement WHERE ref = 'SOH'$$),
    ('party_sealed', '23514', $$UPDATE s22a.party SET force_code = 'HER' WHERE code = 'PCC-CAM'$$),
    ('cost_terms_sealed', '23514', $$UPDATE s22a.budget SET amount = amount + 1 WHERE agreement_id = (SELECT id FROM s22a.agreement WHERE ref = 'JPS')$$),
    ('a consent is never deleted', '23514', $$DELETE FROM s22a.consent$$),
    ('the audit log is append-only', '23514', $$DELETE FROM s22a.audit_log$$),
    ('register_no_drop', '2BP01', $$DROP EXTENSION s22a$$),
    ('fiscal_year input', '22P02', $$SELECT '2016/18'::s22a.fiscal_year$$),
    ('apportionment input', '22P02', $$SELECT 'BED=27.4, CAM=31.2, HER=41.3'::s22a.apportionment$$),
    ('split decimals', '22023', $$SELECT * FROM s22a.split('A=50, B=50', 10.001)$$),
    ('no cost basis', 'P0002', $$SELECT s22a.cost_shares(id, '2030/31') FROM s22a.agreement WHERE ref = '7F-SCP'$$)
) AS r(label, expected, statement)
ORDER BY label;
