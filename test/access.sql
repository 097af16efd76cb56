-- Access by party (0.2, doc/security.md): create_roles(), party_member,
-- row-level security on agreement_party, consent, vote and withdrawal, and
-- search_path hardening.  Fixture: three forces of the Bedfordshire,
-- Cambridgeshire and Hertfordshire collaboration (ICT collaboration agreement paper, 2016), a draft
-- agreement the parties still have to sign and an executed one with a
-- decision outside the meeting programme (every party must consent in
-- writing) and voting weights.
BEGIN;
SELECT plan(47);
SET LOCAL search_path = s22a, public;
SET LOCAL client_min_messages = warning;

INSERT INTO force (code, name) VALUES
    ('BED', 'Bedfordshire Police'), ('CAM', 'Cambridgeshire Constabulary'),
    ('HER', 'Hertfordshire Constabulary');
INSERT INTO party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::party_kind, 'Chief Constable of ' || name FROM force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'Police and Crime Commissioner for ' || name FROM force;

INSERT INTO agreement (ref, title, commences_on) VALUES ('DRAFT', 'Joint protective services (draft)', '2027-04-01');
INSERT INTO agreement (ref, title, commences_on, withdrawal_notice)
VALUES ('BCH', 'Bedfordshire, Cambridgeshire and Hertfordshire collaboration', '2014-04-01', '3 months');
SELECT id AS draft FROM agreement WHERE ref = 'DRAFT' \gset
SELECT id AS bch FROM agreement WHERE ref = 'BCH' \gset
INSERT INTO agreement_party (agreement_id, party_code) SELECT :draft, code FROM party;
INSERT INTO agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT :bch, code, '2014-03-01', '2014-03-01' FROM party;
-- the weights are set before execution (voting_weights_sealed)
INSERT INTO voting_weight (agreement_id, party_code, weight) SELECT :bch, code, 1 FROM party;
UPDATE agreement SET executed_on = '2014-03-15' WHERE id = :bch;
INSERT INTO decision (agreement_id, kind, title, proposed_on)
VALUES (:bch, 'budget', 'Budget 2026/27', '2026-11-02');
SELECT id AS dec FROM decision WHERE title = 'Budget 2026/27' \gset

-- attempt(sql): the SQLSTATE a statement fails with, or ok:<rows changed>
CREATE FUNCTION pg_temp.attempt(statement text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE n bigint;
BEGIN
    EXECUTE statement;
    GET DIAGNOSTICS n = ROW_COUNT;
    RETURN 'ok:' || n;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLSTATE;
END $$;
CREATE TEMP TABLE tried (who text, what text, outcome text);
GRANT ALL ON tried TO PUBLIC;

-- ---------------------------------------------------------------------------
-- create_roles()
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE expect_created AS
SELECT r, NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) AS created
FROM unnest(ARRAY['s22a_reader', 's22a_clerk', 's22a_admin', 's22a_party']) r;
SELECT bag_eq('SELECT role_name, created FROM s22a.create_roles()', 'SELECT r, created FROM expect_created',
    'create_roles() creates the four roles that are missing');
CREATE TEMP TABLE members_after_first AS SELECT roleid, member FROM pg_auth_members;
SELECT results_eq('SELECT role_name, created FROM s22a.create_roles()',
    $$VALUES ('s22a_reader', false), ('s22a_clerk', false), ('s22a_admin', false), ('s22a_party', false)$$,
    'a second call creates nothing');
SELECT is((SELECT count(*) FROM (SELECT roleid, member FROM pg_auth_members
                                 EXCEPT SELECT * FROM members_after_first) x), 0::bigint,
    'and grants no new membership');
SELECT ok(pg_has_role('s22a_admin', 's22a_clerk', 'USAGE') AND pg_has_role('s22a_clerk', 's22a_reader', 'USAGE')
          AND pg_has_role('s22a_party', 's22a_reader', 'USAGE') AND NOT pg_has_role('s22a_party', 's22a_clerk', 'USAGE'),
    'admin > clerk > reader, party > reader, party not a clerk');

CREATE ROLE access_nocreate;
GRANT EXECUTE ON FUNCTION s22a.create_roles() TO access_nocreate;
GRANT USAGE ON SCHEMA s22a TO access_nocreate;
SET LOCAL ROLE access_nocreate;
SELECT throws_ok('SELECT * FROM s22a.create_roles()', '42501',
    'permission denied to create the s22a roles: role "access_nocreate" lacks CREATEROLE',
    'create_roles() without CREATEROLE: refused with a clear message');
