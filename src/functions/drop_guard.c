/*
 * functions/drop_guard.c — the event trigger s22a_drop_guard: rule
 * register_no_drop.
 *
 * DROP EXTENSION s22a drops every table of the register with it, the
 * append-only audit log too: no rule of the register survives it, and
 * nothing can be recovered but from a dump.  So while the register holds
 * data (any force, party, agreement, decision or audit log entry) the drop
 * is refused, unless the administrator has opted in for the session with
 * SET s22a.allow_drop = on, after taking a dump (doc/reliability.md).
 * DROP SCHEMA s22a CASCADE drops the extension too and is refused the same
 * way.  An empty register (only the shipped bank holidays) drops freely.
 *
 * It fires at ddl_command_start, before anything is dropped, and reads the
 * parse tree: other extensions and schemas are none of its business.
 */
#include "postgres.h"

#include "commands/event_trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/guc.h"

#include "s22a.h"

/* does the statement drop the extension (or its schema, with CASCADE)? */
static bool
drops_register(Node *parsetree)
{
	DropStmt   *stmt;
	ListCell   *lc;
	const char *name;

	if (parsetree == NULL || !IsA(parsetree, DropStmt))
		return false;
	stmt = (DropStmt *) parsetree;
	if (stmt->removeType == OBJECT_EXTENSION)
		name = "s22a";
	else if (stmt->removeType == OBJECT_SCHEMA && stmt->behavior == DROP_CASCADE)
		name = S22A_SCHEMA;
	else
		return false;
	foreach(lc, stmt->objects)
	{
		Node	   *obj = lfirst(lc);

		if (IsA(obj, String) && strcmp(strVal(obj), name) == 0)
			return true;
	}
	return false;
}

static bool
drop_allowed(void)
{
	const char *value = GetConfigOption("s22a.allow_drop", true, false);
	bool		on = false;

	return value != NULL && parse_bool(value, &on) && on;
}

/* register_no_drop: ddl_command_start, tags DROP EXTENSION and DROP SCHEMA */
PG_FUNCTION_INFO_V1(s22a_drop_guard);
Datum
s22a_drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *ev;
	int64		n[5];
	static const char *const what[5] = {"forces", "parties", "agreements", "decisions", "audit log entries"};
	StringInfoData counts;
	int64		total = 0;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("drop_guard() must be called as an event trigger")));
	ev = (EventTriggerData *) fcinfo->context;
	if (!drops_register(ev->parsetree) || drop_allowed())
		PG_RETURN_VOID();

	SPI_connect();
	if (SPI_execute("SELECT (SELECT count(*) FROM s22a.force),"
					"       (SELECT count(*) FROM s22a.party),"
					"       (SELECT count(*) FROM s22a.agreement),"
					"       (SELECT count(*) FROM s22a.decision),"
					"       (SELECT count(*) FROM s22a.audit_log)", true, 1) != SPI_OK_SELECT ||
		SPI_processed != 1)
		elog(ERROR, "s22a: could not count the register's rows");
	initStringInfo(&counts);
	for (int i = 0; i < 5; i++)
	{
		bool		isnull;

		n[i] = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, i + 1, &isnull));
		total += n[i];
		if (n[i] > 0)
			appendStringInfo(&counts, "%s%lld %s", counts.len ? ", " : "", (long long) n[i], what[i]);
	}
	SPI_finish();
	if (total == 0)
		PG_RETURN_VOID();

	ereport(ERROR,
			(s22a_rule_error(NULL, S22A_RULE_REGISTER_NO_DROP),
			 errmsg("cannot drop extension s22a: the register holds %s", counts.data),
			 errdetail("Dropping the extension drops every table of the register with it, the append-only audit log too."),
			 errhint("Take a dump of the database with pg_dump first, then SET s22a.allow_drop = on in this session and drop the extension again.")));
	PG_RETURN_VOID();
}
