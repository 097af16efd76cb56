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

-- ===========================================================================
-- Working days (England and Wales): bank holidays and clear-day counting
-- ===========================================================================

CREATE TABLE @extschema@.bank_holiday (
    day date PRIMARY KEY,
    name text NOT NULL,
    shipped boolean NOT NULL DEFAULT false
);
COMMENT ON TABLE @extschema@.bank_holiday IS
    'bank holidays in England and Wales; filled for 1990-2060 by CREATE EXTENSION, administrators add or remove days as they are announced';
COMMENT ON COLUMN @extschema@.bank_holiday.day IS 'the holiday';
COMMENT ON COLUMN @extschema@.bank_holiday.name IS 'its name, e.g. Easter Monday';
COMMENT ON COLUMN @extschema@.bank_holiday.shipped IS
    'true for the rows CREATE EXTENSION put there; pg_dump keeps only the rest';


CREATE FUNCTION @extschema@.statutory_bank_holidays(from_year int, to_year int)
    RETURNS TABLE (day date, name text)
    AS 'MODULE_PATHNAME', 's22a_statutory_bank_holidays' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE
    ROWS 8;
COMMENT ON FUNCTION @extschema@.statutory_bank_holidays(int, int) IS
    'the bank holidays of England and Wales computed from the statutory pattern (Easter by the Gregorian computus, substitute weekdays) and the one-off proclamations, for years 1978 to 9999; CREATE EXTENSION fills bank_holiday from it';

CREATE FUNCTION @extschema@.easter_sunday(year int) RETURNS date
    AS 'MODULE_PATHNAME', 's22a_easter_sunday' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.easter_sunday(int) IS
    'Easter Sunday of a year by the Gregorian computus, e.g. 2016 -> 2016-03-27';

-- the shipped calendar: 1990 to 2060
INSERT INTO @extschema@.bank_holiday (day, name, shipped)
    SELECT h.day, h.name, true FROM @extschema@.statutory_bank_holidays(1990, 2060) AS h;

-- every change to the table drops the per-backend holiday caches
CREATE FUNCTION @extschema@.bank_holiday_changed() RETURNS trigger
    AS 'MODULE_PATHNAME', 'bank_holiday_changed' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.bank_holiday_changed() IS
    'trigger: any change to bank_holiday invalidates the cached holiday calendar in every session';
CREATE TRIGGER bank_holiday_changed
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON @extschema@.bank_holiday
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.bank_holiday_changed();
-- also under session_replication_role = replica (a restore, a logical
-- replication subscriber): it only drops caches, and a stale calendar is wrong
ALTER TABLE @extschema@.bank_holiday ENABLE ALWAYS TRIGGER bank_holiday_changed;