RESET ROLE;
CREATE ROLE access_creator CREATEROLE;
GRANT EXECUTE ON FUNCTION s22a.create_roles() TO access_creator;
GRANT USAGE ON SCHEMA s22a TO access_creator;
SET LOCAL ROLE access_creator;
SELECT throws_ok('SELECT * FROM s22a.create_roles()', '42501',
    'permission denied to grant on the s22a tables: role "access_creator" does not own them',
    'create_roles() with CREATEROLE but not owning the tables: refused');
RESET ROLE;

-- the roles of the test
CREATE ROLE access_reader IN ROLE s22a_reader;
CREATE ROLE access_clerk IN ROLE s22a_clerk;
CREATE ROLE access_admin IN ROLE s22a_admin;
CREATE ROLE pcc_cam IN ROLE s22a_party;
CREATE ROLE cc_bed IN ROLE s22a_party;
CREATE ROLE "Mixed Case, Role" IN ROLE s22a_party;
CREATE ROLE access_nobody;
INSERT INTO party_member (party_code, role_name) VALUES
    ('PCC-CAM', 'pcc_cam'), ('CC-BED', 'cc_bed'), ('PCC-HER', 'Mixed Case, Role'),
    ('CC-HER', 'no such role'), ('CC-CAM', 'access_nobody');

-- ---------------------------------------------------------------------------
-- party_member: mapping, non-existent roles, audit, dump
-- ---------------------------------------------------------------------------
SET LOCAL ROLE pcc_cam;
SELECT results_eq($$SELECT code::text FROM s22a.party WHERE s22a.acts_for(code) ORDER BY code$$,
    ARRAY['PCC-CAM'], 'pcc_cam acts for PCC-CAM and no other party (a row naming a missing role raises nothing)');
RESET ROLE;
SET LOCAL ROLE "Mixed Case, Role";
SELECT ok(acts_for('PCC-HER'), 'a role name that needs quoting is matched');
RESET ROLE;
SELECT results_eq('SELECT code::text FROM s22a.party WHERE s22a.acts_for(code) ORDER BY code',
    ARRAY['CC-BED', 'CC-CAM', 'PCC-CAM', 'PCC-HER'],
    'the superuser holds every role''s privileges: it acts for the parties mapped to roles that exist, not CC-HER');
SELECT is(acts_for('CC-HER'), false, 'a mapping to a role that does not exist grants nothing and does not raise');
SELECT is((SELECT count(*) FROM audit_log WHERE table_name = 'party_member' AND operation = 'INSERT'), 5::bigint,
    'the mappings are in the audit log');
SELECT ok((SELECT extconfig @> ARRAY['s22a.party_member'::regclass::oid] FROM pg_extension WHERE extname = 's22a'),
    'party_member is dumped by pg_dump (pg_extension_config_dump)');
SELECT is((SELECT array_agg(tgname::text ORDER BY tgname) FROM pg_trigger WHERE tgrelid = 's22a.party_member'::regclass AND NOT tgisinternal),
    ARRAY['audit', 'audit_insert', 'register_no_truncate'], 'party_member carries the audit triggers');

-- ---------------------------------------------------------------------------
-- a reader writes nothing, in any table
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE ext_table AS
SELECT c.relname::text AS rel, (SELECT quote_ident(attname) FROM pg_attribute
                                 WHERE attrelid = c.oid AND attnum > 0 AND attidentity = '' AND NOT attisdropped
                                 ORDER BY attnum LIMIT 1) AS col
