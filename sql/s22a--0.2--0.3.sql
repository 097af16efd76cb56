/* s22a 0.2 -> 0.3: no trigger function is executable by PUBLIC (nor by
 * s22a_reader: create_roles() changes with it), and the rule registry
 * s22a.rules().  A fresh 0.3 install runs sql/s22a--0.3.sql (built from
 * sql/install/), not 0.1 and the upgrades; test/upgrade.sh checks that the
 * two paths end with the same catalog, with and without the roles. */

\echo Use "ALTER EXTENSION s22a UPDATE TO '0.3'" to load this file. \quit

-- Every name below is qualified (@extschema@. or pg_catalog.), and operators
-- are written OPERATOR(pg_catalog.=): ALTER EXTENSION UPDATE runs as a
-- superuser, and an unqualified name could resolve to an object someone
-- planted (contrib/seg's security test).

-- ===========================================================================
-- Trigger functions: no EXECUTE for PUBLIC
-- ===========================================================================
-- Firing a trigger checks no EXECUTE privilege (only CREATE TRIGGER does),
-- so the register's users, the s22a roles included, lose nothing; a role can
-- no longer attach these functions to a table of its own.  The list is every
-- function of the extension returning trigger (test/upgrade.sh checks that
-- none is left executable by PUBLIC).
REVOKE EXECUTE ON FUNCTION
    @extschema@.audit_row(), @extschema@.audit_insert(), @extschema@.audit_refuse(),
    @extschema@.bank_holiday_changed(), @extschema@.bank_holiday_keep_changes(),
    @extschema@.bank_holiday_apply_removal(),
    @extschema@.agreement_sealed(), @extschema@.agreement_execution(),
    @extschema@.membership_sealed(), @extschema@.statutory_shape(),
    @extschema@.withdrawal_notice(), @extschema@.withdrawal_pairing(),
    @extschema@.decision_rules(), @extschema@.decision_impact_rules(),
    @extschema@.consent_rules(), @extschema@.vote_rules(),
    @extschema@.cost_basis_check(), @extschema@.cost_override_check()
FROM PUBLIC;

-- ===========================================================================
-- create_roles(): as in 0.2, and it keeps the trigger functions from
-- s22a_reader (sql/install/68_roles.sql)
-- ===========================================================================
CREATE OR REPLACE FUNCTION @extschema@.create_roles()
RETURNS TABLE (role_name text, created boolean)
LANGUAGE plpgsql VOLATILE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $create_roles$
DECLARE
    r text;
    owner_name text;
    register_tables text[] := ARRAY['force', 'party', 'agreement', 'agreement_party',
        'withdrawal', 'decision', 'decision_impact', 'consent', 'voting_weight', 'vote',
        'force_measure', 'cost_basis', 'cost_override', 'budget', 'contribution', 'spend', 'benefit'];
    -- decisions and consents are never deleted (src/triggers/decision.c): no DELETE on them
    never_deleted text[] := ARRAY['decision', 'consent'];
    admin_tables text[] := ARRAY['bank_holiday', 'bank_holiday_removed', 'party_member'];
    t text;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles
                    WHERE rolname OPERATOR(pg_catalog.=) CURRENT_USER
                      AND (rolcreaterole OR rolsuper)) THEN
        RAISE EXCEPTION 'permission denied to create the s22a roles: role "%" lacks CREATEROLE', CURRENT_USER
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'create_roles() creates s22a_reader, s22a_clerk, s22a_admin and s22a_party, which are cluster-wide roles.',
                  HINT = 'Run it as a superuser, or as a role with CREATEROLE that owns the extension''s tables.';
    END IF;
    SELECT pg_catalog.pg_get_userbyid(c.relowner)::text INTO owner_name
      FROM pg_catalog.pg_class c
     WHERE c.oid OPERATOR(pg_catalog.=) '@extschema@.audit_log'::pg_catalog.regclass;
    IF NOT pg_catalog.pg_has_role(CURRENT_USER, owner_name, 'USAGE') THEN
        RAISE EXCEPTION 'permission denied to grant on the s22a tables: role "%" does not own them', CURRENT_USER
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = pg_catalog.format('The tables of schema %s are owned by role "%s".', '@extschema@', owner_name),
                  HINT = 'Run create_roles() as a superuser or as the owner of the extension''s tables.';
    END IF;

    FOREACH r IN ARRAY ARRAY['s22a_reader', 's22a_clerk', 's22a_admin', 's22a_party']
    LOOP
        role_name := r;
        created := NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) r::pg_catalog.name);
        IF created THEN
            EXECUTE pg_catalog.format('CREATE ROLE %I NOLOGIN', r);
            EXECUTE pg_catalog.format('COMMENT ON ROLE %I IS %L', r, CASE r
                WHEN 's22a_reader' THEN 's22a: reads every table, view and function of the register'
                WHEN 's22a_clerk' THEN 's22a: records register, decision and cost data for every party'
                WHEN 's22a_admin' THEN 's22a: clerk, plus bank holidays and the party_member mapping'
                ELSE 's22a: group of the party roles; each acts only for the parties party_member maps it to' END);
        END IF;
        RETURN NEXT;
    END LOOP;

    -- The role names are trust anchors across the cluster: whoever holds
    -- s22a_clerk writes for every party.  A role of one of these names made
    -- by someone else beforehand could carry LOGIN, SUPERUSER or BYPASSRLS,
    -- or make the party group a clerk; refuse to build on such a role.
    FOR role_name IN
        SELECT r.rolname FROM pg_catalog.pg_roles r
         WHERE r.rolname OPERATOR(pg_catalog.=) ANY (ARRAY['s22a_reader', 's22a_clerk', 's22a_admin', 's22a_party']::pg_catalog.name[])
           AND (r.rolcanlogin OR r.rolsuper OR r.rolbypassrls)
    LOOP
        RAISE EXCEPTION 'role "%" exists with LOGIN, SUPERUSER or BYPASSRLS; create_roles() will not grant through it', role_name
            USING ERRCODE = 'insufficient_privilege',
                  DETAIL = 'The s22a roles are group roles without those attributes; a role of that name made beforehand may not be what it seems.',
                  HINT = 'Inspect the role, then ALTER ROLE it NOLOGIN NOSUPERUSER NOBYPASSRLS, or drop it, and call create_roles() again.';
    END LOOP;
    FOR role_name IN
        SELECT m.name FROM pg_catalog.unnest(ARRAY['s22a_reader', 's22a_party']::pg_catalog.name[]) AS m(name)
         WHERE EXISTS (SELECT 1 FROM pg_catalog.pg_roles r WHERE r.rolname OPERATOR(pg_catalog.=) m.name)
           AND (pg_catalog.pg_has_role(m.name, 's22a_clerk', 'MEMBER') OR pg_catalog.pg_has_role(m.name, 's22a_admin', 'MEMBER'))
    LOOP
        RAISE EXCEPTION 'role "%" is a member of s22a_clerk or s22a_admin, so every party role would write for every party', role_name
            USING ERRCODE = 'insufficient_privilege',
                  HINT = 'REVOKE s22a_clerk and s22a_admin from it, then call create_roles() again.';
    END LOOP;

    -- the role hierarchy: later calls find it in place and grant nothing new
    PERFORM @extschema@.grant_membership('s22a_reader', 's22a_clerk');
    PERFORM @extschema@.grant_membership('s22a_clerk', 's22a_admin');
    PERFORM @extschema@.grant_membership('s22a_reader', 's22a_party');

    -- object privileges (per database; GRANT of a held privilege is a no-op)
    EXECUTE pg_catalog.format('GRANT USAGE ON SCHEMA %I TO s22a_reader', '@extschema@');
    EXECUTE pg_catalog.format('GRANT SELECT ON ALL TABLES IN SCHEMA %I TO s22a_reader', '@extschema@');
    EXECUTE pg_catalog.format('GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA %I TO s22a_reader', '@extschema@');
    EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %I.create_roles(), %I.grant_membership(text, text) FROM s22a_reader',
        '@extschema@', '@extschema@');
    -- A trigger fires without EXECUTE on its function (only CREATE TRIGGER
    -- checks it), so no role needs it on the trigger functions; a reader
    -- holding it could attach them to a table of its own.
    FOR t IN
        SELECT pg_catalog.format('%I.%I(%s)', '@extschema@', p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid))
          FROM pg_catalog.pg_proc p
         WHERE p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace::pg_catalog.oid
           AND p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.trigger'::pg_catalog.regtype::pg_catalog.oid
    LOOP
        EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM s22a_reader', t);
    END LOOP;
    FOREACH t IN ARRAY register_tables
    LOOP
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE%s ON %I.%I TO s22a_clerk',
            CASE WHEN t OPERATOR(pg_catalog.=) ANY (never_deleted) THEN '' ELSE ', DELETE' END,
            '@extschema@', t);
    END LOOP;
    FOREACH t IN ARRAY admin_tables
    LOOP
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON %I.%I TO s22a_admin', '@extschema@', t);
    END LOOP;
    EXECUTE pg_catalog.format('GRANT UPDATE (signed_on, declared_on) ON %I.agreement_party TO s22a_party', '@extschema@');
    EXECUTE pg_catalog.format('GRANT INSERT ON %I.consent, %I.vote, %I.withdrawal TO s22a_party',
        '@extschema@', '@extschema@', '@extschema@');
    -- a party withdraws its own consent (voided_on) and gives it again
    -- (row-level security keeps it to its own rows; consent_date the dates)
    EXECUTE pg_catalog.format('GRANT UPDATE (given_on, form, reference, voided_on) ON %I.consent TO s22a_party',
        '@extschema@');
