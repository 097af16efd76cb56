\echo Use "CREATE EXTENSION s22a" to load this file. \quit

/* s22a — police collaboration agreements under s22A Police Act 1996.
 *
 * sql/s22a--<default_version>.sql is generated: the Makefile joins the parts
 * in sql/install/ in name order with cat, so edit the parts, not it.  The
 * parts follow dependency order, one object or small family each: a table's
 * part holds the table with its checks, triggers, comments, audit hook-up,
 * pg_dump registration and row-level security; a function pins its
 * search_path, and a trigger function loses EXECUTE for PUBLIC, where it is
 * created.  The scripts of released versions (sql/s22a--0.1.sql) and the
 * upgrades (sql/s22a--A--B.sql) are shipped as they are; test/upgrade.sh
 * checks that a fresh install and the upgrade path end identical.
 */

-- ===========================================================================
-- fiscal_year: a UK public-sector financial year, 1 April to 31 March
-- ===========================================================================

CREATE TYPE @extschema@.fiscal_year;

CREATE FUNCTION @extschema@.fiscal_year_in(cstring) RETURNS @extschema@.fiscal_year
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.fiscal_year_out(@extschema@.fiscal_year) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.fiscal_year_recv(internal) RETURNS @extschema@.fiscal_year
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.fiscal_year_send(@extschema@.fiscal_year) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.fiscal_year (
    INPUT = @extschema@.fiscal_year_in,
    OUTPUT = @extschema@.fiscal_year_out,
    RECEIVE = @extschema@.fiscal_year_recv,
    SEND = @extschema@.fiscal_year_send,
    INTERNALLENGTH = 4,
    PASSEDBYVALUE,
    ALIGNMENT = int4,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.fiscal_year IS
    'UK public-sector financial year, 1 April to 31 March; written 2016/17';

CREATE FUNCTION @extschema@.fiscal_year(date) RETURNS @extschema@.fiscal_year
    AS 'MODULE_PATHNAME', 'fiscal_year_of_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.fiscal_year(date) IS
    'the financial year containing the date: 2016-03-31 is in 2015/16, 2016-04-01 in 2016/17';
CREATE FUNCTION @extschema@.first_day(@extschema@.fiscal_year) RETURNS date
    AS 'MODULE_PATHNAME', 'fiscal_year_first_day' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.first_day(@extschema@.fiscal_year) IS
    '1 April, the first day of the financial year';
CREATE FUNCTION @extschema@.last_day(@extschema@.fiscal_year) RETURNS date
    AS 'MODULE_PATHNAME', 'fiscal_year_last_day' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.last_day(@extschema@.fiscal_year) IS
    '31 March, the last day of the financial year';

-- arithmetic
CREATE FUNCTION @extschema@.fiscal_year_pl_int(@extschema@.fiscal_year, int) RETURNS @extschema@.fiscal_year
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.int_pl_fiscal_year(int, @extschema@.fiscal_year) RETURNS @extschema@.fiscal_year
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.fiscal_year_mi_int(@extschema@.fiscal_year, int) RETURNS @extschema@.fiscal_year
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.fiscal_year_mi(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE OPERATOR @extschema@.+ (LEFTARG = @extschema@.fiscal_year, RIGHTARG = int,
    FUNCTION = @extschema@.fiscal_year_pl_int, COMMUTATOR = +);
CREATE OPERATOR @extschema@.+ (LEFTARG = int, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.int_pl_fiscal_year, COMMUTATOR = +);
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.fiscal_year, RIGHTARG = int,
    FUNCTION = @extschema@.fiscal_year_mi_int);
CREATE OPERATOR @extschema@.- (LEFTARG = @extschema@.fiscal_year, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.fiscal_year_mi);

-- comparison
CREATE FUNCTION @extschema@.fiscal_year_eq(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_ne(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_lt(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_le(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_gt(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_ge(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_cmp(@extschema@.fiscal_year, @extschema@.fiscal_year) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_hash(@extschema@.fiscal_year) RETURNS int
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.fiscal_year_hash_extended(@extschema@.fiscal_year, bigint) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.fiscal_year, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.fiscal_year_eq, COMMUTATOR = =, NEGATOR = <>,
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.fiscal_year, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.fiscal_year_ne, COMMUTATOR = <>, NEGATOR = =,
    RESTRICT = neqsel, JOIN = neqjoinsel);
CREATE OPERATOR @extschema@.< (LEFTARG = @extschema@.fiscal_year, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.fiscal_year_lt, COMMUTATOR = >, NEGATOR = >=,
    RESTRICT = scalarltsel, JOIN = scalarltjoinsel);
CREATE OPERATOR @extschema@.<= (LEFTARG = @extschema@.fiscal_year, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.fiscal_year_le, COMMUTATOR = >=, NEGATOR = >,
    RESTRICT = scalarlesel, JOIN = scalarlejoinsel);
CREATE OPERATOR @extschema@.> (LEFTARG = @extschema@.fiscal_year, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.fiscal_year_gt, COMMUTATOR = <, NEGATOR = <=,
    RESTRICT = scalargtsel, JOIN = scalargtjoinsel);
CREATE OPERATOR @extschema@.>= (LEFTARG = @extschema@.fiscal_year, RIGHTARG = @extschema@.fiscal_year,
    FUNCTION = @extschema@.fiscal_year_ge, COMMUTATOR = <=, NEGATOR = <,
    RESTRICT = scalargesel, JOIN = scalargejoinsel);

CREATE OPERATOR CLASS @extschema@.fiscal_year_ops
    DEFAULT FOR TYPE @extschema@.fiscal_year USING btree AS
        OPERATOR 1 @extschema@.<,
        OPERATOR 2 @extschema@.<=,
        OPERATOR 3 @extschema@.=,
        OPERATOR 4 @extschema@.>=,
        OPERATOR 5 @extschema@.>,
        FUNCTION 1 @extschema@.fiscal_year_cmp(@extschema@.fiscal_year, @extschema@.fiscal_year);

CREATE OPERATOR CLASS @extschema@.fiscal_year_hash_ops
    DEFAULT FOR TYPE @extschema@.fiscal_year USING hash AS
        OPERATOR 1 @extschema@.=,
        FUNCTION 1 @extschema@.fiscal_year_hash(@extschema@.fiscal_year),
        FUNCTION 2 @extschema@.fiscal_year_hash_extended(@extschema@.fiscal_year, bigint);
