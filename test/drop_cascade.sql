-- register_no_drop reaches through cascades (doc/reliability.md): a DROP
-- ... CASCADE of something s22a depends on would drop the extension and
-- its register with it, so it is refused like DROP EXTENSION s22a while the
-- register holds data.  (Allowed with s22a.allow_drop: that drop commits,
-- so sql/sealing_and_drop.sql shows it.)
BEGIN;
SELECT plan(11);
SET LOCAL search_path = s22a, public;

INSERT INTO force (code, name) VALUES ('BED', 'Bedfordshire Police');
CREATE TEMP TABLE forces_before AS SELECT * FROM s22a.force;

SELECT throws_like('DROP EXTENSION plpgsql CASCADE',
    'cannot drop extension s22a: the register holds 1 forces%',
    'DROP EXTENSION plpgsql CASCADE, which would drop s22a, is refused while the register holds data');
SELECT throws_ok('DROP EXTENSION plpgsql CASCADE', '2BP01', NULL, 'with 2BP01 (register_no_drop)');
SELECT ok(EXISTS (SELECT FROM pg_extension WHERE extname = 's22a')
          AND EXISTS (SELECT FROM pg_extension WHERE extname = 'plpgsql'), 'both extensions are still there');
SELECT set_eq('SELECT * FROM s22a.force', 'SELECT * FROM forces_before', 'and the register is as it was');
SELECT throws_like('DROP LANGUAGE plpgsql CASCADE', 'cannot drop extension s22a: the register holds%', 'DROP LANGUAGE plpgsql CASCADE is refused the same way');
SELECT throws_like('DROP SCHEMA s22a CASCADE', 'cannot drop extension s22a: the register holds%', 'DROP SCHEMA s22a CASCADE still is');
SELECT throws_like('DROP EXTENSION s22a', 'cannot drop extension s22a: the register holds%', 'and DROP EXTENSION s22a');
SELECT throws_like(format('DROP OWNED BY %I', (SELECT extowner::regrole FROM pg_extension WHERE extname = 's22a')),
    'cannot drop extension s22a: the register holds%', 'DROP OWNED BY the extension''s owner is refused too');

-- a member of s22a that depends on an object outside it, through another
-- object: the cascade from that object reaches the extension
CREATE SCHEMA h9_elsewhere;
CREATE DOMAIN h9_elsewhere.code AS text;
CREATE FUNCTION h9_elsewhere.norm(h9_elsewhere.code) RETURNS text LANGUAGE sql AS 'SELECT lower($1)';
CREATE FUNCTION s22a.h9_member(text) RETURNS text LANGUAGE sql AS 'SELECT h9_elsewhere.norm($1::h9_elsewhere.code)';
CREATE VIEW s22a.h9_member_view AS SELECT h9_elsewhere.norm('X'::h9_elsewhere.code) AS n;
ALTER EXTENSION s22a ADD VIEW s22a.h9_member_view;
SELECT throws_like('DROP DOMAIN h9_elsewhere.code CASCADE', 'cannot drop extension s22a: the register holds%', 'a domain a member view depends on through a function cannot be dropped with CASCADE');
SELECT throws_like('DROP SCHEMA h9_elsewhere CASCADE', 'cannot drop extension s22a: the register holds%', 'nor its schema');
ALTER EXTENSION s22a DROP VIEW s22a.h9_member_view;
SELECT lives_ok('DROP SCHEMA h9_elsewhere CASCADE', 'a cascade that does not reach s22a is none of its business');

SELECT * FROM finish();
ROLLBACK;