-- Administrators' changes to the shipped calendar must survive pg_dump,
-- which writes only the rows with shipped = false (a restore gets the
-- shipped ones from CREATE EXTENSION):
--   - editing a shipped row makes it the administrator's (shipped = false),
--     so it is dumped; it then replaces the shipped row of the same day on
--     restore instead of colliding with it;
--   - removing a shipped day (by DELETE, or by moving it with UPDATE) leaves
--     a row in bank_holiday_removed, which is dumped; restoring that row
--     takes the shipped day out again;
--   - adding a day back clears its removal.
-- The triggers are ENABLE ALWAYS so they also act during a restore run with
-- session_replication_role = replica (doc/reliability.md).
CREATE TABLE @extschema@.bank_holiday_removed (
    day date PRIMARY KEY,
    removed_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.bank_holiday_removed IS
    'shipped bank holidays an administrator removed; kept so a dump and restore does not bring them back';
COMMENT ON COLUMN @extschema@.bank_holiday_removed.day IS 'the shipped holiday removed';
COMMENT ON COLUMN @extschema@.bank_holiday_removed.removed_at IS 'when it was removed';

CREATE FUNCTION @extschema@.bank_holiday_keep_changes() RETURNS trigger
LANGUAGE plpgsql SET search_path = @extschema@, pg_catalog, pg_temp AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.shipped THEN
            INSERT INTO bank_holiday_removed (day) VALUES (OLD.day) ON CONFLICT DO NOTHING;
        END IF;
        RETURN OLD;
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.shipped THEN
        NEW.shipped := false;
        IF NEW.day <> OLD.day THEN
            INSERT INTO bank_holiday_removed (day) VALUES (OLD.day) ON CONFLICT DO NOTHING;
        END IF;
    END IF;
    IF TG_OP = 'INSERT' AND NOT NEW.shipped THEN
        -- the administrator's row for a day wins over the shipped one
        DELETE FROM bank_holiday WHERE day = NEW.day AND shipped;
    END IF;
    DELETE FROM bank_holiday_removed WHERE day = NEW.day;
    RETURN NEW;
END $$;
COMMENT ON FUNCTION @extschema@.bank_holiday_keep_changes() IS
    'trigger: records administrators'' changes to shipped bank holidays so that pg_dump keeps them';
CREATE TRIGGER bank_holiday_keep_changes
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.bank_holiday
    FOR EACH ROW EXECUTE FUNCTION @extschema@.bank_holiday_keep_changes();
ALTER TABLE @extschema@.bank_holiday ENABLE ALWAYS TRIGGER bank_holiday_keep_changes;

CREATE FUNCTION @extschema@.bank_holiday_apply_removal() RETURNS trigger
LANGUAGE plpgsql SET search_path = @extschema@, pg_catalog, pg_temp AS $$
BEGIN
    -- a removal restored from a dump: take the shipped day out again (when
    -- the row comes from bank_holiday_keep_changes, its delete is under way)
    IF pg_catalog.pg_trigger_depth() = 1 THEN
        DELETE FROM bank_holiday WHERE day = NEW.day AND shipped;
    END IF;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@.bank_holiday_apply_removal() IS
    'trigger: a removal recorded directly (as by a restore) removes the shipped day';
CREATE TRIGGER bank_holiday_apply_removal
    AFTER INSERT ON @extschema@.bank_holiday_removed
    FOR EACH ROW EXECUTE FUNCTION @extschema@.bank_holiday_apply_removal();
ALTER TABLE @extschema@.bank_holiday_removed ENABLE ALWAYS TRIGGER bank_holiday_apply_removal;

CREATE FUNCTION @extschema@.is_working_day(date) RETURNS boolean
    AS 'MODULE_PATHNAME', 's22a_is_working_day_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.is_working_day(date) IS
    'true for Monday to Friday when the day is not in bank_holiday';

CREATE FUNCTION @extschema@.working_days_between(a date, b date) RETURNS int
    AS 'MODULE_PATHNAME', 's22a_working_days_between_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.working_days_between(date, date) IS
    'clear working days: the working days d with a < d < b (neither end counts); 0 when there are none';

CREATE FUNCTION @extschema@.add_working_days(d date, n int) RETURNS date
    AS 'MODULE_PATHNAME', 's22a_add_working_days_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.add_working_days(date, int) IS
    'the n-th working day after d (n > 0), the |n|-th before it (n < 0), or d itself (n = 0)';

CREATE FUNCTION @extschema@.notice_deadline(meeting date, clear_days int DEFAULT 2) RETURNS date
    AS 'MODULE_PATHNAME', 's22a_notice_deadline_sql' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.notice_deadline(date, int) IS
    'the latest day notice can be given and still leave clear_days clear working days before the meeting (seed 003, Seven Force agreement clause 3.4: two)';

-- ===========================================================================
-- The register: forces, parties, agreements, membership, withdrawals
-- ===========================================================================

-- Force and party codes feed apportionments, so they follow its code rule.
CREATE DOMAIN @extschema@.party_code AS text
    CHECK (VALUE ~ '^[A-Za-z0-9_-]{1,16}$');
COMMENT ON DOMAIN @extschema@.party_code IS
    'a force or party code: 1 to 16 characters of A-Z, a-z, 0-9, _ and -';

CREATE TABLE @extschema@.force (
    code @extschema@.party_code PRIMARY KEY,
    name text NOT NULL
);
COMMENT ON TABLE @extschema@.force IS 'a police force or area (BED, CAM, BTP, MPS, ...)';
COMMENT ON COLUMN @extschema@.force.code IS 'short code used in apportionments';
COMMENT ON COLUMN @extschema@.force.name IS 'the force''s name';

CREATE TYPE @extschema@.party_kind AS ENUM ('chief_officer', 'policing_body', 'other');
COMMENT ON TYPE @extschema@.party_kind IS
    'chief_officer: a chief constable or the Commissioner of the Metropolis; policing_body: the body that maintains the force (PCC, MOPAC, ...); other: any other person a s22A(6) agreement may include';

CREATE TABLE @extschema@.party (
    code @extschema@.party_code PRIMARY KEY,
    force_code @extschema@.party_code REFERENCES @extschema@.force,
    kind @extschema@.party_kind NOT NULL,
    title text NOT NULL,
    CONSTRAINT party_force_by_kind CHECK ((kind = 'other') = (force_code IS NULL))
);
COMMENT ON TABLE @extschema@.party IS
    'a corporation sole or other person that can be party to an agreement';
COMMENT ON COLUMN @extschema@.party.code IS 'party code, e.g. PCC-CAM';
COMMENT ON COLUMN @extschema@.party.force_code IS 'the force it leads or maintains; NULL only for kind other';
COMMENT ON COLUMN @extschema@.party.kind IS 'chief_officer, policing_body or other';
COMMENT ON COLUMN @extschema@.party.title IS 'e.g. Police and Crime Commissioner for Cambridgeshire';
-- one chief officer and one policing body per force (s22A, s23C(6))
CREATE UNIQUE INDEX party_one_per_force_kind ON @extschema@.party (force_code, kind)
    WHERE kind <> 'other';

CREATE TABLE @extschema@.agreement (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ref text UNIQUE NOT NULL,
    title text NOT NULL,
    parent_id bigint REFERENCES @extschema@.agreement,
    lead_force @extschema@.party_code REFERENCES @extschema@.force,
    commences_on date NOT NULL,
    expires_on date,
    review_on date,
    withdrawal_notice interval,
    published_at text,
    executed_on date,
    authorised_by bigint,		-- REFERENCES decision, added below
    CONSTRAINT agreement_term_order CHECK (expires_on IS NULL OR expires_on >= commences_on),
    CONSTRAINT agreement_notice_not_negative CHECK (withdrawal_notice IS NULL OR withdrawal_notice >= interval '0')
);
COMMENT ON TABLE @extschema@.agreement IS
    'a collaboration agreement under s22A Police Act 1996, or an annex (business-area service specification) of one';
COMMENT ON COLUMN @extschema@.agreement.id IS 'internal key';
COMMENT ON COLUMN @extschema@.agreement.ref IS 'the agreement''s reference, unique';
COMMENT ON COLUMN @extschema@.agreement.title IS 'its title';
COMMENT ON COLUMN @extschema@.agreement.parent_id IS 'the umbrella agreement this annex belongs to';
COMMENT ON COLUMN @extschema@.agreement.lead_force IS 'the lead (host) force, if any';
COMMENT ON COLUMN @extschema@.agreement.commences_on IS 'the day it comes into force';
COMMENT ON COLUMN @extschema@.agreement.expires_on IS 'the last day of the term as signed; NULL when open ended';
COMMENT ON COLUMN @extschema@.agreement.review_on IS 'the review date';
COMMENT ON COLUMN @extschema@.agreement.withdrawal_notice IS 'notice a party must give to withdraw, e.g. 12 months';
COMMENT ON COLUMN @extschema@.agreement.published_at IS 'where the agreement is published';
COMMENT ON COLUMN @extschema@.agreement.executed_on IS 'the day the parties executed it; NULL while a draft';
COMMENT ON COLUMN @extschema@.agreement.authorised_by IS 'the made decision that authorises the latest change to an executed agreement';

CREATE TABLE @extschema@.agreement_party (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    joins_on date,
    leaves_on date,
    signed_on date,
    declared_on date,
    authorised_by bigint,		-- REFERENCES decision, added below
    PRIMARY KEY (agreement_id, party_code),
    CONSTRAINT agreement_party_leaves_after_joining
        CHECK (leaves_on IS NULL OR joins_on IS NULL OR leaves_on > joins_on)
);
COMMENT ON TABLE @extschema@.agreement_party IS 'membership of an agreement over time';
COMMENT ON COLUMN @extschema@.agreement_party.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.agreement_party.party_code IS 'the party';
COMMENT ON COLUMN @extschema@.agreement_party.joins_on IS 'first day as a party; NULL = from commencement';
COMMENT ON COLUMN @extschema@.agreement_party.leaves_on IS 'first day no longer a party; NULL = still a party';
COMMENT ON COLUMN @extschema@.agreement_party.signed_on IS 'the day the party executed the agreement';
COMMENT ON COLUMN @extschema@.agreement_party.declared_on IS
    'the day the party recorded that the agreement is in the interests of efficiency or effectiveness (s22A(3))';
COMMENT ON COLUMN @extschema@.agreement_party.authorised_by IS 'the made membership decision behind a change after execution';

CREATE TABLE @extschema@.withdrawal (
    agreement_id bigint NOT NULL,
    party_code @extschema@.party_code NOT NULL,
    notice_given_on date NOT NULL,
    effective_on date NOT NULL,
    PRIMARY KEY (agreement_id, party_code),
    FOREIGN KEY (agreement_id, party_code) REFERENCES @extschema@.agreement_party
);
COMMENT ON TABLE @extschema@.withdrawal IS 'a party leaving an agreement on notice';
COMMENT ON COLUMN @extschema@.withdrawal.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.withdrawal.party_code IS 'the party withdrawing';
COMMENT ON COLUMN @extschema@.withdrawal.notice_given_on IS 'the day written notice was given';
COMMENT ON COLUMN @extschema@.withdrawal.effective_on IS 'the first day the party is no longer a party';

-- ===========================================================================
-- Decisions and consent
-- ===========================================================================

CREATE TYPE @extschema@.decision_kind AS ENUM
    ('in_principle', 'renewal', 'variation', 'termination', 'budget', 'membership');
COMMENT ON TYPE @extschema@.decision_kind IS 'what a governance decision does';
CREATE TYPE @extschema@.decision_state AS ENUM ('proposed', 'made', 'rejected', 'withdrawn');
COMMENT ON TYPE @extschema@.decision_state IS 'where a decision stands; made is final';
CREATE TYPE @extschema@.consent_form AS ENUM ('meeting', 'letter', 'memo', 'email', 'decision_notice');
COMMENT ON TYPE @extschema@.consent_form IS
    'how a party consented: at a meeting, or in writing (letter, memo, email, or its own decision notice)';

CREATE TABLE @extschema@.decision (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    kind @extschema@.decision_kind NOT NULL,
    title text NOT NULL,
    proposed_on date NOT NULL DEFAULT current_date,
    meeting_on date,
    notice_given_on date,
    new_expiry date,
    state @extschema@.decision_state NOT NULL DEFAULT 'proposed',
    made_on date
);
COMMENT ON TABLE @extschema@.decision IS 'a governance decision on an agreement';
COMMENT ON COLUMN @extschema@.decision.id IS 'internal key';
COMMENT ON COLUMN @extschema@.decision.agreement_id IS 'the agreement decided on';
COMMENT ON COLUMN @extschema@.decision.kind IS 'in_principle, renewal, variation, termination, budget or membership';
COMMENT ON COLUMN @extschema@.decision.title IS 'what is decided';
COMMENT ON COLUMN @extschema@.decision.proposed_on IS 'the day it was proposed; the decision date when there is no meeting';
COMMENT ON COLUMN @extschema@.decision.meeting_on IS 'the meeting that takes it; NULL = outside the meeting programme';
COMMENT ON COLUMN @extschema@.decision.notice_given_on IS 'the day the parties were told of the business in writing';
COMMENT ON COLUMN @extschema@.decision.new_expiry IS 'renewal: the new last day of the term; termination: the last day in force';
COMMENT ON COLUMN @extschema@.decision.state IS 'proposed, made, rejected or withdrawn';
COMMENT ON COLUMN @extschema@.decision.made_on IS 'the day it was made';

ALTER TABLE @extschema@.agreement
    ADD FOREIGN KEY (authorised_by) REFERENCES @extschema@.decision;
ALTER TABLE @extschema@.agreement_party
    ADD FOREIGN KEY (authorised_by) REFERENCES @extschema@.decision;

CREATE TABLE @extschema@.decision_impact (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    PRIMARY KEY (decision_id, party_code)
);
COMMENT ON TABLE @extschema@.decision_impact IS 'parties a decision would materially affect';
COMMENT ON COLUMN @extschema@.decision_impact.decision_id IS 'the decision';
COMMENT ON COLUMN @extschema@.decision_impact.party_code IS 'a party it materially affects';

CREATE TABLE @extschema@.consent (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    given_on date NOT NULL,
    form @extschema@.consent_form NOT NULL,
    reference text,
    PRIMARY KEY (decision_id, party_code)
);
COMMENT ON TABLE @extschema@.consent IS 'a party''s consent to a decision';
COMMENT ON COLUMN @extschema@.consent.decision_id IS 'the decision';
COMMENT ON COLUMN @extschema@.consent.party_code IS 'the consenting party';
COMMENT ON COLUMN @extschema@.consent.given_on IS 'the day consent was given';
COMMENT ON COLUMN @extschema@.consent.form IS 'meeting, letter, memo, email or decision_notice';
COMMENT ON COLUMN @extschema@.consent.reference IS 'the document, e.g. decision record CPCC2019-007';

CREATE TABLE @extschema@.voting_weight (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    weight numeric NOT NULL CHECK (weight >= 0),
    PRIMARY KEY (agreement_id, party_code)
);
COMMENT ON TABLE @extschema@.voting_weight IS
    'weighted governance: a party''s share of decision weight (Single Online Home: the host 50%)';
COMMENT ON COLUMN @extschema@.voting_weight.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.voting_weight.party_code IS 'the party';
COMMENT ON COLUMN @extschema@.voting_weight.weight IS 'its weight in votes';

CREATE TABLE @extschema@.vote (
    decision_id bigint NOT NULL REFERENCES @extschema@.decision,
    party_code @extschema@.party_code NOT NULL REFERENCES @extschema@.party,
    in_favour boolean NOT NULL,
    PRIMARY KEY (decision_id, party_code)
);
COMMENT ON TABLE @extschema@.vote IS 'a party''s vote on a decision under weighted governance';
COMMENT ON COLUMN @extschema@.vote.decision_id IS 'the decision';
COMMENT ON COLUMN @extschema@.vote.party_code IS 'the voting party';
COMMENT ON COLUMN @extschema@.vote.in_favour IS 'true for, false against';

-- Membership on a date (membership.c): joins_on (NULL: commencement) up to,
-- not including, leaves_on or a withdrawal's effective_on.
CREATE FUNCTION @extschema@.parties_on(agreement_id bigint, on_date date)
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_parties_on' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 14;
COMMENT ON FUNCTION @extschema@.parties_on(bigint, date) IS
    'the parties to the agreement on the date, in code order';
CREATE FUNCTION @extschema@.forces_on(agreement_id bigint, on_date date)
    RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_forces_on' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 7;
COMMENT ON FUNCTION @extschema@.forces_on(bigint, date) IS
    'the forces with a party to the agreement on the date, in code order';


-- Term validity (term.c): whether an agreement is in force on a date.
CREATE TYPE @extschema@.term_state AS ENUM ('draft', 'pending', 'in_force', 'expired', 'terminated');
COMMENT ON TYPE @extschema@.term_state IS
    'draft: not executed on that date; pending: executed, before commencement; in_force; expired: after the effective expiry; terminated: after the last day set by a made termination';

-- effective_expiry reads an agreement's made renewals and terminations in
-- the order they were made.
CREATE INDEX decision_term_events ON @extschema@.decision (agreement_id, made_on, id)
    WHERE state = 'made' AND kind IN ('renewal', 'termination');

CREATE FUNCTION @extschema@.effective_expiry(agreement_id bigint)
    RETURNS date
    AS 'MODULE_PATHNAME', 's22a_effective_expiry' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.effective_expiry(bigint) IS
    'the last day in force: expires_on moved to the new_expiry of the latest made renewal (by made_on, then id), or set by a made termination; NULL when open ended';

CREATE FUNCTION @extschema@.term_status(agreement_id bigint, on_date date DEFAULT current_date)
    RETURNS @extschema@.term_state
    AS 'MODULE_PATHNAME', 's22a_term_status' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.term_status(bigint, date) IS
    'the status of the agreement''s term on the date: draft, pending, in_force, expired or terminated';

CREATE FUNCTION @extschema@.in_force(agreement_id bigint, on_date date DEFAULT current_date)
    RETURNS boolean
    AS 'MODULE_PATHNAME', 's22a_in_force' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.in_force(bigint, date) IS
    'true when the agreement is executed and within its term on the date (term_status = in_force)';

-- Register rules (register_rules.c).  Each refusal is SQLSTATE 23514 with the
-- rule's name as the constraint name; see doc/register.md.  The checks that
-- read membership are constraint triggers fired after the statement, so one
-- INSERT may add a chief officer with its policing body, and
-- SET CONSTRAINTS ... DEFERRED moves them to commit.
CREATE FUNCTION @extschema@.agreement_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_agreement_sealed' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.agreement_sealed() IS
    'trigger: after execution, terms change only by a made variation, renewal or termination decision cited in authorised_by; executed_on is final; no delete';
CREATE FUNCTION @extschema@.agreement_execution() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_agreement_execution' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.agreement_execution() IS
    'trigger: setting executed_on needs every party on commencement signed and declared by that day, the lead force among the parties'' forces, and the statutory shape';
CREATE FUNCTION @extschema@.membership_sealed() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_membership_sealed' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.membership_sealed() IS
    'trigger: the membership of an executed agreement changes only by a made membership decision cited in authorised_by; no delete';
CREATE FUNCTION @extschema@.statutory_shape() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_statutory_shape' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.statutory_shape() IS
    'trigger: Police Act 1996 s22A(1), (3), (5), s23C(6): at least one policing body (two without an other party), every chief officer with its policing body, on every membership date of an executed agreement';
CREATE FUNCTION @extschema@.withdrawal_notice() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_withdrawal_notice' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.withdrawal_notice() IS
    'trigger: effective_on is at least notice_given_on + the agreement''s withdrawal_notice (and after notice_given_on)';
CREATE FUNCTION @extschema@.withdrawal_pairing() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_withdrawal_pairing' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.withdrawal_pairing() IS
    'trigger: only a member party gives notice; a policing body cannot withdraw before the chief officer of its force';

CREATE TRIGGER agreement_sealed
    BEFORE UPDATE OR DELETE ON @extschema@.agreement
    FOR EACH ROW EXECUTE FUNCTION @extschema@.agreement_sealed();
CREATE CONSTRAINT TRIGGER agreement_execution
    AFTER INSERT OR UPDATE ON @extschema@.agreement
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.agreement_execution();
CREATE TRIGGER membership_sealed
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.agreement_party
    FOR EACH ROW EXECUTE FUNCTION @extschema@.membership_sealed();
CREATE CONSTRAINT TRIGGER statutory_shape
    AFTER INSERT OR UPDATE OR DELETE ON @extschema@.agreement_party
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.statutory_shape();
CREATE TRIGGER withdrawal_notice
    BEFORE INSERT OR UPDATE ON @extschema@.withdrawal
    FOR EACH ROW EXECUTE FUNCTION @extschema@.withdrawal_notice();
-- withdrawal_pairing is named to fire before withdrawal_statutory_shape, so
-- a withdrawal that strands a chief officer is reported as such.
CREATE CONSTRAINT TRIGGER withdrawal_pairing
    AFTER INSERT OR UPDATE ON @extschema@.withdrawal
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.withdrawal_pairing();
CREATE CONSTRAINT TRIGGER withdrawal_statutory_shape
    AFTER INSERT OR UPDATE OR DELETE ON @extschema@.withdrawal
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.statutory_shape();


-- Who must consent, in what form, with what notice; weighted votes.  The
-- rules are C (consent.c); seed 003, Seven Force agreement clauses 3.3-3.5
-- and 6.2, Single Online Home paper 4.3-4.4.
CREATE FUNCTION @extschema@.consent_required(decision_id bigint) RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_consent_required' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 14;
COMMENT ON FUNCTION @extschema@.consent_required(bigint) IS
    'the parties whose consent the decision needs, in code order: every party on the decision date for a renewal, variation, termination or membership decision and for any decision outside a meeting; otherwise the members it materially affects (decision_impact)';

CREATE FUNCTION @extschema@.consent_missing(decision_id bigint) RETURNS SETOF text
    AS 'MODULE_PATHNAME', 's22a_consent_missing' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 14;
COMMENT ON FUNCTION @extschema@.consent_missing(bigint) IS
    'required parties without a counting consent: none recorded, or only at a meeting where written consent is needed';

CREATE FUNCTION @extschema@.decision_check(decision_id bigint)
    RETURNS TABLE (rule text, ok boolean, detail text)
    AS 'MODULE_PATHNAME', 's22a_decision_check' LANGUAGE C STABLE STRICT PARALLEL SAFE
    ROWS 5;
COMMENT ON FUNCTION @extschema@.decision_check(bigint) IS
    'one row per rule a decision must meet to be made: consent, written_form, notice, new_expiry, vote; ok and a sentence saying why';

CREATE FUNCTION @extschema@.vote_result(decision_id bigint,
    OUT weight_for numeric, OUT weight_against numeric, OUT carried boolean)
    AS 'MODULE_PATHNAME', 's22a_vote_result' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.vote_result(bigint) IS
    'weighted governance: the weight for and against among the members on the decision date; carried when more than half the total weight is in favour';

CREATE FUNCTION @extschema@.decision_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'decision_rules' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.decision_rules() IS
    'trigger: a decision is made only when decision_check passes (23514 naming the rule), is final once made, and is never deleted';
CREATE TRIGGER decision_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.decision
    FOR EACH ROW EXECUTE FUNCTION @extschema@.decision_rules();
CREATE TRIGGER decision_kept
    BEFORE TRUNCATE ON @extschema@.decision
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.decision_rules();

CREATE FUNCTION @extschema@.consent_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'consent_rules' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.consent_rules() IS
    'trigger: only a member on the decision date may consent; consents of a made decision are final; consents are never deleted';
CREATE TRIGGER consent_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.consent
    FOR EACH ROW EXECUTE FUNCTION @extschema@.consent_rules();
CREATE TRIGGER consent_kept
    BEFORE TRUNCATE ON @extschema@.consent
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.consent_rules();

CREATE FUNCTION @extschema@.vote_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'vote_rules' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.vote_rules() IS
    'trigger: only a member on the decision date with a voting weight may vote; votes of a made decision are final';
CREATE TRIGGER vote_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.vote
    FOR EACH ROW EXECUTE FUNCTION @extschema@.vote_rules();
CREATE TRIGGER vote_kept
    BEFORE TRUNCATE ON @extschema@.vote
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.vote_rules();

CREATE FUNCTION @extschema@.decision_impact_rules() RETURNS trigger
    AS 'MODULE_PATHNAME', 'decision_impact_rules' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.decision_impact_rules() IS
    'trigger: the parties a made decision affects are final';
CREATE TRIGGER decision_impact_rules
    BEFORE INSERT OR UPDATE OR DELETE ON @extschema@.decision_impact
    FOR EACH ROW EXECUTE FUNCTION @extschema@.decision_impact_rules();
CREATE TRIGGER decision_impact_kept
    BEFORE TRUNCATE ON @extschema@.decision_impact
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.decision_impact_rules();

-- ===========================================================================
-- Costs
-- ===========================================================================

CREATE TABLE @extschema@.force_measure (
    force_code @extschema@.party_code NOT NULL REFERENCES @extschema@.force,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    measure text NOT NULL,
    value numeric NOT NULL CHECK (value >= 0 AND value <> 'Infinity'),
    PRIMARY KEY (force_code, fiscal_year, measure)
);
COMMENT ON TABLE @extschema@.force_measure IS
    'cost drivers per force and financial year: nre (Net Revenue Expenditure), demand:<area>, ...';
COMMENT ON COLUMN @extschema@.force_measure.force_code IS 'the force';
COMMENT ON COLUMN @extschema@.force_measure.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.force_measure.measure IS 'the driver, e.g. nre or demand:firearms';
COMMENT ON COLUMN @extschema@.force_measure.value IS 'its value for the force in that year';

CREATE TABLE @extschema@.cost_basis (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    measure text NOT NULL,
    weight numeric NOT NULL CHECK (weight > 0 AND weight <= 1),
    PRIMARY KEY (agreement_id, fiscal_year, business_area, measure)
);
COMMENT ON TABLE @extschema@.cost_basis IS
    'the apportionment formula: a blend of drivers whose weights add up to 1 per agreement, year and business area';
COMMENT ON COLUMN @extschema@.cost_basis.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.cost_basis.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.cost_basis.business_area IS 'the business area (annex); empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_basis.measure IS 'a driver in force_measure';
COMMENT ON COLUMN @extschema@.cost_basis.weight IS 'its weight in the blend, e.g. 0.5';

CREATE TABLE @extschema@.cost_override (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    shares @extschema@.apportionment NOT NULL,
    PRIMARY KEY (agreement_id, fiscal_year, business_area)
);
COMMENT ON TABLE @extschema@.cost_override IS 'fixed percentages where an agreement states them; wins over cost_basis';
COMMENT ON COLUMN @extschema@.cost_override.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.cost_override.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.cost_override.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.cost_override.shares IS 'the stated shares by force code';

CREATE TABLE @extschema@.budget (
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    business_area text NOT NULL DEFAULT '',
    line text NOT NULL,
    amount numeric NOT NULL CHECK (amount = round(amount, 2)),
    PRIMARY KEY (agreement_id, fiscal_year, business_area, line)
);
COMMENT ON TABLE @extschema@.budget IS 'budget lines per agreement, year and business area, e.g. programme 1,200,000.00';
COMMENT ON COLUMN @extschema@.budget.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.budget.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.budget.business_area IS 'the business area; empty for the whole agreement';
COMMENT ON COLUMN @extschema@.budget.line IS 'the budget line, e.g. programme or consultancy';
COMMENT ON COLUMN @extschema@.budget.amount IS 'the amount in pounds, to the penny';

CREATE TABLE @extschema@.contribution (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id bigint NOT NULL REFERENCES @extschema@.agreement,
    fiscal_year @extschema@.fiscal_year NOT NULL,
    force_code @extschema@.party_code NOT NULL REFERENCES @extschema@.force,
    kind text NOT NULL CHECK (kind IN ('cash', 'in_kind')),
    amount numeric NOT NULL CHECK (amount = round(amount, 2)),
    description text
);
COMMENT ON TABLE @extschema@.contribution IS 'money or officer/staff resource a force puts in (seed 003 clause 5.3)';
COMMENT ON COLUMN @extschema@.contribution.id IS 'internal key';
COMMENT ON COLUMN @extschema@.contribution.agreement_id IS 'the agreement';
COMMENT ON COLUMN @extschema@.contribution.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.contribution.force_code IS 'the contributing force';
COMMENT ON COLUMN @extschema@.contribution.kind IS 'cash or in_kind';
COMMENT ON COLUMN @extschema@.contribution.amount IS 'its value in pounds';
COMMENT ON COLUMN @extschema@.contribution.description IS 'what was contributed';


-- Shares (costs.c).  Seed 003 clause 5.2: apportioned "upon the basis of the
-- Net Revenue Expenditure ... of each Force ... calculated to one decimal
-- place"; seed 000 Section 13: per business area, a blend of NRE and demand.
CREATE FUNCTION @extschema@.cost_shares(agreement_id bigint, fiscal_year @extschema@.fiscal_year,
                                        business_area text DEFAULT '')
    RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME', 's22a_cost_shares' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cost_shares(bigint, @extschema@.fiscal_year, text) IS
    'each force''s share of the costs of the agreement, year and business area: the cost_override when there is one, else sum of weight x value(force, measure) / total over the forces party on 1 April, to one decimal place by largest remainder';

CREATE FUNCTION @extschema@.cost_shares_if(agreement_id bigint, fiscal_year @extschema@.fiscal_year,
                                           business_area text, forces text[])
    RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME', 's22a_cost_shares_if' LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cost_shares_if(bigint, @extschema@.fiscal_year, text, text[]) IS
    'what if: the agreement''s cost basis applied to the given forces instead of its members (e.g. planning a new force joining); overrides play no part';

-- Write-time checks: weights of a basis add up to 1 (at commit, so a blend
-- can be entered row by row); an override names exactly the member forces.
CREATE FUNCTION @extschema@.cost_basis_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_basis_check' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.cost_basis_check() IS
    'constraint trigger cost_basis_weights_add_up: the weights of one agreement, year and business area add up to 1';
CREATE CONSTRAINT TRIGGER cost_basis_weights_add_up
    AFTER INSERT OR UPDATE OR DELETE ON @extschema@.cost_basis
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_basis_check();

CREATE FUNCTION @extschema@.cost_override_check() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_cost_override_check' LANGUAGE C;
COMMENT ON FUNCTION @extschema@.cost_override_check() IS
    'constraint trigger cost_override_covers_members: an override gives shares to exactly the forces party to the agreement on 1 April of its year';
CREATE CONSTRAINT TRIGGER cost_override_covers_members
    AFTER INSERT OR UPDATE ON @extschema@.cost_override
    DEFERRABLE INITIALLY IMMEDIATE
    FOR EACH ROW EXECUTE FUNCTION @extschema@.cost_override_check();

-- Every budget line split to the penny.  Shares are computed once per
-- (agreement, year, area): the LATERAL subqueries `c` and `l` are kept
-- whole by OFFSET 0 (the planner would otherwise flatten them and may join
-- the lines before calling cost_shares, once per line), and `l` depends on
-- `c`, so the lines of a group are read after its shares are known.
CREATE VIEW @extschema@.cost_allocation AS
SELECT a.ref AS agreement_ref,
       g.fiscal_year,
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
COMMENT ON COLUMN @extschema@.cost_allocation.fiscal_year IS 'the financial year';
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
    SELECT a.ref AS agreement_ref, c.fiscal_year, c.force_code::text AS force_code,
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
COMMENT ON COLUMN @extschema@.cost_balance.fiscal_year IS 'the financial year';
COMMENT ON COLUMN @extschema@.cost_balance.force_code IS 'the force';
COMMENT ON COLUMN @extschema@.cost_balance.due IS 'its parts of every budget line of the year, all business areas (sum of cost_allocation.amount)';
COMMENT ON COLUMN @extschema@.cost_balance.contributed IS 'its contributions in the year, cash and in kind alike';
COMMENT ON COLUMN @extschema@.cost_balance.outstanding IS 'due minus contributed; negative when it has put in more than its share';


-- ---------------------------------------------------------------------------
-- Audit log (audit.c): one row per inserted, updated or deleted row of every
-- register and cost table, and of bank_holiday changes made by
-- administrators.  DESIGN.md principles: "every change to the register
-- tables is in the audit log"; §6: append-only.
-- ---------------------------------------------------------------------------

CREATE TABLE @extschema@.audit_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- clock_timestamp(), not now(): now() is the start of the transaction,
    -- so a session that holds a transaction open for an hour would log every
    -- change at its first minute.  The log answers "when did this change
    -- happen"; transaction_id groups the changes of one transaction.
    at timestamptz NOT NULL DEFAULT clock_timestamp(),
    actor text NOT NULL DEFAULT session_user,
    transaction_id xid8 NOT NULL DEFAULT pg_catalog.pg_current_xact_id(),
    table_name text NOT NULL,
    operation text NOT NULL CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE')),
    row_key text NOT NULL,
    old jsonb,
    new jsonb,
    CONSTRAINT audit_log_rows_by_operation CHECK (
        (old IS NULL) = (operation = 'INSERT') AND (new IS NULL) = (operation = 'DELETE'))
);
COMMENT ON TABLE @extschema@.audit_log IS
    'append-only log of every inserted, updated or deleted row of the register, decision and cost tables and of administrators'' bank holiday changes; UPDATE, DELETE and TRUNCATE are refused (23514)';
