/* s22a 0.1 -> 0.2: access by party (roles, party_member, row-level security)
 * on the tables a party writes.  A fresh install of 0.2 runs s22a--0.1.sql
 * and then this script; see doc/security.md. */

\echo Use "ALTER EXTENSION s22a UPDATE TO '0.2'" to load this file. \quit

-- Every name below is qualified (@extschema@. or pg_catalog.), and operators
-- on the extension's own types are written OPERATOR(pg_catalog.=) after a
-- cast to text: ALTER EXTENSION UPDATE runs as a superuser, and an
-- unqualified name or an operator with no exact match in pg_catalog could
-- resolve to an object someone planted (contrib/seg's security test).

-- ===========================================================================
-- party_member: which database roles act for which party
-- ===========================================================================

CREATE TABLE @extschema@.party_member (
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    -- a name, not an OID: roles are cluster-wide and a dump of this
    -- database is restored into clusters where the OIDs differ.  A row
    -- naming a role that does not exist (yet, or any more) grants nothing.
    role_name text NOT NULL CHECK (pg_catalog.length(role_name) OPERATOR(pg_catalog.<=) 63
                                   AND role_name OPERATOR(pg_catalog.<>) ''),
    PRIMARY KEY (party_code, role_name)
);
COMMENT ON TABLE @extschema@.party_member IS
    'the database roles that act for a party: a role (or a member of it) may sign, declare, consent, vote and withdraw for the parties it is mapped to and for no other (row-level security)';
COMMENT ON COLUMN @extschema@.party_member.party_code IS 'the party, e.g. PCC-CAM';
COMMENT ON COLUMN @extschema@.party_member.role_name IS
    'a database role, e.g. pcc_cam; a name that is not a role grants nothing';

SELECT pg_catalog.pg_extension_config_dump('@extschema@.party_member', '');

-- audited like every other table of the extension (the loop in s22a--0.1.sql)
CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.party_member
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.party_member
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.party_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- ===========================================================================
-- Who may write what, as seen by the row-level security policies
-- ===========================================================================

-- pg_has_role() raises for a role name that does not exist, so the names
-- are joined to pg_roles first and only existing roles are tested, by OID.
-- USAGE, not MEMBER: the same test PostgreSQL applies to a policy's TO
-- list and to privileges (the current role is the party role or inherits
-- from it).  current_user, not session_user: SET ROLE to a party role acts
-- for that party and no other.
CREATE FUNCTION @extschema@.acts_for(party text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1
          FROM @extschema@.party_member AS m
          JOIN pg_catalog.pg_roles AS r ON r.rolname OPERATOR(pg_catalog.=) m.role_name::pg_catalog.name
         WHERE m.party_code::pg_catalog.text OPERATOR(pg_catalog.=) party
           AND pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'USAGE'))
$$;
COMMENT ON FUNCTION @extschema@.acts_for(text) IS
    'true when the current role is, or has the privileges of, a role mapped to the party in party_member (roles that do not exist are skipped)';

-- Clerks and administrators record the register for everyone.  The roles
-- are created later, by create_roles(), so the policies cannot name them in
-- TO (CREATE POLICY needs the role to exist); this function looks them up
-- by name at run time instead, skipping them while they do not exist.
CREATE FUNCTION @extschema@.is_clerk() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1 FROM pg_catalog.pg_roles AS r
         WHERE r.rolname OPERATOR(pg_catalog.=) 's22a_clerk'::pg_catalog.name
           AND pg_catalog.pg_has_role(CURRENT_USER, r.oid, 'USAGE'))
$$;
COMMENT ON FUNCTION @extschema@.is_clerk() IS
    'true when the current role has the privileges of s22a_clerk (as s22a_admin does): the row-level security policies then let it write for every party';

CREATE FUNCTION @extschema@.may_write_for(party text) RETURNS boolean
LANGUAGE sql STABLE STRICT PARALLEL SAFE
SET search_path = @extschema@, pg_catalog, pg_temp
AS $$
    SELECT @extschema@.is_clerk() OR @extschema@.acts_for(party)
$$;
COMMENT ON FUNCTION @extschema@.may_write_for(text) IS
    'the row-level security test of agreement_party, consent, vote and withdrawal: a clerk or administrator, or a role acting for the row''s party';

