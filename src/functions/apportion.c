/*
 * functions/apportion.c — s22a.apportion(): shares proportional to weights,
 * as an aggregate over (party, weight) rows and as a function over two
 * arrays (Seven Force Collaboration Agreement, clause 5.2: costs
 * apportioned "upon the basis of the Net Revenue Expenditure ...
 * calculated to one decimal place").
 *
 * Weights are numeric (Net Revenue Expenditure in pounds and pence, demand
 * counts, ...).  The quotas weight * 100 * 10^decimals / total are computed
 * exactly: in 128-bit integers when every weight fits (all real budgets:
 * apportion_units() in rules/apportion.c, the weights read by
 * types/numeric_digits.c), otherwise here in numeric.  Either way the
 * rounding is the one rule: largest remainder, ties to the larger weight,
 * then to the lower code.  No floating point is involved anywhere.
 */
#include "postgres.h"

#include "fmgr.h"
#include "catalog/pg_type.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/numeric.h"

#include "s22a.h"

typedef struct Weight
{
	char		code[PARTY_CODE_MAXLEN + 1];
	int128		mantissa;		/* valid when big == NULL */
	int			scale;
	Numeric		big;			/* the weight, when it does not fit */
} Weight;

typedef struct ApportionState
{
	int			n;
	int			cap;
	int			decimals;
	Weight	   *weights;
} ApportionState;

static int
numeric_compare(Numeric a, Numeric b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(a),
											 NumericGetDatum(b)));
}

static int
check_decimals(int32 decimals)
{
	if (decimals < 0 || decimals > SHARE_DECIMALS_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("apportion decimals %d is not between 0 and %d",
						decimals, SHARE_DECIMALS_MAX)));
	return decimals;
}

/*
 * Checks one (party, weight) input and appends it to the state.  The weight
 * comes as a packed (short-header) varlena: only a weight too big for the
 * 128-bit path is detoasted and copied.
 */
static void
state_add(ApportionState *st, text *party, struct varlena *weight)
{
	Weight	   *w;
	char	   *code;
	int			len;
	NumericDigitsForm form;

	if (party == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("apportion party must not be null")));
	code = VARDATA_ANY(party);
	len = VARSIZE_ANY_EXHDR(party);
	if (!party_code_valid(code, len))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid party code \"%.*s\"", Min(len, 64), code),
				 errdetail("Party codes are 1 to 16 characters of A-Z, a-z, 0-9, _ and -.")));
	if (weight == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("weight of party \"%.*s\" is null", len, code),
				 errhint("Every party needs a weight; use 0 for a party that pays nothing.")));

	if (st->n == st->cap)
	{
		st->cap *= 2;
		st->weights = repalloc(st->weights, sizeof(Weight) * st->cap);
	}
	w = &st->weights[st->n];
	memcpy(w->code, code, len);
	w->code[len] = '\0';
	w->big = NULL;
	form = numeric_digits_read(weight, APPORTION_WEIGHT_LIMIT, &w->mantissa, &w->scale);
	if (form == NUMERIC_DIGITS_SPECIAL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight of party \"%s\" is %s", w->code,
						s22a_numeric_text(DatumGetNumeric(PointerGetDatum(weight)))),
				 errdetail("Weights must be finite numbers.")));
	if (form == NUMERIC_DIGITS_TOO_BIG)
		w->big = DatumGetNumericCopy(PointerGetDatum(weight));
	if (w->big ? numeric_compare(w->big, int64_to_numeric(0)) < 0 : w->mantissa < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight of party \"%s\" is negative: %s", w->code,
						s22a_numeric_text(DatumGetNumeric(PointerGetDatum(weight)))),
				 errdetail("Shares are proportional to weights, which cannot be below zero.")));
	st->n++;
}

static ApportionState *
state_new(MemoryContext cxt, int decimals)
{
	ApportionState *st = MemoryContextAlloc(cxt, sizeof(ApportionState));

	st->n = 0;
	st->cap = 8;
	st->decimals = decimals;
	st->weights = MemoryContextAlloc(cxt, sizeof(Weight) * st->cap);
	return st;
}

