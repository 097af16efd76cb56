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
        'force_measure', 'cost_basis', 'cost_override', 'budget', 'contribution', 'spend', 'benefit',
        'local_decision', 'review', 'recommendation', 'risk'];
    -- decisions, consents and local decisions are never deleted
    -- (src/triggers/decision.c, local_decision.c): no DELETE on them
    never_deleted text[] := ARRAY['decision', 'consent', 'local_decision'];
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
    -- a party records (and corrects) its own local decisions (row-level
    -- security, 59_local_decision.sql)
    EXECUTE pg_catalog.format('GRANT INSERT, UPDATE (decided_on, record_ref, outcome) ON %I.local_decision TO s22a_party',
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
-- Governance records (issue 11, items 5-10; doc/governance.md): decision
-- records and publication, local decisions, reviews, recommendations,
-- risks, what is due for publication and the six-monthly report; the
-- register and upcoming() read "today" from s22a.today() and gain the
-- review dates.  The same statements as sql/install/58_decision_record.sql,
-- 59_local_decision.sql, 72_register.sql, 76_upcoming.sql, 80_review.sql,
-- 81_recommendation.sql, 82_risk.sql, 85_publication_due.sql and
-- 86_half_year_report.sql; existing rows keep their meaning (the new
-- decision columns start empty, no agreement has a review recorded, so the
-- next review date is review_on as before).
-- ===========================================================================

-- ===========================================================================
-- Governance records (doc/governance.md): decision records and publication
-- ===========================================================================
-- A decision record as the commissioners publish them (decision records
-- CPCC2019-007 ... CPCC2019-010): its number, a summary and the background
-- papers, set while the decision is proposed (a made decision is final,
-- src/triggers/decision.c), and the day it was published (Police Act 1996
-- s23E).  Publishing is not a change of what was decided: published_on is
-- set once on a made decision without a further decision (rule
-- publication_date), as agreement.published_at is on an executed agreement
-- (src/triggers/agreement.c).
ALTER TABLE @extschema@.decision
    ADD COLUMN record_ref text,
    ADD COLUMN summary text,
    ADD COLUMN published_on date,
    ADD COLUMN background text,
    ADD CONSTRAINT decision_record_ref_key UNIQUE (record_ref),
    ADD CONSTRAINT decision_record_ref_length CHECK (char_length(record_ref) BETWEEN 1 AND 64),
    ADD CONSTRAINT decision_summary_length CHECK (char_length(summary) BETWEEN 1 AND 10000),
    ADD CONSTRAINT decision_background_length CHECK (char_length(background) BETWEEN 1 AND 10000),
    ADD CONSTRAINT decision_published_on_in_range CHECK (published_on BETWEEN '1900-04-01' AND '9999-03-31');
COMMENT ON COLUMN @extschema@.decision.record_ref IS 'the decision record''s number, e.g. CPCC2019-007; unique; set while proposed';
COMMENT ON COLUMN @extschema@.decision.summary IS 'the decision summary of the record; set while proposed';
COMMENT ON COLUMN @extschema@.decision.published_on IS 'the day the decision record was published; set once, on or after made_on, without a further decision';
COMMENT ON COLUMN @extschema@.decision.background IS 'the background papers of the record, e.g. the board paper; set while proposed';

-- decision_record(): the layout is presentation (SQL glue); the rows it
-- reads are the register's.
CREATE FUNCTION @extschema@.decision_record(decision_id bigint) RETURNS text
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $decision_record$
DECLARE
    d record;
    c record;
    md text;
BEGIN
    SELECT dd.*, a.ref AS agreement_ref, a.title AS agreement_title
      INTO d
      FROM decision dd JOIN agreement a ON a.id = dd.agreement_id
     WHERE dd.id = decision_record.decision_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'decision % does not exist', decision_id
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    md := format(E'# Decision record %s\n\n**%s**\n\n',
                 coalesce(d.record_ref, 'decision ' || d.id), d.title)
       || format(E'- Agreement: %s, %s\n', d.agreement_ref, d.agreement_title)
       || format(E'- Kind: %s\n', replace(d.kind::text, '_', ' '))
       || format(E'- Date: %s\n', CASE WHEN d.made_on IS NOT NULL THEN d.made_on::text
                                       WHEN d.meeting_on IS NOT NULL THEN format('meeting of %s', d.meeting_on)
                                       ELSE format('proposed %s', d.proposed_on) END)
       || format(E'- Outcome: %s\n', CASE d.state WHEN 'made' THEN format('made on %s', d.made_on)
                                                  WHEN 'proposed' THEN 'proposed, not yet made'
                                                  ELSE d.state::text END)
       || format(E'- Published: %s\n', coalesce(d.published_on::text, 'not yet published'))
       || format(E'\n## Summary\n\n%s\n', coalesce(d.summary, 'No summary recorded.'))
       || format(E'\n## Background\n\n%s\n', coalesce(d.background, 'No background papers recorded.'))
       || E'\n## Consent\n\n';
    IF NOT EXISTS (SELECT 1 FROM consent WHERE consent.decision_id = d.id) THEN
        md := md || E'No consent recorded.\n';
    ELSE
        md := md || E'| Party | Given on | Form | Reference |\n|---|---|---|---|\n';
        FOR c IN
            SELECT cs.party_code::text AS party_code, p.title AS party_title, cs.given_on,
                   cs.form, cs.reference, cs.voided_on
              FROM consent cs JOIN party p ON p.code = cs.party_code
             WHERE cs.decision_id = d.id
             ORDER BY cs.party_code COLLATE "C"
        LOOP
            md := md || format(E'| %s (%s) | %s | %s | %s |\n',
                               c.party_code, replace(c.party_title, '|', '\|'), c.given_on,
                               replace(c.form::text, '_', ' ')
                                   || CASE WHEN c.voided_on IS NOT NULL
                                           THEN format(', void from %s', c.voided_on) ELSE '' END,
                               coalesce(replace(c.reference, '|', '\|'), ''));
        END LOOP;
    END IF;
    RETURN md;
END
$decision_record$;
COMMENT ON FUNCTION @extschema@.decision_record(bigint) IS
    'the decision record in Markdown, laid out as the published records (CPCC2019-007): number, title, agreement, kind, date, outcome, publication date, summary, background and each party''s consent with its form and reference; 22023 for an unknown decision';


-- ===========================================================================
-- Governance records (doc/governance.md): local decisions after an
-- in-principle decision (Seven Force agreement, Schedule A 1.3 and 4.2: the
-- Summit decides in principle; each party then decides within its own
-- scheme of governance)
-- ===========================================================================

CREATE TYPE @extschema@.local_decision_outcome AS ENUM ('approved', 'rejected');
COMMENT ON TYPE @extschema@.local_decision_outcome IS
    'what a party decided locally on an in-principle decision: approved or rejected';

CREATE TABLE @extschema@.local_decision (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    decided_on date NOT NULL,
    record_ref text,
    outcome @extschema@.local_decision_outcome NOT NULL,
    PRIMARY KEY (decision_id, party_code),
    CONSTRAINT local_decision_decided_on_in_range CHECK (decided_on BETWEEN '1900-04-01' AND '9999-03-31'),
    CONSTRAINT local_decision_record_ref_length CHECK (char_length(record_ref) BETWEEN 1 AND 64)
);
COMMENT ON TABLE @extschema@.local_decision IS
    'a party''s own decision giving effect to (or rejecting) a made in-principle decision it was bound by';
COMMENT ON COLUMN @extschema@.local_decision.decision_id IS 'the made in_principle decision';
COMMENT ON COLUMN @extschema@.local_decision.party_code IS 'the party deciding: one whose consent the decision required (consent_required)';
COMMENT ON COLUMN @extschema@.local_decision.decided_on IS 'the day the party decided, from the in-principle decision''s made_on to today';
COMMENT ON COLUMN @extschema@.local_decision.record_ref IS 'the party''s own decision record, e.g. CPCC2019-009';
COMMENT ON COLUMN @extschema@.local_decision.outcome IS 'approved or rejected; either is a decision taken, no longer outstanding';

-- The rules are C (src/rules/local_decision.c, src/triggers/local_decision.c).
CREATE FUNCTION @extschema@.local_decision_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'local_decision_rules' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.local_decision_rules() IS
    'trigger: a local decision follows a made in_principle decision, by a party it required the consent of, dated from its made_on to today; never deleted';
REVOKE EXECUTE ON FUNCTION @extschema@.local_decision_rules() FROM PUBLIC;
CREATE TRIGGER local_decision_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.local_decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.local_decision_rules();
CREATE TRIGGER local_decision_kept
    BEFORE TRUNCATE ON @extschema@.local_decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.local_decision_rules();

-- a party records its own local decision (32_party_member.sql)
ALTER TABLE @extschema@.local_decision ENABLE ROW LEVEL SECURITY;
CREATE POLICY readable ON @extschema@.local_decision FOR SELECT USING (true);
CREATE POLICY own_party_insert ON @extschema@.local_decision FOR INSERT
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_update ON @extschema@.local_decision FOR UPDATE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text))
    WITH CHECK (@extschema@.may_write_for(party_code::pg_catalog.text));
