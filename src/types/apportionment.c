/*
 * types/apportionment.c — the s22a.apportionment type: text and binary
 * I/O, equality, share lookup (share, ->, shares), and the glue of split(),
 * which divides an amount of money by the shares to the penny with the
 * largest-remainder rule of rules/apportion.c (split_units).
 *
 * An apportionment is an exact division of 100% among parties, each share
 * with the same number of decimals (one by default: Seven Force
 * Collaboration Agreement, clause 5.2, "calculated to one decimal place").
 * Text form: BED=27.4, CAM=31.2, HER=41.4
 */
#include "postgres.h"

#include <ctype.h>

#include "common/hashfn.h"
#include "fmgr.h"
#include "funcapi.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "s22a.h"

#define APPORTIONMENT_WIRE_VERSION 1

static int
entry_code_cmp(const void *a, const void *b)
{
	return strcmp(((const ApportionEntry *) a)->code,
				  ((const ApportionEntry *) b)->code);
}

/*
 * Builds a value from codes and units already checked by the caller; sorts
 * the entries by code.  Duplicates and the 100% invariant are checked by the
 * callers, which know how to word the error for their input.
 */
Apportionment *
apportionment_build(int n, const char *const *codes, const int64 *units,
					int decimals)
{
	Apportionment *a = palloc0(APPORTIONMENT_SIZE(n));

	SET_VARSIZE(a, APPORTIONMENT_SIZE(n));
	a->decimals = (int16) decimals;
	a->nparties = n;
	for (int i = 0; i < n; i++)
	{
		a->entries[i].units = (int32) units[i];
		strlcpy(a->entries[i].code, codes[i], sizeof(a->entries[i].code));
	}
	qsort(a->entries, n, sizeof(ApportionEntry), entry_code_cmp);
	return a;
}

/* Prints units at the given decimals: 274 at 1 -> "27.4". */
static void
append_share(StringInfo buf, int64 units, int decimals)
{
	if (decimals == 0)
		appendStringInfo(buf, INT64_FORMAT, units);
	else
		appendStringInfo(buf, INT64_FORMAT ".%0*lld",
						 units / s22a_pow10[decimals], decimals,
						 (long long) (units % s22a_pow10[decimals]));
}

static char *
share_text(int64 units, int decimals)
{
	StringInfoData buf;

	initStringInfo(&buf);
	append_share(&buf, units, decimals);
	return buf.data;
}

/* ---------- text input -------------------------------------------------- */

typedef struct ParsedShare
{
	char		code[PARTY_CODE_MAXLEN + 1];
	int64		units;			/* at this share's own decimals */
	int			decimals;
} ParsedShare;

#define BAD_APPORTIONMENT(escontext, str, ...) \
	ereturn(escontext, (Datum) 0, \
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION), \
			 errmsg("invalid input syntax for type apportionment: \"%s\"", str), \
			 errdetail(__VA_ARGS__), \
			 errhint("Write it as BED=27.4, CAM=31.2, HER=41.4: party codes of 1 to 16 letters, digits, _ or -, and shares that add up to 100.")))

