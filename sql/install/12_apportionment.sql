
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
    RESTRICT = eqsel, JOIN = eqjoinsel, HASHES, MERGES);
CREATE OPERATOR @extschema@.<> (LEFTARG = @extschema@.apportionment, RIGHTARG = @extschema@.apportionment,
    FUNCTION = @extschema@.apportionment_ne, COMMUTATOR = <>, NEGATOR = =,
    RESTRICT = neqsel, JOIN = neqjoinsel);
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
