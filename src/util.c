/*
 * util.c — the one utility module: what every layer of s22a shares.
 *
 *   - kept SPI plans (prepared once per backend, as periods.c does);
 *   - the trigger context: a C trigger function refuses to run anywhere
 *     but on the tables the rule registry binds it to (rule_registry.c);
 *   - running a rule's own query as a table's owner;
 *   - the search_path every query of s22a runs under;
 *   - column access by name on a trigger's row;
 *   - message formatting: ISO dates whatever the DateStyle, numbers,
 *     lists of party codes, fiscal years.
 *
 * Nothing here knows a rule: rules live in src/rules/, their queries in
 * src/data/, their SQL faces in src/functions/, src/triggers/, src/types/.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "datatype/timestamp.h"
#include "pgtime.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/datum.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "s22a.h"

/* ---------- kept plans -------------------------------------------------- */

/*
 * The plan in *slot, preparing and keeping it on first use.  The query text
 * is fixed and names every object with its schema, so one plan serves the
 * backend's life (PostgreSQL replans it when a table it reads changes).
 */
SPIPlanPtr
s22a_keep_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes)
{
	if (*slot == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "s22a: could not prepare \"%s\": %s", sql,
				 SPI_result_code_string(SPI_result));
		*slot = plan;
	}
	return *slot;
}

/* Runs a kept read-only query; `limit` 0 means every row. */
void
s22a_select(SPIPlanPtr plan, Datum *args, const char *nulls, long limit)
{
	int			rc = SPI_execute_plan(plan, args, nulls, true, limit);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "s22a: register query failed: %s", SPI_result_code_string(rc));
}

/* ---------- trigger context ---------------------------------------------- */

static const char *
event_text(int events)
{
	StringInfoData s;

	initStringInfo(&s);
	if (events & S22A_TG_BEFORE_ROW)
		appendStringInfoString(&s, "BEFORE ... FOR EACH ROW");
	if (events & S22A_TG_AFTER_ROW)
		appendStringInfo(&s, "%sAFTER ... FOR EACH ROW", s.len ? " or " : "");
	if (events & S22A_TG_BEFORE_STATEMENT)
		appendStringInfo(&s, "%sBEFORE ... FOR EACH STATEMENT", s.len ? " or " : "");
	if (events & S22A_TG_AFTER_STATEMENT)
		appendStringInfo(&s, "%sAFTER ... FOR EACH STATEMENT", s.len ? " or " : "");
	return s.data;
}

/*
 * The TriggerData of a call of one of s22a's trigger functions, after
 * checking that the trigger manager called it, when, and on which table.
 *
 * A trigger function reads its row's columns by name and locks and reads
 * other tables as their owner: attached by anyone to a table of their own
 * it could crash on a row of another shape or take locks for a role that
 * may not.  So each refuses to run on any table but the ones the registry
 * names, in schema s22a (only the extension's owner creates tables there).
 */
TriggerData *
s22a_trigger_context(FunctionCallInfo fcinfo, S22aTriggerId id)
{
	const S22aTriggerDef *def = s22a_trigger_def(id);
	TriggerData *td;
	Relation	rel;
	int			event;
	bool		table_ok = false;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() must be called as a trigger", def->function)));
	td = (TriggerData *) fcinfo->context;
	rel = td->tg_relation;

	if (RelationGetNamespace(rel) == get_namespace_oid(S22A_SCHEMA, true))
	{
		if (def->tables[0] == NULL)
			table_ok = true;	/* any table of the register (the audit) */
		for (int i = 0; i < (int) lengthof(def->tables) && def->tables[i] != NULL; i++)
			if (strcmp(RelationGetRelationName(rel), def->tables[i]) == 0)
				table_ok = true;
	}
	if (!table_ok)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger function %s() cannot run on table %s",
						def->function,
						quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
												   RelationGetRelationName(rel))),
				 errdetail("It belongs to the s22a register's own tables and reads their columns."),
				 errhint("Do not attach s22a's trigger functions to other tables.")));

	if (TRIGGER_FIRED_FOR_ROW(td->tg_event))
		event = TRIGGER_FIRED_BEFORE(td->tg_event) ? S22A_TG_BEFORE_ROW :
			TRIGGER_FIRED_AFTER(td->tg_event) ? S22A_TG_AFTER_ROW : 0;
	else
		event = TRIGGER_FIRED_BEFORE(td->tg_event) ? S22A_TG_BEFORE_STATEMENT :
			TRIGGER_FIRED_AFTER(td->tg_event) ? S22A_TG_AFTER_STATEMENT : 0;
	if ((event & def->events) == 0)
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger function %s() must be fired %s",
						def->function, event_text(def->events))));
	return td;
}