-- ===========================================================================
-- Row-level security on the tables a party writes for itself
-- ===========================================================================
-- Reading stays open to everyone with SELECT (USING true): the rule
-- triggers read these tables through SPI as the invoking user, and a
-- filtered view would make the membership and consent checks wrong.
-- Writing is limited to rows of a party the role acts for, or to clerks.
-- Table privileges (create_roles()) decide WHAT a role may do at all: a
-- party may only INSERT consent, vote and withdrawal rows and UPDATE the
-- signed_on and declared_on columns of agreement_party; the policies below
-- decide FOR WHOM.  Owners and superusers are not subject to RLS (the
-- tables are not FORCE ROW LEVEL SECURITY), so the install, the demo and
-- a restore run as before.
DO $rls$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['agreement_party', 'consent', 'vote', 'withdrawal']
    LOOP
        EXECUTE pg_catalog.format('ALTER TABLE %I.%I ENABLE ROW LEVEL SECURITY', '@extschema@', t);
        EXECUTE pg_catalog.format(
            'CREATE POLICY readable ON %I.%I FOR SELECT USING (true)', '@extschema@', t);
        EXECUTE pg_catalog.format(
            'CREATE POLICY own_party_insert ON %I.%I FOR INSERT '
            'WITH CHECK (%I.may_write_for(party_code::pg_catalog.text))', '@extschema@', t, '@extschema@');
        EXECUTE pg_catalog.format(
            'CREATE POLICY own_party_update ON %I.%I FOR UPDATE '
            'USING (%I.may_write_for(party_code::pg_catalog.text)) '
            'WITH CHECK (%I.may_write_for(party_code::pg_catalog.text))',
            '@extschema@', t, '@extschema@', '@extschema@');
        EXECUTE pg_catalog.format(
            'CREATE POLICY own_party_delete ON %I.%I FOR DELETE '
            'USING (%I.may_write_for(party_code::pg_catalog.text))', '@extschema@', t, '@extschema@');
        EXECUTE pg_catalog.format('COMMENT ON POLICY readable ON %I.%I IS %L', '@extschema@', t,
            'everyone with SELECT reads every row: the rule triggers read through SPI as the invoking user');
        EXECUTE pg_catalog.format('COMMENT ON POLICY own_party_insert ON %I.%I IS %L', '@extschema@', t,
            'a new row must be for a party the role acts for (party_member), unless the role is a clerk');
        EXECUTE pg_catalog.format('COMMENT ON POLICY own_party_update ON %I.%I IS %L', '@extschema@', t,
            'only rows of a party the role acts for, and they stay that party''s, unless the role is a clerk');
        EXECUTE pg_catalog.format('COMMENT ON POLICY own_party_delete ON %I.%I IS %L', '@extschema@', t,
            'only rows of a party the role acts for, unless the role is a clerk (the rules refuse most deletes anyway)');
    END LOOP;
END
$rls$;

-- ===========================================================================
-- create_roles(): the role model, on explicit request
-- ===========================================================================
-- Roles are cluster-wide and CREATE EXTENSION runs once per database, so
-- the extension never creates roles by itself: a DBA calls this once per
-- database (the roles are created the first time, the grants are
-- per-database).  SECURITY INVOKER on purpose: the caller needs CREATEROLE
-- (to create the roles) and must own the extension's tables (to grant on
-- them), and a SECURITY DEFINER function would lend both to anyone.
CREATE FUNCTION @extschema@.create_roles()
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
COMMENT ON FUNCTION @extschema@.create_roles() IS
    'creates, when missing, the roles s22a_reader, s22a_clerk, s22a_admin and the group s22a_party, and grants them their privileges in this database; idempotent; needs CREATEROLE and ownership of the extension''s tables (42501 otherwise)';

CREATE FUNCTION @extschema@.grant_membership(granted_role text, member_role text) RETURNS void
LANGUAGE plpgsql VOLATILE STRICT
SET search_path = @extschema@, pg_catalog, pg_temp
AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_auth_members am
                    WHERE am.roleid OPERATOR(pg_catalog.=) pg_catalog.to_regrole(pg_catalog.quote_ident(granted_role))
                      AND am.member OPERATOR(pg_catalog.=) pg_catalog.to_regrole(pg_catalog.quote_ident(member_role))) THEN
        EXECUTE pg_catalog.format('GRANT %I TO %I', granted_role, member_role);
    END IF;
END
$$;
COMMENT ON FUNCTION @extschema@.grant_membership(text, text) IS
    'create_roles() helper: makes member_role a member of granted_role unless it already is (no "already a member" notice on later calls)';
REVOKE ALL ON FUNCTION @extschema@.create_roles() FROM PUBLIC;
REVOKE ALL ON FUNCTION @extschema@.grant_membership(text, text) FROM PUBLIC;