/* ---------- the quotas, exactly ------------------------------------------ */

typedef struct QuotaOrder
{
	const Weight *weights;
	const Numeric *remainder;
	const Numeric *weight;
} QuotaOrder;

/*
 * The numeric path's order for the leftover units, the same as
 * apportion_units()'s: larger remainder first, then the larger weight,
 * then the lower code.
 */
static int
quota_priority(int a, int b, void *arg)
{
	QuotaOrder *q = (QuotaOrder *) arg;
	int			c;

	if ((c = numeric_compare(q->remainder[b], q->remainder[a])) != 0)
		return c;
	if ((c = numeric_compare(q->weight[b], q->weight[a])) != 0)
		return c;
	return strcmp(q->weights[a].code, q->weights[b].code);
}

static int
weight_code_cmp(const void *a, const void *b)
{
	return strcmp(((const Weight *) a)->code, ((const Weight *) b)->code);
}

/* The weights at their common (largest) scale, or NULL if one does not fit. */
static int128 *
weights_at_common_scale(int n, const Weight *w)
{
	int			maxscale = 0;
	int128	   *m;

	for (int i = 0; i < n; i++)
	{
		if (w[i].big)
			return NULL;
		maxscale = Max(maxscale, w[i].scale);
	}
	m = palloc(sizeof(int128) * n);
	for (int i = 0; i < n; i++)
	{
		m[i] = w[i].mantissa;
		for (int k = w[i].scale; k < maxscale; k++)
		{
			m[i] *= 10;
			if (m[i] >= APPORTION_WEIGHT_LIMIT)
			{
				pfree(m);
				return NULL;
			}
		}
	}
	return m;
}

/*
 * apportion_units() in numeric arithmetic, for weights too big for 128
 * bits: the same floors, remainders and order.  False if all are zero.
 */
static bool
apportion_units_numeric(int n, const Weight *w, int64 total_units, int64 *units)
{
	Numeric    *nw = palloc(sizeof(Numeric) * n);
	Numeric    *nrem = palloc(sizeof(Numeric) * n);
	Numeric		total = int64_to_numeric(0);
	Numeric		scale = int64_to_numeric(total_units);
	int64		assigned = 0;
	QuotaOrder	order = {w, nrem, nw};
	bool		overflow = false;

	for (int i = 0; i < n && !overflow; i++)
	{
		nw[i] = w[i].big ? w[i].big : numeric_digits_to_numeric(w[i].mantissa, w[i].scale);
		total = numeric_add_opt_error(total, nw[i], &overflow);
	}
	for (int i = 0; i < n && !overflow; i++)
		(void) numeric_mul_opt_error(nw[i], scale, &overflow);
	if (overflow)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("weights are too large to apportion"),
				 errdetail("The weights, their total and each weight times %lld must be within the range of numeric.",
						   (long long) total_units),
				 errhint("Scale the weights down: shares depend only on their ratios.")));
	if (numeric_compare(total, int64_to_numeric(0)) == 0)
		return false;
	for (int i = 0; i < n; i++)
	{
		Numeric		product = numeric_mul_opt_error(nw[i], scale, NULL);
		Numeric		quotient = DatumGetNumeric(DirectFunctionCall2(numeric_div_trunc,
																   NumericGetDatum(product),
																   NumericGetDatum(total)));

		units[i] = DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(quotient)));
		nrem[i] = numeric_mod_opt_error(product, total, NULL);
		assigned += units[i];
	}
	lr_distribute(n, units, total_units - assigned, quota_priority, &order);
	return true;
}