END
$create_roles$;

-- ===========================================================================
-- The rule registry (sql/install/78_rules.sql)
-- ===========================================================================

CREATE FUNCTION @extschema@.rules()
    RETURNS TABLE (rule text, sqlstate text, table_name text, doc text)
    AS 'MODULE_PATHNAME', 's22a_rules' LANGUAGE C STRICT STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rules() IS
    'Every rule s22a enforces: its name (the constraint name of its refusals), SQLSTATE, the table it guards and where doc/ explains it.';
-- EXECUTE stays with PUBLIC, as on the other reporting functions (the default
-- privilege of a new function; no GRANT, so its ACL is theirs too).

-- ===========================================================================
-- Where create_roles() has already run in this database
-- ===========================================================================
-- 0.2's create_roles() granted s22a_reader USAGE on the schema and EXECUTE
-- on every function in it, the trigger functions included.  Leave the
-- reader's privileges as 0.3's create_roles() makes them: none on the
-- trigger functions, EXECUTE on the new rules().  (Where it has not run, the
-- reader holds nothing here and create_roles() does it all later.)
DO $reader$
DECLARE
    f text;
BEGIN
    IF EXISTS (SELECT 1
                 FROM pg_catalog.pg_namespace n
                 CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) AS a
                 JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
                WHERE n.nspname OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.name
                  AND r.rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name) THEN
        FOR f IN
            SELECT pg_catalog.format('%I.%I(%s)', '@extschema@', p.proname, pg_catalog.pg_get_function_identity_arguments(p.oid))
              FROM pg_catalog.pg_proc p
             WHERE p.pronamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace::pg_catalog.oid
               AND p.prorettype OPERATOR(pg_catalog.=) 'pg_catalog.trigger'::pg_catalog.regtype::pg_catalog.oid
        LOOP
            EXECUTE pg_catalog.format('REVOKE EXECUTE ON FUNCTION %s FROM s22a_reader', f);
        END LOOP;
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %I.rules() TO s22a_reader', '@extschema@');
    END IF;
END
$reader$;

-- ===========================================================================
-- Cost and voting terms of an executed agreement are sealed
-- (sql/install/54_voting_weight.sql, 61_cost_basis.sql, 62_cost_override.sql,
-- 63_budget.sql, 16_audit_log.sql)
-- ===========================================================================

CREATE INDEX audit_log_cost_citations ON @extschema@.audit_log ((new ->> 'authorised_by'))
    WHERE table_name IN ('budget', 'cost_basis', 'cost_override', 'voting_weight')
      AND (new ->> 'authorised_by') IS NOT NULL;

ALTER TABLE @extschema@.voting_weight ADD COLUMN authorised_by bigint REFERENCES @extschema@.decision;
COMMENT ON COLUMN @extschema@.voting_weight.authorised_by IS 'the made variation or membership decision behind a change after execution';
CREATE FUNCTION @extschema@.voting_weight_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_voting_weight_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.voting_weight_sealed() IS
    'trigger voting_weights_sealed: on an executed agreement, adding, changing or removing a voting weight cites a made variation or membership decision in authorised_by (a DELETE follows such an UPDATE of the row in the same transaction)';
REVOKE EXECUTE ON FUNCTION @extschema@.voting_weight_sealed() FROM PUBLIC;
CREATE TRIGGER voting_weight_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.voting_weight
    FOR EACH ROW EXECUTE FUNCTION @extschema@.voting_weight_sealed();