CREATE POLICY own_party_delete ON @extschema@.local_decision FOR DELETE
    USING (@extschema@.may_write_for(party_code::pg_catalog.text));
COMMENT ON POLICY readable ON @extschema@.local_decision IS
    'everyone with SELECT reads every row';
COMMENT ON POLICY own_party_insert ON @extschema@.local_decision IS
    'a new row must be for a party the role acts for (party_member), unless the role is a clerk';
COMMENT ON POLICY own_party_update ON @extschema@.local_decision IS
    'only rows of a party the role acts for, and they stay that party''s, unless the role is a clerk';
COMMENT ON POLICY own_party_delete ON @extschema@.local_decision IS
    'only rows of a party the role acts for, unless the role is a clerk (the rules refuse deletes anyway)';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.local_decision', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.local_decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.local_decision
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.local_decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- for every made in-principle decision, each party it bound that has not
-- yet decided locally (approved or rejected)
CREATE VIEW @extschema@.local_decisions_outstanding AS
SELECT a.ref AS agreement_ref,
       d.id AS decision_id,
       d.title,
       r.party_code,
       d.made_on AS waiting_since
FROM @extschema@.decision AS d
JOIN @extschema@.agreement AS a ON a.id = d.agreement_id
CROSS JOIN LATERAL @extschema@.consent_required(d.id) AS r(party_code)
WHERE d.state = 'made' AND d.kind = 'in_principle'
  AND NOT EXISTS (SELECT 1 FROM @extschema@.local_decision AS l
                   WHERE l.decision_id = d.id AND l.party_code = r.party_code);
COMMENT ON VIEW @extschema@.local_decisions_outstanding IS
    'for every made in-principle decision, each party whose consent it required and that has recorded no local decision on it yet';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.agreement_ref IS 'the agreement decided on';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.decision_id IS 'the in-principle decision''s key';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.title IS 'what was decided in principle';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.party_code IS 'a party still to decide locally';
COMMENT ON COLUMN @extschema@.local_decisions_outstanding.waiting_since IS 'the day the in-principle decision was made';


