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
        'force_measure', 'cost_basis', 'cost_override', 'budget', 'contribution'];
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
-- Costs as a finance officer bills them, part A (doc/costs.md): part-year
-- charging, reports that never fail, budgets inside the term, unshared
-- lines, and the indexes the rules and reports follow
-- (sql/install/14_codes_and_enums.sql, 40_agreement.sql, 50_decision.sql,
-- 63_budget.sql, 64_contribution.sql, 65_cost_shares.sql, 70_cost_views.sql)
-- ===========================================================================
CREATE TYPE @extschema@.charging_rule AS ENUM ('pro_rata_days', 'first_day');
COMMENT ON TYPE @extschema@.charging_rule IS
    'how an agreement charges a part year (doc/costs.md): pro_rata_days weights each force''s drivers by its days a party while the agreement is in force; first_day charges the forces party on greatest(1 April, commences_on) for the whole year';

-- Existing agreements keep the rule of 0.2 (the parties on 1 April), so no
-- figure they show changes: first_day, written into every existing row by
-- ADD COLUMN's default (no row trigger fires, nothing is audited as a
-- change).  New agreements get pro_rata_days.
ALTER TABLE @extschema@.agreement
    ADD COLUMN charging @extschema@.charging_rule NOT NULL DEFAULT 'first_day';
ALTER TABLE @extschema@.agreement ALTER COLUMN charging SET DEFAULT 'pro_rata_days';
COMMENT ON COLUMN @extschema@.agreement.charging IS
    'how a part year is charged: pro_rata_days (drivers weighted by each force''s days a party while in force) or first_day (the forces party on greatest(1 April, commences_on)); a term, sealed after execution';

CREATE INDEX agreement_parent ON @extschema@.agreement (parent_id) WHERE parent_id IS NOT NULL;
-- one row's history without reading the whole log (sql/install/16_audit_log.sql)
CREATE INDEX audit_log_row ON @extschema@.audit_log (table_name, row_key);
CREATE INDEX decision_agreement ON @extschema@.decision (agreement_id);
CREATE INDEX contribution_agreement_year ON @extschema@.contribution (agreement_id, fiscal_year);

ALTER TABLE @extschema@.budget ADD COLUMN shared boolean NOT NULL DEFAULT true;
COMMENT ON COLUMN @extschema@.budget.shared IS
    'false for a line each force bears itself, e.g. travel and subsistence (Seven Force agreement, clause 5.2): not split in cost_allocation or cost_balance';

-- Rule budget_term.  Rows already outside the term stay (the trigger checks
-- writes); cost_allocation shows them with their problem under
-- pro_rata_days.
CREATE FUNCTION @extschema@.budget_term() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_budget_term' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.budget_term() IS
    'trigger budget_term: a budget line or cost override is for a financial year with at least one day from the agreement''s commencement to its effective expiry';
REVOKE EXECUTE ON FUNCTION @extschema@.budget_term() FROM PUBLIC;
CREATE TRIGGER budget_term
    BEFORE INSERT OR UPDATE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_term();
CREATE TRIGGER budget_term
    BEFORE INSERT OR UPDATE ON @extschema@.cost_override
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_term();

CREATE FUNCTION @extschema@.cost_group_shares(agreement_id bigint, fiscal_year @extschema@.fiscal_year,
                                              business_area text,
                                              OUT shares @extschema@.apportionment, OUT problem text)
    AS 'MODULE_PATHNAME', 's22a_cost_group_shares' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_group_shares(bigint, @extschema@.fiscal_year, text) IS
    'cost_shares for the reports: the shares and a NULL problem, or NULL shares and the problem (the message cost_shares raises) when they cannot be computed';
COMMENT ON FUNCTION @extschema@.cost_shares(bigint, @extschema@.fiscal_year, text) IS
    'each force''s share of the costs of the agreement, year and business area: the cost_override when there is one, else sum of weight x value(force, measure) / total over the forces the agreement''s charging rule charges for the year (pro_rata_days: values weighted by days a party while in force; first_day: the parties on greatest(1 April, commences_on)), to one decimal place by largest remainder';