ALTER TABLE @extschema@.cost_basis ADD COLUMN authorised_by bigint REFERENCES @extschema@.decision;
COMMENT ON COLUMN @extschema@.cost_basis.authorised_by IS 'the made budget or variation decision behind a change after execution';
CREATE FUNCTION @extschema@.cost_basis_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_basis_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_basis_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision';
REVOKE EXECUTE ON FUNCTION @extschema@.cost_basis_sealed() FROM PUBLIC;
CREATE TRIGGER cost_basis_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.cost_basis
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_basis_sealed();

ALTER TABLE @extschema@.cost_override ADD COLUMN authorised_by bigint REFERENCES @extschema@.decision;
COMMENT ON COLUMN @extschema@.cost_override.authorised_by IS 'the made budget or variation decision behind a change after execution';
CREATE FUNCTION @extschema@.cost_override_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_override_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_override_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision';
REVOKE EXECUTE ON FUNCTION @extschema@.cost_override_sealed() FROM PUBLIC;
CREATE TRIGGER cost_override_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.cost_override
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_override_sealed();

ALTER TABLE @extschema@.budget ADD COLUMN authorised_by bigint REFERENCES @extschema@.decision;
COMMENT ON COLUMN @extschema@.budget.authorised_by IS 'the made budget or variation decision behind a change after execution';
CREATE FUNCTION @extschema@.budget_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_budget_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.budget_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision';
REVOKE EXECUTE ON FUNCTION @extschema@.budget_sealed() FROM PUBLIC;
CREATE TRIGGER budget_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_sealed();

-- ===========================================================================
-- DROP EXTENSION s22a is refused while the register holds data
-- (sql/install/79_drop_guard.sql)
-- ===========================================================================

CREATE FUNCTION @extschema@.drop_guard() RETURNS event_trigger
    AS 'MODULE_PATHNAME', 's22a_drop_guard' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.drop_guard() IS
    'event trigger register_no_drop: refuses DROP EXTENSION s22a while the register holds data, unless s22a.allow_drop is on';
REVOKE EXECUTE ON FUNCTION @extschema@.drop_guard() FROM PUBLIC;
CREATE EVENT TRIGGER s22a_drop_guard ON ddl_command_start
    WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
    EXECUTE FUNCTION @extschema@.drop_guard();
ALTER EVENT TRIGGER s22a_drop_guard ENABLE ALWAYS;   -- in replica mode too
COMMENT ON EVENT TRIGGER s22a_drop_guard IS
    'register_no_drop: DROP EXTENSION s22a is refused while the register holds data, unless SET s22a.allow_drop = on (take a pg_dump first)';

-- ===========================================================================
-- upcoming(): a window too long for a date is refused as 22023, not 22008
-- (sql/install/76_upcoming.sql)
-- ===========================================================================
CREATE OR REPLACE FUNCTION @extschema@.upcoming(within interval DEFAULT '6 months')
RETURNS TABLE (due_on date, agreement_ref text, event text, detail text)
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $upcoming$
DECLARE
    until date;
BEGIN
    IF within < interval '0' THEN
        RAISE EXCEPTION 'invalid window for upcoming(): %', within
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The window looks forward from today; it cannot be negative.',
                  HINT = 'Pass a positive interval, e.g. upcoming(''3 months'').';
    END IF;
    -- today + window must be a date PostgreSQL holds (timestamps end in
    -- 294276): refuse a window so long it would overflow (22008) as 22023
    IF within > interval '100000 years' THEN
        RAISE EXCEPTION 'invalid window for upcoming(): %', within
            USING ERRCODE = 'invalid_parameter_value',
                  DETAIL = 'The window can be at most 100000 years.',
                  HINT = 'Pass a shorter interval, e.g. upcoming(''10 years'').';
    END IF;
    until := (CURRENT_DATE + within)::date;
    RETURN QUERY
    SELECT e.due_on, e.agreement_ref, e.event, e.detail
    FROM (
        SELECT a.review_on AS due_on, a.ref AS agreement_ref, 'review'::text AS event,
               format('review of %s', a.title) AS detail
        FROM agreement a
        WHERE a.review_on BETWEEN CURRENT_DATE AND until
        UNION ALL
        SELECT x.expiry, a.ref, 'expiry',
               CASE WHEN term_status(a.id, x.expiry + 1) = 'terminated'
                    THEN format('last day in force of %s: terminated by decision', a.title)
                    WHEN x.expiry IS DISTINCT FROM a.expires_on
                    THEN format('last day in force of %s, as renewed (signed term ended %s)',
                                a.title, coalesce(a.expires_on::text, 'never'))
                    ELSE format('last day in force of %s', a.title)
               END
        FROM agreement a
        CROSS JOIN LATERAL (SELECT effective_expiry(a.id) AS expiry) x
        WHERE x.expiry BETWEEN CURRENT_DATE AND until
        UNION ALL
        SELECT w.effective_on, a.ref, 'withdrawal',
               format('%s (%s) withdraws on notice given %s; no longer a party from this day',
                      w.party_code, p.title, w.notice_given_on)
        FROM withdrawal w
        JOIN agreement a ON a.id = w.agreement_id
        JOIN party p ON p.code = w.party_code
        WHERE w.effective_on BETWEEN CURRENT_DATE AND until
    ) e
    ORDER BY e.due_on, e.agreement_ref COLLATE "C", e.event, e.detail;
END
$upcoming$;
COMMENT ON FUNCTION @extschema@.upcoming(interval) IS
    'reviews, (effective) expiries and withdrawals falling due from today to today + within (default 6 months), by date; a negative window or one over 100000 years is refused (22023)';

-- ===========================================================================
-- apportionment: btree and hash operator classes (sql/install/12_apportionment.sql)
-- ===========================================================================
-- = gains HASHES and MERGES; ALTER OPERATOR cannot set them before
-- PostgreSQL 17, so the catalog row is updated (the extension owns it).
UPDATE pg_catalog.pg_operator SET oprcanhash = true, oprcanmerge = true
 WHERE oid OPERATOR(pg_catalog.=) '@extschema@.=(@extschema@.apportionment, @extschema@.apportionment)'::pg_catalog.regoperator;