-- ===========================================================================
-- Governance records (doc/governance.md): reviews of an agreement
-- ===========================================================================
-- Seven Force agreement, clause 6.1 (a review date); the Chiltern Transport
-- Consortium paper ("reviewed by 30th April 2022").  A review held records
-- its outcome and the next review date; that moves the agreement's next
-- review (next_review_date(), 72_register.sql) without a variation, while
-- agreement.review_on stays as signed.
CREATE TABLE @extschema@.review (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    held_on date NOT NULL,
    outcome text NOT NULL,
    next_review_on date,
    decision_id bigint REFERENCES @extschema@.decision,
    CONSTRAINT review_outcome_length CHECK (char_length(outcome) BETWEEN 1 AND 10000),
    CONSTRAINT review_next_after_held CHECK (next_review_on > held_on),
    CONSTRAINT review_dates_in_range CHECK (
        held_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND next_review_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.review IS
    'a review of an agreement held: its outcome and the next review date it sets';
COMMENT ON COLUMN @extschema@.review.id IS 'internal key';
COMMENT ON COLUMN @extschema@.review.agreement_id IS 'the agreement reviewed';
COMMENT ON COLUMN @extschema@.review.held_on IS 'the day the review was held (or reported)';
COMMENT ON COLUMN @extschema@.review.outcome IS 'what the review found and concluded';
COMMENT ON COLUMN @extschema@.review.next_review_on IS 'the next review date it sets, after held_on; NULL = none set';
COMMENT ON COLUMN @extschema@.review.decision_id IS 'the decision the review led to or was taken by, if any';

-- next_review_date() reads the latest review of an agreement
CREATE INDEX review_latest ON @extschema@.review (agreement_id, held_on, id);

SELECT pg_catalog.pg_extension_config_dump('@extschema@.review', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.review_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.review
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.review
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.review
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();


-- the register: s22a.today(), the next review date and review_overdue (72_register.sql)
CREATE FUNCTION @extschema@.next_review_date(agreement_id bigint) RETURNS date
LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $next_review_date$
DECLARE
    latest record;
BEGIN
    SELECT r.next_review_on INTO latest
      FROM review r
     WHERE r.agreement_id = next_review_date.agreement_id
     ORDER BY r.held_on DESC, r.id DESC
     LIMIT 1;
    IF FOUND THEN
        RETURN latest.next_review_on;
    END IF;
    RETURN (SELECT a.review_on FROM agreement a WHERE a.id = next_review_date.agreement_id);
END
$next_review_date$;
COMMENT ON FUNCTION @extschema@.next_review_date(bigint) IS
    'the agreement''s next review date: the next_review_on of its latest review (by held_on), else agreement.review_on as signed; NULL when none';

-- the register as it stands today
CREATE OR REPLACE VIEW @extschema@.register AS
SELECT a.id AS agreement_id,
       a.ref,
       a.title,
       parent.ref AS parent_ref,
       a.lead_force::text AS lead_force,
       (SELECT pg_catalog.string_agg(f, ', ' ORDER BY f COLLATE "C")
          FROM @extschema@.forces_on(a.id, @extschema@.today()) AS f) AS forces_today,
       @extschema@.term_status(a.id, @extschema@.today())::text AS status_today,
       a.commences_on,
       @extschema@.effective_expiry(a.id) AS effective_expiry,
       CASE WHEN r.next_review >= @extschema@.today() THEN r.next_review END AS next_review,
       a.executed_on,
       coalesce(@extschema@.term_status(a.id, @extschema@.today()) = 'in_force'
                AND r.next_review < @extschema@.today(), false) AS review_overdue
FROM @extschema@.agreement AS a
LEFT JOIN @extschema@.agreement AS parent ON parent.id = a.parent_id
CROSS JOIN LATERAL (SELECT @extschema@.next_review_date(a.id) AS next_review) AS r;
COMMENT ON VIEW @extschema@.register IS
    'one row per agreement or annex, as it stands today: parties'' forces, term status, dates';
COMMENT ON COLUMN @extschema@.register.agreement_id IS 'internal key of the agreement (joins to decision.agreement_id)';
COMMENT ON COLUMN @extschema@.register.ref IS 'the agreement''s reference';
COMMENT ON COLUMN @extschema@.register.title IS 'its title';
COMMENT ON COLUMN @extschema@.register.parent_ref IS 'for an annex (business-area service specification): the umbrella agreement''s reference; empty otherwise';
COMMENT ON COLUMN @extschema@.register.lead_force IS 'the lead (host) force''s code, if any';
COMMENT ON COLUMN @extschema@.register.forces_today IS
    'the forces with a party to the agreement today, codes in order, comma-separated (e.g. BED, CAM, HER); empty when none';
COMMENT ON COLUMN @extschema@.register.status_today IS
    'the term status today: draft (not executed), pending (executed, not yet commenced), in_force, expired or terminated';
COMMENT ON COLUMN @extschema@.register.commences_on IS 'the day it comes into force';
COMMENT ON COLUMN @extschema@.register.effective_expiry IS
    'the last day in force: the signed expiry moved by the latest made renewal, or the last day set by a made termination; empty when open ended';
COMMENT ON COLUMN @extschema@.register.next_review IS
    'the next review date (next_review_date: the latest review''s next_review_on, else review_on) when it is today or later; empty when there is none or it has passed (then review_overdue says so for an agreement in force)';
COMMENT ON COLUMN @extschema@.register.executed_on IS 'the day the parties executed it; empty while a draft';
COMMENT ON COLUMN @extschema@.register.review_overdue IS
    'true when the agreement is in force today and its next review date (next_review_date) has passed with no review recorded since';


-- upcoming(): s22a.today(), overdue reviews and notice deadlines (76_upcoming.sql)
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
    until := (today() + within)::date;
    RETURN QUERY
    SELECT e.due_on, e.agreement_ref, e.event, e.detail
    FROM (
        SELECT r.next_review AS due_on, a.ref AS agreement_ref, 'review'::text AS event,
               format('review of %s', a.title) AS detail
        FROM agreement a
        CROSS JOIN LATERAL (SELECT next_review_date(a.id) AS next_review) r
        WHERE r.next_review BETWEEN today() AND until
        UNION ALL
        SELECT r.next_review, a.ref, 'review overdue',
               format('review of %s was due %s; no review recorded since', a.title, r.next_review)
        FROM agreement a
        CROSS JOIN LATERAL (SELECT next_review_date(a.id) AS next_review) r
        WHERE r.next_review < today() AND term_status(a.id, today()) = 'in_force'
        UNION ALL
        SELECT notice_deadline(d.meeting_on), a.ref, 'notice deadline',
               format('last day to give two clear working days'' notice of decision %s (%s) for the meeting of %s',
                      d.id, d.title, d.meeting_on)
        FROM decision d
        JOIN agreement a ON a.id = d.agreement_id
        WHERE d.state = 'proposed' AND d.meeting_on > today() AND d.notice_given_on IS NULL
          AND notice_deadline(d.meeting_on) <= until
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
        WHERE x.expiry BETWEEN today() AND until
        UNION ALL
        SELECT w.effective_on, a.ref, 'withdrawal',
               format('%s (%s) withdraws on notice given %s; no longer a party from this day',
                      w.party_code, p.title, w.notice_given_on)
        FROM withdrawal w
        JOIN agreement a ON a.id = w.agreement_id
        JOIN party p ON p.code = w.party_code
        WHERE w.effective_on BETWEEN today() AND until
    ) e
    ORDER BY e.due_on, e.agreement_ref COLLATE "C", e.event, e.detail;
END
$upcoming$;
COMMENT ON FUNCTION @extschema@.upcoming(interval) IS
    'reviews, (effective) expiries, withdrawals and notice deadlines falling due from today (s22a.today()) to today + within (default 6 months), with overdue reviews and passed notice deadlines of meetings still to come, by date; a negative window or one over 100000 years is refused (22023)';


-- ===========================================================================
-- Governance records (doc/governance.md): audit recommendations
-- ===========================================================================
-- The Joint Audit Committee's collaboration progress report (December 2013,
-- 4.3): an internal audit of collaboration governance "made twelve advisory
-- recommendations", and the Summit monitors completion of the action plan.
CREATE TYPE @extschema@.recommendation_priority AS ENUM ('high', 'medium', 'low');
COMMENT ON TYPE @extschema@.recommendation_priority IS 'how urgent a recommendation is: high, medium or low';
CREATE TYPE @extschema@.recommendation_status AS ENUM ('open', 'in_progress', 'implemented', 'superseded');
COMMENT ON TYPE @extschema@.recommendation_status IS
    'where a recommendation stands: open or in_progress (outstanding), implemented or superseded (closed)';

CREATE TABLE @extschema@.recommendation (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source text NOT NULL,
    agreement_id bigint REFERENCES @extschema@.agreement,
    title text NOT NULL,
    priority @extschema@.recommendation_priority NOT NULL,
    owner_party @extschema@.party_code REFERENCES @extschema@.party,
    raised_on date NOT NULL DEFAULT current_date,
    due_on date,
    status @extschema@.recommendation_status NOT NULL DEFAULT 'open',
    closed_on date,
    CONSTRAINT recommendation_source_length CHECK (char_length(source) BETWEEN 1 AND 300),
    CONSTRAINT recommendation_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT recommendation_closed_when_done CHECK (
        (status IN ('implemented', 'superseded')) = (closed_on IS NOT NULL)),
    CONSTRAINT recommendation_dates_in_order CHECK (due_on >= raised_on AND closed_on >= raised_on),
    CONSTRAINT recommendation_dates_in_range CHECK (
        raised_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND due_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND closed_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.recommendation IS
    'a recommendation of an audit or review and its action: who owns it, when it is due, where it stands';
COMMENT ON COLUMN @extschema@.recommendation.id IS 'internal key';
COMMENT ON COLUMN @extschema@.recommendation.source IS 'the report that made it, by title, e.g. Internal audit: collaboration governance';
COMMENT ON COLUMN @extschema@.recommendation.agreement_id IS 'the agreement it concerns; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.recommendation.title IS 'what is recommended';
COMMENT ON COLUMN @extschema@.recommendation.priority IS 'high, medium or low';
COMMENT ON COLUMN @extschema@.recommendation.owner_party IS 'the party that owns the action; NULL while unassigned';
COMMENT ON COLUMN @extschema@.recommendation.raised_on IS 'the day the report made it';
COMMENT ON COLUMN @extschema@.recommendation.due_on IS 'the day the action is due; NULL when no date is agreed';
COMMENT ON COLUMN @extschema@.recommendation.status IS 'open, in_progress, implemented or superseded';
COMMENT ON COLUMN @extschema@.recommendation.closed_on IS 'the day it was implemented or superseded; set exactly when the status is one of those';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.recommendation', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.recommendation_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.recommendation
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.recommendation
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.recommendation
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

CREATE VIEW @extschema@.recommendations_outstanding AS
SELECT r.id,
       r.source,
       a.ref AS agreement_ref,
       r.title,
       r.priority::text AS priority,
       r.owner_party::text AS owner_party,
       r.due_on,
       r.status::text AS status,
       coalesce(r.due_on < @extschema@.today(), false) AS overdue
FROM @extschema@.recommendation AS r
LEFT JOIN @extschema@.agreement AS a ON a.id = r.agreement_id
WHERE r.status IN ('open', 'in_progress');
COMMENT ON VIEW @extschema@.recommendations_outstanding IS
    'every recommendation still open or in progress, overdue ones flagged';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.id IS 'the recommendation''s key';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.source IS 'the report that made it';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.agreement_ref IS 'the agreement it concerns; empty for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.title IS 'what is recommended';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.priority IS 'high, medium or low';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.owner_party IS 'the party that owns the action; empty while unassigned';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.due_on IS 'the day the action is due; empty when none is agreed';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.status IS 'open or in_progress';
COMMENT ON COLUMN @extschema@.recommendations_outstanding.overdue IS 'true when due_on is before today (s22a.today())';


-- ===========================================================================
-- Governance records (doc/governance.md): the risk register
-- ===========================================================================
-- The Joint Audit Committee's collaboration progress report (December 2013,
-- 1.1 and 2.2): collaboration is risk 3/3 of the joint strategic risk
-- register.  A risk is rated 1-5 for likelihood and for impact; its score is
-- their product.
CREATE TABLE @extschema@.risk (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint REFERENCES @extschema@.agreement,
    title text NOT NULL,
    likelihood integer NOT NULL,
    impact integer NOT NULL,
    score integer GENERATED ALWAYS AS (likelihood * impact) STORED,
    owner_party @extschema@.party_code REFERENCES @extschema@.party,
    reviewed_on date,
    CONSTRAINT risk_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    CONSTRAINT risk_likelihood_range CHECK (likelihood BETWEEN 1 AND 5),
    CONSTRAINT risk_impact_range CHECK (impact BETWEEN 1 AND 5),
    CONSTRAINT risk_reviewed_on_in_range CHECK (reviewed_on BETWEEN '1900-04-01' AND '9999-03-31')
);
COMMENT ON TABLE @extschema@.risk IS 'a risk of the collaboration or of one agreement, rated for likelihood and impact';
COMMENT ON COLUMN @extschema@.risk.id IS 'internal key';
COMMENT ON COLUMN @extschema@.risk.agreement_id IS 'the agreement it concerns; NULL for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.risk.title IS 'the risk';
COMMENT ON COLUMN @extschema@.risk.likelihood IS 'how likely, 1 (rare) to 5 (almost certain)';
COMMENT ON COLUMN @extschema@.risk.impact IS 'how severe, 1 (minimal) to 5 (critical)';
COMMENT ON COLUMN @extschema@.risk.score IS 'likelihood × impact, 1 to 25; computed';
COMMENT ON COLUMN @extschema@.risk.owner_party IS 'the party that owns the risk; NULL while unassigned';
COMMENT ON COLUMN @extschema@.risk.reviewed_on IS 'the day the rating was last reviewed';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.risk_id_seq', '');

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.risk
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.risk
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.risk
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

CREATE VIEW @extschema@.risk_register AS
SELECT r.id,
       a.ref AS agreement_ref,
       r.title,
       r.likelihood,
       r.impact,
       r.score,
       r.owner_party::text AS owner_party,
       r.reviewed_on
FROM @extschema@.risk AS r
LEFT JOIN @extschema@.agreement AS a ON a.id = r.agreement_id
ORDER BY r.score DESC, r.id;
COMMENT ON VIEW @extschema@.risk_register IS 'every risk, the highest score first (ties in the order recorded)';
COMMENT ON COLUMN @extschema@.risk_register.id IS 'the risk''s key';
COMMENT ON COLUMN @extschema@.risk_register.agreement_ref IS 'the agreement it concerns; empty for the collaboration as a whole';
COMMENT ON COLUMN @extschema@.risk_register.title IS 'the risk';
COMMENT ON COLUMN @extschema@.risk_register.likelihood IS 'likelihood, 1 to 5';
COMMENT ON COLUMN @extschema@.risk_register.impact IS 'impact, 1 to 5';
COMMENT ON COLUMN @extschema@.risk_register.score IS 'likelihood × impact, 1 to 25';
COMMENT ON COLUMN @extschema@.risk_register.owner_party IS 'the party that owns it; empty while unassigned';
COMMENT ON COLUMN @extschema@.risk_register.reviewed_on IS 'the day the rating was last reviewed';


-- ===========================================================================
-- Governance records (doc/governance.md): what is due for publication
-- ===========================================================================
-- Police Act 1996 s23E: collaboration agreements are published; decision
-- records of significant public interest are published too.  An executed
-- agreement without published_at, and a made decision without
-- published_on, are due from the day they were executed or made.
CREATE VIEW @extschema@.publication_due AS
SELECT 'agreement'::text AS kind,
       a.ref,
       a.title,
       a.executed_on AS due_since
FROM @extschema@.agreement AS a
WHERE a.executed_on <= @extschema@.today() AND a.published_at IS NULL
UNION ALL
SELECT 'decision',
       coalesce(d.record_ref, 'decision ' || d.id),
       d.title,
       d.made_on
FROM @extschema@.decision AS d
WHERE d.state = 'made' AND d.made_on <= @extschema@.today() AND d.published_on IS NULL;
COMMENT ON VIEW @extschema@.publication_due IS
    'executed agreements with no publication (published_at) and made decisions with no publication date (published_on), as of today (s22a.today())';
COMMENT ON COLUMN @extschema@.publication_due.kind IS 'agreement or decision';
COMMENT ON COLUMN @extschema@.publication_due.ref IS 'the agreement''s ref, or the decision''s record_ref (decision <id> when it has none)';
COMMENT ON COLUMN @extschema@.publication_due.title IS 'the agreement''s or decision''s title';
COMMENT ON COLUMN @extschema@.publication_due.due_since IS 'the day it was executed (agreement) or made (decision)';


-- (half_year_report: at the end of this script, once spend and benefit exist)


-- Where create_roles() has already run: the new tables, views and functions
-- get the privileges 0.3's create_roles() grants on a fresh install.
DO $governance_roles$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name)
       AND pg_catalog.has_schema_privilege('s22a_reader', '@extschema@', 'USAGE') THEN
        EXECUTE pg_catalog.format('GRANT SELECT ON %1$I.local_decision, %1$I.review, %1$I.recommendation, %1$I.risk,'
            ' %1$I.local_decisions_outstanding, %1$I.recommendations_outstanding, %1$I.risk_register,'
            ' %1$I.publication_due TO s22a_reader', '@extschema@');
        -- (today() too: the section that added it granted nothing)
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %1$I.decision_record(bigint), %1$I.next_review_date(bigint),'
            ' %1$I.today() TO s22a_reader', '@extschema@');
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_clerk'::pg_catalog.name)
       AND pg_catalog.has_table_privilege('s22a_clerk', '@extschema@.decision', 'INSERT') THEN
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE ON %1$I.local_decision TO s22a_clerk', '@extschema@');
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE, DELETE ON %1$I.review, %1$I.recommendation, %1$I.risk TO s22a_clerk',
            '@extschema@');
    END IF;
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_party'::pg_catalog.name)
       AND pg_catalog.has_table_privilege('s22a_party', '@extschema@.consent', 'INSERT') THEN
        EXECUTE pg_catalog.format('GRANT INSERT, UPDATE (decided_on, record_ref, outcome) ON %I.local_decision TO s22a_party',
            '@extschema@');
    END IF;
