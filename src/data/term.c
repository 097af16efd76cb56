/*
 * data/term.c — the one query that reads an agreement's made renewals and
 * terminations, and the term they give it.
 *
 * s22a_load_term() is what term_status(), in_force() and effective_expiry()
 * (functions/term.c) and any other C that asks whether an agreement is in
 * force call: the agreement's own row (data/agreement.c) and its made
 * renewals and terminations (below), through the term rule
 * (rules/term.c).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/date.h"

#include "s22a.h"

static SPIPlanPtr events_plan;

/*
 * The agreement's made renewals and terminations, in the order made, into
 * *events (caller's memory context); returns how many.  A termination
 * without new_expiry ends on the day it was made.  "In the order made" is
 * by made_on, then id: two decisions made the same day count in the order
 * they were recorded.  Callable inside or outside SPI.
 */
int
s22a_read_term_events(int64 agreement_id, TermEvent **events)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	TermEvent  *out;
	int			n;

	SPI_connect();
	s22a_select(s22a_keep_plan(&events_plan,
							   "SELECT kind = 'termination',"
							   "       CASE WHEN kind = 'termination' THEN coalesce(new_expiry, made_on)"
							   "            ELSE new_expiry END, made_on, id"
							   "  FROM s22a.decision"
							   " WHERE agreement_id = $1 AND state = 'made'"
							   "   AND kind IN ('renewal', 'termination')"
							   " ORDER BY made_on, id", 1, types),
				args, NULL, 0);
	n = (int) SPI_processed;
	out = MemoryContextAllocZero(caller, sizeof(TermEvent) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		Datum		d;

		out[i].termination = DatumGetBool(SPI_getbinval(tup, desc, 1, &isnull));
		d = SPI_getbinval(tup, desc, 2, &isnull);
		out[i].has_last_day = !isnull;
		out[i].last_day = isnull ? 0 : DatumGetDateADT(d);
		d = SPI_getbinval(tup, desc, 3, &isnull);
		out[i].made_on = isnull ? DATEVAL_NOBEGIN : DatumGetDateADT(d);
		out[i].id = DatumGetInt64(SPI_getbinval(tup, desc, 4, &isnull));
	}
	SPI_finish();
	*events = out;
	return n;
}

/*
 * The term of an agreement: its commencement, execution and effective
 * expiry.  Raises 22023 when the agreement does not exist, naming the id,
 * so a mistyped id is never reported as a draft.
 */
void
s22a_load_term(int64 agreement_id, AgreementTerm *t)
{
	AgreementRow a;
	TermEvent  *events;
	int			n;

	s22a_read_agreement(agreement_id, &a, true);
	n = s22a_read_term_events(agreement_id, &events);
	t->commences_on = a.commences_on;
	t->executed = a.executed;
	t->executed_on = a.executed_on;
	term_effective_expiry(a.has_expires, a.expires_on, n, events, &t->expiry);
}

/*
 * The effective expiry of an agreement as it stood just before a decision
 * made on made_on (id `decision_id`) took effect: the term as signed and
 * the renewals and terminations made before it (term_expiry_before).
 */
void
s22a_load_expiry_before(int64 agreement_id, DateADT made_on, int64 decision_id,
						TermExpiry *out)
{
	AgreementRow a;
	TermEvent  *events;
	int			n;

	s22a_read_agreement(agreement_id, &a, true);
	n = s22a_read_term_events(agreement_id, &events);
	term_expiry_before(a.has_expires, a.expires_on, n, events, made_on, decision_id, out);
}

static SPIPlanPtr terms_plan;

/*
 * The term of every agreement that could be in force on `on`, in one
 * query: each executed agreement commencing on or before that day, with its
 * made renewals and terminations in the order made (made_on, then id), the
 * agreements in id order.  The two conditions of the WHERE clause are
 * necessary conditions of the term rule (term_state_on: not executed is
 * draft, before commencement draft or pending), so filtering on them first
 * changes no answer; the rule itself is applied by the caller to each row.
 * Rows in the caller's memory context; returns how many.  Callable inside
 * or outside SPI.
 */
int
s22a_load_terms_on(DateADT on, AgreementTermRow **rows)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {DATEOID};
	Datum		args[1] = {DateADTGetDatum(on)};
	AgreementTermRow *out = NULL;
	TermEvent  *events = NULL;
	int			nrows = 0,
				nout = 0,
				nevents = 0;
	bool		has_expires = false;
	DateADT		expires_on = 0;

	SPI_connect();
	s22a_select(s22a_keep_plan(&terms_plan,
							   "SELECT a.id, a.ref, a.commences_on, a.expires_on, a.executed_on,"
							   "       d.kind = 'termination',"
							   "       CASE WHEN d.kind = 'termination' THEN coalesce(d.new_expiry, d.made_on)"
							   "            ELSE d.new_expiry END, d.made_on, d.id"
							   "  FROM s22a.agreement a"
							   "  LEFT JOIN s22a.decision d"
							   "    ON d.agreement_id = a.id AND d.state = 'made'"
							   "   AND d.kind IN ('renewal', 'termination')"
							   " WHERE a.executed_on IS NOT NULL AND a.commences_on <= $1"
							   " ORDER BY a.id, d.made_on, d.id", 1, types),
				args, NULL, 0);
	nrows = (int) SPI_processed;
	out = MemoryContextAllocZero(caller, sizeof(AgreementTermRow) * Max(nrows, 1));
	events = palloc(sizeof(TermEvent) * Max(nrows, 1));
	for (int i = 0; i < nrows; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int64		id = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
		AgreementTermRow *r;
		Datum		d;

		if (nout == 0 || out[nout - 1].id != id)
		{
			/* a new agreement: finish the one before */
			if (nout > 0)
				term_effective_expiry(has_expires, expires_on, nevents, events,
									  &out[nout - 1].term.expiry);
			r = &out[nout++];
			r->id = id;
			r->ref = MemoryContextStrdup(caller, SPI_getvalue(tup, desc, 2));
			r->term.commences_on = DatumGetDateADT(SPI_getbinval(tup, desc, 3, &isnull));
			d = SPI_getbinval(tup, desc, 4, &isnull);
			has_expires = !isnull;
			expires_on = isnull ? 0 : DatumGetDateADT(d);
			d = SPI_getbinval(tup, desc, 5, &isnull);
			r->term.executed = !isnull;
			r->term.executed_on = isnull ? 0 : DatumGetDateADT(d);
			nevents = 0;
		}
		/* the decision of this row, if the LEFT JOIN found one */
		d = SPI_getbinval(tup, desc, 9, &isnull);
		if (!isnull)
		{
			TermEvent  *e = &events[nevents++];

			e->id = DatumGetInt64(d);
			e->termination = DatumGetBool(SPI_getbinval(tup, desc, 6, &isnull));
			d = SPI_getbinval(tup, desc, 7, &isnull);
			e->has_last_day = !isnull;
			e->last_day = isnull ? 0 : DatumGetDateADT(d);
			d = SPI_getbinval(tup, desc, 8, &isnull);
			e->made_on = isnull ? DATEVAL_NOBEGIN : DatumGetDateADT(d);
		}
	}
	if (nout > 0)
		term_effective_expiry(has_expires, expires_on, nevents, events,
							  &out[nout - 1].term.expiry);
	SPI_finish();
	*rows = out;
	return nout;
}