COMMENT ON COLUMN @extschema@.audit_log.id IS 'order of the changes';
COMMENT ON COLUMN @extschema@.audit_log.at IS 'when the row changed (clock time of the change, not of the transaction start)';
COMMENT ON COLUMN @extschema@.audit_log.actor IS 'the session user who made the change (unchanged by SET ROLE)';
COMMENT ON COLUMN @extschema@.audit_log.transaction_id IS 'the transaction that made the change: rows with the same id were committed together';
COMMENT ON COLUMN @extschema@.audit_log.table_name IS 'the changed table in schema s22a, e.g. consent';
COMMENT ON COLUMN @extschema@.audit_log.operation IS 'INSERT, UPDATE or DELETE';
COMMENT ON COLUMN @extschema@.audit_log.row_key IS
    'the primary key of the row as text, in key order, e.g. agreement_id=1, party_code=PCC-CAM (the new key for an UPDATE that changes it)';
COMMENT ON COLUMN @extschema@.audit_log.old IS 'the row before the change; NULL for INSERT';
COMMENT ON COLUMN @extschema@.audit_log.new IS 'the row after the change; NULL for DELETE';
-- Few indexes, on purpose: every index on the log is paid by every write to
-- the register (an index on (table_name, row_key) made a 20,000-row consent
-- insert 27% slower).  A DBA who often reads one row's history can add it:
-- CREATE INDEX ON s22a.audit_log (table_name, row_key).
-- The one partial index serves the sealing rule, which asks whether a
-- decision was already cited by an earlier transaction; it holds only the
-- rare rows of changes citing a decision, so other writes pay only its test.
CREATE INDEX audit_log_citations ON @extschema@.audit_log ((new ->> 'authorised_by'))
    WHERE table_name IN ('agreement', 'agreement_party') AND (new ->> 'authorised_by') IS NOT NULL;