PG_FUNCTION_INFO_V1(apportionment_in);
Datum
apportionment_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	Node	   *escontext = S22A_ESCONTEXT(fcinfo);
	const char *p = str;
	int			cap = 8,
				n = 0,
				decimals = 0;
	ParsedShare *shares = palloc(sizeof(ParsedShare) * cap);
	const char **codes;
	int64	   *units;
	int64		total = 0;

	for (;;)
	{
		const char *start;
		int			len;
		int64		whole = 0;
		int			ndec = 0;
		int64		frac = 0;

		while (isspace((unsigned char) *p))
			p++;
		if (*p == '\0')
		{
			if (n == 0)
				BAD_APPORTIONMENT(escontext, str, "An apportionment needs at least one party.");
			BAD_APPORTIONMENT(escontext, str, "A party is missing after the last comma.");
		}

		/* party code */
		start = p;
		while (*p != '\0' && *p != '=' && *p != ',' && !isspace((unsigned char) *p))
			p++;
		len = (int) (p - start);
		if (len == 0)
			BAD_APPORTIONMENT(escontext, str, "A party code is missing before \"%c\".", *p);
		if (!party_code_valid(start, len))
			BAD_APPORTIONMENT(escontext, str,
							  len > PARTY_CODE_MAXLEN ?
							  "Party code \"%.*s\" is longer than 16 characters." :
							  "Party code \"%.*s\" may only contain A-Z, a-z, 0-9, _ and -.",
							  len, start);
		if (n == cap)
		{
			cap *= 2;
			shares = repalloc(shares, sizeof(ParsedShare) * cap);
		}
		memcpy(shares[n].code, start, len);
		shares[n].code[len] = '\0';

		while (isspace((unsigned char) *p))
			p++;
		if (*p != '=')
			BAD_APPORTIONMENT(escontext, str, "Party \"%s\" has no \"=\" and share.", shares[n].code);
		p++;
		while (isspace((unsigned char) *p))
			p++;

		/* share: digits, optionally a point and 1-4 decimals */
		if (!isdigit((unsigned char) *p))
			BAD_APPORTIONMENT(escontext, str, "The share of party \"%s\" is not a number.", shares[n].code);
		start = p;
		while (isdigit((unsigned char) *p))
		{
			if (whole <= 100)
				whole = whole * 10 + (*p - '0');
			p++;
		}
		if (*p == '.')
		{
			p++;
			if (!isdigit((unsigned char) *p))
				BAD_APPORTIONMENT(escontext, str, "The share of party \"%s\" has no digits after the decimal point.", shares[n].code);
			while (isdigit((unsigned char) *p))
			{
				if (ndec < SHARE_DECIMALS_MAX)
					frac = frac * 10 + (*p - '0');
				ndec++;
				p++;
			}
			if (ndec > SHARE_DECIMALS_MAX)
				BAD_APPORTIONMENT(escontext, str, "The share %.*s of party \"%s\" has more than %d decimal places.",
								  (int) (p - start), start, shares[n].code, SHARE_DECIMALS_MAX);
		}
		if (whole > 100)
			BAD_APPORTIONMENT(escontext, str, "The share %.*s of party \"%s\" is more than 100.",
							  (int) (p - start), start, shares[n].code);
		shares[n].units = whole * s22a_pow10[ndec] + frac;
		shares[n].decimals = ndec;
		decimals = Max(decimals, ndec);
		n++;

		while (isspace((unsigned char) *p))
			p++;
		if (*p == '%')
		{
			p++;
			while (isspace((unsigned char) *p))
				p++;
		}
		if (*p == '\0')
			break;
		if (*p != ',')
			BAD_APPORTIONMENT(escontext, str, "Unexpected \"%c\" after the share of party \"%s\"; entries are separated by commas.",
							  *p, shares[n - 1].code);
		p++;
	}

	/* every share at the value's decimals: the most any share used */
	codes = palloc(sizeof(char *) * n);
	units = palloc(sizeof(int64) * n);
	for (int i = 0; i < n; i++)
	{
		codes[i] = shares[i].code;
		units[i] = shares[i].units * s22a_pow10[decimals - shares[i].decimals];
		total += units[i];
	}
	{
		Apportionment *a = apportionment_build(n, codes, units, decimals);

		for (int i = 1; i < n; i++)
			if (strcmp(a->entries[i - 1].code, a->entries[i].code) == 0)
				BAD_APPORTIONMENT(escontext, str, "Party \"%s\" appears more than once.", a->entries[i].code);
		if (total != SHARE_TOTAL_UNITS(decimals))
			BAD_APPORTIONMENT(escontext, str, "The shares add up to %s, not 100.",
							  share_text(total, decimals));
		PG_RETURN_APPORTIONMENT_P(a);
	}
}

PG_FUNCTION_INFO_V1(apportionment_out);
Datum
apportionment_out(PG_FUNCTION_ARGS)
{
	Apportionment *a = PG_GETARG_APPORTIONMENT_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	for (int i = 0; i < a->nparties; i++)
	{
		if (i > 0)
			appendStringInfoString(&buf, ", ");
		appendStringInfo(&buf, "%s=", a->entries[i].code);
		append_share(&buf, a->entries[i].units, a->decimals);
	}
	PG_RETURN_CSTRING(buf.data);
}

/* ---------- binary I/O --------------------------------------------------- */

/*
 * Wire format 1: byte version, int16 decimals, int32 nparties, then per
 * party (in code order) a length-prefixed code and an int32 of units.
 */