/*
 * BEFORE row triggers run before PostgreSQL checks NOT NULL, so a row with
 * a NULL where the table forbids one reaches them first.  Rather than read
 * that NULL (as a 0, or a NULL pointer), they hand the row back untouched
 * and let the constraint refuse it with 23502, naming the column.
 */
bool
s22a_row_breaks_not_null(Relation rel, HeapTuple tuple)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attnotnull && !att->attisdropped && heap_attisnull(tuple, i + 1, desc))
			return true;
	}
	return false;
}

/*
 * The constraint triggers fire after their statement.  Their queries run
 * read-only on the active snapshot, which predates the statement's own
 * rows; advance it (as a volatile PL/pgSQL function would) so the check sees
 * the statement's result.  Pair with PopActiveSnapshot().
 */
void
s22a_see_statement_result(void)
{
	CommandCounterIncrement();
	PushCopiedSnapshot(GetActiveSnapshot());
	UpdateActiveSnapshotCommandId();
}

/* ---------- columns of a trigger's row ------------------------------------ */

static int
column_number(Relation rel, const char *name)
{
	int			attno = SPI_fnumber(RelationGetDescr(rel), name);

	if (attno <= 0)
		elog(ERROR, "s22a: table %s has no column %s", RelationGetRelationName(rel), name);
	return attno;
}

Datum
s22a_column(Relation rel, HeapTuple tup, const char *name, bool *isnull)
{
	return heap_getattr(tup, column_number(rel, name), RelationGetDescr(rel), isnull);
}

/* the column as text (its output function), NULL when null */
char *
s22a_column_text(Relation rel, HeapTuple tup, const char *name)
{
	return SPI_getvalue(tup, RelationGetDescr(rel), column_number(rel, name));
}

bool
s22a_column_changed(Relation rel, HeapTuple a, HeapTuple b, const char *name)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			attno = column_number(rel, name);
	Form_pg_attribute att = TupleDescAttr(desc, attno - 1);
	bool		anull,
				bnull;
	Datum		ad = heap_getattr(a, attno, desc, &anull);
	Datum		bd = heap_getattr(b, attno, desc, &bnull);

	if (anull || bnull)
		return anull != bnull;
	return !datumIsEqual(ad, bd, att->attbyval, att->attlen);
}

/* ---------- running as a table's owner ------------------------------------ */

/*
 * Some checks read a table the invoking role need not be able to read (the
 * audit log) or lock a row it may not update (a decision): the check is the
 * rule's business, not the role's.  They run as the owner of s22a.relname,
 * as PostgreSQL's own foreign-key triggers do, on queries of fixed text
 * under the pinned search_path.  A (sub)transaction abort restores the
 * user, so an error in between needs no cleanup.
 */
void
s22a_become_owner(const char *relname, S22aUserContext *saved)
{
	Oid			relid = get_relname_relid(relname, get_namespace_oid(S22A_SCHEMA, false));
	HeapTuple	tup;
	Oid			owner;

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("table %s.%s does not exist", S22A_SCHEMA, relname)));
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	GetUserIdAndSecContext(&saved->userid, &saved->sec_context);
	SetUserIdAndSecContext(owner, saved->sec_context |
						   SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
}

void
s22a_restore_user(const S22aUserContext *saved)
{
	SetUserIdAndSecContext(saved->userid, saved->sec_context);
}

/* ---------- search_path ------------------------------------------------- */