CREATE FUNCTION @extschema@.audit_row() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_audit_row' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_row() IS
    'AFTER row trigger: appends the change to s22a.audit_log (row_key from the primary key, old/new as jsonb), writing as the log''s owner';
CREATE FUNCTION @extschema@.audit_insert() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_audit_insert' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_insert() IS
    'AFTER INSERT statement trigger with a NEW TABLE: appends every inserted row to s22a.audit_log in one INSERT ... SELECT (the bulk path)';
CREATE FUNCTION @extschema@.audit_key_value(text) RETURNS text
    AS 'MODULE_PATHNAME', 's22a_audit_key_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.audit_key_value(text) IS
    'a key value as written in audit_log.row_key: in double quotes, with a backslash before any quote or backslash, when it is empty or holds a comma, =, space, quote or backslash';
CREATE FUNCTION @extschema@.audit_refuse() RETURNS trigger
    AS 'MODULE_PATHNAME', 's22a_audit_refuse' LANGUAGE C VOLATILE;
COMMENT ON FUNCTION @extschema@.audit_refuse() IS
    'BEFORE statement trigger: refuses UPDATE, DELETE and TRUNCATE of the audit log and TRUNCATE of audited tables (23514)';

CREATE TRIGGER audit_log_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON @extschema@.audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.audit_refuse();

