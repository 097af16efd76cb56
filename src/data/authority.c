/*
 * data/authority.c — the queries behind the authority of a change to an
 * executed agreement: the decision its authorised_by cites, and whether an
 * earlier transaction has already cited it (the audit log).
 *
 * The rule itself is authority_fits() (rules/authority.c); the refusal is
 * s22a_require_authority() (triggers/authority.c).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/snapmgr.h"

#include "s22a.h"

static SPIPlanPtr decision_plan;
static SPIPlanPtr lock_plan;
static SPIPlanPtr spent_plan;

/*
 * Reads the cited decision into *d (caller's memory context); false when
 * there is none.  Callable inside or outside SPI.
 */
bool
s22a_read_cited_decision(int64 decision_id, CitedDecision *d)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(decision_id)};
	bool		found;

	memset(d, 0, sizeof(*d));
	SPI_connect();
	s22a_select(s22a_keep_plan(&decision_plan,
							   "SELECT agreement_id, kind::text, state::text"
							   "  FROM s22a.decision WHERE id = $1", 1, types),
				args, NULL, 1);
	found = SPI_processed == 1;
	if (found)
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;

		d->agreement_id = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		d->kind = MemoryContextStrdup(caller, SPI_getvalue(tup, desc, 2));
		d->state = MemoryContextStrdup(caller, SPI_getvalue(tup, desc, 3));
	}
	SPI_finish();
	return found;
}

/*
 * Has a transaction other than this one cited the decision in an
 * authorised_by (of agreement or agreement_party)?  The audit log records
 * every citation with its transaction.  Two transactions citing the same
 * decision at once would each miss the other's uncommitted citation, so
 * the decision row is locked first (FOR NO KEY UPDATE: the foreign keys
 * citing it take only KEY SHARE): the second waits for the first to end,
 * then reads the log on a fresh snapshot and finds it spent.  Both run as
 * the owner, since the role making the change need neither update
 * decisions nor read the log (util.c, s22a_become_owner).  Callable inside
 * or outside SPI.
 */
bool
s22a_read_decision_spent(int64 decision_id)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(decision_id)};
	S22aUserContext saved;
	bool		spent;

	SPI_connect();
	s22a_become_owner("audit_log", &saved);
	if (SPI_execute_plan(s22a_keep_plan(&lock_plan,
										"SELECT 1 FROM s22a.decision WHERE id = $1 FOR NO KEY UPDATE",
										1, types),
						 args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "s22a: could not lock the cited decision");
	if (SPI_execute_snapshot(s22a_keep_plan(&spent_plan,
											"SELECT 1 FROM s22a.audit_log l"
											" WHERE l.table_name IN ('agreement', 'agreement_party')"
											"   AND (l.new ->> 'authorised_by') = $1::text"
											"   AND l.transaction_id <> pg_catalog.pg_current_xact_id()"
											" LIMIT 1", 1, types),
							 args, NULL, GetLatestSnapshot(), InvalidSnapshot,
							 true, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "s22a: could not read the audit log");
	s22a_restore_user(&saved);
	spent = SPI_processed > 0;
	SPI_finish();
	return spent;
}