END
$governance_roles$;
-- Closed years (issue 9, h9): rows added to an ended year of an executed
-- agreement, and fixed percentages added beside its cost basis, cite a
-- decision (cost_terms_sealed, now BEFORE INSERT too); the drivers of an
-- ended year that an executed agreement uses are sealed
-- (closed_year_drivers_sealed).  doc/costs.md.
-- ===========================================================================
DROP TRIGGER budget_sealed ON @extschema@.budget;
CREATE TRIGGER budget_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.budget
    FOR EACH ROW EXECUTE FUNCTION @extschema@.budget_sealed();
DROP TRIGGER cost_basis_sealed ON @extschema@.cost_basis;
CREATE TRIGGER cost_basis_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.cost_basis
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_basis_sealed();
DROP TRIGGER cost_override_sealed ON @extschema@.cost_override;
CREATE TRIGGER cost_override_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.cost_override
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_override_sealed();
COMMENT ON FUNCTION @extschema@.budget_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision, unless the year has ended';
COMMENT ON FUNCTION @extschema@.cost_basis_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision, unless the year has ended';
COMMENT ON FUNCTION @extschema@.cost_override_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, an UPDATE cites a made budget or variation decision in authorised_by, and a DELETE follows such an UPDATE of the row in the same transaction; adding a year''s rows needs no decision, unless the year has ended or (an override) the agreement has a cost basis for the year and business area';