CREATE FUNCTION @extschema@.apportionment_lt(@extschema@.apportionment, @extschema@.apportionment) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_le(@extschema@.apportionment, @extschema@.apportionment) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_gt(@extschema@.apportionment, @extschema@.apportionment) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_ge(@extschema@.apportionment, @extschema@.apportionment) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_cmp(@extschema@.apportionment, @extschema@.apportionment) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_hash(@extschema@.apportionment) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_hash_extended(@extschema@.apportionment, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.apportionment_lt(@extschema@.apportionment, @extschema@.apportionment) IS 'ordering of apportionment_ops: less than';
COMMENT ON FUNCTION @extschema@.apportionment_le(@extschema@.apportionment, @extschema@.apportionment) IS 'ordering of apportionment_ops: less than or equal';
COMMENT ON FUNCTION @extschema@.apportionment_gt(@extschema@.apportionment, @extschema@.apportionment) IS 'ordering of apportionment_ops: greater than';
COMMENT ON FUNCTION @extschema@.apportionment_ge(@extschema@.apportionment, @extschema@.apportionment) IS 'ordering of apportionment_ops: greater than or equal';
COMMENT ON FUNCTION @extschema@.apportionment_cmp(@extschema@.apportionment, @extschema@.apportionment) IS 'btree support of apportionment_ops: entries in code order, by code (byte order) then share; fewer entries first';
COMMENT ON FUNCTION @extschema@.apportionment_hash(@extschema@.apportionment) IS 'hash support of apportionment_hash_ops, consistent with = (50 and 50.0 hash alike)';
COMMENT ON FUNCTION @extschema@.apportionment_hash_extended(@extschema@.apportionment, bigint) IS 'hash support of apportionment_hash_ops, with a seed';
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.apportionment, RIGHTARG = @extschema@.apportionment,
    FUNCTION = @extschema@.apportionment_lt, COMMUTATOR = >, NEGATOR = >=,
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.apportionment, RIGHTARG = @extschema@.apportionment,
    FUNCTION = @extschema@.apportionment_le, COMMUTATOR = >=, NEGATOR = >,
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.apportionment, RIGHTARG = @extschema@.apportionment,
    FUNCTION = @extschema@.apportionment_gt, COMMUTATOR = <, NEGATOR = <=,
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.apportionment, RIGHTARG = @extschema@.apportionment,
    FUNCTION = @extschema@.apportionment_ge, COMMUTATOR = <=, NEGATOR = <,
    RESTRICT = scalargesel, JOIN = scalargejoinsel);

-- A total order and a hash consistent with = (types/apportionment.c), so
-- DISTINCT, GROUP BY, UNION, ORDER BY and indexes work: entries compared in
-- code order, by code (byte order) then share; fewer entries first.
CREATE OPERATOR CLASS @extschema@.apportionment_ops
    DEFAULT FOR TYPE @extschema@.apportionment USING btree AS
        OPERATOR 1 @extschema@.<,
        OPERATOR 2 @extschema@.<=,
        OPERATOR 3 @extschema@.=,
        OPERATOR 4 @extschema@.>=,
        OPERATOR 5 @extschema@.>,
        FUNCTION 1 @extschema@.apportionment_cmp(@extschema@.apportionment, @extschema@.apportionment);
CREATE OPERATOR CLASS @extschema@.apportionment_hash_ops
    DEFAULT FOR TYPE @extschema@.apportionment USING hash AS
        OPERATOR 1 @extschema@.=,
        FUNCTION 1 @extschema@.apportionment_hash(@extschema@.apportionment),
        FUNCTION 2 @extschema@.apportionment_hash_extended(@extschema@.apportionment, bigint);

-- Where create_roles() has already run: the reader may execute the new
-- functions as 0.3's create_roles() lets it on a fresh install (every
-- function but the trigger functions).
DO $reader_new$
BEGIN
    IF EXISTS (SELECT 1
                 FROM pg_catalog.pg_namespace n
                 CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) AS a
                 JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
                WHERE n.nspname OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.name
                  AND r.rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name) THEN
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %1$I.apportionment_lt(%1$I.apportionment, %1$I.apportionment),'
            ' %1$I.apportionment_le(%1$I.apportionment, %1$I.apportionment),'
            ' %1$I.apportionment_gt(%1$I.apportionment, %1$I.apportionment),'
            ' %1$I.apportionment_ge(%1$I.apportionment, %1$I.apportionment),'
            ' %1$I.apportionment_cmp(%1$I.apportionment, %1$I.apportionment),'
            ' %1$I.apportionment_hash(%1$I.apportionment),'
            ' %1$I.apportionment_hash_extended(%1$I.apportionment, bigint),'
            ' %1$I.drop_guard() TO s22a_reader', '@extschema@');
    END IF;
END
$reader_new$;

-- ===========================================================================
-- Reporting views: the financial year as text (sql/install/70_cost_views.sql)
-- ===========================================================================
-- cost_allocation.fiscal_year and cost_balance.fiscal_year become text in
-- the canonical form ('2016/17') so that a reporting login with default
-- settings can filter them (doc/reports.md, "Connecting a reporting tool").
-- CREATE OR REPLACE VIEW cannot change a column's type: the two views are
-- dropped and created again with their comments, and the privileges held on
-- them (0.2's create_roles() grants SELECT to s22a_reader; an administrator
-- may have granted more) are given back as they were.
SELECT pg_catalog.set_config('s22a.upgrade_view_grants', coalesce(pg_catalog.string_agg(
           pg_catalog.format('GRANT %s ON %I.%I TO %s%s', a.privilege_type, '@extschema@', c.relname,
               CASE WHEN a.grantee OPERATOR(pg_catalog.=) 0 THEN 'PUBLIC'
                    ELSE pg_catalog.quote_ident(pg_catalog.pg_get_userbyid(a.grantee)::pg_catalog.text) END,
               CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END),
           ';' ORDER BY c.relname, a.grantee, a.privilege_type), ''), true)
  FROM pg_catalog.pg_class c
 CROSS JOIN LATERAL pg_catalog.aclexplode(c.relacl) a
 WHERE c.relnamespace OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.regnamespace::pg_catalog.oid
   AND c.relname OPERATOR(pg_catalog.=) ANY (ARRAY['cost_allocation', 'cost_balance']::pg_catalog.name[])
   AND a.grantee OPERATOR(pg_catalog.<>) c.relowner;

DROP VIEW @extschema@.cost_balance;
DROP VIEW @extschema@.cost_allocation;

CREATE VIEW @extschema@.cost_allocation AS
SELECT a.ref AS agreement_ref,
       CAST(g.fiscal_year AS pg_catalog.text) AS fiscal_year,
       g.business_area,
       l.line,
       l.force_code,
       l.share,
       l.amount