FROM pg_class c WHERE c.relnamespace = 's22a'::regnamespace AND c.relkind = 'r';
GRANT SELECT ON ext_table TO PUBLIC;
CREATE FUNCTION pg_temp.try_every_table(who text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE t record;
BEGIN
    FOR t IN SELECT * FROM ext_table LOOP
        INSERT INTO tried VALUES
            (who, 'INSERT ' || t.rel, pg_temp.attempt(format('INSERT INTO s22a.%I DEFAULT VALUES', t.rel))),
            (who, 'UPDATE ' || t.rel, pg_temp.attempt(format('UPDATE s22a.%I SET %s = %2$s', t.rel, t.col))),
            (who, 'DELETE ' || t.rel, pg_temp.attempt(format('DELETE FROM s22a.%I', t.rel))),
            (who, 'TRUNCATE ' || t.rel, pg_temp.attempt(format('TRUNCATE s22a.%I CASCADE', t.rel)));
    END LOOP;
END $$;
SET LOCAL ROLE access_reader;
SELECT pg_temp.try_every_table('reader');
RESET ROLE;
SELECT is((SELECT array_agg(DISTINCT outcome) FROM tried WHERE who = 'reader'), ARRAY['42501'],
    format('a reader: %s INSERT, UPDATE, DELETE and TRUNCATE attempts on the %s tables, every one refused 42501',
           (SELECT count(*) FROM tried WHERE who = 'reader'), (SELECT count(*) FROM ext_table)));
SET LOCAL ROLE access_reader;
SELECT is((SELECT count(*) FROM consent) + (SELECT count(*) FROM agreement_party), 12::bigint,
    'a reader reads every row of the tables under row-level security');
SELECT lives_ok('SELECT * FROM s22a.register, s22a.outstanding_consents, s22a.cost_balance, s22a.audit_log LIMIT 1',
    'a reader reads the views and the audit log');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- a party acts for its own party only
-- ---------------------------------------------------------------------------
CREATE FUNCTION pg_temp.try_for(who text, p text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO tried VALUES
        (who, 'consent ' || p, pg_temp.attempt(format(
            $q$INSERT INTO s22a.consent VALUES (%s, %L, '2026-11-03', 'letter', 'letter of %2$s')$q$,
            current_setting('access.dec'), p))),
        (who, 'vote ' || p, pg_temp.attempt(format(
            'INSERT INTO s22a.vote VALUES (%s, %L, true)', current_setting('access.dec'), p))),
        (who, 'sign ' || p, pg_temp.attempt(format(
            $q$UPDATE s22a.agreement_party SET signed_on = '2027-03-01' WHERE agreement_id = %s AND party_code = %L$q$,
            current_setting('access.draft'), p))),
        (who, 'declare ' || p, pg_temp.attempt(format(
            $q$UPDATE s22a.agreement_party SET declared_on = '2027-03-01' WHERE agreement_id = %s AND party_code = %L$q$,
            current_setting('access.draft'), p))),
        (who, 'withdraw ' || p, pg_temp.attempt(format(
            $q$INSERT INTO s22a.withdrawal VALUES (%s, %L, current_date, current_date + 365)$q$,
            current_setting('access.bch'), p))),
        (who, 'withdraw via ON CONFLICT ' || p, pg_temp.attempt(format(
            $q$INSERT INTO s22a.withdrawal VALUES (%s, %L, current_date, current_date + 365)
               ON CONFLICT (agreement_id, party_code) DO UPDATE SET effective_on = excluded.effective_on$q$,
            current_setting('access.bch'), p)));
END $$;
SELECT set_config('access.dec', :'dec', true), set_config('access.draft', :'draft', true),
       set_config('access.bch', :'bch', true) \g /dev/null

SET LOCAL ROLE pcc_cam;
SELECT pg_temp.try_for('pcc_cam', code) FROM s22a.party WHERE code <> 'PCC-CAM';
RESET ROLE;
SELECT is((SELECT array_agg(DISTINCT outcome ORDER BY outcome) FROM tried
           WHERE who = 'pcc_cam' AND split_part(what, ' ', 1) IN ('consent', 'vote', 'withdraw')),
    ARRAY['42501'],
    format('pcc_cam: %s consents, votes and withdrawals for the 5 other parties, every one refused 42501 (row-level security)',
           (SELECT count(*) FROM tried WHERE who = 'pcc_cam' AND split_part(what, ' ', 1) IN ('consent', 'vote', 'withdraw'))));
SELECT is((SELECT array_agg(DISTINCT outcome) FROM tried
           WHERE who = 'pcc_cam' AND split_part(what, ' ', 1) IN ('sign', 'declare')),
    ARRAY['ok:0'], 'pcc_cam: signing and declaring for the 5 other parties reaches no row');
SELECT is((SELECT count(*) FROM agreement_party WHERE agreement_id = :draft AND (signed_on IS NOT NULL OR declared_on IS NOT NULL)),
    0::bigint, 'no other party''s signature or declaration was recorded');
SELECT is((SELECT count(*) FROM consent) + (SELECT count(*) FROM vote) + (SELECT count(*) FROM withdrawal),
    0::bigint, 'no consent, vote or withdrawal was recorded');

-- a row for another party that also breaks a register rule: the rule's
-- BEFORE trigger refuses first, with its own SQLSTATE (doc/security.md)
SET LOCAL ROLE pcc_cam;
SELECT is(pg_temp.attempt($q$INSERT INTO s22a.consent VALUES (-1, 'PCC-HER', '2026-11-03', 'letter', NULL)$q$),
    '22023', 'pcc_cam consenting for PCC-HER to a decision that does not exist: the rule refuses first (22023), not 42501');
RESET ROLE;
SELECT is((SELECT count(*) FROM consent), 0::bigint, 'and nothing is recorded');

SET LOCAL ROLE pcc_cam;
SELECT pg_temp.try_for('pcc_cam own', 'PCC-CAM');
RESET ROLE;
SELECT results_eq($$SELECT what, outcome FROM tried WHERE who = 'pcc_cam own' AND what !~ '^withdraw' ORDER BY what$$,
    $$VALUES ('consent PCC-CAM', 'ok:1'), ('declare PCC-CAM', 'ok:1'), ('sign PCC-CAM', 'ok:1'), ('vote PCC-CAM', 'ok:1')$$,
    'pcc_cam consents, votes, signs and declares for PCC-CAM');
SELECT is((SELECT outcome FROM tried WHERE who = 'pcc_cam own' AND what = 'withdraw PCC-CAM'), '23514',
    'its withdrawal gets past row-level security to the register rule (a policing body cannot leave before its chief constable)');
SELECT is((SELECT signed_on FROM agreement_party WHERE agreement_id = :draft AND party_code = 'PCC-CAM'), '2027-03-01'::date,
    'the signature is recorded');
SELECT is((SELECT actor || ' ' || table_name FROM audit_log WHERE table_name = 'consent' AND row_key LIKE '%PCC-CAM'),
    session_user || ' consent', 'the party''s consent is in the audit log under the session user');

SET LOCAL ROLE cc_bed;
-- a decision is cited by a clerk: a party citing one itself could spend a
-- decision the parties made for something else (second adversarial review)
SELECT is(pg_temp.attempt(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'CC-BED', current_date, current_date + 365, (SELECT max(id) FROM s22a.decision))$$, :bch)),
    '42501', 'cc_bed cannot cite a decision for its own withdrawal');
