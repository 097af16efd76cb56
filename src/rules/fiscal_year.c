/*
 * rules/fiscal_year.c — what a financial year is, over plain C values: its
 * written forms ("2016/17", "2016-17", "2016/2017", "2016-2017"), the range
 * s22a accepts (1900/01 to 9998/99), the year containing a date, and its
 * first and last days as day numbers (DateADT's numbering).
 *
 * A UK public-sector financial year runs from 1 April to 31 March; budgets
 * and cost apportionments in the agreements are set per financial year
 * (Seven Force Collaboration Agreement, clause 5: "in any given year").  A
 * value is the calendar year in which it starts (2016/17 -> 2016).
 *
 * The rules return fault codes; the type's glue (types/fiscal_year.c)
 * words the messages and fiscal_year_fault_sqlstate() names the SQLSTATE
 * of each, so the unit tests check what a refusal carries.
 */
#include "postgres.h"

#include <ctype.h>

#include "utils/errcodes.h"

#include "s22a.h"

bool
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

/*
 * Reads a financial year written as 2016/17, 2016-17, 2016/2017 or
 * 2016-2017, with spaces around it.  On FISCAL_YEAR_OK *out is the start
 * year; on FISCAL_YEAR_END_NOT_NEXT it is the start year read, so the
 * message can name the year that should follow.
 */
FiscalYearFault
fiscal_year_parse(const char *str, FiscalYear *out)
{
	const char *p = str;
	int			nstart,
				nend;
	int64		start,
				end;

	*out = 0;
	while (isspace((unsigned char) *p))
		p++;
	if (!read_digits(&p, &nstart, &start) || nstart != 4)
		return FISCAL_YEAR_NO_START_YEAR;
	*out = (FiscalYear) start;
	if (*p != '/' && *p != '-')
		return FISCAL_YEAR_NO_SEPARATOR;
	p++;
	if (!read_digits(&p, &nend, &end) || (nend != 2 && nend != 4))
		return FISCAL_YEAR_BAD_END_YEAR;
	/* 2016-03-31 is a date; fiscal_year('2016-03-31') is read as a cast */
	if (nend == 2 && *p == '-' && isdigit((unsigned char) p[1]))
		return FISCAL_YEAR_LOOKS_LIKE_DATE;
	while (isspace((unsigned char) *p))
		p++;
	if (*p != '\0')
		return FISCAL_YEAR_TRAILING_TEXT;
	if ((nend == 2 && end != (start + 1) % 100) ||
		(nend == 4 && end != start + 1))
		return FISCAL_YEAR_END_NOT_NEXT;
	if (!fiscal_year_in_range(start))
		return FISCAL_YEAR_OUT_OF_RANGE;
	return FISCAL_YEAR_OK;
}

/*
 * The financial year containing a day: the year it falls in from April, the
 * year before in January to March.
 */
FiscalYearFault
fiscal_year_of_day(DateADT day, FiscalYear *out)
{
	int			y,
				m,
				d;
	int64		start;

	*out = 0;
	if (DATE_NOT_FINITE(day))
		return FISCAL_YEAR_DATE_INFINITE;
	calendar_civil_date(day, &y, &m, &d);
	start = m >= 4 ? y : (int64) y - 1;
	if (!fiscal_year_in_range(start))
		return FISCAL_YEAR_DATE_OUT_OF_RANGE;
	*out = (FiscalYear) start;
	return FISCAL_YEAR_OK;
}

/* 1 April of its start year */
int32
fiscal_year_first_day_number(FiscalYear fy)
{
	return calendar_day_number(fy, 4, 1);
}

/* 31 March of the year after */
int32
fiscal_year_last_day_number(FiscalYear fy)
{
	return calendar_day_number(fy + 1, 3, 31);
}

/* fy + years, or FISCAL_YEAR_SHIFT_OUT_OF_RANGE */
FiscalYearFault
fiscal_year_shift(FiscalYear fy, int64 years, FiscalYear *out)
{
	int64		r = (int64) fy + years;

	*out = fy;
	if (!fiscal_year_in_range(r))
		return FISCAL_YEAR_SHIFT_OUT_OF_RANGE;
	*out = (FiscalYear) r;
	return FISCAL_YEAR_OK;
}

/* The one written form: `2016/17`. */
char *
fiscal_year_label(FiscalYear fy)
{
	return psprintf("%04d/%02d", fy, (fy + 1) % 100);
}

/*
 * The SQLSTATE a fault is refused with: bad text is 22P02 (as every type's
 * input), a date or a sum outside the financial years is 22008 (as date
 * arithmetic past the end of the calendar).
 */
int
fiscal_year_fault_sqlstate(FiscalYearFault fault)
{
	switch (fault)
	{
		case FISCAL_YEAR_OK:
			return 0;
		case FISCAL_YEAR_NO_START_YEAR:
		case FISCAL_YEAR_NO_SEPARATOR:
		case FISCAL_YEAR_BAD_END_YEAR:
		case FISCAL_YEAR_LOOKS_LIKE_DATE:
		case FISCAL_YEAR_TRAILING_TEXT:
		case FISCAL_YEAR_END_NOT_NEXT:
		case FISCAL_YEAR_OUT_OF_RANGE:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case FISCAL_YEAR_DATE_INFINITE:
		case FISCAL_YEAR_DATE_OUT_OF_RANGE:
		case FISCAL_YEAR_SHIFT_OUT_OF_RANGE:
			return ERRCODE_DATETIME_FIELD_OVERFLOW;
	}
	return ERRCODE_INTERNAL_ERROR;
}
