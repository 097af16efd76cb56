/*
 * types/fiscal_year.c — the s22a.fiscal_year type's SQL face: text and
 * binary I/O, the year of a date and its first and last days, arithmetic,
 * comparison and hashing.  What a financial year is (its written forms,
 * its range, the year containing a date) is the rule in
 * rules/fiscal_year.c (Seven Force Collaboration Agreement, clause 5:
 * budgets and apportionments are set "in any given year", 1 April to
 * 31 March); this file unpacks Datums and words the refusals.  The value is
 * stored as the calendar year in which it starts (2016/17 -> 2016),
 * pass-by-value.
 */
#include "postgres.h"

#include "fmgr.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "s22a.h"

/* Version byte that leads the binary form; bump when the layout changes. */
#define FISCAL_YEAR_WIRE_VERSION 1

#define FISCAL_YEAR_HINT "Write it as 2016/17, 2016-17, 2016/2017 or 2016-2017."
#define FISCAL_YEAR_RANGE_DETAIL "Financial years run from 1900/01 to 9998/99."

#define BAD_FISCAL_YEAR(fcinfo, str, ...) \
	ereturn(S22A_ESCONTEXT(fcinfo), (Datum) 0, \
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION), \
			 errmsg("invalid input syntax for type fiscal_year: \"%s\"", (str)), \
			 __VA_ARGS__))

PG_FUNCTION_INFO_V1(fiscal_year_in);
Datum
fiscal_year_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	FiscalYear	fy;

	switch (fiscal_year_parse(str, &fy))
	{
		case FISCAL_YEAR_OK:
			break;
		case FISCAL_YEAR_NO_START_YEAR:
			BAD_FISCAL_YEAR(fcinfo, str,
							errdetail("A financial year starts with a four-digit year."),
							errhint(FISCAL_YEAR_HINT));
			break;
		case FISCAL_YEAR_NO_SEPARATOR:
			BAD_FISCAL_YEAR(fcinfo, str,
							errdetail("The two years must be separated by \"/\" or \"-\"."),
							errhint(FISCAL_YEAR_HINT));
			break;
		case FISCAL_YEAR_BAD_END_YEAR:
			BAD_FISCAL_YEAR(fcinfo, str,
							errdetail("The end year must have two or four digits."),
							errhint(FISCAL_YEAR_HINT));
			break;
		case FISCAL_YEAR_LOOKS_LIKE_DATE:
			BAD_FISCAL_YEAR(fcinfo, str,
							errdetail("This looks like a date, not a financial year."),
							errhint("For the financial year containing a date, write s22a.fiscal_year(date '%s').", str));
			break;
		case FISCAL_YEAR_TRAILING_TEXT:
			BAD_FISCAL_YEAR(fcinfo, str,
							errdetail("Unexpected text after the end year."),
							errhint(FISCAL_YEAR_HINT));
			break;
		case FISCAL_YEAR_END_NOT_NEXT:
			BAD_FISCAL_YEAR(fcinfo, str,
							errdetail("A financial year ends in the year after it starts; %04d is followed by %04d.",
									  (int) fy, (int) fy + 1));
			break;
		default:
			BAD_FISCAL_YEAR(fcinfo, str, errdetail(FISCAL_YEAR_RANGE_DETAIL));
			break;
	}
	PG_RETURN_FISCAL_YEAR(fy);
}

PG_FUNCTION_INFO_V1(fiscal_year_out);
Datum
fiscal_year_out(PG_FUNCTION_ARGS)
{
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(0);

	PG_RETURN_CSTRING(fiscal_year_label(fy));
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
				 errdetail(FISCAL_YEAR_RANGE_DETAIL)));
	PG_RETURN_FISCAL_YEAR(start);
}

/* ---------- dates ------------------------------------------------------- */

PG_FUNCTION_INFO_V1(fiscal_year_of_date);
Datum
fiscal_year_of_date(PG_FUNCTION_ARGS)
{
	DateADT		d = PG_GETARG_DATEADT(0);
	FiscalYear	fy;

	switch (fiscal_year_of_day(d, &fy))
	{
		case FISCAL_YEAR_OK:
			break;
		case FISCAL_YEAR_DATE_INFINITE:
			ereport(ERROR,
					(errcode(fiscal_year_fault_sqlstate(FISCAL_YEAR_DATE_INFINITE)),
					 errmsg("date %s has no financial year", s22a_iso_date(d))));
			break;
		default:
			ereport(ERROR,
					(errcode(fiscal_year_fault_sqlstate(FISCAL_YEAR_DATE_OUT_OF_RANGE)),
					 errmsg("date %s is outside the financial years 1900/01 to 9998/99",
							s22a_iso_date(d))));
	}
	PG_RETURN_FISCAL_YEAR(fy);
}

PG_FUNCTION_INFO_V1(fiscal_year_first_day);
Datum
fiscal_year_first_day(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(fiscal_year_first_day_number(PG_GETARG_FISCAL_YEAR(0)));
}

PG_FUNCTION_INFO_V1(fiscal_year_last_day);
Datum
fiscal_year_last_day(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(fiscal_year_last_day_number(PG_GETARG_FISCAL_YEAR(0)));
}

/* ---------- arithmetic -------------------------------------------------- */

static FiscalYear
shift_or_refuse(FiscalYear fy, int64 years)
{
	FiscalYear	r;
	FiscalYearFault fault = fiscal_year_shift(fy, years, &r);

	if (fault != FISCAL_YEAR_OK)
		ereport(ERROR,
				(errcode(fiscal_year_fault_sqlstate(fault)),
				 errmsg("financial year %s %s %lld is out of range",
						fiscal_year_label(fy), years < 0 ? "-" : "+",
						(long long) (years < 0 ? -years : years)),
				 errdetail(FISCAL_YEAR_RANGE_DETAIL)));
	return r;
}

PG_FUNCTION_INFO_V1(fiscal_year_pl_int);
Datum
fiscal_year_pl_int(PG_FUNCTION_ARGS)
{
	PG_RETURN_FISCAL_YEAR(shift_or_refuse(PG_GETARG_FISCAL_YEAR(0),
										  (int64) PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(int_pl_fiscal_year);
Datum
int_pl_fiscal_year(PG_FUNCTION_ARGS)
{
	PG_RETURN_FISCAL_YEAR(shift_or_refuse(PG_GETARG_FISCAL_YEAR(1),
										  (int64) PG_GETARG_INT32(0)));
}

PG_FUNCTION_INFO_V1(fiscal_year_mi_int);
Datum
fiscal_year_mi_int(PG_FUNCTION_ARGS)
{
	PG_RETURN_FISCAL_YEAR(shift_or_refuse(PG_GETARG_FISCAL_YEAR(0),
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
