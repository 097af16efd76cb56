-- create_roles() will not build on roles of its names that someone made
-- beforehand with powers the s22a roles must not have (doc/security.md).
BEGIN;
SELECT plan(4);
SET LOCAL search_path = s22a, public;

SAVEPOINT login;
CREATE ROLE s22a_clerk LOGIN;
SELECT throws_ok($$SELECT * FROM s22a.create_roles()$$, '42501',
    'role "s22a_clerk" exists with LOGIN, SUPERUSER or BYPASSRLS; create_roles() will not grant through it',
    'a pre-existing s22a_clerk with LOGIN is refused');
ROLLBACK TO SAVEPOINT login;

SAVEPOINT bypass;
CREATE ROLE s22a_party BYPASSRLS;
SELECT throws_ok($$SELECT * FROM s22a.create_roles()$$, '42501', NULL,
    'a pre-existing s22a_party with BYPASSRLS is refused');
ROLLBACK TO SAVEPOINT bypass;

SAVEPOINT clerk_party;
CREATE ROLE s22a_clerk;
CREATE ROLE s22a_party IN ROLE s22a_clerk;
SELECT throws_ok($$SELECT * FROM s22a.create_roles()$$, '42501',
    'role "s22a_party" is a member of s22a_clerk or s22a_admin, so every party role would write for every party',
    'a party group planted inside the clerk role is refused');
ROLLBACK TO SAVEPOINT clerk_party;

SELECT is((SELECT count(*) FROM s22a.create_roles()), 4::bigint, 'with no such roles, create_roles() makes all four');

SELECT * FROM finish();
ROLLBACK;
