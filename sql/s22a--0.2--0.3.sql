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