static Apportionment *
apportion_state(ApportionState *st)
{
	int			n = st->n;
	Weight	   *w = st->weights;
	int64		total_units = SHARE_TOTAL_UNITS(st->decimals);
	int64	   *units = palloc(sizeof(int64) * n);
	const char **codes = palloc(sizeof(char *) * n);
	int128	   *exact;
	bool		some_weight;

	/*
	 * Sort once by code: the result is in code order, and a party twice —
	 * a mistake in the input, never something to merge — sits next to
	 * itself.
	 */
	qsort(w, n, sizeof(Weight), weight_code_cmp);
	for (int i = 1; i < n; i++)
		if (strcmp(w[i - 1].code, w[i].code) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("party \"%s\" appears more than once in the apportionment",
							w[i].code),
					 errhint("Sum its weights first, or fix the duplicate row.")));
	for (int i = 0; i < n; i++)
		codes[i] = w[i].code;

	exact = weights_at_common_scale(n, w);
	if (exact != NULL)
		some_weight = apportion_units(n, exact, codes, total_units, units);
	else
		some_weight = apportion_units_numeric(n, w, total_units, units);
	if (!some_weight)
		ereport(ERROR,
				(errcode(ERRCODE_DIVISION_BY_ZERO),
				 errmsg("cannot apportion: all %d weights are zero", n),
				 errhint("At least one party needs a positive weight.")));
	return apportionment_build(n, codes, units, st->decimals);
}

/* ---------- aggregate ---------------------------------------------------- */

static Datum
apportion_trans_common(FunctionCallInfo fcinfo, int decimals)
{
	MemoryContext aggcxt;
	ApportionState *st;
	MemoryContext old;

	if (!AggCheckCallContext(fcinfo, &aggcxt))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("apportion_trans called in non-aggregate context")));
	if (PG_ARGISNULL(0))
		st = state_new(aggcxt, decimals);
	else
	{
		st = (ApportionState *) PG_GETARG_POINTER(0);
		if (st->decimals != decimals)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("apportion decimals changed from %d to %d within one group",
							st->decimals, decimals)));
	}
	old = MemoryContextSwitchTo(aggcxt);
	state_add(st,
			  PG_ARGISNULL(1) ? NULL : PG_GETARG_TEXT_PP(1),
			  PG_ARGISNULL(2) ? NULL : PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(2)));
	MemoryContextSwitchTo(old);
	PG_RETURN_POINTER(st);
}

PG_FUNCTION_INFO_V1(apportion_trans);
Datum
apportion_trans(PG_FUNCTION_ARGS)
{
	return apportion_trans_common(fcinfo, SHARE_DECIMALS_DEFAULT);
}

PG_FUNCTION_INFO_V1(apportion_trans_decimals);
Datum
apportion_trans_decimals(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(3))
		ereport(ERROR,
				(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
				 errmsg("apportion decimals must not be null")));
	return apportion_trans_common(fcinfo, check_decimals(PG_GETARG_INT32(3)));
}

PG_FUNCTION_INFO_V1(apportion_final);
Datum
apportion_final(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();		/* no rows: nothing to apportion */
	PG_RETURN_APPORTIONMENT_P(apportion_state((ApportionState *) PG_GETARG_POINTER(0)));
}

/* ---------- array form --------------------------------------------------- */

PG_FUNCTION_INFO_V1(apportion_arrays);
Datum
apportion_arrays(PG_FUNCTION_ARGS)
{
	ArrayType  *parties = PG_GETARG_ARRAYTYPE_P(0);
	ArrayType  *weights = PG_GETARG_ARRAYTYPE_P(1);
	int			decimals = check_decimals(PG_GETARG_INT32(2));
	Datum	   *pv,
			   *wv;
	bool	   *pn,
			   *wn;
	int			np,
				nw;
	ApportionState *st;

	if (ARR_NDIM(parties) > 1 || ARR_NDIM(weights) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("apportion takes one-dimensional arrays")));
	deconstruct_array(parties, TEXTOID, -1, false, TYPALIGN_INT, &pv, &pn, &np);
	deconstruct_array(weights, NUMERICOID, -1, false, TYPALIGN_INT, &wv, &wn, &nw);
	if (np != nw)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("apportion got %d parties but %d weights", np, nw)));
	if (np == 0)
		PG_RETURN_NULL();
	st = state_new(CurrentMemoryContext, decimals);
	for (int i = 0; i < np; i++)
		state_add(st, pn[i] ? NULL : DatumGetTextPP(pv[i]),
				  wn[i] ? NULL : PG_DETOAST_DATUM_PACKED(wv[i]));
	PG_RETURN_APPORTIONMENT_P(apportion_state(st));
}
