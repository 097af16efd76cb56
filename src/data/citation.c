/*
 * data/citation.c — the decision a row of budget, cost_basis,
 * cost_override or voting_weight cites in authorised_by, and whether an
 * earlier transaction already cited it (rules cost_terms_sealed and
 * voting_weights_sealed, triggers/budget.c).
 *
 * The same two questions the register's sealing asks of agreement and
 * agreement_party (triggers/authority.c); whether it is spent is the one
 * answer of data/authority.c (s22a.decision_citation, written by every
 * sealed table's citing change), so a decision cited by a committed change
 * to any of the six sealed tables is spent for all of them.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"

#include "s22a.h"

static SPIPlanPtr decision_plan;

/*
 * Reads decision `id` into *d (in the caller's memory context) and whether
 * an earlier transaction cited it; false when there is no such decision.
 * Whether it is spent comes from s22a_read_decision_spent(), which locks
 * the decision row first (two transactions citing it at once cannot both
 * find it unspent) and reads s22a.decision_citation as its owner.
 */
bool
s22a_read_citation(int64 id, SealedCitation *d)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(id)};
	MemoryContext caller = CurrentMemoryContext;
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

		/* locks the decision row and reads decision_citation (data/authority.c) */
		d->spent = s22a_read_decision_spent(id);
	}
	SPI_finish();
	return found;
}