SELECT is(pg_temp.attempt(format($$INSERT INTO s22a.withdrawal VALUES (%s, 'CC-BED', current_date, current_date + 365)$$, :bch)),
    'ok:1', 'cc_bed gives notice of withdrawal for CC-BED');
SELECT is(pg_temp.attempt(format($$UPDATE s22a.withdrawal SET effective_on = '2027-05-01' WHERE agreement_id = %s$$, :bch)),
    '42501', 'but cannot change it afterwards (no UPDATE privilege)');
SELECT is(pg_temp.attempt(format($$UPDATE s22a.agreement_party SET leaves_on = '2027-01-01' WHERE agreement_id = %s AND party_code = 'CC-BED'$$, :bch)),
    '42501', 'nor change any column of its membership but signed_on and declared_on');
SELECT is(pg_temp.attempt($$INSERT INTO s22a.party_member VALUES ('PCC-BED', 'cc_bed')$$),
    '42501', 'nor map itself to another party');
SELECT is(pg_temp.attempt($$SELECT s22a.create_roles()$$) || ' ' || pg_temp.attempt($$SELECT s22a.grant_membership('s22a_clerk', 'cc_bed')$$),
    '42501 42501', 'nor call create_roles() or grant_membership()');
SELECT pg_temp.try_every_table('cc_bed');
RESET ROLE;
SELECT is((SELECT array_agg(DISTINCT outcome ORDER BY outcome) FROM tried WHERE who = 'cc_bed'
           AND what NOT IN ('INSERT consent', 'INSERT vote', 'INSERT withdrawal')), ARRAY['42501'],
    format('a party role: %s INSERT, UPDATE, DELETE and TRUNCATE attempts on the %s tables, every one refused 42501',
           (SELECT count(*) FROM tried WHERE who = 'cc_bed' AND what NOT IN ('INSERT consent', 'INSERT vote', 'INSERT withdrawal')),
           (SELECT count(*) FROM ext_table)));
