/*
 * apportion.c — s22a.apportion(): shares proportional to weights, as an
 * aggregate over (party, weight) rows and as a function over two arrays.
 *
 * Weights are numeric (Net Revenue Expenditure in pounds and pence, demand
 * counts, ...).  The quotas weight * 100 * 10^decimals / total are computed
 * exactly: in 128-bit integers when every weight fits (all real budgets),
 * otherwise in numeric.  Either way the rounding is the one rule in
 * rules/apportion.c: largest remainder, ties to the larger weight, then to
 * the lower code.  No floating point is involved anywhere.
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

/*
 * A weight as an exact integer mantissa at a decimal scale, when it fits
 * comfortably in 128 bits; otherwise kept as numeric.  The bound leaves room
 * for rescaling to a common scale and multiplying by 100 * 10^4.
 */
#define MANTISSA_LIMIT	((int128) 1000000000000000000LL * 10000000000000LL) /* 1e31 */

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

static char *
numeric_text(Numeric num)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(num)));
}

/*
 * Numeric's on-disk header (src/backend/utils/adt/numeric.c).  The layout is
 * fixed by on-disk compatibility (pg_upgrade keeps old numeric values as they
 * are), so reading it here is safe; it spares a copy and an allocation per
 * row, which is most of what apportion() costs beyond sum().
 */
#define NUMERIC_SIGN_MASK		0xC000
#define NUMERIC_NEG				0x4000
#define NUMERIC_SHORT			0x8000
#define NUMERIC_SPECIAL			0xC000
#define NUMERIC_SHORT_SIGN_MASK	0x2000
#define NUMERIC_SHORT_DSCALE_MASK 0x1F80
#define NUMERIC_SHORT_DSCALE_SHIFT 7
#define NUMERIC_SHORT_WEIGHT_SIGN_MASK 0x0040
#define NUMERIC_SHORT_WEIGHT_MASK 0x003F
#define NUMERIC_DSCALE_MASK		0x3FFF
#define NUMERIC_BASE			10000
#define NUMERIC_BASE_DIGITS		4

typedef enum
{
	WEIGHT_FITS,				/* *mantissa and *scale are exact */
	WEIGHT_TOO_BIG,				/* finite, but needs the numeric path */
	WEIGHT_SPECIAL				/* NaN or an infinity */
} WeightForm;

/*
 * Reads a (possibly short-header, never compressed-or-external) numeric
 * into an exact integer mantissa at scale dscale, when it fits.
 */
static WeightForm
numeric_to_mantissa(struct varlena *num, int128 *mantissa, int *scale)
{
	const char *p = VARDATA_ANY(num);
	int			size = VARSIZE_ANY_EXHDR(num);
	uint16		header;
	int16		weight;
	int			dscale,
				ndigits,
				exponent;
	bool		negative;
	int128		acc = 0;

	memcpy(&header, p, sizeof(uint16));
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SPECIAL)
		return WEIGHT_SPECIAL;
	if ((header & NUMERIC_SIGN_MASK) == NUMERIC_SHORT)
	{
		negative = (header & NUMERIC_SHORT_SIGN_MASK) != 0;
		dscale = (header & NUMERIC_SHORT_DSCALE_MASK) >> NUMERIC_SHORT_DSCALE_SHIFT;
		weight = (header & NUMERIC_SHORT_WEIGHT_MASK);
		if (header & NUMERIC_SHORT_WEIGHT_SIGN_MASK)
			weight |= ~NUMERIC_SHORT_WEIGHT_MASK;
		p += sizeof(uint16);
		size -= sizeof(uint16);
	}
	else
	{
		negative = (header & NUMERIC_SIGN_MASK) == NUMERIC_NEG;
		dscale = header & NUMERIC_DSCALE_MASK;
		memcpy(&weight, p + sizeof(uint16), sizeof(int16));
		p += sizeof(uint16) + sizeof(int16);
		size -= sizeof(uint16) + sizeof(int16);
	}
	ndigits = size / (int) sizeof(int16);
	if (dscale > 36)
		return WEIGHT_TOO_BIG;
	for (int i = 0; i < ndigits; i++)
	{
		int16		digit;

		memcpy(&digit, p + i * sizeof(int16), sizeof(int16));
		acc = acc * NUMERIC_BASE + digit;
		if (acc >= MANTISSA_LIMIT)
			return WEIGHT_TOO_BIG;
	}
	/* acc is the value times 10^exponent; bring it to 10^dscale */
	exponent = ndigits == 0 ? dscale : NUMERIC_BASE_DIGITS * (ndigits - 1 - weight);
	for (; exponent < dscale; exponent++)
	{
		acc *= 10;
		if (acc >= MANTISSA_LIMIT)
			return WEIGHT_TOO_BIG;
	}
	for (; exponent > dscale; exponent--)
		acc /= 10;				/* only zero digits lie beyond dscale */
	*mantissa = negative ? -acc : acc;
	*scale = dscale;
	return WEIGHT_FITS;
}

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
	WeightForm	form;

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
	form = numeric_to_mantissa(weight, &w->mantissa, &w->scale);
	if (form == WEIGHT_SPECIAL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight of party \"%s\" is %s", w->code,
						numeric_text(DatumGetNumeric(PointerGetDatum(weight)))),
				 errdetail("Weights must be finite numbers.")));
	if (form == WEIGHT_TOO_BIG)
		w->big = DatumGetNumericCopy(PointerGetDatum(weight));
	if (w->big ? numeric_compare(w->big, int64_to_numeric(0)) < 0 : w->mantissa < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("weight of party \"%s\" is negative: %s", w->code,
						numeric_text(DatumGetNumeric(PointerGetDatum(weight)))),
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
	const int128 *remainder;	/* fast path */
	const int128 *mantissa;
	const Numeric *nremainder;	/* numeric path */
	const Numeric *nweight;
} QuotaOrder;

