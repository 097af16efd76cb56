
-- ===========================================================================
-- agreement.charging: how a part year is charged (rules/charging.c).  Added
-- here, after the voting columns of 55_vote.sql, so that a fresh install
-- and an update from 0.2 give the agreement's columns in one order.
-- ===========================================================================
ALTER TABLE @extschema@.agreement
    ADD COLUMN charging @extschema@.charging_rule NOT NULL DEFAULT 'pro_rata_days';
COMMENT ON COLUMN @extschema@.agreement.charging IS
    'how a part year is charged: pro_rata_days (drivers weighted by each force''s days a party while in force) or first_day (the forces party on greatest(1 April, commences_on)); a term, sealed after execution';

-- ===========================================================================
-- Costs: each force's share (src/functions/costs.c).  Seven Force agreement,
-- clause 5.2: apportioned
-- "upon the basis of the Net Revenue Expenditure ... of each Force ...
-- calculated to one decimal place"; JPS umbrella agreement paper, Section 13:
-- per business area,
-- a blend of NRE and demand.
-- ===========================================================================

CREATE FUNCTION @extschema@.cost_shares(agreement_id bigint, fiscal_year @extschema@.fiscal_year,
                                        business_area text DEFAULT '')
    RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME', 's22a_cost_shares' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_shares(bigint, @extschema@.fiscal_year, text) IS
    'each force''s share of the costs of the agreement, year and business area: the cost_override when there is one, else sum of weight x value(force, measure) / total over the forces the agreement''s charging rule charges for the year (pro_rata_days: values weighted by days a party while in force; first_day: the parties on greatest(1 April, commences_on)), to one decimal place by largest remainder';

-- What the reports call instead of cost_shares(): one group that lacks data
-- shows its problem (the message cost_shares() raises) instead of stopping
-- the report.
CREATE FUNCTION @extschema@.cost_group_shares(agreement_id bigint, fiscal_year @extschema@.fiscal_year,
                                              business_area text,
                                              OUT shares @extschema@.apportionment, OUT problem text)
    AS 'MODULE_PATHNAME', 's22a_cost_group_shares' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_group_shares(bigint, @extschema@.fiscal_year, text) IS
    'cost_shares for the reports: the shares and a NULL problem, or NULL shares and the problem (the message cost_shares raises) when they cannot be computed';

CREATE FUNCTION @extschema@.cost_shares_if(agreement_id bigint, fiscal_year @extschema@.fiscal_year,
                                           business_area text, forces text[])
    RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME', 's22a_cost_shares_if' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_shares_if(bigint, @extschema@.fiscal_year, text, text[]) IS
    'what if: the agreement''s cost basis applied to the given forces instead of its members (e.g. planning a new force joining); overrides play no part';