CREATE FUNCTION @extschema@.force_measure_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_force_measure_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.force_measure_sealed() IS
    'trigger closed_year_drivers_sealed: a value of a year that has ended, of a measure an executed agreement''s cost basis for that year uses, is neither changed nor removed; add a corrected measure instead';
REVOKE EXECUTE ON FUNCTION @extschema@.force_measure_sealed() FROM PUBLIC;
CREATE TRIGGER force_measure_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.force_measure
    FOR EACH ROW EXECUTE FUNCTION @extschema@.force_measure_sealed();

-- ===========================================================================
-- register_no_drop through cascades (issue 9, h9): the drop guard fires on
-- every DROP and refuses one that cascades to s22a (DROP EXTENSION plpgsql
-- CASCADE, ...), and DROP OWNED BY the extension's owner.
-- ===========================================================================
DROP EVENT TRIGGER s22a_drop_guard;
CREATE EVENT TRIGGER s22a_drop_guard ON ddl_command_start
    EXECUTE FUNCTION @extschema@.drop_guard();
ALTER EVENT TRIGGER s22a_drop_guard ENABLE ALWAYS;   -- in replica mode too
COMMENT ON EVENT TRIGGER s22a_drop_guard IS
    'register_no_drop: DROP EXTENSION s22a, or a DROP that cascades to it, is refused while the register holds data, unless SET s22a.allow_drop = on (take a pg_dump first)';
