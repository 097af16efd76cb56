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
 * parse tree.  A drop of something else reaches the register when it
 * cascades to it: DROP EXTENSION plpgsql CASCADE drops s22a (which requires
 * plpgsql, and whose functions are written in it) with every table.  So
 * for any DROP ... CASCADE the guard resolves the objects named and asks
 * pg_depend whether the extension or any of its members depends on one of
 * them, directly or through other objects (PostgreSQL drops the whole
 * extension when a cascade reaches one of its members); and DROP OWNED BY
 * the role that owns the extension drops it too.  Drops that do not reach
 * s22a are none of its business.
 */
#include "postgres.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/objectaddress.h"
#include "catalog/pg_extension.h"
#include "commands/event_trigger.h"
#include "commands/extension.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/acl.h"
#include "utils/fmgroids.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"

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

/*
 * Whether extension s22a, or any object of it, depends on the object at
 * *addr, directly or through other objects: a cascade from it would drop
 * the extension.  The objects reached are the extension, its members and
 * their internal parts (a view's rewrite rule: dropping it drops the view),
 * then everything they depend on, transitively.  The extension and its members themselves are left to
 * PostgreSQL (it refuses to drop a member alone) and to drops_register().
 */
static bool
register_depends_on(const ObjectAddress *addr, Oid extension)
{
	Oid			types[3] = {OIDOID, OIDOID, OIDOID};
	Datum		args[3] = {ObjectIdGetDatum(addr->classId), ObjectIdGetDatum(addr->objectId),
	ObjectIdGetDatum(extension)};
	bool		isnull;
	bool		reaches;

	SPI_connect();
	if (SPI_execute_with_args(
							  "WITH RECURSIVE reached(classid, objid) AS ("
							  "  SELECT 'pg_catalog.pg_extension'::pg_catalog.regclass::pg_catalog.oid, $3"
							  "  UNION"
							  "  SELECT d.classid, d.objid FROM pg_catalog.pg_depend d"
							  "   WHERE d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass"
							  "     AND d.refobjid OPERATOR(pg_catalog.=) $3 AND d.deptype OPERATOR(pg_catalog.=) 'e'"
							  "  UNION"
							  "  SELECT x.classid, x.objid FROM reached r CROSS JOIN LATERAL ("
							  "    SELECT d.refclassid, d.refobjid FROM pg_catalog.pg_depend d"
							  "     WHERE d.classid OPERATOR(pg_catalog.=) r.classid AND d.objid OPERATOR(pg_catalog.=) r.objid"
							  "    UNION ALL"
							  "    SELECT d.classid, d.objid FROM pg_catalog.pg_depend d"
							  "     WHERE d.refclassid OPERATOR(pg_catalog.=) r.classid AND d.refobjid OPERATOR(pg_catalog.=) r.objid"
							  "       AND d.deptype OPERATOR(pg_catalog.=) 'i') AS x(classid, objid))"
							  "SELECT pg_catalog.bool_or(classid OPERATOR(pg_catalog.=) $1 AND objid OPERATOR(pg_catalog.=) $2)"
							  "       AND NOT EXISTS (SELECT FROM pg_catalog.pg_depend d"
							  "        WHERE d.classid OPERATOR(pg_catalog.=) $1 AND d.objid OPERATOR(pg_catalog.=) $2"
							  "          AND d.refclassid OPERATOR(pg_catalog.=) 'pg_catalog.pg_extension'::pg_catalog.regclass"
							  "          AND d.refobjid OPERATOR(pg_catalog.=) $3 AND d.deptype OPERATOR(pg_catalog.=) 'e')"
							  "  FROM reached",
							  3, types, args, NULL, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "s22a: could not read what the register depends on");
	reaches = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	reaches = !isnull && reaches;
	SPI_finish();
	return reaches;
}

/*
 * Does the statement drop the extension by a cascade (or by DROP OWNED BY
 * its owner)?  Sets *what to what it names, for the message.
 */
static bool
drop_reaches_register(Node *parsetree, char **what)
{
	Oid			extension = get_extension_oid("s22a", true);
	ListCell   *lc;

	if (parsetree == NULL || !OidIsValid(extension))
		return false;
	if (IsA(parsetree, DropOwnedStmt))
	{
		Oid			owner = InvalidOid;
		HeapTuple	tup;
		Relation	rel = table_open(ExtensionRelationId, AccessShareLock);
		ScanKeyData key;
		SysScanDesc scan;

		ScanKeyInit(&key, Anum_pg_extension_oid, BTEqualStrategyNumber, F_OIDEQ,
					ObjectIdGetDatum(extension));
		scan = systable_beginscan(rel, ExtensionOidIndexId, true, NULL, 1, &key);
		tup = systable_getnext(scan);
		if (HeapTupleIsValid(tup))
			owner = ((Form_pg_extension) GETSTRUCT(tup))->extowner;
		systable_endscan(scan);
		table_close(rel, AccessShareLock);
		foreach(lc, ((DropOwnedStmt *) parsetree)->roles)
		{
			Oid			role = get_rolespec_oid(lfirst(lc), true);

			if (OidIsValid(role) && role == owner)
			{
				*what = psprintf("the objects owned by role %s", GetUserNameFromId(role, false));
				return true;
			}
		}
		return false;
	}
	if (!IsA(parsetree, DropStmt) || ((DropStmt *) parsetree)->behavior != DROP_CASCADE)
		return false;
	foreach(lc, ((DropStmt *) parsetree)->objects)
	{
		DropStmt   *stmt = (DropStmt *) parsetree;
		Relation	rel = NULL;
		ObjectAddress addr = get_object_address(stmt->removeType, lfirst(lc), &rel,
												AccessShareLock, true);

		if (rel != NULL)
			table_close(rel, NoLock);
		if (!OidIsValid(addr.objectId))
			continue;			/* IF EXISTS of nothing, or PostgreSQL reports it */
		if (register_depends_on(&addr, extension))
		{
			*what = getObjectDescription(&addr, false);
			return true;
		}
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

/* register_no_drop: ddl_command_start, every DROP (and DROP OWNED) */
PG_FUNCTION_INFO_V1(s22a_drop_guard);
Datum
s22a_drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *ev;
	int64		n[5];
	static const char *const what[5] = {"forces", "parties", "agreements", "decisions", "audit log entries"};
	StringInfoData counts;
	int64		total = 0;
	char	   *cascade_from = NULL;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("drop_guard() must be called as an event trigger")));
	ev = (EventTriggerData *) fcinfo->context;
	if (ev->parsetree == NULL ||
		!(IsA(ev->parsetree, DropStmt) || IsA(ev->parsetree, DropOwnedStmt)) ||
		drop_allowed())
		PG_RETURN_VOID();		/* most DDL: nothing to do */
	if (!drops_register(ev->parsetree) && !drop_reaches_register(ev->parsetree, &cascade_from))
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
			 cascade_from ?
			 errdetail("Dropping %s drops extension s22a with it, and every table of the register, the append-only audit log too.",
					   cascade_from) :
			 errdetail("Dropping the extension drops every table of the register with it, the append-only audit log too."),
			 errhint("Take a dump of the database with pg_dump first, then SET s22a.allow_drop = on in this session and drop the extension again.")));
	PG_RETURN_VOID();
}
