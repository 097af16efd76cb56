/*
 * functions/costs.c — s22a.cost_shares() and s22a.cost_shares_if(): each
 * force's share of an agreement's costs for a year and business area.
 *
 * Seven Force Strategic Collaboration agreement, clause 5.2: costs are
 * "apportioned ... upon the basis of the Net Revenue Expenditure ...
 * calculated to one decimal place", shared among the forces party on 1
 * April of the year; JPS umbrella agreement, Section 13: a blend of NRE and
 * demand per business area.  A stated override (s22a.cost_override) wins
 * over the formula.  The blend is the pure rule in rules/cost_blend.c,
 * instantiated here with numeric; the rounding is the one largest-remainder
 * rule (apportion); the rows come from data/costs.c, kept for the
 * statement, since cost_allocation calls cost_shares tens of thousands of
 * times in one query.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/numeric.h"

#include "s22a.h"

/* ---------- names for messages ------------------------------------------ */

char *
s22a_cost_key_text(const CostKey *key)
{
	const char *ref = key->ref ? key->ref : s22a_agreement_ref(key->agreement_id);

	if (ref == NULL)
		ref = psprintf("%lld", (long long) key->agreement_id);
	if (key->area[0] == '\0')
		return psprintf("agreement \"%s\" for %s", ref, s22a_fiscal_year_text(key->fy));
	return psprintf("agreement \"%s\" for %s, business area \"%s\"",
					ref, s22a_fiscal_year_text(key->fy), key->area);
}

/* ---------- the blend in numeric ------------------------------------------ */

/* numeric multiplication keeps every digit of the product: exact */
static CostValue
numeric_mul_value(CostValue a, CostValue b, void *arg)
{
	return numeric_mul_opt_error((Numeric) a, (Numeric) b, NULL);
}

static CostValue
numeric_add_value(CostValue a, CostValue b, void *arg)
{
	return numeric_add_opt_error((Numeric) a, (Numeric) b, NULL);
}

static int
numeric_compare_int(Numeric n, int64 v)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(n),
											 NumericGetDatum(int64_to_numeric(v))));
}

static Datum
apportion_codes(int n, const char *const *codes, CostValue *weights)
{
	Datum	   *c = palloc(sizeof(Datum) * n);
	Datum	   *w = palloc(sizeof(Datum) * n);

	for (int i = 0; i < n; i++)
	{
		c[i] = CStringGetTextDatum(codes[i]);
		w[i] = NumericGetDatum((Numeric) weights[i]);
	}
	/* the one largest-remainder rule, to one decimal place (apportion) */
	return DirectFunctionCall3(apportion_arrays,
							   PointerGetDatum(construct_array(c, n, TEXTOID, -1, false,
															   TYPALIGN_INT)),
							   PointerGetDatum(construct_array(w, n, NUMERICOID, -1, false,
															   TYPALIGN_INT)),
							   Int32GetDatum(SHARE_DECIMALS_DEFAULT));
}

/*
 * The shares of the forces (sorted, distinct) under the cost basis: the
 * formula of rules/cost_blend.c.
 */
static Datum
shares_by_basis(CostCache *c, const CostKey *key, const CostRule *rule,
				int nforces, const char *const *forces)
{
	int			nm = rule->nmeasures;
	CostValue  *weights = palloc(sizeof(CostValue) * nm);
	CostValue  *values = palloc(sizeof(CostValue) * nforces * nm);
	CostValue  *totals = palloc(sizeof(CostValue) * nm);
	CostValue  *blended = palloc(sizeof(CostValue) * nforces);
	CostArithmetic numeric_arithmetic = {
		numeric_mul_value, numeric_add_value,
		int64_to_numeric(0), int64_to_numeric(1), NULL
	};

	/*
	 * Weights add up to 1.  cost_basis_weights_add_up checks it at commit;
	 * this catches rows written with the trigger disabled, or read inside
	 * the transaction that is still entering them.
	 */
	s22a_check_cost_weights(key, nm, rule->measures, rule->weights, NULL);

	for (int m = 0; m < nm; m++)
	{
		MeasureColumn *col = s22a_load_measure_column(c, key->fy, rule->measures[m]);
		Numeric		t = int64_to_numeric(0);

		weights[m] = rule->weights[m];
		for (int f = 0; f < nforces; f++)
		{
			char	  **hit = bsearch(&forces[f], col->forces, col->n, sizeof(char *),
										  s22a_cstring_cmp);

			/* a missing measure is an error, never a silent zero */
			if (hit == NULL)
				ereport(ERROR,
						(errcode(ERRCODE_NO_DATA_FOUND),
						 errmsg("force \"%s\" has no measure \"%s\" for %s",
								forces[f], rule->measures[m], s22a_fiscal_year_text(key->fy)),
						 errdetail("The cost basis of %s uses \"%s\".",
								   s22a_cost_key_text(key), rule->measures[m]),
						 errhint("Add the row to s22a.force_measure (force_code '%s', fiscal_year '%s', measure '%s').",
								 forces[f], s22a_fiscal_year_text(key->fy), rule->measures[m])));
			values[f * nm + m] = col->values[hit - col->forces];
			t = numeric_add_opt_error(t, col->values[hit - col->forces], NULL);
		}
		if (numeric_compare_int(t, 0) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DIVISION_BY_ZERO),
					 errmsg("measure \"%s\" adds up to zero over the forces of %s",
							rule->measures[m], s22a_cost_key_text(key)),
					 errdetail("A share of a total of zero is undefined."),
					 errhint("Correct the values in s22a.force_measure, or take \"%s\" out of the cost basis.",
							 rule->measures[m])));
		totals[m] = t;
	}

	cost_blend(&numeric_arithmetic, nforces, nm, weights, values, totals, blended);
	return apportion_codes(nforces, forces, blended);
}

