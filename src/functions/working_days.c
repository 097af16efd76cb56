/*
 * functions/working_days.c — clear working days in SQL and in C: the C API
 * the decision rules call (s22a_notice_deadline() and friends), the SQL
 * functions is_working_day, working_days_between, add_working_days,
 * notice_deadline, easter_sunday, and statutory_bank_holidays (which
 * CREATE EXTENSION fills s22a.bank_holiday from).
 *
 * Notice periods in the agreements are "clear working days" (Seven Force
 * Collaboration Agreement, clause 3.4): neither the day notice is given nor
 * the day of the meeting counts.  The counting is the rule in
 * rules/calendar.c; the holidays come from data/bank_holiday.c.  Here the
 * dates are checked (infinite dates and results past the calendar raise
 * 22008) and the SQL arguments unpacked.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "s22a.h"

/* the years the statutory pattern (early May since 1978) describes */
#define PATTERN_FIRST_YEAR 1978
#define PATTERN_LAST_YEAR  9999

static void
check_finite(DateADT d)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("working days cannot be counted from date \"%s\"",
						s22a_iso_date(d)),
				 errdetail("The date is infinite."),
				 errhint("Give a finite date.")));
}

static DateADT
check_result(int64 day, DateADT from, int64 n)
{
	if (!IS_VALID_DATE(day) || day < PG_INT32_MIN || day > PG_INT32_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("date out of range: %lld working days from %s",
						(long long) n,
						s22a_iso_date(from)),
				 errhint("Dates run from 4713 BC to 5874897 AD.")));
	return (DateADT) day;
}

/* ---------- the C API ----------------------------------------------------- */

bool
s22a_is_working_day(DateADT d)
{
	check_finite(d);
	return calendar_is_working_day(s22a_load_bank_holidays(), d);
}

int32
s22a_working_days_between(DateADT a, DateADT b)
{
	check_finite(a);
	check_finite(b);
	/* at most ~ (b - a) and dates span under 2^31 days: fits */
	return (int32) calendar_working_days_between(s22a_load_bank_holidays(), a, b);
}

DateADT
s22a_add_working_days(DateADT d, int32 n)
{
	check_finite(d);
	if (n == 0)
		return d;
	/* guard the arithmetic: 7 calendar days per 5 working days, plus holidays */
	if ((int64) d + (int64) n * 2 > PG_INT32_MAX || (int64) d + (int64) n * 2 < PG_INT32_MIN)
		check_result((int64) d + (int64) n * 2, d, n);
	return check_result(calendar_add_working_days(s22a_load_bank_holidays(), d, n), d, n);
}

DateADT
s22a_notice_deadline(DateADT meeting, int32 clear_days)
{
	check_finite(meeting);
	if (clear_days < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clear days of notice must not be negative: %d", clear_days),
				 errhint("Give the number of clear working days the notice must leave, e.g. 2.")));
	/* no notice needed: it may be given on the day of the meeting itself */
	if (clear_days == 0)
		return meeting;
	if ((int64) meeting - (int64) clear_days * 2 < PG_INT32_MIN)
		check_result((int64) meeting - (int64) clear_days * 2, meeting, -clear_days);
	return check_result(calendar_notice_deadline(s22a_load_bank_holidays(), meeting, clear_days),
						meeting, -clear_days);
}

/* ---------- SQL functions ------------------------------------------------- */

PG_FUNCTION_INFO_V1(s22a_is_working_day_sql);
Datum
s22a_is_working_day_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(s22a_is_working_day(PG_GETARG_DATEADT(0)));
}

PG_FUNCTION_INFO_V1(s22a_working_days_between_sql);
Datum
s22a_working_days_between_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(s22a_working_days_between(PG_GETARG_DATEADT(0), PG_GETARG_DATEADT(1)));
}

PG_FUNCTION_INFO_V1(s22a_add_working_days_sql);
Datum
s22a_add_working_days_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(s22a_add_working_days(PG_GETARG_DATEADT(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(s22a_notice_deadline_sql);
Datum
s22a_notice_deadline_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_DATEADT(s22a_notice_deadline(PG_GETARG_DATEADT(0), PG_GETARG_INT32(1)));
}

PG_FUNCTION_INFO_V1(s22a_easter_sunday);
Datum
s22a_easter_sunday(PG_FUNCTION_ARGS)
{
	int32		year = PG_GETARG_INT32(0);

	if (year < 1583 || year > 9999)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("year %d is outside the Gregorian computus range", year),
				 errhint("Give a year from 1583 to 9999.")));
	PG_RETURN_DATEADT(calendar_easter_sunday(year));
}

/*
 * s22a.statutory_bank_holidays(from_year, to_year): the statutory pattern
 * and the one-off changes, year by year; CREATE EXTENSION fills
 * s22a.bank_holiday from it.  from_year > to_year gives no rows.
 */
PG_FUNCTION_INFO_V1(s22a_statutory_bank_holidays);
Datum
s22a_statutory_bank_holidays(PG_FUNCTION_ARGS)
{
	int32		from_year = PG_GETARG_INT32(0);
	int32		to_year = PG_GETARG_INT32(1);
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	for (int i = 0; i < 2; i++)
	{
		int32		y = i == 0 ? from_year : to_year;

		if (y < PATTERN_FIRST_YEAR || y > PATTERN_LAST_YEAR)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("year %d is outside the statutory bank holiday pattern", y),
					 errdetail("The pattern computed here (with the early May holiday) holds from %d.",
							   PATTERN_FIRST_YEAR),
					 errhint("Give years from %d to %d.", PATTERN_FIRST_YEAR, PATTERN_LAST_YEAR)));
	}

	InitMaterializedSRF(fcinfo, 0);
	for (int32 y = from_year; y <= to_year; y++)
	{
		StatutoryHoliday days[CALENDAR_MAX_HOLIDAYS_PER_YEAR];
		int			n = calendar_statutory_holidays(y, days);

		for (int i = 0; i < n; i++)
		{
			Datum		values[2];
			bool		nulls[2] = {false, false};

			values[0] = DateADTGetDatum(days[i].day);
			values[1] = CStringGetTextDatum(days[i].name);
			tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		}
	}
	return (Datum) 0;
}