COMMENT ON FUNCTION @extschema@.drop_guard() IS
    'event trigger register_no_drop: refuses DROP EXTENSION s22a, and any DROP that cascades to it, while the register holds data, unless s22a.allow_drop is on';

-- ===========================================================================
-- audit_log_cost_citations served no query (spent citations are rows of
-- decision_citation) and every audit insert paid its test (issue 9, h9:
-- the 20,000-consent insert benchmark).
-- ===========================================================================
DROP INDEX @extschema@.audit_log_cost_citations;

-- ===========================================================================
-- today() where create_roles() has already run (h9: test/upgrade.sh found
-- the fresh install's s22a_reader holding EXECUTE on it, and the update's
-- not): the reader gets what 0.3's create_roles() gives it.
-- ===========================================================================
DO $today$
BEGIN
    IF EXISTS (SELECT 1
                 FROM pg_catalog.pg_namespace n
                 CROSS JOIN LATERAL pg_catalog.aclexplode(n.nspacl) AS a
                 JOIN pg_catalog.pg_roles r ON r.oid OPERATOR(pg_catalog.=) a.grantee
                WHERE n.nspname OPERATOR(pg_catalog.=) '@extschema@'::pg_catalog.name
                  AND r.rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name) THEN
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %I.today() TO s22a_reader', '@extschema@');
    END IF;
END
$today$;

-- ===========================================================================
-- Costs as a finance officer bills them, part A (doc/costs.md): part-year
-- charging, reports that never fail, budgets inside the term, unshared
-- lines, and the indexes the rules and reports follow
-- (sql/install/14_codes_and_enums.sql, 40_agreement.sql, 50_decision.sql,
-- 63_budget.sql, 64_contribution.sql, 65_cost_shares.sql, 70_cost_views.sql)
-- ===========================================================================
-- agreement.voting and host_force (sql/install/55_vote.sql).  Agreements
-- upgraded from 0.2 keep their voting weights: voting = 'weights'.
CREATE TYPE @extschema@.voting_rule AS ENUM ('weights', 'host_half');
COMMENT ON TYPE @extschema@.voting_rule IS
    'weights: each party''s weight in voting_weight (none: no vote); host_half: the host force holds half the total weight and the other forces with a member party on the decision date share the other half equally, each force''s weight split equally among its member parties';
ALTER TABLE @extschema@.agreement
    ADD COLUMN voting @extschema@.voting_rule NOT NULL DEFAULT 'weights',
    ADD COLUMN host_force @extschema@.party_code REFERENCES @extschema@.force,
    ADD CONSTRAINT agreement_host_force CHECK ((voting = 'host_half') = (host_force IS NOT NULL));
COMMENT ON COLUMN @extschema@.agreement.voting IS
    'how votes are weighted: weights (voting_weight rows) or host_half (the host force holds half the total weight)';
COMMENT ON COLUMN @extschema@.agreement.host_force IS
    'under host_half, the host force (a force code); NULL otherwise';

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

-- Issue 11 part A (term and voting as the papers say): retrospective terms,
-- renewal before expiry, committed for the term, the host keeps half the
-- vote, agreements_in_force().  The parts: sql/install/40_agreement.sql,
-- 42_withdrawal.sql, 50_decision.sql, 51_term.sql, 55_vote.sql.
-- ===========================================================================

-- decision_check gains the row term_change_in_time (a renewal made on or
-- before the expiry it extends; a termination not ending the agreement in
-- the past)
ALTER FUNCTION @extschema@.decision_check(bigint) ROWS 6;
COMMENT ON FUNCTION @extschema@.decision_check(bigint) IS
    'one row per rule a decision must meet to be made: consent, written_form, notice, new_expiry, term_change_in_time, vote; ok and a sentence saying why';

-- agreements_in_force(): every agreement in force on a date, set-based
-- (sql/install/51_term.sql)
CREATE FUNCTION @extschema@.agreements_in_force(on_date date,
    OUT agreement_id bigint, OUT ref text, OUT effective_expiry date)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME', 's22a_agreements_in_force' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 100
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.agreements_in_force(date) IS
    'every agreement in force on the date (term_status = in_force), with its effective expiry (NULL when open ended), in one pass over the register';