-- Every audited table gets the audit triggers and the TRUNCATE refusal.
-- INSERTs are logged by a statement trigger reading the transition table,
-- so a bulk insert writes its log rows in one INSERT ... SELECT instead of
-- one executor run per row (bench/50_audit.sql); UPDATE and DELETE use the
-- row trigger, which pairs each old row with its new one.  This
-- section runs after the working-days section has filled bank_holiday, so
-- the shipped holidays are not logged; later changes by administrators are.
DO $audit$
DECLARE
    t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['force', 'party', 'agreement', 'agreement_party',
        'withdrawal', 'decision', 'decision_impact', 'consent', 'voting_weight',
        'vote', 'force_measure', 'cost_basis', 'cost_override', 'budget',
        'contribution', 'bank_holiday', 'bank_holiday_removed']
    LOOP
        EXECUTE format('CREATE TRIGGER audit AFTER UPDATE OR DELETE ON %I.%I '
                       'FOR EACH ROW EXECUTE FUNCTION %I.audit_row()',
                       '@extschema@', t, '@extschema@');
        EXECUTE format('CREATE TRIGGER audit_insert AFTER INSERT ON %I.%I '
                       'REFERENCING NEW TABLE AS inserted '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I.audit_insert()',
                       '@extschema@', t, '@extschema@');
        EXECUTE format('CREATE TRIGGER register_no_truncate BEFORE TRUNCATE ON %I.%I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I.audit_refuse()',
                       '@extschema@', t, '@extschema@');
    END LOOP;
