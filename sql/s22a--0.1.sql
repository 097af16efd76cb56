/* s22a 0.1 — police collaboration agreements under s22A Police Act 1996 */

\echo Use "CREATE EXTENSION s22a" to load this file. \quit

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

-- ===========================================================================
-- apportionment: an exact division of 100% among parties
-- ===========================================================================

CREATE TYPE @extschema@.apportionment;

CREATE FUNCTION @extschema@.apportionment_in(cstring) RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_out(@extschema@.apportionment) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_recv(internal) RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_send(@extschema@.apportionment) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.apportionment (
    INPUT = @extschema@.apportionment_in,
    OUTPUT = @extschema@.apportionment_out,
    RECEIVE = @extschema@.apportionment_recv,
    SEND = @extschema@.apportionment_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = int4,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.apportionment IS
    'exact division of 100% among parties, e.g. BED=27.4, CAM=31.2, HER=41.4';

CREATE FUNCTION @extschema@.apportionment_eq(@extschema@.apportionment, @extschema@.apportionment) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportionment_ne(@extschema@.apportionment, @extschema@.apportionment) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (LEFTARG = @extschema@.apportionment, RIGHTARG = @extschema@.apportionment,
    FUNCTION = @extschema@.apportionment_eq, COMMUTATOR = =, NEGATOR = <>,
    RESTRICT = eqsel, JOIN = eqjoinsel);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.apportionment, RIGHTARG = @extschema@.apportionment,
    FUNCTION = @extschema@.apportionment_ne, COMMUTATOR = <>, NEGATOR = =,
    RESTRICT = neqsel, JOIN = neqjoinsel);

CREATE FUNCTION @extschema@.share(@extschema@.apportionment, party text) RETURNS numeric
    AS 'MODULE_PATHNAME', 'apportionment_share' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.share(@extschema@.apportionment, text) IS
    'the party''s percentage share, or NULL when it has none';
CREATE OPERATOR @extschema@.-> (LEFTARG = @extschema@.apportionment, RIGHTARG = text,
    FUNCTION = @extschema@.share);

CREATE FUNCTION @extschema@.shares(@extschema@.apportionment)
    RETURNS TABLE (party text, share numeric)
    AS 'MODULE_PATHNAME', 'apportionment_shares' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    ROWS 8;
COMMENT ON FUNCTION @extschema@.shares(@extschema@.apportionment) IS
    'one row per party, in code order, with its percentage share';

CREATE FUNCTION @extschema@.split(@extschema@.apportionment, amount numeric, decimals int DEFAULT 2)
    RETURNS TABLE (party text, share numeric, amount numeric)
    AS 'MODULE_PATHNAME', 'apportionment_split' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    ROWS 8;
COMMENT ON FUNCTION @extschema@.split(@extschema@.apportionment, numeric, int) IS
    'the amount divided by the shares, each part rounded to decimals places by largest remainder so the parts add up to exactly the amount';

-- apportion: shares proportional to weights, by largest remainder
CREATE FUNCTION @extschema@.apportion_trans(internal, text, numeric) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportion_trans_decimals(internal, text, numeric, int) RETURNS internal
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;
CREATE FUNCTION @extschema@.apportion_final(internal) RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE PARALLEL SAFE;

CREATE AGGREGATE @extschema@.apportion(party text, weight numeric) (
    SFUNC = @extschema@.apportion_trans,
    STYPE = internal,
    FINALFUNC = @extschema@.apportion_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.apportion(text, numeric) IS
    'shares proportional to the weights, to one decimal place, adding up to exactly 100 (largest remainder; ties to the larger weight, then the lower code)';

CREATE AGGREGATE @extschema@.apportion(party text, weight numeric, decimals int) (
    SFUNC = @extschema@.apportion_trans_decimals,
    STYPE = internal,
    FINALFUNC = @extschema@.apportion_final,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.apportion(text, numeric, int) IS
    'shares proportional to the weights, to 0-4 decimal places, adding up to exactly 100';

CREATE FUNCTION @extschema@.apportion(parties text[], weights numeric[], decimals int DEFAULT 1)
    RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME', 'apportion_arrays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.apportion(text[], numeric[], int) IS
    'shares proportional to the weights (matching arrays), adding up to exactly 100';