-- withdrawal.authorised_by (sql/install/42_withdrawal.sql): a withdrawal from
-- an agreement with no withdrawal_notice (committed for the term, Seven
-- Force agreement, clause 6.3) or taking effect in an ended financial year
-- cites a made membership or variation decision.  Existing withdrawals stay
-- as they are (NULL): the rules read them again only when they change.
ALTER TABLE @extschema@.withdrawal
    ADD COLUMN authorised_by bigint REFERENCES @extschema@.decision;
COMMENT ON COLUMN @extschema@.withdrawal.authorised_by IS
    'the made membership or variation decision that authorises a withdrawal needing one: from an agreement with no withdrawal_notice (committed for the term), or taking effect in an ended financial year';
COMMENT ON FUNCTION @extschema@.withdrawal_notice() IS
    'trigger: effective_on is at least notice_given_on + the agreement''s withdrawal_notice (and after notice_given_on); with no withdrawal_notice, or effective in an ended financial year, authorised_by cites a made membership or variation decision';

-- term_state: a retrospective term is in force from commencement once
-- executed (src/rules/term.c)
COMMENT ON TYPE @extschema@.term_state IS
    'draft: not executed, or a day before both its execution and commencement; pending: executed on or before that day, before commencement; in_force: from commencement (even when executed later) to the effective expiry; expired: after the effective expiry; terminated: after the last day set by a made termination';

COMMENT ON FUNCTION @extschema@.vote_result(bigint) IS
    'weighted governance: the weight for and against among the members on the decision date (under host_half, as percentages of the total weight, to 4 decimal places); carried when more than half the total weight is in favour, exactly half is not';
COMMENT ON FUNCTION @extschema@.vote_rules() IS
    'trigger: only a member on the decision date with a voting weight (under host_half, a member of a force) may vote; votes of a made decision are final';

-- where create_roles() has run (0.2), the reader executes the functions this
-- update adds, as 0.3's create_roles() grants on a fresh install
-- (GRANT EXECUTE ON ALL FUNCTIONS, sql/install/68_roles.sql): here
-- agreements_in_force() and, from an earlier section, today()
DO $reader_functions$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name)
       AND pg_catalog.has_schema_privilege('s22a_reader', '@extschema@', 'USAGE') THEN
        EXECUTE pg_catalog.format('GRANT EXECUTE ON FUNCTION %I.agreements_in_force(date), %I.today() TO s22a_reader',
                                  '@extschema@', '@extschema@');
    END IF;
END
$reader_functions$;
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

-- ===========================================================================
-- The six-monthly report (sql/install/86_half_year_report.sql), here: it
-- reads spend and benefit, added above
-- ===========================================================================
CREATE VIEW @extschema@.half_year_report AS
WITH halves AS (
    SELECT b.agreement_id, b.fiscal_year, h.half
    FROM @extschema@.budget AS b
    CROSS JOIN (VALUES (1), (2)) AS h(half)
    UNION
    SELECT d.agreement_id, @extschema@.fiscal_year(x.on_day),
           CASE WHEN pg_catalog.date_part('month', x.on_day) BETWEEN 4 AND 9 THEN 1 ELSE 2 END
    FROM @extschema@.decision AS d
    CROSS JOIN LATERAL (VALUES (d.proposed_on), (d.made_on)) AS x(on_day)
    WHERE x.on_day IS NOT NULL
    UNION
    SELECT s.agreement_id, s.fiscal_year,
           CASE WHEN pg_catalog.date_part('month', s.spent_on) BETWEEN 4 AND 9 THEN 1 ELSE 2 END
    FROM @extschema@.spend AS s
),
spans AS (
    SELECT h.agreement_id, h.fiscal_year, h.half, s.starts, s.ends,
           LEAST(s.ends, @extschema@.today()) AS as_at
    FROM halves AS h
    CROSS JOIN LATERAL (
        SELECT CASE WHEN h.half = 1 THEN @extschema@.first_day(h.fiscal_year)
                    ELSE (@extschema@.first_day(h.fiscal_year) + interval '6 months')::date END AS starts,
               CASE WHEN h.half = 1 THEN (@extschema@.first_day(h.fiscal_year) + interval '6 months')::date - 1
                    ELSE @extschema@.last_day(h.fiscal_year) END AS ends
    ) AS s
    WHERE s.starts <= @extschema@.today()
),
figures AS (
    SELECT s.*,
           coalesce((SELECT sum(b.amount) FROM @extschema@.budget AS b
                      WHERE b.agreement_id = s.agreement_id AND b.fiscal_year = s.fiscal_year), 0) AS budget,
           coalesce((SELECT sum(x.amount) FROM @extschema@.spend AS x
                      WHERE x.agreement_id = s.agreement_id AND x.fiscal_year = s.fiscal_year
                        AND x.spent_on <= s.as_at), 0) AS spent
    FROM spans AS s
)
SELECT a.ref AS agreement_ref,
       f.fiscal_year::text AS fiscal_year,
       f.half,
       f.budget,
       f.spent,
       f.budget - f.spent AS variance,
       (SELECT count(*) FROM @extschema@.decision AS d
         WHERE d.agreement_id = f.agreement_id AND d.state = 'made'
           AND d.made_on BETWEEN f.starts AND f.as_at) AS decisions_made,
       (SELECT count(*)
          FROM @extschema@.decision AS d
          CROSS JOIN LATERAL @extschema@.consent_required(d.id) AS r(party_code)
         WHERE d.agreement_id = f.agreement_id AND d.proposed_on <= f.as_at
           AND (d.state = 'proposed' OR (d.state = 'made' AND d.made_on > f.as_at))
           AND NOT EXISTS (SELECT 1 FROM @extschema@.consent AS c
                            WHERE c.decision_id = d.id AND c.party_code = r.party_code
                              AND c.given_on <= f.as_at
                              AND (c.voided_on IS NULL OR c.voided_on > f.as_at))) AS consents_outstanding,
       (SELECT count(*)
          FROM @extschema@.decision AS d
          CROSS JOIN LATERAL @extschema@.consent_required(d.id) AS r(party_code)
         WHERE d.agreement_id = f.agreement_id AND d.kind = 'in_principle'
           AND d.state = 'made' AND d.made_on <= f.as_at
           AND NOT EXISTS (SELECT 1 FROM @extschema@.local_decision AS l
                            WHERE l.decision_id = d.id AND l.party_code = r.party_code
                              AND l.decided_on <= f.as_at)) AS local_decisions_outstanding,
       (SELECT count(*) FROM @extschema@.recommendation AS r
         WHERE r.agreement_id = f.agreement_id AND r.raised_on <= f.as_at
           AND (r.closed_on IS NULL OR r.closed_on > f.as_at)) AS recommendations_open,
       (SELECT count(*) FROM @extschema@.recommendation AS r
         WHERE r.agreement_id = f.agreement_id AND r.raised_on <= f.as_at
           AND (r.closed_on IS NULL OR r.closed_on > f.as_at)
           AND r.due_on < f.as_at) AS recommendations_overdue,
       (SELECT max(k.score) FROM @extschema@.risk AS k
         WHERE k.agreement_id = f.agreement_id) AS top_risk_score,
       coalesce((SELECT sum(n.planned) FROM @extschema@.benefit AS n
                  WHERE n.agreement_id = f.agreement_id AND n.fiscal_year = f.fiscal_year), 0) AS benefits_planned,
       coalesce((SELECT sum(n.realised) FROM @extschema@.benefit AS n
                  WHERE n.agreement_id = f.agreement_id AND n.fiscal_year = f.fiscal_year), 0) AS benefits_realised
