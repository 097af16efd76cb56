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
#include "utils/snapmgr.h"
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
