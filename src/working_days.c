/*
 * working_days.c — clear working days against s22a.bank_holiday: the C API
 * (s22a_working_days_between() and friends) other rule code calls, the SQL
 * functions, the statutory holiday generator used by CREATE EXTENSION, and
 * the per-backend holiday cache.
 *
 * The cache.  Every call needs the holidays as a sorted array (calendar.c
 * counts with two binary searches), so each backend reads the weekday rows
 * of s22a.bank_holiday once and keeps them in TopMemoryContext.  It must
 * never be stale, because a notice period counted against an old calendar
 * is a wrong answer about whether a decision may be made.  A plain INSERT
 * sends no invalidation by itself, so a statement-level trigger on the
 * table (bank_holiday_changed) calls CacheInvalidateRelcache() on it; that
 * queues a relcache invalidation which
 *   - this backend processes at the next command boundary (so the next
 *     statement in the same transaction sees the new day),
 *   - other backends process when they next accept invalidations (at the
 *     start of their next transaction) once the change commits,
 *   - on rollback is replayed locally, so a cache built from rows that
 *     were rolled back is dropped too.
 * The callback registered with CacheRegisterRelcacheCallback() marks the
 * cache stale for that relation or for a full reset (InvalidOid).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "lib/qunique.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"
#include "access/xact.h"

#include "s22a.h"

/* the years the statutory pattern (early May since 1978) describes */
#define PATTERN_FIRST_YEAR 1978
#define PATTERN_LAST_YEAR  9999

static bool cache_valid = false;
static bool callback_registered = false;
static bool cache_this_statement_only = false;
static Oid	cache_relid = InvalidOid;
static int32 *cache_days = NULL;
static HolidayCalendar cache_calendar = {0, NULL};

static void
bank_holiday_invalidate(Datum arg, Oid relid)
{
	if (relid == InvalidOid || relid == cache_relid)
		cache_valid = false;
}

static int
cmp_int32(const void *a, const void *b)
{
	int32		x = *(const int32 *) a,
				y = *(const int32 *) b;

	return (x > y) - (x < y);
}

/*
 * s22a.bank_holiday.  The control file fixes the schema (schema = s22a,
 * relocatable = false), so the name is always the same.
 */
static Oid
bank_holiday_relid(void)
{
	Oid			nsp = get_namespace_oid("s22a", true);
	Oid			relid = OidIsValid(nsp) ? get_relname_relid("bank_holiday", nsp) : InvalidOid;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"s22a.bank_holiday\" does not exist"),
				 errhint("Run CREATE EXTENSION s22a.")));
	return relid;
}

/*
 * Reads the weekday holidays, sorted and unique.  Weekend rows (an
 * administrator may record the day itself as well as its substitute) take
 * no working day away, so they are left out of the count.
 */
