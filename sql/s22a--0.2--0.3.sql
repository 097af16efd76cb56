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
    -- decisions and consents are never deleted (consent.c): no DELETE on them
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
    'what each force owes an agreement in a year, what it has put in (cash or in kind, seed 003 clause 5.3), and what is outstanding';
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