END
$audit$;

SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.audit_log_id_seq', '');

-- ---------------------------------------------------------------------------
-- Reporting views (DESIGN.md §6): glue over term_status(), effective_expiry(),
-- forces_on() and consent_missing(), which hold the rules.
-- Choices made for reporting tools (doc/reports.md):
--   - enums are shown as text (term status, decision kind): every BI driver
--     reads text, not all of them read PostgreSQL enums;
--   - forces are one text column, codes in byte order joined by ', ' (the
--     order and separator of the apportionment type), not an array, which
--     ODBC drivers and spreadsheets show as "{BED,CAM}";
--   - "today" is current_date of the session's time zone.

CREATE VIEW @extschema@.register AS
SELECT a.id AS agreement_id,
       a.ref,
       a.title,
       parent.ref AS parent_ref,
       a.lead_force::text AS lead_force,
       (SELECT pg_catalog.string_agg(f, ', ' ORDER BY f COLLATE "C")
          FROM @extschema@.forces_on(a.id, CURRENT_DATE) AS f) AS forces_today,
       @extschema@.term_status(a.id, CURRENT_DATE)::text AS status_today,
       a.commences_on,
       @extschema@.effective_expiry(a.id) AS effective_expiry,
       CASE WHEN a.review_on >= CURRENT_DATE THEN a.review_on END AS next_review,
       a.executed_on