FROM figures AS f
JOIN @extschema@.agreement AS a ON a.id = f.agreement_id;
COMMENT ON VIEW @extschema@.half_year_report IS
    'the six-monthly report (Seven Force agreement, Schedule A 2.8): one row per agreement and half year begun by today with a budget, spend or a decision; counts as at the end of the half, or today when earlier';
COMMENT ON COLUMN @extschema@.half_year_report.agreement_ref IS 'the agreement';
COMMENT ON COLUMN @extschema@.half_year_report.fiscal_year IS 'the financial year, e.g. 2019/20';
COMMENT ON COLUMN @extschema@.half_year_report.half IS '1: April to September; 2: October to March';
COMMENT ON COLUMN @extschema@.half_year_report.budget IS 'the financial year''s budget, all lines and business areas, in pounds; 0 when none';
COMMENT ON COLUMN @extschema@.half_year_report.spent IS 'spent in the financial year to the end of the half (or today), in pounds, from s22a.spend';
COMMENT ON COLUMN @extschema@.half_year_report.variance IS 'budget less spent';
COMMENT ON COLUMN @extschema@.half_year_report.decisions_made IS 'decisions made in the half (to today when the half is still running)';
COMMENT ON COLUMN @extschema@.half_year_report.consents_outstanding IS 'at the end of the half: consents required by decisions then proposed and not yet given';
COMMENT ON COLUMN @extschema@.half_year_report.local_decisions_outstanding IS 'at the end of the half: parties bound by a made in-principle decision that had not decided locally';
COMMENT ON COLUMN @extschema@.half_year_report.recommendations_open IS 'at the end of the half: the agreement''s recommendations raised and not closed';
COMMENT ON COLUMN @extschema@.half_year_report.recommendations_overdue IS 'of those, the ones past their due date';
COMMENT ON COLUMN @extschema@.half_year_report.top_risk_score IS 'the highest current risk score (likelihood × impact) of the agreement''s risks; empty when none';
COMMENT ON COLUMN @extschema@.half_year_report.benefits_planned IS 'benefits planned for the financial year, in pounds, from s22a.benefit';
COMMENT ON COLUMN @extschema@.half_year_report.benefits_realised IS 'benefits realised for the financial year as recorded so far, in pounds, from s22a.benefit (a benefit carries no date within its year)';
DO $half_year_reader$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname OPERATOR(pg_catalog.=) 's22a_reader'::pg_catalog.name)
       AND pg_catalog.has_schema_privilege('s22a_reader', '@extschema@', 'USAGE') THEN
        EXECUTE pg_catalog.format('GRANT SELECT ON %I.half_year_report TO s22a_reader', '@extschema@');
    END IF;
END
$half_year_reader$;

-- ===========================================================================
-- withdrawal_closed_year also on UPDATE out of, and DELETE of, a withdrawal
-- that took effect in an ended financial year (sql/install/42_withdrawal.sql)
-- ===========================================================================
COMMENT ON FUNCTION @extschema@.withdrawal_notice() IS
    'trigger: effective_on is at least notice_given_on + the agreement''s withdrawal_notice (and after notice_given_on); with no withdrawal_notice, or effective in an ended financial year (when recorded, moved or removed), authorised_by cites a made membership or variation decision';
DROP TRIGGER withdrawal_notice ON @extschema@.withdrawal;
CREATE TRIGGER withdrawal_notice
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.withdrawal
    FOR EACH ROW EXECUTE FUNCTION @extschema@.withdrawal_notice();

-- ===========================================================================
-- Contributions of a closed year sealed after execution (issue 9, fix2:
-- cost_terms_sealed on contribution, triggers/contribution.c).  Existing
-- rows keep their meaning: authorised_by is NULL for all of them, and only a
-- later change to a closed year's row needs a decision.
-- ===========================================================================
ALTER TABLE @extschema@.contribution ADD COLUMN authorised_by bigint REFERENCES @extschema@.decision;
COMMENT ON COLUMN @extschema@.contribution.authorised_by IS 'the made budget or variation decision behind a change to a closed year''s contribution after execution';
CREATE FUNCTION @extschema@.contribution_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_contribution_sealed' LANGUAGE C
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.contribution_sealed() IS
    'trigger cost_terms_sealed: on an executed agreement, a contribution of a year that has ended is added, changed or removed only citing a made budget or variation decision in authorised_by (a DELETE follows such an UPDATE of the row in the same transaction); the current year''s are free';
REVOKE EXECUTE ON FUNCTION @extschema@.contribution_sealed() FROM PUBLIC;
CREATE TRIGGER contribution_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.contribution
    FOR EACH ROW EXECUTE FUNCTION @extschema@.contribution_sealed();