static void
no_basis(const CostKey *key)
{
	ereport(ERROR,
			(errcode(ERRCODE_NO_DATA_FOUND),
			 errmsg("no cost basis and no cost override for %s",
					s22a_cost_key_text(key)),
			 errhint("Add the formula to s22a.cost_basis (e.g. measure 'nre', weight 1) or fixed percentages to s22a.cost_override.")));
}

/* ---------- cost_shares ---------------------------------------------------- */

/*
 * s22a.cost_shares(agreement_id, fiscal_year, business_area default '')
 */
PG_FUNCTION_INFO_V1(s22a_cost_shares);
Datum
s22a_cost_shares(PG_FUNCTION_ARGS)
{
	int64		agreement_id = PG_GETARG_INT64(0);
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(1);
	char	   *area = text_to_cstring(PG_GETARG_TEXT_PP(2));
	DateADT		first = DatumGetDateADT(DirectFunctionCall1(fiscal_year_first_day,
															FiscalYearGetDatum(fy)));
	CostCache  *c = s22a_cost_cache(fcinfo);
	CostAgreement *ag = s22a_load_cost_agreement(c, agreement_id);
	const char **forces;
	int			nforces;
	CostKey		key = {agreement_id, ag->ref, fy, area};
	CostRule	rule;

	s22a_read_cost_rule(ag, fy, area, &rule);
	if (rule.override == NULL && rule.nmeasures == 0)
		no_basis(&key);
	/* the forces party on 1 April pay for the year (Seven Force agreement, clause 5.2) */
	nforces = membership_forces_on(&ag->membership, first, &forces);
	if (nforces == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("no force is party to agreement \"%s\" on %s",
						ag->ref, s22a_iso_date(first)),
				 errdetail("The costs of %s are shared among the forces party on 1 April, the first day of the year.",
						   s22a_cost_key_text(&key)),
				 errhint("Check the membership in s22a.agreement_party.")));
	if (rule.override)
	{
		/* stated percentages win over the formula; membership may have moved */
		s22a_check_override_members(&key, first, rule.override, nforces, forces, NULL);
		PG_RETURN_APPORTIONMENT_P(rule.override);
	}
	return shares_by_basis(c, &key, &rule, nforces, forces);
}

/* ---------- cost_shares_if ------------------------------------------------- */

/* the force codes of cost_shares_if's array, sorted; refuses nulls and repeats */
static int
force_code_array(ArrayType *arr, const char ***out)
{
	Datum	   *items;
	bool	   *nulls;
	int			n;
	const char **forces;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cost_shares_if takes a one-dimensional array of force codes")));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &n);
	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cost_shares_if needs at least one force"),
				 errhint("Pass the force codes that would share the costs, e.g. ARRAY['BED', 'BTP'].")));
	forces = palloc(sizeof(char *) * n);
	for (int i = 0; i < n; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("force code %d of the cost_shares_if array is null", i + 1)));
		forces[i] = TextDatumGetCString(items[i]);
	}
	qsort(forces, n, sizeof(char *), s22a_cstring_cmp);
	for (int i = 1; i < n; i++)
		if (strcmp(forces[i - 1], forces[i]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("force \"%s\" appears more than once in the cost_shares_if array", forces[i])));
	*out = forces;
	return n;
}

/*
 * s22a.cost_shares_if(agreement_id, fiscal_year, business_area, forces):
 * the agreement's cost basis applied to other forces (what if BTP joined?).
 * A stated override is for the actual members, so it plays no part.
 */
PG_FUNCTION_INFO_V1(s22a_cost_shares_if);
Datum
s22a_cost_shares_if(PG_FUNCTION_ARGS)
{
	int64		agreement_id = PG_GETARG_INT64(0);
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(1);
	char	   *area = text_to_cstring(PG_GETARG_TEXT_PP(2));
	const char **forces;
	int			nforces = force_code_array(PG_GETARG_ARRAYTYPE_P(3), &forces);
	CostCache  *c = s22a_cost_cache(fcinfo);
	CostAgreement *ag = s22a_load_cost_agreement(c, agreement_id);
	CostKey		key = {agreement_id, ag->ref, fy, area};
	CostRule	rule;

	s22a_read_cost_rule(ag, fy, area, &rule);
	if (rule.nmeasures == 0)
	{
		if (rule.override)
			ereport(ERROR,
					(errcode(ERRCODE_NO_DATA_FOUND),
					 errmsg("%s has fixed percentages (cost_override) but no cost basis to apply to other forces",
							s22a_cost_key_text(&key)),
					 errhint("Add the formula to s22a.cost_basis to plan with other forces.")));
		no_basis(&key);
	}
	return shares_by_basis(c, &key, &rule, nforces, forces);
}