SELECT is((SELECT count(*) FROM tried WHERE who = 'cc_bed' AND what IN ('INSERT consent', 'INSERT vote', 'INSERT withdrawal')
           AND outcome NOT LIKE 'ok%'), 3::bigint,
    'and the three inserts it holds the privilege for (an empty consent, vote, withdrawal) are refused too');

-- ---------------------------------------------------------------------------
-- clerks write for every party; administrators also manage the mapping
-- ---------------------------------------------------------------------------
SET LOCAL ROLE access_clerk;
SELECT is(pg_temp.attempt(format($$INSERT INTO s22a.consent VALUES (%s, 'PCC-HER', '2026-11-04', 'email', 'email from PCC-HER')$$, :dec)),
    'ok:1', 'a clerk records any party''s consent');
SELECT is(pg_temp.attempt(format($$UPDATE s22a.agreement_party SET signed_on = '2027-03-02', declared_on = '2027-03-02' WHERE agreement_id = %s AND party_code <> 'PCC-CAM'$$, :draft)),
    'ok:5', 'a clerk records the other five signatures');
SELECT is(pg_temp.attempt('DELETE FROM s22a.consent') || ' ' || pg_temp.attempt('INSERT INTO s22a.party_member VALUES (''BED'', ''x'')')
          || ' ' || pg_temp.attempt('DELETE FROM s22a.bank_holiday') || ' ' || pg_temp.attempt('DELETE FROM s22a.audit_log'),
    '42501 42501 42501 42501', 'a clerk deletes no consent, and does not touch party_member, bank_holiday or audit_log');
RESET ROLE;
SET LOCAL ROLE access_admin;
SELECT is(pg_temp.attempt($$INSERT INTO s22a.party_member VALUES ('PCC-BED', 'pcc_bed')$$)
          || ' ' || pg_temp.attempt($$INSERT INTO s22a.bank_holiday VALUES ('2061-07-01', 'Announced holiday')$$)
          || ' ' || pg_temp.attempt('INSERT INTO s22a.audit_log (table_name, operation, row_key, new) VALUES (''force'', ''INSERT'', ''code=X'', ''{}'')'),
    'ok:1 ok:1 42501', 'an administrator maps roles and adds bank holidays, and cannot write the audit log');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- SECURITY DEFINER and search_path
-- ---------------------------------------------------------------------------
CREATE TEMP VIEW ext_function AS
SELECT p.oid, format('s22a.%s(%s)', p.proname, oidvectortypes(p.proargtypes)) AS name, p.prosecdef, p.prolang, p.proconfig
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 's22a';
SELECT is((SELECT array_agg(name) FROM ext_function WHERE prosecdef
           AND NOT coalesce(proconfig @> ARRAY['search_path=s22a, pg_catalog, pg_temp'], false)),
    NULL, format('every SECURITY DEFINER function pins search_path (%s of them: the extension has none, by design)',
                 (SELECT count(*) FROM ext_function WHERE prosecdef)));
SELECT is((SELECT array_agg(name ORDER BY name) FROM ext_function
           WHERE prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql'))
             AND NOT coalesce(proconfig @> ARRAY['search_path=s22a, pg_catalog, pg_temp'], false)),
    NULL, format('every SQL and PL/pgSQL function pins search_path (%s of them)',
                 (SELECT count(*) FROM ext_function WHERE prolang IN (SELECT oid FROM pg_language WHERE lanname IN ('sql', 'plpgsql')))));
SELECT is((SELECT array_agg(name ORDER BY name) FROM ext_function
           WHERE name IN ('s22a.audit_row()', 's22a.audit_insert()', 's22a.decision_rules()',
                          's22a.membership_sealed()', 's22a.withdrawal_pairing()', 's22a.term_status(bigint, date)',
                          's22a.parties_on(bigint, date)', 's22a.consent_missing(bigint)')
             AND proconfig @> ARRAY['search_path=s22a, pg_catalog, pg_temp']),
    ARRAY['s22a.audit_insert()', 's22a.audit_row()', 's22a.consent_missing(bigint)', 's22a.decision_rules()',
          's22a.membership_sealed()', 's22a.parties_on(bigint, date)', 's22a.term_status(bigint, date)',
          's22a.withdrawal_pairing()'],
    'the audit triggers (they write as the log''s owner), the rule triggers and the rule functions run with a pinned search_path');

