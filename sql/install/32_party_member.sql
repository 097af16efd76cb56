
-- ===========================================================================
-- Access by party (doc/security.md): party_member says which database roles
-- act for which party; acts_for, is_clerk and may_write_for are the test the
-- row-level security policies of agreement_party, withdrawal, consent and
-- vote apply (in their parts).  The roles themselves: 68_roles.sql.
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

CREATE TRIGGER audit AFTER UPDATE OR DELETE ON @extschema@.party_member
    FOR EACH ROW EXECUTE FUNCTION @extschema@.audit_row();
CREATE TRIGGER audit_insert AFTER INSERT ON @extschema@.party_member
    REFERENCING NEW TABLE AS inserted
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_insert();
CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON @extschema@.party_member
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

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

-- The policies, the same on each of those four tables.  Reading stays open
-- to everyone with SELECT (USING true): the rule triggers read these tables
-- through SPI as the invoking user, and a filtered view would make the
-- membership and consent checks wrong.  Writing is limited to rows of a
-- party the role acts for, or to clerks.  Table privileges (create_roles())
-- decide WHAT a role may do at all: a party may only INSERT consent, vote
-- and withdrawal rows and UPDATE the signed_on and declared_on columns of
-- agreement_party; the policies decide FOR WHOM.  Owners and superusers are
-- not subject to RLS (the tables are not FORCE ROW LEVEL SECURITY), so the
-- install, the demo and a restore run as before.
