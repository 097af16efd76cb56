/*
 * data/membership.c — the one query that reads an agreement's party rows.
 *
 * Every rule about who is a party reads agreement_party here, with each
 * party's force and kind (party) and its withdrawal on notice (withdrawal):
 * membership on a date (rules/membership.c), the execution signatures
 * (rules/execution.c), the statutory shape and the pairing of withdrawals
 * (rules/statutory_shape.c, rules/withdrawal.c), the consent rules and the
 * cost shares.  The agreement's own row comes from data/agreement.c.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "access/xact.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/snapmgr.h"

#include "s22a.h"

static SPIPlanPtr parties_plan;

static DateADT
date_column(HeapTuple tup, TupleDesc desc, int col, bool *has)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	*has = !isnull;
	return isnull ? 0 : DatumGetDateADT(d);
}

static PartyKind
party_kind(const char *label)
{
	if (label != NULL && strcmp(label, "chief_officer") == 0)
		return PARTY_CHIEF_OFFICER;
	if (label != NULL && strcmp(label, "policing_body") == 0)
		return PARTY_POLICING_BODY;
	return PARTY_OTHER;
}

/*
 * Reads every party row of the agreement into *m, allocated in the caller's
 * memory context, parties in code order (byte order).  Raises 22023 when
 * the agreement does not exist (s22a_read_agreement), so a mistyped id is
 * never mistaken for an agreement without parties.  Callers that ask about
 * many dates (the cost shares, the statutory shape) load once and filter
 * with the rules of rules/membership.c.  Callable inside or outside SPI.
 */
void
s22a_load_membership(int64 agreement_id, AgreementMembership *m)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	AgreementRow a;

	s22a_read_agreement(agreement_id, &a, true);
	m->commences_on = a.commences_on;
	m->n = 0;

	SPI_connect();
	s22a_select(s22a_keep_plan(&parties_plan,
							   "SELECT ap.party_code::text, p.force_code::text, p.kind::text,"
							   "       ap.joins_on, ap.leaves_on, w.effective_on,"
							   "       ap.signed_on, ap.declared_on"
							   "  FROM s22a.agreement_party ap"
							   "  LEFT JOIN s22a.party p ON p.code = ap.party_code"
							   "  LEFT JOIN s22a.withdrawal w"
							   "         ON w.agreement_id = ap.agreement_id AND w.party_code = ap.party_code"
							   " WHERE ap.agreement_id = $1"
							   " ORDER BY ap.party_code COLLATE \"C\"", 1, types),
				args, NULL, 0);
	m->parties = MemoryContextAllocZero(caller, sizeof(PartyMembership) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		PartyMembership *p = &m->parties[m->n++];
		char	   *text;
		bool		has_leaves;
		DateADT		leaves_on;

		strlcpy(p->code, SPI_getvalue(tup, desc, 1), sizeof(p->code));
		if ((text = SPI_getvalue(tup, desc, 2)) != NULL)
			strlcpy(p->force, text, sizeof(p->force));
		p->kind = party_kind(SPI_getvalue(tup, desc, 3));
		p->joins_on = date_column(tup, desc, 4, &p->has_joins);
		leaves_on = date_column(tup, desc, 5, &has_leaves);
		p->withdraws_on = date_column(tup, desc, 6, &p->withdraws);
		p->signed_on = date_column(tup, desc, 7, &p->has_signed);
		p->declared_on = date_column(tup, desc, 8, &p->has_declared);
		/* the party leaves on the earlier of its leaving day and withdrawal */
		p->leaves_on = DATEVAL_NOEND;
		if (has_leaves)
			p->leaves_on = leaves_on;
		if (p->withdraws && p->withdraws_on < p->leaves_on)
			p->leaves_on = p->withdraws_on;
	}
	SPI_finish();
}

/*
 * Fills *rows with the members of the agreement on the date, in code order,
 * allocated in the caller's memory context; returns how many.
 */
int
s22a_members_on(int64 agreement_id, DateADT on, Member **rows)
{
	AgreementMembership m;

	s22a_load_membership(agreement_id, &m);
	*rows = palloc0(sizeof(Member) * Max(m.n, 1));
	return membership_members_on(&m, on, *rows);
}

/*
 * Locks the agreement's row FOR NO KEY UPDATE until the end of the
 * transaction.  Every check that reads several rows of one agreement
 * together (its execution, the statutory shape of its membership, the
 * pairing of withdrawals, the sealing of its membership) runs after this
 * lock, so two such changes to one agreement never pass each other's
 * checks unseen: the second waits for the first to end and then reads on a
 * fresh snapshot (s22a_see_latest).  An UPDATE of the agreement holds the
 * same lock, so executing an agreement waits for a membership change in
 * flight, and the other way round.  NO KEY UPDATE leaves the foreign keys
 * that cite the agreement (KEY SHARE) free.  The lock is the rule's, not the
 * role's (a party's role may not update agreement): it is taken as the
 * table's owner (util.c).  Under REPEATABLE READ an agreement changed by a
 * transaction that committed after the snapshot raises 40001, to retry.
 * Nothing happens for an unknown id: the foreign key reports it.  Callable
 * inside or outside SPI.
 */
void
s22a_lock_agreement(int64 agreement_id)
{
	static SPIPlanPtr lock_plan;
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	S22aUserContext saved;
	int			rc;

	SPI_connect();
	s22a_keep_plan(&lock_plan, "SELECT 1 FROM s22a.agreement WHERE id = $1 FOR NO KEY UPDATE", 1, types);
	s22a_become_owner("agreement", &saved);
	rc = SPI_execute_plan(lock_plan, args, NULL, false, 1);
	s22a_restore_user(&saved);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "s22a: could not lock agreement %lld", (long long) agreement_id);
	SPI_finish();
}

/*
 * Pushes a fresh snapshot as the active one, seeing this transaction's
 * changes so far (the statement's rows included) and every transaction
 * committed by now; the caller pops it (PopActiveSnapshot).  Used after
 * s22a_lock_agreement: at READ COMMITTED the statement's own snapshot may
 * predate the commit of the change the lock waited for.
 */
void
s22a_see_latest(void)
{
	CommandCounterIncrement();
	PushActiveSnapshot(GetLatestSnapshot());
}

/*
 * The refs of the executed agreements the party is or was a member of, in
 * ref order, in the caller's memory context; returns how many.  Read on a
 * fresh snapshot, so an agreement executed by a transaction that committed
 * while the caller waited for the party's row counts.  Callable inside or
 * outside SPI.
 */
int
s22a_read_executed_agreements_of_party(const char *party_code, char ***refs)
{
	static SPIPlanPtr plan;
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(party_code)};
	int			n;

	SPI_connect();
	if (SPI_execute_snapshot(s22a_keep_plan(&plan,
											"SELECT a.ref FROM s22a.agreement_party ap"
											"  JOIN s22a.agreement a ON a.id = ap.agreement_id"
											" WHERE ap.party_code::text = $1 AND a.executed_on IS NOT NULL"
											" ORDER BY a.ref COLLATE \"C\"", 1, types),
							 args, NULL, GetLatestSnapshot(), InvalidSnapshot,
							 true, false, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: could not read the agreements of party %s", party_code);
	n = (int) SPI_processed;
	*refs = MemoryContextAlloc(caller, sizeof(char *) * Max(n, 1));
	for (int i = 0; i < n; i++)
		(*refs)[i] = MemoryContextStrdup(caller,
										 SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	SPI_finish();
	return n;
}
