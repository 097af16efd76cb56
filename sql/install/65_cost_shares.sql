
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
    'each force''s share of the costs of the agreement, year and business area: the cost_override when there is one, else sum of weight x value(force, measure) / total over the forces party on 1 April, to one decimal place by largest remainder';

CREATE FUNCTION @extschema@.cost_shares_if(agreement_id bigint, fiscal_year @extschema@.fiscal_year,
                                           business_area text, forces text[])
    RETURNS @extschema@.apportionment
    AS 'MODULE_PATHNAME', 's22a_cost_shares_if' LANGUAGE C STABLE STRICT PARALLEL SAFE
    SET search_path = @extschema@, pg_catalog, pg_temp;
COMMENT ON FUNCTION @extschema@.cost_shares_if(bigint, @extschema@.fiscal_year, text, text[]) IS
    'what if: the agreement''s cost basis applied to the given forces instead of its members (e.g. planning a new force joining); overrides play no part';
