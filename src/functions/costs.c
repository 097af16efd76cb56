/*
 * functions/costs.c — s22a.cost_shares() and s22a.cost_shares_if(): each
 * force's share of an agreement's costs for a year and business area.
 *
 * Seven Force Strategic Collaboration agreement, clause 5.2: costs are
 * "apportioned ... upon the basis of the Net Revenue Expenditure ...
 * calculated to one decimal place", shared among the forces the agreement's
 * charging rule charges for the year (rules/charging.c: pro_rata_days
 * weights each force's values by its days a party while in force,
 * first_day takes the parties on greatest(1 April, commences_on)); JPS
 * umbrella agreement, Section 13: a blend of NRE and demand per business
 * area.  A stated override (s22a.cost_override) wins over the formula.
 * cost_shares() raises when the shares cannot be computed;
 * cost_group_shares(), which the reports call, returns the same message
 * as the group's problem instead, so one group lacking data never stops a
 * report.  The blend is the pure rule in rules/cost_blend.c,
 * instantiated here with numeric; the rounding is the one largest-remainder
 * rule (apportion); the rows come from data/costs.c, kept for the
 * statement, since cost_allocation calls cost_shares tens of thousands of
 * times in one query.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "fmgr.h"
#include "funcapi.h"
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

/* fills *f; returns false, for `return cost_fault(...)` */
static bool
cost_fault(CostFault *f, int sqlstate, char *message, char *detail, char *hint)
{
	f->sqlstate = sqlstate;
	f->message = message;
	f->detail = detail;
	f->hint = hint;
	return false;
}

/* cost_shares() raises what a report shows as the group's problem */
static void
raise_cost_fault(const CostFault *f)
{
	ereport(ERROR,
			(errcode(f->sqlstate),
			 errmsg_internal("%s", f->message),
			 f->detail ? errdetail_internal("%s", f->detail) : 0,
			 f->hint ? errhint("%s", f->hint) : 0));
}

/*
 * The shares of the forces (sorted, distinct) under the cost basis: the
 * formula of rules/cost_blend.c, each force's values multiplied by its days
 * (pro_rata_days, rules/charging.c) when days is set.  False, with *f
 * filled, when a value is missing or a total is zero.
 */
static bool
shares_by_basis(CostCache *c, const CostKey *key, const CostRule *rule,
				int nforces, const char *const *forces, const int64 *days,
				Datum *result, CostFault *f)
{
	int			nm = rule->nmeasures;
	CostValue  *weights = palloc(sizeof(CostValue) * nm);
	CostValue  *values = palloc(sizeof(CostValue) * nforces * nm);
	CostValue  *totals = palloc(sizeof(CostValue) * nm);
	CostValue  *blended = palloc(sizeof(CostValue) * nforces);
	Numeric    *day_values = NULL;
	CostArithmetic numeric_arithmetic = {
		numeric_mul_value, numeric_add_value,
		int64_to_numeric(0), int64_to_numeric(1), NULL
	};

	/*
	 * Weights add up to 1.  cost_basis_weights_add_up checks it at commit;
	 * this catches rows written with the trigger disabled, or read inside
	 * the transaction that is still entering them.
	 */
	if (!s22a_check_cost_weights(key, nm, rule->measures, rule->weights, NULL, f))
		return false;

	if (days)
	{
		day_values = palloc(sizeof(Numeric) * nforces);
		for (int i = 0; i < nforces; i++)
			day_values[i] = int64_to_numeric(days[i]);
	}
	for (int m = 0; m < nm; m++)
	{
		MeasureColumn *col = s22a_load_measure_column(c, key->fy, rule->measures[m]);
		Numeric		t = int64_to_numeric(0);

		weights[m] = rule->weights[m];
		for (int i = 0; i < nforces; i++)
		{
			char	  **hit = bsearch(&forces[i], col->forces, col->n, sizeof(char *),
										  s22a_cstring_cmp);
			Numeric		v;

			/* a missing measure is an error, never a silent zero */
			if (hit == NULL)
				return cost_fault(f, ERRCODE_NO_DATA_FOUND,
								  psprintf("force \"%s\" has no measure \"%s\" for %s",
										   forces[i], rule->measures[m], s22a_fiscal_year_text(key->fy)),
								  psprintf("The cost basis of %s uses \"%s\".",
										   s22a_cost_key_text(key), rule->measures[m]),
								  psprintf("Add the row to s22a.force_measure (force_code '%s', fiscal_year '%s', measure '%s').",
										   forces[i], s22a_fiscal_year_text(key->fy), rule->measures[m]));
			v = col->values[hit - col->forces];
			/* pro_rata_days: the value weighted by the days charged (exact) */
			if (day_values)
				v = numeric_mul_opt_error(v, day_values[i], NULL);
			values[i * nm + m] = v;
			t = numeric_add_opt_error(t, v, NULL);
		}
		if (numeric_compare_int(t, 0) == 0)
			return cost_fault(f, ERRCODE_DIVISION_BY_ZERO,
							  psprintf("measure \"%s\" adds up to zero over the forces of %s",
									   rule->measures[m], s22a_cost_key_text(key)),
							  "A share of a total of zero is undefined.",
							  psprintf("Correct the values in s22a.force_measure, or take \"%s\" out of the cost basis.",
									   rule->measures[m]));
		totals[m] = t;
	}

	cost_blend(&numeric_arithmetic, nforces, nm, weights, values, totals, blended);
	*result = apportion_codes(nforces, forces, blended);
	return true;
}

static bool
no_basis(const CostKey *key, CostFault *f)
{
	return cost_fault(f, ERRCODE_NO_DATA_FOUND,
					  psprintf("no cost basis and no cost override for %s", s22a_cost_key_text(key)),
					  NULL,
					  "Add the formula to s22a.cost_basis (e.g. measure 'nre', weight 1) or fixed percentages to s22a.cost_override.");
}

