/*
 * fiscal_year.c — the s22a.fiscal_year type.
 *
 * A UK public-sector financial year runs from 1 April to 31 March; budgets
 * and cost apportionments in the agreements are set per financial year
 * (seed 003, clause 5: "in any given year").  The value is stored as the
 * calendar year in which it starts (2016/17 -> 2016), pass-by-value.
 */
#include "postgres.h"

#include <ctype.h>
#include <limits.h>

#include "fmgr.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"

#include "s22a.h"

/* Version byte that leads the binary form; bump when the layout changes. */
#define FISCAL_YEAR_WIRE_VERSION 1

static bool
fiscal_year_in_range(int64 start)
{
	return start >= FISCAL_YEAR_MIN && start <= FISCAL_YEAR_MAX;
}

/* Reads 1+ digits at *p into *out (capped to avoid overflow); false if none. */
static bool
read_digits(const char **p, int *ndigits, int64 *out)
{
	int64		v = 0;
	int			n = 0;

	while (isdigit((unsigned char) **p))
	{
		if (n < 9)
			v = v * 10 + (**p - '0');
		n++;
		(*p)++;
	}
	*ndigits = n;
	*out = v;
	return n > 0;
}

PG_FUNCTION_INFO_V1(fiscal_year_in);
Datum
fiscal_year_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	const char *p = str;
	int			nstart,
				nend;
	int64		start,
				end;
	char		sep;

	while (isspace((unsigned char) *p))
		p++;
	if (!read_digits(&p, &nstart, &start) || nstart != 4)
		ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fiscal_year: \"%s\"", str),
				 errdetail("A financial year starts with a four-digit year."),
				 errhint("Write it as 2016/17, 2016-17, 2016/2017 or 2016-2017.")));
	sep = *p;
	if (sep != '/' && sep != '-')
		ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fiscal_year: \"%s\"", str),
				 errdetail("The two years must be separated by \"/\" or \"-\"."),
				 errhint("Write it as 2016/17, 2016-17, 2016/2017 or 2016-2017.")));
	p++;
	if (!read_digits(&p, &nend, &end) || (nend != 2 && nend != 4))
		ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fiscal_year: \"%s\"", str),
				 errdetail("The end year must have two or four digits."),
				 errhint("Write it as 2016/17, 2016-17, 2016/2017 or 2016-2017.")));
	/* 2016-03-31 is a date; fiscal_year('2016-03-31') is read as a cast */
	if (nend == 2 && *p == '-' && isdigit((unsigned char) p[1]))
		ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fiscal_year: \"%s\"", str),
				 errdetail("This looks like a date, not a financial year."),
				 errhint("For the financial year containing a date, write s22a.fiscal_year(date '%s').", str)));
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fiscal_year: \"%s\"", str),
				 errdetail("Unexpected text after the end year."),
				 errhint("Write it as 2016/17, 2016-17, 2016/2017 or 2016-2017.")));
	if ((nend == 2 && end != (start + 1) % 100) ||
		(nend == 4 && end != start + 1))
		ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fiscal_year: \"%s\"", str),
				 errdetail("A financial year ends in the year after it starts; %04d is followed by %04d.",
						   (int) start, (int) start + 1)));
	if (!fiscal_year_in_range(start))
		ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid input syntax for type fiscal_year: \"%s\"", str),
				 errdetail("Financial years run from 1900/01 to 9998/99.")));

	PG_RETURN_FISCAL_YEAR((FiscalYear) start);
}

PG_FUNCTION_INFO_V1(fiscal_year_out);
Datum
fiscal_year_out(PG_FUNCTION_ARGS)
{
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(0);

	PG_RETURN_CSTRING(psprintf("%04d/%02d", fy, (fy + 1) % 100));
}

PG_FUNCTION_INFO_V1(fiscal_year_send);
Datum
fiscal_year_send(PG_FUNCTION_ARGS)
{
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, FISCAL_YEAR_WIRE_VERSION);
	pq_sendint32(&buf, fy);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

PG_FUNCTION_INFO_V1(fiscal_year_recv);
Datum
fiscal_year_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			version;
	int32		start;

	if (buf->len - buf->cursor != 5)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fiscal_year: %d bytes, expected 5",
						buf->len - buf->cursor)));
	version = pq_getmsgbyte(buf);
	if (version != FISCAL_YEAR_WIRE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fiscal_year: unknown format version %d", version),
				 errdetail("This version of s22a reads format version %d.",
						   FISCAL_YEAR_WIRE_VERSION)));
	start = pq_getmsgint(buf, 4);
	if (!fiscal_year_in_range(start))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid binary fiscal_year: start year %d out of range", start),
				 errdetail("Financial years run from 1900/01 to 9998/99.")));
	PG_RETURN_FISCAL_YEAR(start);
}