-- The cost views gain `problem` and cost_problems, and are rebuilt to start
-- from the agreement; dropped and created again, the privileges held on
-- them given back as they were (as in "Reporting views: the financial year
-- as text" above).
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
       l.amount,
       c.problem
FROM @extschema@.agreement a
CROSS JOIN LATERAL (
    SELECT DISTINCT b.fiscal_year, b.business_area
      FROM @extschema@.budget b
     WHERE b.agreement_id = a.id AND b.shared) g
CROSS JOIN LATERAL (
    SELECT (x.r).shares, (x.r).problem
      FROM (SELECT @extschema@.cost_group_shares(a.id, g.fiscal_year, g.business_area) AS r
            OFFSET 0) x) c
CROSS JOIN LATERAL (
    SELECT b.line, s.party AS force_code, s.share, s.amount
      FROM @extschema@.budget b,
           @extschema@.split(c.shares, b.amount) s
     WHERE b.agreement_id = a.id
       AND b.fiscal_year = g.fiscal_year
       AND b.business_area = g.business_area
       AND b.shared
    UNION ALL
    SELECT b.line, NULL, NULL, b.amount
      FROM @extschema@.budget b
     WHERE c.problem IS NOT NULL
       AND b.agreement_id = a.id
       AND b.fiscal_year = g.fiscal_year
       AND b.business_area = g.business_area
       AND b.shared
    OFFSET 0) l;
COMMENT ON VIEW @extschema@.cost_allocation IS
    'every shared budget line split among the forces by cost_shares, to the penny: the amounts of a line add up to the line''s amount; a group whose shares cannot be computed shows each line whole with its problem';
COMMENT ON COLUMN @extschema@.cost_allocation.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_allocation.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_allocation.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_allocation.line IS 'the budget line, e.g. programme';
COMMENT ON COLUMN @extschema@.cost_allocation.force_code IS 'the paying force; NULL on a row with a problem';
COMMENT ON COLUMN @extschema@.cost_allocation.share IS 'its percentage share of the agreement, year and business area, e.g. 13.8; NULL on a row with a problem';
COMMENT ON COLUMN @extschema@.cost_allocation.amount IS 'its part of the line in pounds, to the penny (largest remainder); the whole line on a row with a problem';
COMMENT ON COLUMN @extschema@.cost_allocation.problem IS
    'NULL, or why the shares of the agreement, year and business area cannot be computed (what cost_shares raises): the line is then shown whole, unallocated (see cost_problems)';

-- The groups whose shares cannot be computed: what to fix before billing.
CREATE VIEW @extschema@.cost_problems AS
SELECT DISTINCT agreement_ref, fiscal_year, business_area, problem
  FROM @extschema@.cost_allocation
 WHERE problem IS NOT NULL;
COMMENT ON VIEW @extschema@.cost_problems IS
    'each (agreement, year, business area) whose budget lines cannot be split, and why: cost_allocation shows its lines unallocated, and cost_balance leaves them out';
COMMENT ON COLUMN @extschema@.cost_problems.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_problems.fiscal_year IS 'the financial year as text, e.g. 2016/17';
COMMENT ON COLUMN @extschema@.cost_problems.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_problems.problem IS 'what is missing or inconsistent, as cost_shares raises it';

-- What each force owes and has put in.  Per agreement (LATERAL on the
-- agreement row, so a filter on agreement_ref reads one agreement): its
-- allocated parts and its contributions, grouped by year (the type, not
-- text) and force; the ref is joined last, never grouped or sorted on, so
-- the whole register stays linear at default work_mem.  Rows with a
-- problem are left out (cost_problems lists them).
CREATE VIEW @extschema@.cost_balance AS
SELECT a.ref AS agreement_ref,
       CAST(t.fiscal_year AS pg_catalog.text) AS fiscal_year,
       t.force_code,
       t.due,
       t.contributed,
       t.due - t.contributed AS outstanding
FROM @extschema@.agreement a
CROSS JOIN LATERAL (
    SELECT u.fiscal_year, u.force_code,
           sum(u.due) AS due, sum(u.contributed) AS contributed
      FROM (SELECT g.fiscal_year, l.force_code, l.amount AS due, 0.00 AS contributed
              FROM (SELECT DISTINCT b.fiscal_year, b.business_area
                      FROM @extschema@.budget b
                     WHERE b.agreement_id = a.id AND b.shared) g
             CROSS JOIN LATERAL (
                 SELECT (x.r).shares
                   FROM (SELECT @extschema@.cost_group_shares(a.id, g.fiscal_year, g.business_area) AS r
                         OFFSET 0) x) c
             CROSS JOIN LATERAL (
                 SELECT s.party AS force_code, s.amount
                   FROM @extschema@.budget b,
                        @extschema@.split(c.shares, b.amount) s
                  WHERE b.agreement_id = a.id
                    AND b.fiscal_year = g.fiscal_year
                    AND b.business_area = g.business_area
                    AND b.shared
                 OFFSET 0) l
            UNION ALL
            SELECT k.fiscal_year, k.force_code::pg_catalog.text, 0.00, k.amount
              FROM @extschema@.contribution k
             WHERE k.agreement_id = a.id) u
     GROUP BY u.fiscal_year, u.force_code) t;
COMMENT ON VIEW @extschema@.cost_balance IS
    'what each force owes an agreement in a year, what it has put in (cash or in kind, Seven Force agreement, clause 5.3), and what is outstanding; groups listed in cost_problems are left out';
COMMENT ON COLUMN @extschema@.cost_balance.agreement_ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.cost_balance.fiscal_year IS
    'the financial year as text, e.g. 2016/17 (sorts in year order; cast to s22a.fiscal_year for its functions)';
COMMENT ON COLUMN @extschema@.cost_balance.force_code IS 'the force';
COMMENT ON COLUMN @extschema@.cost_balance.due IS 'its parts of every shared budget line of the year, all business areas (sum of cost_allocation.amount)';
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

-- Where create_roles() has already run: the reader reads cost_problems and
-- may execute cost_group_shares, as 0.3's create_roles() lets it; and
-- today() (section "today()" above), which lacked the grant (test/upgrade.sh
-- found the difference).  A GRANT already held is a no-op.
DO $costs_reader$
BEGIN
    IF EXISTS (SELECT 1
                 FROM pg_catalog.pg_namespace n
                 CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) AS a
                 JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
                WHERE n.nspname OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.name
                  AND r.rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name) THEN
        EXECUTE pg_catalog.format('GRANT SELECT ON %I.cost_problems TO s22a_reader', '@extschema@');
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %1$I.cost_group_shares(bigint, %1$I.fiscal_year, text),'
            ' %1$I.today() TO s22a_reader', '@extschema@');
    END IF;
END
$costs_reader$;