FROM (SELECT DISTINCT b.agreement_id, b.fiscal_year, b.business_area
        FROM @extschema@.budget b) g
JOIN @extschema@.agreement a ON a.id = g.agreement_id
CROSS JOIN LATERAL (
    SELECT @extschema@.cost_shares(g.agreement_id, g.fiscal_year, g.business_area) AS shares
    OFFSET 0) c
CROSS JOIN LATERAL (
    SELECT b.line, s.party AS force_code, s.share, s.amount
      FROM @extschema@.budget b,
           @extschema@.split(c.shares, b.amount) s
     WHERE b.agreement_id = g.agreement_id
       AND b.fiscal_year = g.fiscal_year
       AND b.business_area = g.business_area
    OFFSET 0) l;
COMMENT ON VIEW @extschema@.cost_allocation IS
    'every budget line split among the forces by cost_shares, to the penny: the amounts of a line add up to the line''s amount';
COMMENT ON COLUMN @extschema@.cost_allocation.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_allocation.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_allocation.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_allocation.line IS 'the budget line, e.g. programme';
COMMENT ON COLUMN @extschema@.cost_allocation.force_code IS 'the paying force';
COMMENT ON COLUMN @extschema@.cost_allocation.share IS 'its percentage share of the agreement, year and business area, e.g. 13.8';
COMMENT ON COLUMN @extschema@.cost_allocation.amount IS 'its part of the line in pounds, to the penny (largest remainder)';

CREATE VIEW @extschema@.cost_balance AS
WITH due AS (
    SELECT agreement_ref, fiscal_year, force_code, sum(amount) AS due
      FROM @extschema@.cost_allocation
     GROUP BY agreement_ref, fiscal_year, force_code
), contributed AS (
    SELECT a.ref AS agreement_ref, CAST(c.fiscal_year AS pg_catalog.text) AS fiscal_year, c.force_code::text AS force_code,
           sum(c.amount) AS contributed
      FROM @extschema@.contribution c
      JOIN @extschema@.agreement a ON a.id = c.agreement_id
     GROUP BY a.ref, c.fiscal_year, c.force_code
)
SELECT coalesce(d.agreement_ref, k.agreement_ref) AS agreement_ref,
       coalesce(d.fiscal_year, k.fiscal_year) AS fiscal_year,
       coalesce(d.force_code, k.force_code) AS force_code,
       coalesce(d.due, 0.00) AS due,
       coalesce(k.contributed, 0.00) AS contributed,
       coalesce(d.due, 0.00) - coalesce(k.contributed, 0.00) AS outstanding
FROM due d
FULL JOIN contributed k
       ON k.agreement_ref = d.agreement_ref AND k.fiscal_year = d.fiscal_year
      AND k.force_code = d.force_code;
COMMENT ON VIEW @extschema@.cost_balance IS
    'what each force owes an agreement in a year, what it has put in (cash or in kind, Seven Force agreement, clause 5.3), and what is outstanding';
COMMENT ON COLUMN @extschema@.cost_balance.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_balance.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_balance.force_code IS 'the force';
COMMENT ON COLUMN @extschema@.cost_balance.due IS 'its parts of every budget line of the year, all business areas (sum of cost_allocation.amount)';
COMMENT ON COLUMN @extschema@.cost_balance.contributed IS 'its contributions in the year, cash and in kind alike';
COMMENT ON COLUMN @extschema@.cost_balance.outstanding IS 'due minus contributed; negative when it has put in more than its share';

DO $view_grants$
DECLARE
    g text;
BEGIN
    FOREACH g IN ARRAY pg_catalog.string_to_array(pg_catalog.current_setting('s22a.upgrade_view_grants'), ';')
    LOOP
        EXECUTE g;
    END LOOP;
END
$view_grants$;

-- ===========================================================================
-- Decisions: evidence is dated, and voided rather than deleted
-- (sql/install/53_consent.sql, 55_vote.sql; doc/decisions.md)
-- ===========================================================================
-- A consent stops counting when its party withdraws it or the decision
-- changes after it was given: the row is kept, marked voided_on.
ALTER TABLE @extschema@.consent ADD COLUMN voided_on date,
    ADD CONSTRAINT consent_voided_on_in_range CHECK (voided_on BETWEEN '1900-04-01' AND '9999-03-31');
COMMENT ON COLUMN @extschema@.consent.voided_on IS 'the day the consent stopped counting: withdrawn by the party, or the decision changed after it was given; NULL = it counts';
-- Votes are dated (cast_on; those recorded before 0.3 keep NULL: the
-- default is set after the column is added, so they are not dated today).
ALTER TABLE @extschema@.vote ADD COLUMN cast_on date, ADD COLUMN voided_on date,
    ADD CONSTRAINT vote_dates_in_range CHECK (
        cast_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND voided_on BETWEEN '1900-04-01' AND '9999-03-31');
ALTER TABLE @extschema@.vote ALTER COLUMN cast_on SET DEFAULT CURRENT_DATE;
COMMENT ON COLUMN @extschema@.vote.cast_on IS 'the day the vote was cast; NULL only on votes recorded before 0.3';
COMMENT ON COLUMN @extschema@.vote.voided_on IS 'the day the vote stopped counting because the decision changed after it was cast; NULL = it counts';

-- Where create_roles() has already run: a party role may now withdraw its
-- own consent and give it again, as 0.3's create_roles() grants.
DO $party$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_party'::pg_catalog.name)
       AND pg_catalog.has_table_privilege('s22a_party', '@extschema@.consent', 'INSERT') THEN
        EXECUTE pg_catalog.format('GRANT UPDATE (given_on, form, reference, voided_on) ON %I.consent TO s22a_party',
            '@extschema@');
    END IF;
END
$party$;