FROM @extschema@.agreement AS a
LEFT JOIN @extschema@.agreement AS parent ON parent.id = a.parent_id;
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
    'the review date when it is today or later; empty when there is none or it has passed (the past date stays in agreement.review_on)';
COMMENT ON COLUMN @extschema@.register.executed_on IS 'the day the parties executed it; empty while a draft';

-- upcoming(): glue gathering dates; the rules (effective expiry, term
-- status) are the C functions'.  Withdrawals fall due on effective_on, the
-- first day the party is no longer a party (DESIGN.md §3).
CREATE FUNCTION @extschema@.upcoming(within interval DEFAULT '6 months')
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
    'reviews, (effective) expiries and withdrawals falling due from today to today + within (default 6 months), by date; a negative window is refused (22023)';

CREATE VIEW @extschema@.outstanding_consents AS
SELECT d.id AS decision_id,
       d.title AS decision_title,
       d.kind::text AS kind,
       a.ref AS agreement_ref,
       coalesce(d.meeting_on, d.proposed_on) AS decision_date,
       d.meeting_on,
       m.party_code,
       p.title AS party_title
FROM @extschema@.decision AS d
JOIN @extschema@.agreement AS a ON a.id = d.agreement_id
CROSS JOIN LATERAL @extschema@.consent_missing(d.id) AS m(party_code)
JOIN @extschema@.party AS p ON p.code = m.party_code
WHERE d.state = 'proposed';
COMMENT ON VIEW @extschema@.outstanding_consents IS
    'for every proposed decision, each party whose consent it still needs (one row per decision and party)';
COMMENT ON COLUMN @extschema@.outstanding_consents.decision_id IS 'the decision''s key';
COMMENT ON COLUMN @extschema@.outstanding_consents.decision_title IS 'what is to be decided';
COMMENT ON COLUMN @extschema@.outstanding_consents.kind IS 'in_principle, renewal, variation, termination, budget or membership';
COMMENT ON COLUMN @extschema@.outstanding_consents.agreement_ref IS 'the agreement decided on';
COMMENT ON COLUMN @extschema@.outstanding_consents.decision_date IS
    'the meeting date, or the proposal date for a decision outside the meeting programme: the parties on this day are the ones whose consent counts';
COMMENT ON COLUMN @extschema@.outstanding_consents.meeting_on IS 'the meeting; empty for a decision outside the meeting programme (written consent needed)';
COMMENT ON COLUMN @extschema@.outstanding_consents.party_code IS 'a party whose counting consent is missing';
COMMENT ON COLUMN @extschema@.outstanding_consents.party_title IS 'that party''s title, e.g. Police and Crime Commissioner for Cambridgeshire';

-- ===========================================================================
-- Bounds: values no agreement could hold are refused at the door (23514,
-- the constraint named), before any rule or report has to cope with them.
--   - NaN passes "value >= 0" and round(NaN) = NaN, so amounts and drivers
--     are bounded by -Infinity < x < Infinity explicitly;
--   - register dates lie within the financial years 1900/01 to 9998/99, so
--     every date has a fiscal_year and no date is infinite;
--   - free text has a length a report can show.
-- ===========================================================================

ALTER TABLE @extschema@.force_measure
    ADD CONSTRAINT force_measure_value_finite CHECK (value < 'Infinity');
