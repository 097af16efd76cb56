/*
 * test_fiscal_year.c — unit tests of src/rules/fiscal_year.c: the written
 * forms of a financial year, its range, the year containing a date and its
 * first and last days, each refusal with the SQLSTATE it is raised with.
 */
#include "unit.h"

#include "utils/errcodes.h"

static void
accepts(const char *text, FiscalYear want)
{
	FiscalYear	fy;
	FiscalYearFault f = fiscal_year_parse(text, &fy);

	UNIT_OK(f == FISCAL_YEAR_OK && fy == want,
			"fiscal_year: \"%s\" reads as %d", text, want);
}

static void
refuses(const char *text, FiscalYearFault want, int sqlstate)
{
	FiscalYear	fy;
	FiscalYearFault f = fiscal_year_parse(text, &fy);

	UNIT_OK(f == want && fiscal_year_fault_sqlstate(f) == sqlstate,
			"fiscal_year: \"%s\" is refused (fault %d, want %d), SQLSTATE %s",
			text, f, want, sqlstate == ERRCODE_INVALID_TEXT_REPRESENTATION ? "22P02" : "22008");
}

int
main(void)
{
	FiscalYear	fy;
	char	   *s;

	/* the Seven Force agreement's first year, written every way accepted */
	accepts("2016/17", 2016);
	accepts("2016-17", 2016);
	accepts("2016/2017", 2016);
	accepts("2016-2017", 2016);
	accepts("  2016/17  ", 2016);
	/* the turn of a century: 1999/00 ends in 2000 */
	accepts("1999/00", 1999);
	accepts("1999-2000", 1999);
	/* the range's ends */
	accepts("1900/01", FISCAL_YEAR_MIN);
	accepts("9998/99", FISCAL_YEAR_MAX);

	refuses("", FISCAL_YEAR_NO_START_YEAR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("16/17", FISCAL_YEAR_NO_START_YEAR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("20161/17", FISCAL_YEAR_NO_START_YEAR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016 17", FISCAL_YEAR_NO_SEPARATOR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016.17", FISCAL_YEAR_NO_SEPARATOR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016", FISCAL_YEAR_NO_SEPARATOR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016/7", FISCAL_YEAR_BAD_END_YEAR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016/017", FISCAL_YEAR_BAD_END_YEAR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016/", FISCAL_YEAR_BAD_END_YEAR, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016-03-31", FISCAL_YEAR_LOOKS_LIKE_DATE, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016/17 FY", FISCAL_YEAR_TRAILING_TEXT, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016/17/18", FISCAL_YEAR_TRAILING_TEXT, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016/18", FISCAL_YEAR_END_NOT_NEXT, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("2016/2016", FISCAL_YEAR_END_NOT_NEXT, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("1999/2100", FISCAL_YEAR_END_NOT_NEXT, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("1899/00", FISCAL_YEAR_OUT_OF_RANGE, ERRCODE_INVALID_TEXT_REPRESENTATION);
	refuses("9999/00", FISCAL_YEAR_OUT_OF_RANGE, ERRCODE_INVALID_TEXT_REPRESENTATION);

	/* the year containing a date: 31 March is the last day, 1 April the first */
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(2017, 3, 31), &fy) == FISCAL_YEAR_OK && fy == 2016,
			"fiscal_year: 31 March 2017 is in 2016/17");
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(2017, 4, 1), &fy) == FISCAL_YEAR_OK && fy == 2017,
			"fiscal_year: 1 April 2017 is in 2017/18");
	/* BTP joined the CTC agreement on 1 May 2019: 2019/20 */
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(2019, 5, 1), &fy) == FISCAL_YEAR_OK && fy == 2019,
			"fiscal_year: 1 May 2019 is in 2019/20");
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(2000, 2, 29), &fy) == FISCAL_YEAR_OK && fy == 1999,
			"fiscal_year: 29 February 2000 is in 1999/00");
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(1900, 4, 1), &fy) == FISCAL_YEAR_OK && fy == 1900,
			"fiscal_year: 1 April 1900 is in 1900/01, the first year");
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(1900, 3, 31), &fy) == FISCAL_YEAR_DATE_OUT_OF_RANGE &&
			fiscal_year_fault_sqlstate(FISCAL_YEAR_DATE_OUT_OF_RANGE) == ERRCODE_DATETIME_FIELD_OVERFLOW,
			"fiscal_year: 31 March 1900 is before the first year (22008)");
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(9999, 3, 31), &fy) == FISCAL_YEAR_OK && fy == FISCAL_YEAR_MAX,
			"fiscal_year: 31 March 9999 is in 9998/99, the last year");
	UNIT_OK(fiscal_year_of_day(UNIT_DAY(9999, 4, 1), &fy) == FISCAL_YEAR_DATE_OUT_OF_RANGE,
			"fiscal_year: 1 April 9999 is after the last year (9998/99)");
	UNIT_OK(fiscal_year_of_day(DATEVAL_NOEND, &fy) == FISCAL_YEAR_DATE_INFINITE &&
			fiscal_year_of_day(DATEVAL_NOBEGIN, &fy) == FISCAL_YEAR_DATE_INFINITE &&
			fiscal_year_fault_sqlstate(FISCAL_YEAR_DATE_INFINITE) == ERRCODE_DATETIME_FIELD_OVERFLOW,
			"fiscal_year: infinite dates have no year (22008)");

	/* every day of 1900..2100 round-trips through the civil date */
	{
		bool		all = true;

		for (int32 d = UNIT_DAY(1900, 1, 1); d <= UNIT_DAY(2100, 12, 31) && all; d++)
		{
			int			y,
						m,
						dd;

			calendar_civil_date(d, &y, &m, &dd);
			all = calendar_day_number(y, m, dd) == d;
		}
		UNIT_OK(all, "calendar: civil date and day number are inverse from 1900 to 2100");
	}

	UNIT_OK(fiscal_year_first_day_number(2016) == UNIT_DAY(2016, 4, 1) &&
			fiscal_year_last_day_number(2016) == UNIT_DAY(2017, 3, 31),
			"fiscal_year: 2016/17 runs from 1 April 2016 to 31 March 2017");
	UNIT_OK(fiscal_year_last_day_number(2019) - fiscal_year_first_day_number(2019) == 365,
			"fiscal_year: 2019/20 has 366 days (29 February 2020)");

	UNIT_OK(fiscal_year_shift(2016, 3, &fy) == FISCAL_YEAR_OK && fy == 2019,
			"fiscal_year: 2016/17 + 3 is 2019/20");
	UNIT_OK(fiscal_year_shift(FISCAL_YEAR_MAX, 1, &fy) == FISCAL_YEAR_SHIFT_OUT_OF_RANGE &&
			fiscal_year_shift(FISCAL_YEAR_MIN, -1, &fy) == FISCAL_YEAR_SHIFT_OUT_OF_RANGE &&
			fiscal_year_fault_sqlstate(FISCAL_YEAR_SHIFT_OUT_OF_RANGE) == ERRCODE_DATETIME_FIELD_OVERFLOW,
			"fiscal_year: 9998/99 + 1 and 1900/01 - 1 are out of range (22008)");

	s = fiscal_year_label(1999);
	UNIT_OK(strcmp(s, "1999/00") == 0, "fiscal_year: 1999 is written 1999/00 (got %s)", s);
	s = fiscal_year_label(2016);
	UNIT_OK(strcmp(s, "2016/17") == 0, "fiscal_year: 2016 is written 2016/17 (got %s)", s);
	UNIT_DONE();
}