-- ===========================================================================
-- Spent decisions without transaction ids (sql/install/57_decision_citation.sql)
-- ===========================================================================
CREATE TABLE @extschema@.decision_citation (
    decision_id bigint PRIMARY KEY REFERENCES @extschema@.decision,
    table_name text NOT NULL,
    row_key text NOT NULL,
    cited_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.decision_citation IS
    'every decision cited in authorised_by, once: a decision cited by an earlier transaction is spent and authorises no further change';
COMMENT ON COLUMN @extschema@.decision_citation.decision_id IS 'the decision cited';
COMMENT ON COLUMN @extschema@.decision_citation.table_name IS 'the table of the change that cited it: agreement or agreement_party';
COMMENT ON COLUMN @extschema@.decision_citation.row_key IS 'the primary key of the row changed, as in audit_log.row_key';
COMMENT ON COLUMN @extschema@.decision_citation.cited_at IS 'when the citing transaction began';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_citation', '');

-- 0.2 found a spent decision in the audit log (a citation by another
-- transaction id); the decisions cited before the upgrade stay spent: the
-- first logged citation of each is carried over.
INSERT INTO @extschema@.decision_citation (decision_id, table_name, row_key, cited_at)
SELECT DISTINCT ON (d.id) d.id, l.table_name, l.row_key, l.at
  FROM @extschema@.audit_log AS l
  JOIN @extschema@.decision AS d
    ON d.id::pg_catalog.text OPERATOR(pg_catalog.=) (l.new OPERATOR(pg_catalog.->>) 'authorised_by')
 WHERE l.table_name OPERATOR(pg_catalog.=) ANY (ARRAY['agreement', 'agreement_party'])
 ORDER BY d.id, l.id;

-- audited from here on (the carried-over rows are in the log already, as
-- the changes that cited them)
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.decision_citation
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.decision_citation
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.decision_citation
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- where create_roles() has run, the reader reads it as it reads every table
DO $citation_reader$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name)
       AND pg_catalog.has_schema_privilege('s22a_reader', '@extschema@', 'USAGE') THEN
        EXECUTE pg_catalog.format('GRANT SELECT ON %I.decision_citation TO s22a_reader', '@extschema@');
    END IF;
END
$citation_reader$;

-- ===========================================================================
-- The kind and force of a party to an executed agreement are sealed
-- (sql/install/31_party.sql)
-- ===========================================================================
CREATE FUNCTION @extschema@.party_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_party_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.party_sealed() IS
    'trigger: the kind and force_code of a party that is or was a party to an executed agreement do not change, and it is not deleted';
REVOKE EXECUTE ON FUNCTION @extschema@.party_sealed() FROM PUBLIC;
CREATE TRIGGER party_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.party
    FOR EACH ROW EXECUTE FUNCTION @extschema@.party_sealed();

-- ===========================================================================
-- Comments cite papers by title (sql/install/22_working_days.sql,
-- 64_contribution.sql)
-- ===========================================================================
COMMENT ON FUNCTION @extschema@.notice_deadline(date, int) IS
    'the latest day notice can be given and still leave clear_days clear working days before the meeting (Seven Force agreement, clause 3.4: two)';
COMMENT ON TABLE @extschema@.contribution IS 'money or officer/staff resource a force puts in (Seven Force agreement, clause 5.3)';

-- ===========================================================================
-- today(): the day the reports take as "today" (src/functions/today.c)
-- ===========================================================================
-- SET s22a.today = '2026-03-31' makes every report answer as at that day
-- (doc/reports.md, "As at another day"); RESET s22a.today goes back to
-- current_date.  The rules never read it.
CREATE FUNCTION @extschema@.today() RETURNS date
    AS 'MODULE_PATHNAME', 's22a_today'
    LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.today() IS
    'the day the reports take as today: the session setting s22a.today when set, else current_date; the rules never read it';

-- ===========================================================================
-- Spend against budget, who is paid and what to invoice, savings and
-- benefits (issue 10, items 5-7): sql/install/66_spend.sql, 67_benefit.sql,
-- 71_cost_reports.sql, as they are there; and the grants create_roles()
-- now makes on spend and benefit, where it has already run.
-- ===========================================================================

-- ===========================================================================
-- Costs: spend against budget (doc/costs.md, "Spend against budget")
-- ===========================================================================
-- The actuals a finance officer records through the year, each against a
-- budget line of one financial year (Seven Force agreement, Schedule A
-- 2.7-2.8: the board sees spending against budget and overspends).  A line
-- need not have a budget: budget_variance then shows budget 0.
CREATE TABLE @extschema@.spend (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    line text NOT NULL,
    spent_on date NOT NULL,
    amount numeric NOT NULL CHECK (amount = round(amount, 2)),
    description text,
    authorised_by bigint REFERENCES @extschema@.decision,
    CONSTRAINT spend_amount_finite CHECK (amount > '-Infinity' AND amount < 'Infinity'),
    CONSTRAINT spend_dates_in_range CHECK (spent_on BETWEEN '1900-04-01' AND '9999-03-31'),
    CONSTRAINT spend_line_length CHECK (char_length(line) BETWEEN 1 AND 100),
    CONSTRAINT spend_business_area_length CHECK (char_length(business_area) <= 100),
    CONSTRAINT spend_description_length CHECK (char_length(description) <= 1000)
);
COMMENT ON TABLE @extschema@.spend IS
    'actual spend against a budget line, recorded through the year (Seven Force agreement, Schedule A 2.7-2.8: spending against budget)';
COMMENT ON COLUMN @extschema@.spend.id IS 'internal key';
COMMENT ON COLUMN @extschema@.spend.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.spend.fiscal_year IS 'the financial year whose budget it is spent against; spent_on lies in it';
COMMENT ON COLUMN @extschema@.spend.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.spend.line IS 'the budget line, e.g. consultancy';
COMMENT ON COLUMN @extschema@.spend.spent_on IS 'the day it was spent: in the financial year and in the agreement''s term';
COMMENT ON COLUMN @extschema@.spend.amount IS 'the amount in pounds, to the penny; negative for a refund or a correction of an earlier actual';
COMMENT ON COLUMN @extschema@.spend.description IS 'what was bought, e.g. an invoice reference';
COMMENT ON COLUMN @extschema@.spend.authorised_by IS 'the made budget or variation decision behind a change or removal after execution';
CREATE INDEX spend_agreement_year ON @extschema@.spend (agreement_id, fiscal_year);

-- triggers/spend.c, rule spend_in_term
CREATE FUNCTION @extschema@.spend_in_term() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_spend_in_term' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.spend_in_term() IS
    'trigger spend_in_term: spent_on lies in the row''s financial year and in the agreement''s term (commencement to effective expiry)';
REVOKE EXECUTE ON FUNCTION @extschema@.spend_in_term() FROM PUBLIC;
CREATE TRIGGER spend_in_term
    BEFORE INSERT OR UPDATE ON @extschema@.spend
    FOR EACH ROW EXECUTE FUNCTION @extschema@.spend_in_term();