PG_FUNCTION_INFO_V1(apportionment_send);
Datum
apportionment_send(PG_FUNCTION_ARGS)
{
	Apportionment *a = PG_GETARG_APPORTIONMENT_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, APPORTIONMENT_WIRE_VERSION);
	pq_sendint16(&buf, a->decimals);
	pq_sendint32(&buf, a->nparties);
	for (int i = 0; i < a->nparties; i++)
	{
		int			len = strlen(a->entries[i].code);

		pq_sendbyte(&buf, len);
		pq_sendbytes(&buf, a->entries[i].code, len);
		pq_sendint32(&buf, a->entries[i].units);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

#define BAD_BINARY(...) \
	ereport(ERROR, \
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION), \
			 errmsg("invalid binary apportionment"), \
			 errdetail(__VA_ARGS__)))

/* Reads are checked first: a short message is bad data (22P03), not a
 * protocol violation (08P01, what pq_getmsg* would raise). */
static void
need_bytes(StringInfo buf, int n)
{
	if (buf->len - buf->cursor < n)
		BAD_BINARY("The message ends %d bytes early.", n - (buf->len - buf->cursor));
}

PG_FUNCTION_INFO_V1(apportionment_recv);
Datum
apportionment_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int			decimals;
	int32		n;
	int64		total = 0;
	Apportionment *a;

	need_bytes(buf, 1);
	version = pq_getmsgbyte(buf);
	if (version != APPORTIONMENT_WIRE_VERSION)
		BAD_BINARY("Unknown format version %d; this version of s22a reads %d.",
				   version, APPORTIONMENT_WIRE_VERSION);
	need_bytes(buf, 6);
	decimals = (int16) pq_getmsgint(buf, 2);
	if (decimals < 0 || decimals > SHARE_DECIMALS_MAX)
		BAD_BINARY("Decimals %d is not between 0 and %d.", decimals, SHARE_DECIMALS_MAX);
	n = (int32) pq_getmsgint(buf, 4);
	/* each party takes at least 6 bytes, so a count beyond that is garbage */
	if (n < 1 || n > (buf->len - buf->cursor) / 6)
		BAD_BINARY("Party count %d does not match the message.", n);

	a = palloc0(APPORTIONMENT_SIZE(n));
	SET_VARSIZE(a, APPORTIONMENT_SIZE(n));
	a->decimals = decimals;
	a->nparties = n;
	for (int i = 0; i < n; i++)
	{
		int			len;
		const char *code;

		need_bytes(buf, 1);
		len = pq_getmsgbyte(buf);
		if (len < 1 || len > PARTY_CODE_MAXLEN)
			BAD_BINARY("Party code length %d is not between 1 and %d.", len, PARTY_CODE_MAXLEN);
		need_bytes(buf, len + 4);
		code = pq_getmsgbytes(buf, len);
		if (!party_code_valid(code, len))
			BAD_BINARY("Party code %d has characters other than A-Z, a-z, 0-9, _ and -.", i + 1);
		memcpy(a->entries[i].code, code, len);
		a->entries[i].units = (int32) pq_getmsgint(buf, 4);
		if (a->entries[i].units < 0 || a->entries[i].units > SHARE_TOTAL_UNITS(decimals))
			BAD_BINARY("The share of party \"%s\" is out of range.", a->entries[i].code);
		if (i > 0 && strcmp(a->entries[i - 1].code, a->entries[i].code) >= 0)
			BAD_BINARY("Party \"%s\" is out of order or repeated.", a->entries[i].code);
		total += a->entries[i].units;
	}
	if (total != SHARE_TOTAL_UNITS(decimals))
		BAD_BINARY("The shares add up to %s, not 100.", share_text(total, decimals));
	PG_RETURN_APPORTIONMENT_P(a);
}

/* ---------- equality ----------------------------------------------------- */

/*
 * Two apportionments are equal when they give every party the same
 * percentage; 50 and 50.0 are the same share written to different decimals.
 */
static bool
apportionment_equal(const Apportionment *a, const Apportionment *b)
{
	int			d = Max(a->decimals, b->decimals);

	if (a->nparties != b->nparties)
		return false;
	for (int i = 0; i < a->nparties; i++)
	{
		if (strcmp(a->entries[i].code, b->entries[i].code) != 0)
			return false;
		if ((int64) a->entries[i].units * s22a_pow10[d - a->decimals] !=
			(int64) b->entries[i].units * s22a_pow10[d - b->decimals])
			return false;
	}
	return true;
}