/* ---------- dates ------------------------------------------------------- */

PG_FUNCTION_INFO_V1(fiscal_year_of_date);
Datum
fiscal_year_of_date(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);
	int			y,
				m,
				day;
	int			start;

	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("date %s has no financial year", d == DATEVAL_NOBEGIN ? "-infinity" : "infinity")));
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	start = (m >= 4) ? y : y - 1;
	if (!fiscal_year_in_range(start))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("date %s is outside the financial years 1900/01 to 9998/99",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d))))));
	PG_RETURN_FISCAL_YEAR(start);
}

PG_FUNCTION_INFO_V1(fiscal_year_first_day);
Datum
fiscal_year_first_day(PG_FUNCTION_ARGS)
{
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(0);

	PG_RETURN_DATEADT(date2j(fy, 4, 1) - POSTGRES_EPOCH_JDATE);
}

PG_FUNCTION_INFO_V1(fiscal_year_last_day);
Datum
fiscal_year_last_day(PG_FUNCTION_ARGS)
{
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(0);

	PG_RETURN_DATEADT(date2j(fy + 1, 3, 31) - POSTGRES_EPOCH_JDATE);
}

/* ---------- arithmetic -------------------------------------------------- */

static FiscalYear
fiscal_year_shift(FiscalYear fy, int64 years)
{
	int64		r = (int64) fy + years;

	if (!fiscal_year_in_range(r))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_FIELD_OVERFLOW),
				 errmsg("financial year %04d/%02d %s %lld is out of range",
						fy, (fy + 1) % 100, years < 0 ? "-" : "+",
						(long long) (years < 0 ? -years : years)),
				 errdetail("Financial years run from 1900/01 to 9998/99.")));
	return (FiscalYear) r;
}

PG_FUNCTION_INFO_V1(fiscal_year_pl_int);
Datum
fiscal_year_pl_int(PG_FUNCTION_ARGS)
{
	PG_RETURN_FISCAL_YEAR(fiscal_year_shift(PG_GETARG_FISCAL_YEAR(0),
											(int64) PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(int_pl_fiscal_year);
Datum
int_pl_fiscal_year(PG_FUNCTION_ARGS)
{
	PG_RETURN_FISCAL_YEAR(fiscal_year_shift(PG_GETARG_FISCAL_YEAR(1),
											(int64) PG_GETARG_INT32(0)));
}

PG_FUNCTION_INFO_V1(fiscal_year_mi_int);
Datum
fiscal_year_mi_int(PG_FUNCTION_ARGS)
{
	PG_RETURN_FISCAL_YEAR(fiscal_year_shift(PG_GETARG_FISCAL_YEAR(0),
											-(int64) PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(fiscal_year_mi);
Datum
fiscal_year_mi(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_FISCAL_YEAR(0) - PG_GETARG_FISCAL_YEAR(1));
}

/* ---------- comparison, btree and hash support --------------------------- */

#define FY_CMP_FUNC(name, op) \
PG_FUNCTION_INFO_V1(name); \
Datum \
name(PG_FUNCTION_ARGS) \
{ \
	PG_RETURN_BOOL(PG_GETARG_FISCAL_YEAR(0) op PG_GETARG_FISCAL_YEAR(1)); \
}

FY_CMP_FUNC(fiscal_year_eq, ==)
FY_CMP_FUNC(fiscal_year_ne, !=)
FY_CMP_FUNC(fiscal_year_lt, <)
FY_CMP_FUNC(fiscal_year_le, <=)
FY_CMP_FUNC(fiscal_year_gt, >)
FY_CMP_FUNC(fiscal_year_ge, >=)

PG_FUNCTION_INFO_V1(fiscal_year_cmp);
Datum
fiscal_year_cmp(PG_FUNCTION_ARGS)
{
	FiscalYear	a = PG_GETARG_FISCAL_YEAR(0);
	FiscalYear	b = PG_GETARG_FISCAL_YEAR(1);

	PG_RETURN_INT32((a > b) - (a < b));
}

PG_FUNCTION_INFO_V1(fiscal_year_hash);
Datum
fiscal_year_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_FISCAL_YEAR(0));
}

PG_FUNCTION_INFO_V1(fiscal_year_hash_extended);
Datum
fiscal_year_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_FISCAL_YEAR(0),
								PG_GETARG_INT64(1));
}
