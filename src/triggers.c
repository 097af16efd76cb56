/*
 * triggers.c — what every rule trigger of s22a shares.
 *
 * BEFORE row triggers run before PostgreSQL checks NOT NULL, so a row with
 * a NULL where the table forbids one reaches them first.  Rather than read
 * that NULL (as a 0, or a NULL pointer), they hand the row back untouched
 * and let the constraint refuse it with 23502, naming the column.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "miscadmin.h"
#include "utils/guc.h"
#include "utils/lsyscache.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/rel.h"

#include "s22a.h"

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

	(void) set_config_option("search_path", "s22a, pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE,
							 true, 0, false);
	return level;
}

void
s22a_unpin_search_path(int level)
{
	AtEOXact_GUC(true, level);
}

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
	Oid			relid = get_relname_relid(relname, get_namespace_oid("s22a", false));
	HeapTuple	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	Oid			owner;

	if (!HeapTupleIsValid(tup))
		elog(ERROR, "s22a: table s22a.%s not found", relname);
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