static const HolidayCalendar *
holiday_calendar(void)
{
	static SPIPlanPtr plan = NULL;
	static TimestampTz last_statement = 0;
	Oid			relid;
	int32	   *days = NULL;
	int			n = 0;

	/*
	 * Inside an open transaction a backend accepts invalidations only when
	 * it takes a new lock, and these functions lock nothing once the cache
	 * is built.  Accept them once per statement, so a holiday another
	 * session committed is seen by the next statement, as a plain SELECT on
	 * the table would see it under READ COMMITTED.
	 */
	if (GetCurrentStatementStartTimestamp() != last_statement)
	{
		last_statement = GetCurrentStatementStartTimestamp();
		AcceptInvalidationMessages();
		if (cache_this_statement_only)
			cache_valid = false;
	}
	if (cache_valid)
		return &cache_calendar;

	if (!callback_registered)
	{
		CacheRegisterRelcacheCallback(bank_holiday_invalidate, (Datum) 0);
		callback_registered = true;
	}

	relid = bank_holiday_relid();

	/*
	 * Mark the cache valid before reading, so an invalidation processed
	 * while the query runs (lock acquisition accepts them) leaves it stale;
	 * an error while reading leaves it stale too.
	 *
	 * Read with the latest snapshot, not the statement's: invalidations are
	 * sent after the changing transaction is visible, so any change whose
	 * invalidation we have already accepted is in it.  (A statement or
	 * REPEATABLE READ snapshot taken earlier could miss it and leave a stale
	 * cache with no invalidation left to come.)  The calendar is therefore
	 * always the latest committed one plus this transaction's own changes.
	 */
	cache_relid = relid;
	cache_valid = true;
	PG_TRY();
	{
		uint64		rows;

		if (SPI_connect() != SPI_OK_CONNECT)
			elog(ERROR, "SPI_connect failed");
		if (plan == NULL)
		{
			/*
			 * No operator in the query: weekends are dropped below, in C, so
			 * nothing planted on the caller's search_path can change what
			 * the calendar holds (doc/security.md).
			 */
			SPIPlanPtr	p = SPI_prepare("SELECT day FROM s22a.bank_holiday", 0, NULL);

			if (p == NULL || SPI_keepplan(p) != 0)
				elog(ERROR, "could not prepare the bank holiday query: %s",
					 SPI_result_code_string(SPI_result));
			plan = p;
		}
		/*
		 * A parallel operation may not take a new snapshot: read with the
		 * statement's (shared by leader and workers), and keep the result
		 * for this statement only.
		 */
		cache_this_statement_only = IsInParallelMode();
		if (SPI_execute_snapshot(plan, NULL, NULL,
								 cache_this_statement_only ? GetActiveSnapshot() : GetLatestSnapshot(),
								 InvalidSnapshot, true, false, 0) != SPI_OK_SELECT)
			elog(ERROR, "could not read s22a.bank_holiday");

		rows = SPI_processed;
		days = MemoryContextAlloc(TopMemoryContext, sizeof(int32) * Max(rows, 1));
		for (uint64 i = 0; i < rows; i++)
		{
			bool		isnull;
			Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1, &isnull);

			if (!isnull && !DATE_NOT_FINITE(DatumGetDateADT(d)) &&
				calendar_weekday(DatumGetDateADT(d)) != 0 &&
				calendar_weekday(DatumGetDateADT(d)) != 6)
				days[n++] = DatumGetDateADT(d);
		}
		SPI_finish();
	}
	PG_CATCH();
	{
		cache_valid = false;
		PG_RE_THROW();
	}
	PG_END_TRY();

	qsort(days, n, sizeof(int32), cmp_int32);
	n = (int) qunique(days, n, sizeof(int32), cmp_int32);

	if (cache_days)
		pfree(cache_days);
	cache_days = days;
	cache_calendar.n = n;
	cache_calendar.days = days;
	return &cache_calendar;
}

static void
check_finite(DateADT d)
{
	if (DATE_NOT_FINITE(d))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("working days cannot be counted from date \"%s\"",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)))),
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
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(from)))),
				 errhint("Dates run from 4713 BC to 5874897 AD.")));
	return (DateADT) day;
}

/* ---------- the C API ----------------------------------------------------- */

bool
s22a_is_working_day(DateADT d)
{
	check_finite(d);
	return calendar_is_working_day(holiday_calendar(), d);
}

int32
s22a_working_days_between(DateADT a, DateADT b)
{
	check_finite(a);
	check_finite(b);
	/* at most ~ (b - a) and dates span under 2^31 days: fits */
	return (int32) calendar_working_days_between(holiday_calendar(), a, b);
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
	return check_result(calendar_add_working_days(holiday_calendar(), d, n), d, n);
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
	return check_result(calendar_notice_deadline(holiday_calendar(), meeting, clear_days),
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

/*
 * Statement-level trigger on s22a.bank_holiday: any change queues a relcache
 * invalidation of the table, which drops every backend's holiday cache
 * (see the top of this file).
 */
PG_FUNCTION_INFO_V1(bank_holiday_changed);
Datum
bank_holiday_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("bank_holiday_changed() must be called as a trigger")));
	CacheInvalidateRelcache(trigdata->tg_relation);
	cache_valid = false;
	return PointerGetDatum(NULL);
}
