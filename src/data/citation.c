/*
 * data/citation.c — the decision a row of budget, cost_basis,
 * cost_override or voting_weight cites in authorised_by, and whether an
 * earlier transaction already cited it (rules cost_terms_sealed and
 * voting_weights_sealed, triggers/budget.c).
 *
 * The same two questions the register's sealing asks of agreement and
 * agreement_party (register_rules.c); a decision cited by a committed
 * change to any of the six sealed tables is spent here.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"

#include "s22a.h"

static SPIPlanPtr decision_plan;
static SPIPlanPtr lock_plan;
static SPIPlanPtr spent_plan;

/*
 * Reads decision `id` into *d (in the caller's memory context) and whether
 * an earlier transaction cited it; false when there is no such decision.
 * The decision row is locked first (FOR NO KEY UPDATE), so two transactions
 * citing it at once cannot both find it unspent: the second waits for the
 * first and then reads the audit log on a fresh snapshot.  Both run as the
 * owner: the role making the change need neither update decisions nor read
 * the log.
 */
bool
s22a_read_citation(int64 id, SealedCitation *d)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(id)};
	MemoryContext caller = CurrentMemoryContext;
	S22aUserContext saved;
	bool		found;

	memset(d, 0, sizeof(*d));
	SPI_connect();
	s22a_select(s22a_keep_plan(&decision_plan,
							   "SELECT d.agreement_id, d.kind::text, d.state::text, a.ref"
							   "  FROM s22a.decision d JOIN s22a.agreement a ON a.id = d.agreement_id"
							   " WHERE d.id = $1", 1, types),
				args, NULL, 1);
	found = SPI_processed == 1;
	if (found)
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		MemoryContext spi = MemoryContextSwitchTo(caller);
		bool		isnull;

		d->id = id;
		d->agreement_id = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		d->kind = SPI_getvalue(tup, desc, 2);
		d->state = SPI_getvalue(tup, desc, 3);
		d->agreement_ref = SPI_getvalue(tup, desc, 4);
		MemoryContextSwitchTo(spi);

		s22a_become_owner("audit_log", &saved);
		if (SPI_execute_plan(s22a_keep_plan(&lock_plan,
											"SELECT 1 FROM s22a.decision WHERE id = $1 FOR NO KEY UPDATE",
											1, types),
							 args, NULL, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "s22a: could not lock the cited decision");
		/* one arm per partial index of the log (16_audit_log.sql) */
		if (SPI_execute_snapshot(s22a_keep_plan(&spent_plan,
												"SELECT 1 FROM s22a.audit_log l"
												" WHERE l.table_name IN ('agreement', 'agreement_party')"
												"   AND (l.new ->> 'authorised_by') = $1::text"
												"   AND l.transaction_id <> pg_catalog.pg_current_xact_id()"
												" UNION ALL "
												"SELECT 1 FROM s22a.audit_log l"
												" WHERE l.table_name IN ('budget', 'cost_basis', 'cost_override', 'voting_weight')"
												"   AND (l.new ->> 'authorised_by') = $1::text"
												"   AND l.transaction_id <> pg_catalog.pg_current_xact_id()"
												" LIMIT 1", 1, types),
								 args, NULL, GetLatestSnapshot(), InvalidSnapshot,
								 true, false, 1) != SPI_OK_SELECT)
			elog(ERROR, "s22a: could not read the audit log");
		s22a_restore_user(&saved);
		d->spent = SPI_processed > 0;
	}
	SPI_finish();
	return found;
}