-- hostile objects: the brief's examples (coalesce, = on text, a forces_on
-- and a term_status earlier on the path) and exact-match operators on the
-- extension's own enum and domain types, which pg_catalog cannot match.
CREATE FUNCTION pg_temp.snapshot() RETURNS TABLE (k text, v text) LANGUAGE sql AS $$
    SELECT 'register', string_agg(r::text, ';' ORDER BY r.ref) FROM s22a.register r
    UNION ALL SELECT 'outstanding', string_agg(o::text, ';' ORDER BY o.party_code) FROM s22a.outstanding_consents o
    UNION ALL SELECT 'consent_missing', string_agg(m, ',') FROM s22a.consent_missing(current_setting('access.dec')::bigint) m
    UNION ALL SELECT 'consent_required', string_agg(m, ',') FROM s22a.consent_required(current_setting('access.dec')::bigint) m
    UNION ALL SELECT 'decision_check', string_agg(c::text, ';') FROM s22a.decision_check(current_setting('access.dec')::bigint) c
    UNION ALL SELECT 'vote_result', s22a.vote_result(current_setting('access.dec')::bigint)::text
    UNION ALL SELECT 'parties_on', string_agg(p, ',') FROM s22a.parties_on(current_setting('access.bch')::bigint, '2027-06-01') p
    UNION ALL SELECT 'forces_on', string_agg(f, ',') FROM s22a.forces_on(current_setting('access.bch')::bigint, '2027-06-01') f
    UNION ALL SELECT 'term_status', s22a.term_status(current_setting('access.bch')::bigint, '2020-01-01')::text
    UNION ALL SELECT 'upcoming', string_agg(u::text, ';') FROM s22a.upcoming('100 years') u
    UNION ALL SELECT 'acts_for', string_agg(code, ',' ORDER BY code) FROM s22a.party WHERE s22a.may_write_for(code)
$$;
CREATE TEMP TABLE before AS SELECT * FROM pg_temp.snapshot();
CREATE SCHEMA access_hostile;
DO $$
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['text', 'name', 's22a.party_code', 's22a.decision_kind', 's22a.decision_state', 's22a.consent_form']
    LOOP
        EXECUTE format($f$CREATE FUNCTION access_hostile.hijack(%1$s, %1$s) RETURNS boolean LANGUAGE plpgsql AS
            'BEGIN RAISE EXCEPTION ''hijacked by %%'', current_user; END'$f$, t);
        EXECUTE format('CREATE OPERATOR access_hostile.%s (LEFTARG = %s, RIGHTARG = %2$s, FUNCTION = access_hostile.hijack)',
                       CASE WHEN t = 's22a.consent_form' THEN '<>' ELSE '=' END, t);
    END LOOP;
END $$;
CREATE FUNCTION access_hostile.coalesce(text, text) RETURNS text LANGUAGE sql AS $$SELECT 'hijacked'$$;
CREATE FUNCTION access_hostile.forces_on(bigint, date) RETURNS SETOF text LANGUAGE sql AS $$SELECT 'hijacked'$$;
CREATE FUNCTION access_hostile.term_status(bigint, date) RETURNS text LANGUAGE sql AS $$SELECT 'hijacked'$$;
CREATE FUNCTION access_hostile.pg_has_role(name, oid, text) RETURNS boolean LANGUAGE sql AS $$SELECT true$$;
GRANT USAGE ON SCHEMA access_hostile TO PUBLIC;

SET LOCAL search_path = access_hostile, s22a;
CREATE TEMP TABLE after_planting AS SELECT * FROM pg_temp.snapshot();
RESET search_path;
SET LOCAL search_path = s22a, public;
SELECT is((SELECT count(*) FROM before b JOIN after_planting a USING (k) WHERE a.v IS NOT DISTINCT FROM b.v),
          (SELECT count(*) FROM before),
    format('with hostile objects earlier on the search_path, the %s results (views, rule functions, upcoming, may_write_for) are unchanged',
           (SELECT count(*) FROM before)));