ALTER TABLE @extschema@.budget
    ADD CONSTRAINT budget_amount_finite CHECK (amount > '-Infinity' AND amount < 'Infinity'),
    ADD CONSTRAINT budget_line_length CHECK (char_length(line) BETWEEN 1 AND 100),
    ADD CONSTRAINT budget_business_area_length CHECK (char_length(business_area) <= 100);
ALTER TABLE @extschema@.contribution
    ADD CONSTRAINT contribution_amount_finite CHECK (amount > '-Infinity' AND amount < 'Infinity'),
    ADD CONSTRAINT contribution_description_length CHECK (char_length(description) <= 1000);
ALTER TABLE @extschema@.voting_weight
    ADD CONSTRAINT voting_weight_finite CHECK (weight < 'Infinity');
ALTER TABLE @extschema@.cost_basis
    ADD CONSTRAINT cost_basis_measure_length CHECK (char_length(measure) BETWEEN 1 AND 100),
    ADD CONSTRAINT cost_basis_business_area_length CHECK (char_length(business_area) <= 100);
ALTER TABLE @extschema@.force_measure
    ADD CONSTRAINT force_measure_measure_length CHECK (char_length(measure) BETWEEN 1 AND 100);

ALTER TABLE @extschema@.force
    ADD CONSTRAINT force_name_length CHECK (char_length(name) BETWEEN 1 AND 300);
ALTER TABLE @extschema@.party
    ADD CONSTRAINT party_title_length CHECK (char_length(title) BETWEEN 1 AND 300);
ALTER TABLE @extschema@.agreement
    ADD CONSTRAINT agreement_ref_length CHECK (char_length(ref) BETWEEN 1 AND 64),
    ADD CONSTRAINT agreement_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    ADD CONSTRAINT agreement_published_at_length CHECK (char_length(published_at) <= 2000),
    ADD CONSTRAINT agreement_dates_in_range CHECK (
        commences_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND expires_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND review_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND executed_on BETWEEN '1900-04-01' AND '9999-03-31'),
    ADD CONSTRAINT agreement_notice_finite CHECK (isfinite(withdrawal_notice) AND withdrawal_notice < interval '100 years');
ALTER TABLE @extschema@.agreement_party
    ADD CONSTRAINT agreement_party_dates_in_range CHECK (
        joins_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND leaves_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND signed_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND declared_on BETWEEN '1900-04-01' AND '9999-03-31');
ALTER TABLE @extschema@.withdrawal
    ADD CONSTRAINT withdrawal_dates_in_range CHECK (
        notice_given_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND effective_on BETWEEN '1900-04-01' AND '9999-03-31');
ALTER TABLE @extschema@.decision
    ADD CONSTRAINT decision_title_length CHECK (char_length(title) BETWEEN 1 AND 300),
    ADD CONSTRAINT decision_dates_in_range CHECK (
        proposed_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND meeting_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND notice_given_on BETWEEN '1900-04-01' AND '9999-03-31'
        AND new_expiry BETWEEN '1900-04-01' AND '9999-03-31'
        AND made_on BETWEEN '1900-04-01' AND '9999-03-31');
ALTER TABLE @extschema@.consent
    ADD CONSTRAINT consent_given_on_in_range CHECK (given_on BETWEEN '1900-04-01' AND '9999-03-31'),
    ADD CONSTRAINT consent_reference_length CHECK (char_length(reference) <= 200);
ALTER TABLE @extschema@.bank_holiday
    ADD CONSTRAINT bank_holiday_name_length CHECK (char_length(name) BETWEEN 1 AND 200);

-- ===========================================================================
-- search_path pinning of the C functions that run SQL
-- ===========================================================================
-- The C rule code runs its SPI queries with the caller's search_path, and a
-- kept plan is re-analysed when that path changes.  Those queries compare
-- enums and domains of the extension (kind = 'termination', p.code =
-- ap.party_code) and mixed types, for which pg_catalog has no exact
-- operator: an exact-match operator planted in any schema on the caller's
-- path would be chosen instead (PostgreSQL docs, "Operator Type
-- Resolution"), making a rule trigger wrong, or, in the audit triggers,
-- which write as the log's owner, running the planted code as that owner.
-- Pinning the path on these functions closes both.  The working-day
-- functions are left alone: they are called per row in bulk (133 ns each,
-- bench/20_working_days.sql) and their one query only fills the calendar
-- cache (doc/security.md, "Residual").
DO $pin$
DECLARE
    f regprocedure;
BEGIN
    FOREACH f IN ARRAY ARRAY[
        -- audit: writes as the log's owner
        '@extschema@.audit_row()', '@extschema@.audit_insert()',
        -- rule triggers
        '@extschema@.agreement_sealed()', '@extschema@.agreement_execution()',
        '@extschema@.membership_sealed()', '@extschema@.statutory_shape()',
        '@extschema@.withdrawal_notice()', '@extschema@.withdrawal_pairing()',
        '@extschema@.decision_rules()',
        -- (consent_rules, vote_rules and decision_impact_rules fire for every
        -- row of a bulk load and query only when their per-statement cache
        -- misses: they pin the path in C around those queries, triggers.c)
        '@extschema@.cost_basis_check()', '@extschema@.cost_override_check()',
        -- read functions whose queries hold such operators
        '@extschema@.parties_on(bigint, date)', '@extschema@.forces_on(bigint, date)',
        '@extschema@.effective_expiry(bigint)', '@extschema@.term_status(bigint, date)',
        '@extschema@.in_force(bigint, date)',
        '@extschema@.consent_required(bigint)', '@extschema@.consent_missing(bigint)',
        '@extschema@.decision_check(bigint)', '@extschema@.vote_result(bigint)',
        '@extschema@.cost_shares(bigint, @extschema@.fiscal_year, text)',
        '@extschema@.cost_shares_if(bigint, @extschema@.fiscal_year, text, text[])']::regprocedure[]
    LOOP
        EXECUTE pg_catalog.format('ALTER FUNCTION %s SET search_path = %I, pg_catalog, pg_temp', f, '@extschema@');
    END LOOP;
END
$pin$;

-- ===========================================================================
-- pg_dump: user data is dumped; shipped bank holidays are not
-- ===========================================================================

SELECT pg_catalog.pg_extension_config_dump('@extschema@.bank_holiday', 'WHERE NOT shipped');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.bank_holiday_removed', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.force', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.party', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agreement', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agreement_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.agreement_party', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.withdrawal', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.decision_impact', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.consent', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.voting_weight', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.vote', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.force_measure', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.cost_basis', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.cost_override', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.budget', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contribution', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.contribution_id_seq', '');