PG_FUNCTION_INFO_V1(apportionment_eq);
Datum
apportionment_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(apportionment_equal(PG_GETARG_APPORTIONMENT_P(0),
									   PG_GETARG_APPORTIONMENT_P(1)));
}

PG_FUNCTION_INFO_V1(apportionment_ne);
Datum
apportionment_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!apportionment_equal(PG_GETARG_APPORTIONMENT_P(0),
										PG_GETARG_APPORTIONMENT_P(1)));
}

/*
 * The order of the btree operator class, consistent with =: the entries
 * are compared in turn (they are sorted by code), first by party code in
 * byte order, then by share (as a number, so 50 and 50.0 are level); the
 * first difference decides, and when one apportionment's entries are the
 * other's first entries, the one with fewer entries comes first.  It is a
 * total order for sorting, grouping and indexes, with no meaning of "more"
 * or "less" between divisions of costs.
 */
static int
apportionment_compare(const Apportionment *a, const Apportionment *b)
{
	int			d = Max(a->decimals, b->decimals);
	int			n = Min(a->nparties, b->nparties);

	for (int i = 0; i < n; i++)
	{
		int			c = strcmp(a->entries[i].code, b->entries[i].code);
		int64		ua,
					ub;

		if (c != 0)
			return c < 0 ? -1 : 1;
		ua = (int64) a->entries[i].units * s22a_pow10[d - a->decimals];
		ub = (int64) b->entries[i].units * s22a_pow10[d - b->decimals];
		if (ua != ub)
			return ua < ub ? -1 : 1;
	}
	return a->nparties < b->nparties ? -1 : a->nparties > b->nparties ? 1 : 0;
}

#define APPORTIONMENT_CMP_FN(name, test) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	int			c = apportionment_compare(PG_GETARG_APPORTIONMENT_P(0), \
										  PG_GETARG_APPORTIONMENT_P(1)); \
	PG_RETURN_BOOL(test); \
}

APPORTIONMENT_CMP_FN(apportionment_lt, c < 0)
APPORTIONMENT_CMP_FN(apportionment_le, c <= 0)
APPORTIONMENT_CMP_FN(apportionment_gt, c > 0)
APPORTIONMENT_CMP_FN(apportionment_ge, c >= 0)

PG_FUNCTION_INFO_V1(apportionment_cmp);
Datum
apportionment_cmp(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(apportionment_compare(PG_GETARG_APPORTIONMENT_P(0),
										  PG_GETARG_APPORTIONMENT_P(1)));
}

/*
 * The hash of the hash operator class, consistent with =: each entry's code
 * and its share with trailing zeros stripped (50 and 50.0 both hash as
 * units 50 at 0 decimals), combined in entry order.
 */
static uint64
apportionment_hash_value(const Apportionment *a, uint64 seed)
{
	uint64		h = DatumGetUInt64(hash_uint32_extended((uint32) a->nparties, seed));

	for (int i = 0; i < a->nparties; i++)
	{
		int64		units = a->entries[i].units;
		int			dec = a->decimals;

		while (dec > 0 && units % 10 == 0)
		{
			units /= 10;
			dec--;
		}
		h = hash_combine64(h, DatumGetUInt64(hash_any_extended((const unsigned char *) a->entries[i].code,
															   strlen(a->entries[i].code), seed)));
		h = hash_combine64(h, DatumGetUInt64(hash_uint32_extended((uint32) units, seed)));
		h = hash_combine64(h, DatumGetUInt64(hash_uint32_extended((uint32) dec, seed)));
	}
	return h;
}

PG_FUNCTION_INFO_V1(apportionment_hash);
Datum
apportionment_hash(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32((int32) apportionment_hash_value(PG_GETARG_APPORTIONMENT_P(0), 0));
}

PG_FUNCTION_INFO_V1(apportionment_hash_extended);
Datum
apportionment_hash_extended(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64((int64) apportionment_hash_value(PG_GETARG_APPORTIONMENT_P(0),
													 (uint64) PG_GETARG_INT64(1)));
}

/* ---------- reading shares ---------------------------------------------- */

static const ApportionEntry *
find_party(const Apportionment *a, const char *code)
{
	ApportionEntry key;

	if (strlen(code) > PARTY_CODE_MAXLEN)
		return NULL;
	strlcpy(key.code, code, sizeof(key.code));
	return bsearch(&key, a->entries, a->nparties, sizeof(ApportionEntry),
				   entry_code_cmp);
}