-- the write path under the same path, as a party: rule triggers, row-level
-- security and the audit trigger (which writes as the log's owner) all
-- keep to pg_catalog's operators
SET LOCAL ROLE cc_bed;
SET LOCAL search_path = access_hostile, s22a;
CREATE TEMP TABLE hostile_write AS
SELECT pg_temp.attempt(format($q$INSERT INTO s22a.consent VALUES (%s, 'CC-BED', '2026-11-05', 'letter', NULL)$q$,
                              current_setting('access.dec'))) AS own,
       pg_temp.attempt(format($q$INSERT INTO s22a.vote VALUES (%s, 'CC-HER', false)$q$,
                              current_setting('access.dec'))) AS other;
RESET search_path;
RESET ROLE;
SET LOCAL search_path = s22a, public;
SELECT results_eq('SELECT own, other FROM hostile_write', $$VALUES ('ok:1', '42501')$$,
    'with hostile operators on the path a party still consents for itself and is refused for another');
SELECT is((SELECT row_key FROM audit_log WHERE table_name = 'consent' ORDER BY id DESC LIMIT 1),
    format('decision_id=%s, party_code=CC-BED', :dec), 'and the log row is written as usual, no planted code run');

-- the attack 0.2 closes: a role with a schema of its own puts an operator
-- || (text, text) before pg_catalog on its path; the audit trigger, which
-- writes as the log's owner (a superuser), built row_key with || and ran it
-- as that owner.  Shown first with the pin removed (in this transaction),
-- then with it.
CREATE TEMP TABLE loot (who text);
GRANT ALL ON loot TO PUBLIC;
CREATE SCHEMA access_evil AUTHORIZATION cc_bed;
CREATE FUNCTION access_evil.cat(text, text) RETURNS text LANGUAGE plpgsql AS
    $$BEGIN INSERT INTO pg_temp.loot VALUES (current_user); RETURN pg_catalog.textcat($1, $2); END$$;
CREATE OPERATOR access_evil.|| (LEFTARG = text, RIGHTARG = text, FUNCTION = access_evil.cat);
ALTER FUNCTION audit_insert() RESET search_path;
SET LOCAL ROLE cc_bed;
SET LOCAL search_path = access_evil, pg_catalog, s22a;
CREATE TEMP TABLE evil_unpinned AS
SELECT pg_catalog.current_setting('access.dec') AS d,
       pg_temp.attempt(pg_catalog.format($q$INSERT INTO s22a.vote VALUES (%s, 'CC-BED', true)$q$,
                                         pg_catalog.current_setting('access.dec'))) AS outcome;
RESET search_path;
RESET ROLE;
SET LOCAL search_path = s22a, public;
SELECT is((SELECT string_agg(DISTINCT who, ',') FROM loot), session_user::text,
    'without the pin, the planted || runs as the log''s owner (the escalation 0.1 allowed)');
ALTER FUNCTION audit_insert() SET search_path = s22a, pg_catalog, pg_temp;
DELETE FROM loot;
DELETE FROM vote WHERE party_code = 'CC-BED';
SET LOCAL ROLE cc_bed;
SET LOCAL search_path = access_evil, pg_catalog, s22a;
CREATE TEMP TABLE evil_pinned AS
SELECT pg_temp.attempt(pg_catalog.format($q$INSERT INTO s22a.vote VALUES (%s, 'CC-BED', true)$q$,
                                         pg_catalog.current_setting('access.dec'))) AS outcome;
RESET search_path;
RESET ROLE;
SET LOCAL search_path = s22a, public;
SELECT results_eq('SELECT outcome, (SELECT count(*) FROM loot) FROM evil_pinned', $$VALUES ('ok:1', 0::bigint)$$,
    'with it (0.2), the vote is recorded and logged and the planted operator never runs');

-- and without the pin a rule function would take the planted operator on
-- the extension's domain (the test above has teeth)
ALTER FUNCTION parties_on(bigint, date) RESET search_path;
SET LOCAL search_path = access_hostile, s22a;
CREATE TEMP TABLE unpinned_parties AS
SELECT pg_temp.attempt(pg_catalog.format('SELECT * FROM s22a.parties_on(%s, ''2027-06-01'')',
                                         pg_catalog.current_setting('access.bch'))) AS outcome;
RESET search_path;
SET LOCAL search_path = s22a, public;
SELECT is((SELECT outcome FROM unpinned_parties), 'P0001',
    'unpinned, parties_on() would call the planted = on party_code (raises P0001 here)');

SELECT * FROM finish();
ROLLBACK;