/*
 * The search_path every query of s22a's C runs under.  Functions that run
 * queries on each call pin it in their definition (SET search_path); the
 * row triggers called for every row of a bulk insert, which query only when
 * their per-statement cache misses, pin it here around those queries
 * instead, so the rows that hit the cache pay nothing for it.  An error in
 * between is undone with the (sub)transaction, as for a function's SET.
 */
int
s22a_pin_search_path(void)
{
	int			level = NewGUCNestLevel();

	(void) set_config_option("search_path", S22A_SCHEMA ", pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
	return level;
}

void
s22a_unpin_search_path(int level)
{
	AtEOXact_GUC(true, level);
}

/* ---------- the rules' today ---------------------------------------------- */

/*
 * "Today" for every rule: the date, in Europe/London, of the moment the
 * transaction started.  The agreements are between police bodies of
 * England and Wales, so their days are London's; the session's TimeZone
 * does not move it (SET TimeZone = 'Etc/GMT-14' would otherwise make
 * current_date tomorrow, and a decision could be made, a consent given or
 * a year closed a day early: a session cannot move its own clock past a
 * rule, doc/reports.md).  Like current_date it is fixed for the
 * transaction.  Reports take their today from s22a.today() (today.c).
 */
DateADT
s22a_rule_today(void)
{
	static pg_tz *london = NULL;
	TimestampTz now = GetCurrentTransactionStartTimestamp();
	struct pg_tm tm;
	fsec_t		fsec;
	int			tz;

	if (london == NULL)
	{
		london = pg_tzset("Europe/London");
		if (london == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_CONFIG_FILE_ERROR),
					 errmsg("time zone \"Europe/London\" is not known to this server"),
					 errdetail("The rules take today as the date in Europe/London, the agreements' own time zone."),
					 errhint("Install the server's time zone data (timezonesets and the tz database).")));
	}
	if (timestamp2tm(now, &tz, &tm, &fsec, NULL, london) != 0)
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("timestamp out of range")));
	return date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE;
}

/* ---------- message formatting ------------------------------------------ */

/* ISO date for messages, whatever the session's DateStyle */
char *
s22a_iso_date(DateADT d)
{
	int			y,
				m,
				day;

	if (DATE_NOT_FINITE(d))
		return pstrdup(DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity");
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	if (y <= 0)
		return psprintf("%04d-%02d-%02d BC", 1 - y, m, day);
	return psprintf("%04d-%02d-%02d", y, m, day);
}

char *
s22a_numeric_text(Numeric n)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)));
}

/* `2016/17`: the one written form (rules/fiscal_year.c) */
char *
s22a_fiscal_year_text(FiscalYear fy)
{
	return fiscal_year_label(fy);
}

/*
 * Codes joined for a message: "A, B and C" with last_separator " and ",
 * "A, B, C" with ", "; `none` when there are none.
 */
char *
s22a_code_list(const char *const *codes, int n, const char *last_separator, const char *none)
{
	StringInfoData s;

	if (n == 0)
		return pstrdup(none);
	initStringInfo(&s);
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(&s, i == n - 1 ? last_separator : ", ");
		appendStringInfoString(&s, codes[i]);
	}
	return s.data;
}

/* ---------- codes ------------------------------------------------------- */

/* qsort comparator for an array of C strings, in byte order */
int
s22a_cstring_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/* ---------- added for the register's triggers (split-register) ----------- */

/*
 * The codes of the members picked (every member when pick is NULL), as
 * "A, B, C"; `none` when none is picked.
 */
char *
s22a_member_list(int n, const Member *m, const bool *pick, const char *none)
{
	const char **codes = palloc(sizeof(char *) * Max(n, 1));
	int			k = 0;

	for (int i = 0; i < n; i++)
		if (pick == NULL || pick[i])
			codes[k++] = m[i].code;
	return s22a_code_list(codes, k, ", ", none);
}

/* ---------- set-returning functions ------------------------------------- */

/* Returns codes as the rows of a SETOF text function, in the order given. */
void
s22a_return_codes(FunctionCallInfo fcinfo, const char *const *codes, int n)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int i = 0; i < n; i++)
	{
		Datum		value = CStringGetTextDatum(codes[i]);
		bool		isnull = false;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
}
