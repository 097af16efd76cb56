-- The trigger context (util.c, rule_registry.c): every C trigger function
-- of s22a refuses to run on a table the registry does not bind it to, with
-- an error and never a crash, and no role but the extension's owner may
-- attach one (EXECUTE is revoked from PUBLIC).  Before 0.3 a read-only role
-- could attach decision_rules to a temp table of its own and crash the
-- server ("No way around the rules", item 1).
BEGIN;
SELECT plan(5);
SET LOCAL client_min_messages = warning;

CREATE TEMP TABLE elsewhere (id bigint, agreement_id bigint, decision_id bigint,
    party_code text, kind text, state text, executed_on date, authorised_by bigint);

-- Attach each C trigger function to the temp table, BEFORE and AFTER, row
-- and statement, fire it, and record what happened.  A crash would end the
-- test run here; every firing must raise.
CREATE TEMP TABLE fired (function text, timing text, sqlstate text);
DO $$
DECLARE
    f record;
    t text;
    state text;
BEGIN
    FOR f IN SELECT p.proname FROM pg_proc p
             WHERE p.pronamespace = 's22a'::regnamespace
               AND p.prorettype = 'trigger'::regtype
               AND p.prolang = (SELECT oid FROM pg_language WHERE lanname = 'c')
             ORDER BY 1
    LOOP
        FOREACH t IN ARRAY ARRAY['BEFORE/ROW', 'AFTER/ROW', 'BEFORE/STATEMENT', 'AFTER/STATEMENT']
        LOOP
            state := NULL;
            EXECUTE format('CREATE TRIGGER probe %s INSERT OR UPDATE ON pg_temp.elsewhere FOR EACH %s EXECUTE FUNCTION s22a.%I()',
                           split_part(t, '/', 1), split_part(t, '/', 2), f.proname);
            BEGIN
                INSERT INTO pg_temp.elsewhere (id, agreement_id, decision_id, party_code, kind, state)
                VALUES (1, 1, 1, 'PCC-BED', 'renewal', 'made');
                state := 'no error';
            EXCEPTION WHEN OTHERS THEN
                state := SQLSTATE;
            END;
            INSERT INTO pg_temp.fired VALUES (f.proname, t, state);
            EXECUTE 'DROP TRIGGER probe ON pg_temp.elsewhere';
        END LOOP;
    END LOOP;
END $$;

SELECT cmp_ok((SELECT count(DISTINCT function) FROM fired), '>=', 16::bigint,
    'every C trigger function of s22a was attached and fired four ways (at least the 16 the registry binds)');
SELECT is((SELECT count(*) FROM fired WHERE function NOT LIKE 'audit%' AND sqlstate <> '39P01'), 0::bigint,
    'each rule trigger function refuses a table that is not its own with 39P01 (trigger protocol violated)');
SELECT is((SELECT count(*) FROM fired WHERE function LIKE 'audit%' AND sqlstate NOT IN ('0A000', '39P01')), 0::bigint,
    'the audit trigger functions refuse a table outside the register (0A000 or 39P01)');
SELECT throws_ok($$CREATE TRIGGER probe BEFORE INSERT ON s22a.force FOR EACH ROW EXECUTE FUNCTION s22a.decision_rules();
                   INSERT INTO s22a.force VALUES ('ZZZ', 'Nowhere Constabulary')$$,
    '39P01', NULL, 'a rule trigger attached to another table of the register is refused too');

-- a role with USAGE on the schema, as s22a_reader has, cannot attach one
CREATE ROLE trigger_context_reader;
GRANT USAGE ON SCHEMA s22a TO trigger_context_reader;
CREATE TABLE public.trigger_context_own (id int);
ALTER TABLE public.trigger_context_own OWNER TO trigger_context_reader;
SET LOCAL ROLE trigger_context_reader;
SELECT throws_ok($$CREATE TRIGGER probe BEFORE INSERT ON public.trigger_context_own
                   FOR EACH ROW EXECUTE FUNCTION s22a.decision_rules()$$,
    '42501', NULL, 'a role that is not the owner cannot attach a trigger function of s22a (EXECUTE revoked)');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