/* ---------- cost_shares ---------------------------------------------------- */

/*
 * The shares of one (agreement, year, area): the override when there is
 * one, else the formula, among the forces the agreement's charging rule
 * charges for the year (rules/charging.c).  False, with *f filled, when
 * they cannot be computed: cost_shares() raises it, the reports show it.
 */
static bool
group_shares(FunctionCallInfo fcinfo, int64 agreement_id, FiscalYear fy, const char *area,
			 Datum *result, CostFault *f)
{
	CostCache  *c = s22a_cost_cache(fcinfo);
	CostAgreement *ag = s22a_load_cost_agreement(c, agreement_id);
	const char **forces;
	int64	   *days;
	char	   *charged;
	int			nforces;
	CostKey		key = {agreement_id, ag->ref, fy, area};
	CostRule	rule;

	s22a_read_cost_rule(ag, fy, area, &rule);
	if (rule.override == NULL && rule.nmeasures == 0)
		return no_basis(&key, f);
	nforces = s22a_charged_forces(&ag->membership, ag->charging, &ag->expiry, fy,
								  &forces, &days, &charged);
	if (nforces == 0)
	{
		DateADT		first = fiscal_year_first_day_number(fy);
		DateADT		from,
					to;

		if (ag->charging == CHARGING_FIRST_DAY)
			return cost_fault(f, ERRCODE_NO_DATA_FOUND,
							  psprintf("no force is party to agreement \"%s\" on %s",
									   ag->ref, s22a_iso_date(Max(first, ag->membership.commences_on))),
							  psprintf("Under its charging rule first_day, the costs of %s are shared among the forces party on the first day of the year it is in force.",
									   s22a_cost_key_text(&key)),
							  "Check the membership in s22a.agreement_party.");
		if (!term_days_in_year(fy, ag->membership.commences_on, &ag->expiry, &from, &to))
			return cost_fault(f, ERRCODE_NO_DATA_FOUND,
							  psprintf("agreement \"%s\" is not in force on any day of %s",
									   ag->ref, s22a_fiscal_year_text(fy)),
							  psprintf("Under its charging rule pro_rata_days, the costs of %s are shared among the forces party on the days of the year it is in force (commencement to effective expiry).",
									   s22a_cost_key_text(&key)),
							  "Check the year, the agreement's commences_on, and its renewals and terminations.");
		return cost_fault(f, ERRCODE_NO_DATA_FOUND,
						  psprintf("no force is party to agreement \"%s\" between %s and %s",
								   ag->ref, s22a_iso_date(from), s22a_iso_date(to)),
						  psprintf("Under its charging rule pro_rata_days, the costs of %s are shared among the forces party on the days of the year it is in force.",
								   s22a_cost_key_text(&key)),
						  "Check the membership in s22a.agreement_party.");
	}
	if (rule.override)
	{
		/* stated percentages win over the formula; membership may have moved */
		if (!s22a_check_override_members(&key, charged, ag->charging, rule.override,
										 nforces, forces, NULL, f))
			return false;
		*result = PointerGetDatum(rule.override);
		return true;
	}
	return shares_by_basis(c, &key, &rule, nforces, forces,
						   ag->charging == CHARGING_PRO_RATA_DAYS ? days : NULL, result, f);
}

/*
 * s22a.cost_shares(agreement_id, fiscal_year, business_area default '')
 */
PG_FUNCTION_INFO_V1(s22a_cost_shares);
Datum
s22a_cost_shares(PG_FUNCTION_ARGS)
{
	Datum		result;
	CostFault	f;

	if (!group_shares(fcinfo, PG_GETARG_INT64(0), PG_GETARG_FISCAL_YEAR(1),
					  text_to_cstring(PG_GETARG_TEXT_PP(2)), &result, &f))
		raise_cost_fault(&f);
	return result;
}

/*
 * s22a.cost_group_shares(agreement_id, fiscal_year, business_area,
 * OUT shares, OUT problem): what the reports call instead of cost_shares(),
 * so that one group that lacks data shows its problem instead of stopping
 * the whole report.  shares NULL and problem set, or the other way round.
 */
PG_FUNCTION_INFO_V1(s22a_cost_group_shares);
Datum
s22a_cost_group_shares(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[2] = {0, 0};
	bool		nulls[2] = {false, false};
	CostFault	f;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "s22a: cost_group_shares must return a composite");
	desc = BlessTupleDesc(desc);
	if (group_shares(fcinfo, PG_GETARG_INT64(0), PG_GETARG_FISCAL_YEAR(1),
					 text_to_cstring(PG_GETARG_TEXT_PP(2)), &values[0], &f))
		nulls[1] = true;
	else
	{
		nulls[0] = true;
		values[1] = CStringGetTextDatum(f.message);
	}
	return HeapTupleGetDatum(heap_form_tuple(desc, values, nulls));
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

	Datum		result;
	CostFault	f;

	s22a_read_cost_rule(ag, fy, area, &rule);
	if (rule.nmeasures == 0)
	{
		if (rule.override)
			ereport(ERROR,
					(errcode(ERRCODE_NO_DATA_FOUND),
					 errmsg("%s has fixed percentages (cost_override) but no cost basis to apply to other forces",
							s22a_cost_key_text(&key)),
					 errhint("Add the formula to s22a.cost_basis to plan with other forces.")));
		no_basis(&key, &f);
		raise_cost_fault(&f);
	}
	/* what if: the given forces for the whole year, whatever the charging rule */
	if (!shares_by_basis(c, &key, &rule, nforces, forces, NULL, &result, &f))
		raise_cost_fault(&f);
	return result;
}