/* Larger remainder first, then the larger weight, then the lower code. */
static int
quota_priority(int a, int b, void *arg)
{
	QuotaOrder *q = (QuotaOrder *) arg;
	int			c;

	if (q->remainder)
	{
		if (q->remainder[a] != q->remainder[b])
			return q->remainder[a] > q->remainder[b] ? -1 : 1;
		if (q->mantissa[a] != q->mantissa[b])
			return q->mantissa[a] > q->mantissa[b] ? -1 : 1;
	}
	else
	{
		if ((c = numeric_compare(q->nremainder[b], q->nremainder[a])) != 0)
			return c;
		if ((c = numeric_compare(q->nweight[b], q->nweight[a])) != 0)
			return c;
	}
	return strcmp(q->weights[a].code, q->weights[b].code);
}

static Numeric
mantissa_to_numeric(int128 m, int scale)
{
	char		digits[64];
	char	   *p = digits + sizeof(digits) - 1;
	bool		neg = m < 0;
	StringInfoData buf;

	*p = '\0';
	if (neg)
		m = -m;
	do
	{
		*--p = '0' + (int) (m % 10);
		m /= 10;
	} while (m > 0);
	initStringInfo(&buf);
	appendStringInfo(&buf, "%s%sE-%d", neg ? "-" : "", p, scale);
	return DatumGetNumeric(DirectFunctionCall3(numeric_in, CStringGetDatum(buf.data),
											   ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1)));
}

static int
weight_code_cmp(const void *a, const void *b)
{
	return strcmp(((const Weight *) a)->code, ((const Weight *) b)->code);
}

static Apportionment *
apportion_state(ApportionState *st)
{
	int			n = st->n;
	Weight	   *w = st->weights;
	int64		total_units = SHARE_TOTAL_UNITS(st->decimals);
	int64	   *units = palloc(sizeof(int64) * n);
	const char **codes = palloc(sizeof(char *) * n);
	int64		assigned = 0;
	bool		fast = true;
	int			maxscale = 0;
	QuotaOrder	order = {w, NULL, NULL, NULL, NULL};

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
	{
		codes[i] = w[i].code;
		if (w[i].big)
			fast = false;
		else
			maxscale = Max(maxscale, w[i].scale);
	}

	if (fast)
	{
		int128	   *m = palloc(sizeof(int128) * n);
		int128	   *rem = palloc(sizeof(int128) * n);
		int128		total = 0;

		for (int i = 0; i < n && fast; i++)
		{
			m[i] = w[i].mantissa;
			for (int k = w[i].scale; k < maxscale; k++)
			{
				m[i] *= 10;
				if (m[i] >= MANTISSA_LIMIT)
				{
					fast = false;
					break;
				}
			}
			total += m[i];
		}
		if (fast)
		{
			if (total == 0)
				goto all_zero;
			for (int i = 0; i < n; i++)
			{
				int128		product = m[i] * total_units;

				units[i] = (int64) (product / total);
				rem[i] = product % total;
				assigned += units[i];
			}
			order.remainder = rem;
			order.mantissa = m;
		}
	}
	if (!fast)
	{
		Numeric    *nw = palloc(sizeof(Numeric) * n);
		Numeric    *nrem = palloc(sizeof(Numeric) * n);
		Numeric		total = int64_to_numeric(0);
		Numeric		scale = int64_to_numeric(total_units);

		for (int i = 0; i < n; i++)
		{
			nw[i] = w[i].big ? w[i].big : mantissa_to_numeric(w[i].mantissa, w[i].scale);
			total = numeric_add_opt_error(total, nw[i], NULL);
		}
		if (numeric_compare(total, int64_to_numeric(0)) == 0)
			goto all_zero;
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
		order.nremainder = nrem;
		order.nweight = nw;
	}

	lr_distribute(n, units, total_units - assigned, quota_priority, &order);
	return apportionment_build(n, codes, units, st->decimals);

all_zero:
	ereport(ERROR,
			(errcode(ERRCODE_DIVISION_BY_ZERO),
			 errmsg("cannot apportion: all %d weights are zero", n),
			 errhint("At least one party needs a positive weight.")));
	return NULL;				/* keep the compiler quiet */
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