-- triggers/spend.c, rule cost_terms_sealed: recording actuals is free,
-- changing or removing one of an executed agreement cites a decision.
CREATE FUNCTION @extschema@.spend_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_spend_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.spend_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE of an actual cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; recording new actuals needs no decision';
REVOKE EXECUTE ON FUNCTION @extschema@.spend_sealed() FROM PUBLIC;
CREATE TRIGGER spend_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.spend
    FOR EACH ROW EXECUTE FUNCTION @extschema@.spend_sealed();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.spend', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.spend_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.spend
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.spend
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.spend
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- ===========================================================================
-- Savings and benefits by financial year (doc/costs.md, "Benefits")
-- ===========================================================================
-- ICT collaboration business case, 4.2(5): "£0.626m of savings in 2014/2015
-- ... a total of approximately £4.6m", broken down by financial year, and
-- 4.5 (a benefits baseline and realisation plan); Single Online Home paper,
-- 6.4 and 9 (benefits realisation, early benefits).
CREATE TYPE @extschema@.benefit_kind AS ENUM ('cashable', 'non_cashable');
COMMENT ON TYPE @extschema@.benefit_kind IS
    'cashable: a saving that leaves the budget (money no longer spent); non_cashable: a benefit valued in pounds that frees capacity rather than money (officer time, calls avoided)';

CREATE TABLE @extschema@.benefit (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    force_code @extschema@.party_code REFERENCES @extschema@.force,
    kind @extschema@.benefit_kind NOT NULL,
    planned numeric NOT NULL CHECK (planned = round(planned, 2)),
    realised numeric CHECK (realised = round(realised, 2)),
    description text,
    authorised_by bigint REFERENCES @extschema@.decision,
    CONSTRAINT benefit_planned_range CHECK (planned >= 0 AND planned < 'Infinity'),
    CONSTRAINT benefit_realised_finite CHECK (realised > '-Infinity' AND realised < 'Infinity'),
    CONSTRAINT benefit_description_length CHECK (char_length(description) <= 1000)
);
COMMENT ON TABLE @extschema@.benefit IS
    'a saving or other benefit a collaboration plans and realises in a financial year (ICT collaboration business case, 4.2(5); Single Online Home paper, 6.4 and 9)';
COMMENT ON COLUMN @extschema@.benefit.id IS 'internal key';
COMMENT ON COLUMN @extschema@.benefit.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.benefit.fiscal_year IS 'the financial year the benefit falls in';
COMMENT ON COLUMN @extschema@.benefit.force_code IS 'the force it accrues to, a force with a party to the agreement; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.benefit.kind IS 'cashable or non_cashable';
COMMENT ON COLUMN @extschema@.benefit.planned IS 'the benefit planned in pounds, to the penny, not negative (a planned cost is a budget line)';
COMMENT ON COLUMN @extschema@.benefit.realised IS 'the benefit realised in pounds; NULL until known; negative when the change cost money';
COMMENT ON COLUMN @extschema@.benefit.description IS 'what the benefit is, e.g. infrastructure convergence';
COMMENT ON COLUMN @extschema@.benefit.authorised_by IS 'the made budget or variation decision behind a change after execution';
CREATE INDEX benefit_agreement_year ON @extschema@.benefit (agreement_id, fiscal_year);

-- triggers/benefit.c, rule benefit_force_party
CREATE FUNCTION @extschema@.benefit_force_party() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_benefit_force_party' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.benefit_force_party() IS
    'trigger benefit_force_party: a benefit credited to a force names a force with a party to the agreement';
REVOKE EXECUTE ON FUNCTION @extschema@.benefit_force_party() FROM PUBLIC;
CREATE TRIGGER benefit_force_party
    BEFORE INSERT OR UPDATE ON @extschema@.benefit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.benefit_force_party();

-- triggers/benefit.c, rule cost_terms_sealed: the plan is sealed like a
-- budget; the realised figure may be recorded once without a decision.
CREATE FUNCTION @extschema@.benefit_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_benefit_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.benefit_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by (except recording realised the first time), and a DELETE follows such an UPDATE in the same transaction; adding a plan needs no decision';
REVOKE EXECUTE ON FUNCTION @extschema@.benefit_sealed() FROM PUBLIC;
CREATE TRIGGER benefit_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.benefit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.benefit_sealed();

