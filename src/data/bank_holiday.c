/*
 * data/bank_holiday.c — the bank holidays of England and Wales as the
 * working-day rules count them: the weekday rows of s22a.bank_holiday, read
 * by one kept query and cached per backend (Seven Force Collaboration
 * Agreement, clause 3.4: notice is counted in "clear working days", so a
 * stale calendar would be a wrong answer about whether a decision may be
 * made).
 *
 * The cache.  Every call needs the holidays as a sorted array (the rule in
 * rules/calendar.c counts with two binary searches), so each backend reads
 * the weekday rows of s22a.bank_holiday once and keeps them in
 * TopMemoryContext.  It must never be stale.  A plain INSERT sends no
 * invalidation by itself, so a statement-level trigger on the table
 * (bank_holiday_changed, triggers/bank_holiday.c) calls
 * CacheInvalidateRelcache() on it; that queues a relcache invalidation which
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

#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "lib/qunique.h"
#include "utils/date.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "s22a.h"

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
	Oid			nsp = get_namespace_oid(S22A_SCHEMA, true);
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
const HolidayCalendar *
s22a_load_bank_holidays(void)
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

		/*
		 * No operator in the query: weekends are dropped below, in C, so
		 * nothing planted on the caller's search_path can change what the
		 * calendar holds (doc/security.md).
		 */
		s22a_keep_plan(&plan, "SELECT day FROM s22a.bank_holiday", 0, NULL);
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

/*
 * The trigger's half of the invalidation: after it has queued the relcache
 * invalidation, the cache is stale at once in this backend too.
 */
void
s22a_forget_bank_holidays(void)
{
	cache_valid = false;
}
