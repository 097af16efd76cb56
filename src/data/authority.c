/*
 * data/authority.c — the queries behind the authority of a change to an
 * executed agreement: the decision its authorised_by cites, whether an
 * earlier transaction has already cited it, and the record of a citation
 * (s22a.decision_citation).
 *
 * The rule itself is authority_fits() (rules/authority.c); the refusal is
 * s22a_require_authority() (triggers/authority.c).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "catalog/namespace.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/date.h"
#include "utils/snapmgr.h"

#include "s22a.h"

static SPIPlanPtr decision_plan;
static SPIPlanPtr lock_plan;
static SPIPlanPtr spent_plan;
static SPIPlanPtr cite_plan;

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
							   "SELECT agreement_id, kind::text, state::text, new_expiry"
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
		d->new_expiry = DatumGetDateADT(SPI_getbinval(tup, desc, 4, &isnull));
		d->has_new_expiry = !isnull;
	}
	SPI_finish();
	return found;
}

/*
 * Does the installed SQL have s22a.decision_citation (0.3)?  The library
 * also serves a database still at 0.1 or 0.2 until ALTER EXTENSION s22a
 * UPDATE (test/upgrade.sh loads the demo into 0.1 with this library).
 */
static bool
citations_kept(void)
{
	return OidIsValid(get_relname_relid("decision_citation",
										get_namespace_oid(S22A_SCHEMA, false)));
}

/*
 * Before 0.3: the audit log records each citation with its transaction id;
 * a citation by another id is spent (the 0.2 rule, which a restore into a
 * fresh cluster can defeat: hence decision_citation).
 */
static bool
decision_spent_in_audit_log(int64 decision_id)
{
	static SPIPlanPtr audit_plan;
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
	if (SPI_execute_snapshot(s22a_keep_plan(&audit_plan,
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

/*
 * Has a transaction other than this one cited the decision?  Every citation
 * is a row of s22a.decision_citation (one per decision, written by
 * s22a_record_citation() below): a decision with a row there that another
 * transaction wrote is spent.  No transaction id is compared, so a decision
 * stays spent after a dump is restored into any cluster, whatever ids its
 * transactions get there (doc/register.md, "Spent decisions").
 *
 * "Another transaction" without ids: the row is read on a fresh snapshot
 * whose command counter is the first command's, so rows this transaction
 * wrote (in any of its commands or subtransactions) are not seen, and rows
 * of committed transactions are.  (A membership decision cited by the two
 * rows of a force joining, its chief officer and its policing body, is
 * cited twice by one transaction.)
 *
 * Two transactions citing the same decision at once would each miss the
 * other's uncommitted citation, so the decision row is locked first (FOR
 * NO KEY UPDATE: the foreign keys citing it take only KEY SHARE): the
 * second waits for the first to end, then reads on a fresh snapshot and
 * finds it spent.  Both run as the owner, since the role making the change
 * need neither update decisions nor read the citations (util.c,
 * s22a_become_owner).  Callable inside or outside SPI.
 */
bool
s22a_read_decision_spent(int64 decision_id)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(decision_id)};
	S22aUserContext saved;
	Snapshot	others;
	bool		spent;
	int			rc;

	if (!citations_kept())
		return decision_spent_in_audit_log(decision_id);
	SPI_connect();
	s22a_become_owner("decision_citation", &saved);
	if (SPI_execute_plan(s22a_keep_plan(&lock_plan,
										"SELECT 1 FROM s22a.decision WHERE id = $1 FOR NO KEY UPDATE",
										1, types),
						 args, NULL, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "s22a: could not lock the cited decision");
	/* a registered copy of the latest snapshot, blind to this transaction */
	others = RegisterSnapshot(GetLatestSnapshot());
	others->curcid = FirstCommandId;
	rc = SPI_execute_snapshot(s22a_keep_plan(&spent_plan,
											 "SELECT 1 FROM s22a.decision_citation"
											 " WHERE decision_id = $1", 1, types),
							  args, NULL, others, InvalidSnapshot, true, false, 1);
	UnregisterSnapshot(others);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "s22a: could not read the decision citations");
	s22a_restore_user(&saved);
	spent = SPI_processed > 0;
	SPI_finish();
	return spent;
}

/*
 * Records that the change of row `row_key` of `table_name` cites the
 * decision, as the owner (no role writes decision_citation itself).  A
 * second citation by the same transaction keeps the first row.  Callable
 * inside or outside SPI.
 */
void
s22a_record_citation(int64 decision_id, const char *table_name, const char *row_key)
{
	Oid			types[3] = {INT8OID, TEXTOID, TEXTOID};
	Datum		args[3] = {Int64GetDatum(decision_id),
		CStringGetTextDatum(table_name), CStringGetTextDatum(row_key)};
	S22aUserContext saved;

	if (!citations_kept())
		return;					/* 0.1 or 0.2 not yet updated: the audit log is the record */
	SPI_connect();
	s22a_become_owner("decision_citation", &saved);
	if (SPI_execute_plan(s22a_keep_plan(&cite_plan,
										"INSERT INTO s22a.decision_citation (decision_id, table_name, row_key)"
										" VALUES ($1, $2, $3) ON CONFLICT (decision_id) DO NOTHING",
										3, types),
						 args, NULL, false, 0) != SPI_OK_INSERT)
		elog(ERROR, "s22a: could not record the decision citation");
	s22a_restore_user(&saved);
	SPI_finish();
}

/*
 * The forces the decision bound: those of the parties whose consent it
 * needed (consent_required) or that gave a consent that counts, in code
 * order, into *forces (caller's memory context); returns how many.  Read as
 * the owner of consent: row-level security shows a party role only its own
 * consents, and the rule is about every party's.  Callable inside or
 * outside SPI.
 */
int
s22a_read_decision_forces(int64 decision_id, const char ***forces)
{
	static SPIPlanPtr forces_plan;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(decision_id)};
	S22aUserContext saved;
	int			n;

	SPI_connect();
	s22a_become_owner("consent", &saved);
	s22a_select(s22a_keep_plan(&forces_plan,
							   "SELECT DISTINCT p.force_code::text COLLATE \"C\""
							   "  FROM s22a.party p"
							   " WHERE p.force_code IS NOT NULL"
							   "   AND (p.code IN (SELECT s22a.consent_required($1))"
							   "        OR p.code IN (SELECT c.party_code FROM s22a.consent c"
							   "                       WHERE c.decision_id = $1 AND c.voided_on IS NULL))"
							   " ORDER BY 1", 1, types),
				args, NULL, 0);
	s22a_restore_user(&saved);
	n = (int) SPI_processed;
	*forces = MemoryContextAlloc(caller, sizeof(char *) * Max(n, 1));
	for (int i = 0; i < n; i++)
		(*forces)[i] = MemoryContextStrdup(caller,
										   SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	SPI_finish();
	return n;
}