SELECT pg_catalog.pg_extension_config_dump('@extschema@.benefit', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.benefit_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.benefit
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.benefit
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.benefit
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- ===========================================================================
-- Cost reports for the finance officer (doc/costs.md): spend against
-- budget, who is paid and what to invoice each quarter, savings by year
-- ===========================================================================

-- Who is paid.  Single Online Home paper, 3.5: "forces would make their
-- payments to the MPS, as the host force for SOH".  NULL: the lead force.
ALTER TABLE @extschema@.agreement ADD COLUMN payee_force @extschema@.party_code REFERENCES @extschema@.force;
COMMENT ON COLUMN @extschema@.agreement.payee_force IS
    'the force the other forces pay (the host force), a force with a party to the agreement; NULL: the lead force';

-- triggers/agreement.c, rule payee_force_party.  Deferred to commit, so an
-- agreement, its parties and its payee may be recorded in one transaction;
-- queued only for a row with a payee (a pending event would make a TRUNCATE
-- cascading to agreement fail with 55006 before register_no_truncate).
CREATE FUNCTION @extschema@.payee_force_party() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_payee_force_party' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.payee_force_party() IS
    'trigger payee_force_party: the payee force has a party to the agreement; checked when set and when the agreement is executed';
REVOKE EXECUTE ON FUNCTION @extschema@.payee_force_party() FROM PUBLIC;
CREATE CONSTRAINT TRIGGER payee_force_party
    AFTER INSERT OR UPDATE ON @extschema@.agreement
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW WHEN (NEW.payee_force IS NOT NULL)
    EXECUTE FUNCTION @extschema@.payee_force_party();

-- Spend against budget: every budget line and every line with spend, of
-- every agreement and year.  fiscal_year as text (70_cost_views.sql).
CREATE VIEW @extschema@.budget_variance AS
WITH spent AS (
    SELECT s.agreement_id, s.fiscal_year, s.business_area, s.line, sum(s.amount) AS spent
      FROM @extschema@.spend s
     GROUP BY s.agreement_id, s.fiscal_year, s.business_area, s.line
), lines AS (
    SELECT coalesce(b.agreement_id, s.agreement_id) AS agreement_id,
           coalesce(b.fiscal_year, s.fiscal_year) AS fiscal_year,
           coalesce(b.business_area, s.business_area) AS business_area,
           coalesce(b.line, s.line) AS line,
           coalesce(b.amount, 0.00) AS budget,
           coalesce(s.spent, 0.00) AS spent
      FROM @extschema@.budget b
      FULL JOIN spent s
             ON s.agreement_id = b.agreement_id AND s.fiscal_year = b.fiscal_year
            AND s.business_area = b.business_area AND s.line = b.line
)
SELECT a.ref AS agreement_ref,
       CAST(l.fiscal_year AS pg_catalog.text) AS fiscal_year,
       l.business_area,
       l.line,
       l.budget,
       l.spent,
       l.budget - l.spent AS variance,
       l.spent > l.budget AS over_budget
FROM lines l
JOIN @extschema@.agreement a ON a.id = l.agreement_id;
COMMENT ON VIEW @extschema@.budget_variance IS
    'spend against budget per budget line (Seven Force agreement, Schedule A 2.7-2.8): a line with spend and no budget shows budget 0, a budget line with no spend shows spent 0';
COMMENT ON COLUMN @extschema@.budget_variance.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.budget_variance.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.budget_variance.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.budget_variance.line IS 'the budget line';
COMMENT ON COLUMN @extschema@.budget_variance.budget IS 'the line''s budget in pounds; 0.00 when it has spend but no budget';
COMMENT ON COLUMN @extschema@.budget_variance.spent IS 'the sum of its spend in pounds; 0.00 when none';
COMMENT ON COLUMN @extschema@.budget_variance.variance IS 'budget minus spent: what is left, negative when overspent';
COMMENT ON COLUMN @extschema@.budget_variance.over_budget IS 'true when spent is more than budget';

-- What to invoice: each force's outstanding (cost_balance) in four
-- quarterly instalments, to the penny, by the apportionment machinery
-- (s22a.split: largest remainder, ties to the lower code), so the quarters
-- add up to the outstanding exactly and the odd pence fall in the earliest
-- quarters.  Every force but the payee; a negative outstanding (a force
-- that put in more than its share) gives negative instalments, a credit.
-- Groups whose shares cannot be computed are not in cost_balance, so not
-- here either (doc/costs.md).
CREATE VIEW @extschema@.charges AS
SELECT b.agreement_ref,
       b.fiscal_year,
       b.force_code AS payer_force,
       p.payee_force,
       CAST(q.party AS pg_catalog.int4) AS quarter,
       q.amount
FROM @extschema@.cost_balance b
JOIN @extschema@.agreement a ON a.ref = b.agreement_ref
CROSS JOIN LATERAL (
    SELECT CAST(coalesce(a.payee_force, a.lead_force) AS pg_catalog.text) AS payee_force) p
CROSS JOIN LATERAL @extschema@.split(CAST('1=25, 2=25, 3=25, 4=25' AS @extschema@.apportionment),
                                     b.outstanding) q
WHERE b.force_code IS DISTINCT FROM p.payee_force;
COMMENT ON VIEW @extschema@.charges IS
    'what to invoice: each force''s outstanding for a year in four quarterly instalments to the penny (they add up to it exactly), payable to the payee force (Single Online Home paper, 3.5)';
COMMENT ON COLUMN @extschema@.charges.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.charges.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.charges.payer_force IS 'the force invoiced';
COMMENT ON COLUMN @extschema@.charges.payee_force IS 'the force it pays: agreement.payee_force, else the lead force; NULL when the agreement has neither';
COMMENT ON COLUMN @extschema@.charges.quarter IS 'the quarter of the financial year, 1 (April to June) to 4 (January to March)';
COMMENT ON COLUMN @extschema@.charges.amount IS 'the instalment in pounds; the four add up to the force''s outstanding; negative for a credit';

-- Savings by financial year against plan (ICT collaboration business case,
-- 4.2(5), 4.5; Single Online Home paper, 6.4 and 9).
CREATE VIEW @extschema@.benefits_by_year AS
SELECT a.ref AS agreement_ref,
       CAST(g.fiscal_year AS pg_catalog.text) AS fiscal_year,
       g.force_code,
       g.kind,
       g.planned,
       g.realised,
       g.planned - g.realised AS shortfall
FROM (SELECT b.agreement_id, b.fiscal_year,
             CAST(b.force_code AS pg_catalog.text) AS force_code,
             CAST(b.kind AS pg_catalog.text) AS kind,
             sum(b.planned) AS planned,
             CASE WHEN count(b.realised) = count(*) THEN sum(b.realised) END AS realised
        FROM @extschema@.benefit b
       GROUP BY b.agreement_id, b.fiscal_year, b.force_code, b.kind) g
JOIN @extschema@.agreement a ON a.id = g.agreement_id;
COMMENT ON VIEW @extschema@.benefits_by_year IS
    'benefits planned and realised per agreement, financial year, force and kind (ICT collaboration business case, 4.2(5); Single Online Home paper, 9)';
COMMENT ON COLUMN @extschema@.benefits_by_year.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.benefits_by_year.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.benefits_by_year.force_code IS 'the force the benefits accrue to; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.benefits_by_year.kind IS 'cashable or non_cashable';
COMMENT ON COLUMN @extschema@.benefits_by_year.planned IS 'the benefits planned, in pounds';
COMMENT ON COLUMN @extschema@.benefits_by_year.realised IS 'the benefits realised, in pounds; NULL until every benefit of the group has its realised figure';
COMMENT ON COLUMN @extschema@.benefits_by_year.shortfall IS 'planned minus realised (negative when more was realised than planned); NULL while realised is';

-- Where create_roles() has already run: the clerk records spend and
-- benefits and the reader reads them and the new views, as 0.3's
-- create_roles() grants on a fresh install.
-- The reader first, then the clerk: the order create_roles() grants in, so
-- the ACLs read the same as on a fresh install (test/upgrade.sh).  Also
-- today() (above), which 0.3's create_roles() lets the reader execute.
DO $spend_benefit$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name)
       AND pg_catalog.has_table_privilege('s22a_reader', '@extschema@.budget', 'SELECT') THEN
        EXECUTE pg_catalog.format('GRANT SELECT ON %1$I.spend, %1$I.benefit, %1$I.budget_variance,'
            ' %1$I.charges, %1$I.benefits_by_year TO s22a_reader', '@extschema@');
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %I.today() TO s22a_reader', '@extschema@');
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_clerk'::pg_catalog.name)
       AND pg_catalog.has_table_privilege('s22a_clerk', '@extschema@.budget', 'INSERT') THEN
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON %1$I.spend, %1$I.benefit TO s22a_clerk', '@extschema@');
    END IF;
END
$spend_benefit$;