PG_FUNCTION_INFO_V1(apportionment_share);
Datum
apportionment_share(PG_FUNCTION_ARGS)
{
	Apportionment *a = PG_GETARG_APPORTIONMENT_P(0);
	char	   *code = text_to_cstring(PG_GETARG_TEXT_PP(1));
	const ApportionEntry *e = find_party(a, code);

	if (e == NULL)
		PG_RETURN_NULL();
	PG_RETURN_NUMERIC(int64_div_fast_to_numeric(e->units, a->decimals));
}

PG_FUNCTION_INFO_V1(apportionment_shares);
Datum
apportionment_shares(PG_FUNCTION_ARGS)
{
	Apportionment *a = PG_GETARG_APPORTIONMENT_P(0);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < a->nparties; i++)
	{
		Datum		values[2];
		bool		nulls[2] = {false, false};

		values[0] = CStringGetTextDatum(a->entries[i].code);
		values[1] = NumericGetDatum(int64_div_fast_to_numeric(a->entries[i].units, a->decimals));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

/* ---------- split -------------------------------------------------------- */

/*
 * The amount as whole units of 10^-decimals (pence at 2), or an error if it
 * has more decimals than that or does not fit in 64 bits.
 */
static int64
amount_to_units(Numeric amount, int decimals)
{
	Numeric		scaled;
	Numeric		truncated;
	bool		have_error = false;

	if (numeric_is_nan(amount) || numeric_is_inf(amount))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot split amount %s",
						s22a_numeric_text(amount)),
				 errdetail("Only a finite amount of money can be split.")));
	scaled = numeric_mul_opt_error(amount, int64_to_numeric(s22a_pow10[decimals]), &have_error);
	if (have_error)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount is too large to split"),
				 errdetail("Amounts up to 92,233,720,368,547,758.07 split to the penny.")));
	truncated = DatumGetNumeric(DirectFunctionCall2(numeric_trunc, NumericGetDatum(scaled),
													Int32GetDatum(0)));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(scaled),
										  NumericGetDatum(truncated))) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("amount %s has more than %d decimal places",
						s22a_numeric_text(amount),
						decimals),
				 errdetail("Split parts are rounded to %d decimal places, so the amount must be too.", decimals),
				 errhint("Round the amount first, or pass more decimals to split().")));
	/* the amount in units must fit 64 bits: the same 22003 as above */
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(truncated),
										  NumericGetDatum(int64_to_numeric(PG_INT64_MAX)))) > 0 ||
		DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(truncated),
										  NumericGetDatum(int64_to_numeric(PG_INT64_MIN)))) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("amount %s is too large to split to %d decimal places",
						s22a_numeric_text(amount), decimals),
				 errdetail("Amounts up to 92,233,720,368,547,758.07 split to the penny.")));
	return DatumGetInt64(DirectFunctionCall1(numeric_int8, NumericGetDatum(truncated)));
}

PG_FUNCTION_INFO_V1(apportionment_split);
Datum
apportionment_split(PG_FUNCTION_ARGS)
{
	Apportionment *a = PG_GETARG_APPORTIONMENT_P(0);
	Numeric		amount = PG_GETARG_NUMERIC(1);
	int32		decimals = PG_GETARG_INT32(2);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			n = a->nparties;
	int32	   *share_units;
	const char **codes;
	int64	   *parts;
	int64		amount_units;

	if (decimals < 0 || decimals > 6)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("split decimals %d is not between 0 and 6", decimals)));
	amount_units = amount_to_units(amount, decimals);

	share_units = palloc(sizeof(int32) * n);
	codes = palloc(sizeof(char *) * n);
	parts = palloc(sizeof(int64) * n);
	for (int i = 0; i < n; i++)
	{
		share_units[i] = a->entries[i].units;
		codes[i] = a->entries[i].code;
	}
	split_units(n, share_units, codes, (int32) SHARE_TOTAL_UNITS(a->decimals),
				amount_units, parts);

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = CStringGetTextDatum(codes[i]);
		values[1] = NumericGetDatum(int64_div_fast_to_numeric(share_units[i], a->decimals));
		values[2] = NumericGetDatum(int64_div_fast_to_numeric(parts[i], decimals));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
