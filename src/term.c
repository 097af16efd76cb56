/*
 * term.c — term validity: is an agreement in force on a date?
 *
 * The term comes from the agreement and its made decisions (DESIGN.md §3,
 * seed 003 clauses 6.1 and 6.2 of the Seven Force agreement: "This Agreement
 * shall come into force on 22 October 2015 and shall continue until 31 March
 * 2017 ... will terminate on 31 March 2017 unless renewed in writing by all
 * the Parties"; CPCC2019-007 extends it to 31 March 2021):
 *
 *   effective expiry = expires_on, moved to the new_expiry of the latest made
 *                      renewal, or set by a made termination to its last day
 *                      in force (NULL = open ended);
 *   status on day D  = draft      not executed on D (executed_on NULL or > D)
 *                      pending    executed, D before commences_on
 *                      in_force   from commences_on to the effective expiry
 *                      expired    after the effective expiry
 *                      terminated after the last day set by a termination.
 *
 * The rule is plain C over plain values (term_effective_expiry,
 * term_state_on); s22a_term_of() gathers the rows with SPI, and the fmgr
 * wrappers below expose it as term_status(), in_force() and
 * effective_expiry().  The register rules (register_rules.c) and reports use
 * the same C API, so the rule lives in one place.
 */
#include "postgres.h"

#include "fmgr.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"

#include "s22a.h"

static const char *const term_state_labels[] = {
	[TERM_DRAFT] = "draft",
	[TERM_PENDING] = "pending",
	[TERM_IN_FORCE] = "in_force",
	[TERM_EXPIRED] = "expired",
	[TERM_TERMINATED] = "terminated",
};

/* ---------- the rule ---------------------------------------------------- */

/*
 * Applies the made renewals and terminations, in the order they were made
 * (made_on, then id), to the term as signed.  A renewal moves the last day
 * (renewal "in writing by all the Parties", seed 003 clause 6.2); a
 * termination sets it to its own last day in force and marks the agreement
 * terminated, and nothing made later revives it: a renewal after a
 * termination leaves the termination's last day.
 */
void
term_effective_expiry(bool has_expires, DateADT expires_on,
					  int nevents, const TermEvent *events, TermExpiry *out)
{
	out->open_ended = !has_expires;
	out->last_day = has_expires ? expires_on : DATEVAL_NOEND;
	out->terminated = false;

	for (int i = 0; i < nevents; i++)
	{
		const TermEvent *e = &events[i];

		if (e->termination)
		{
			/* a termination without a day of its own changes nothing */
			if (!e->has_last_day)
				continue;
			out->open_ended = false;
			out->last_day = e->last_day;
			out->terminated = true;
		}
		else if (!out->terminated)
		{
			out->open_ended = !e->has_last_day;
			out->last_day = e->has_last_day ? e->last_day : DATEVAL_NOEND;
		}
	}
}

/* The status of a term on a day. */
TermState
term_state_on(const AgreementTerm *t, DateADT on)
{
	if (!t->executed || t->executed_on > on)
		return TERM_DRAFT;
	if (on < t->commences_on)
		return TERM_PENDING;
	if (!t->expiry.open_ended && on > t->expiry.last_day)
		return t->expiry.terminated ? TERM_TERMINATED : TERM_EXPIRED;
	return TERM_IN_FORCE;
}

const char *
term_state_label(TermState s)
{
	return term_state_labels[s];
}

/* ---------- gathering the rows ------------------------------------------ */

static SPIPlanPtr agreement_plan = NULL;
static SPIPlanPtr events_plan = NULL;

static SPIPlanPtr
keep_plan(const char *sql)
{
	Oid			types[1] = {INT8OID};
	SPIPlanPtr	plan = SPI_prepare(sql, 1, types);

	if (plan == NULL)
		elog(ERROR, "s22a: could not prepare term query: %s",
			 SPI_result_code_string(SPI_result));
	SPI_keepplan(plan);
	return plan;
}

static DateADT
get_date(HeapTuple tup, TupleDesc desc, int col, bool *isnull)
{
	Datum		d = SPI_getbinval(tup, desc, col, isnull);

	return *isnull ? 0 : DatumGetDateADT(d);
}

/*
 * Reads the term of an agreement and its made renewals and terminations
 * into *t.  Raises 22023 when the agreement does not exist, naming the id,
 * so a mistyped id is never reported as a draft.
 */
void
s22a_term_of(int64 agreement_id, AgreementTerm *t)
{
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	HeapTuple	tup;
	TupleDesc	desc;
	bool		isnull;
	bool		has_expires;
	DateADT		expires_on;
	TermEvent  *events;
	int			n;

	SPI_connect();
	if (agreement_plan == NULL)
		agreement_plan = keep_plan(
			"SELECT commences_on, expires_on, executed_on"
			"  FROM s22a.agreement WHERE id = $1");
	if (events_plan == NULL)
		/*
		 * A termination without new_expiry ends on the day it was made.
		 * "Latest" is by made_on, then id (two decisions made the same day
		 * count in the order they were recorded).
		 */
		events_plan = keep_plan(
			"SELECT kind = 'termination',"
			"       CASE WHEN kind = 'termination' THEN coalesce(new_expiry, made_on)"
			"            ELSE new_expiry END"
			"  FROM s22a.decision"
			" WHERE agreement_id = $1 AND state = 'made'"
			"   AND kind IN ('renewal', 'termination')"
			" ORDER BY made_on, id");

	if (SPI_execute_plan(agreement_plan, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "s22a: term query failed");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("agreement %lld does not exist", (long long) agreement_id)));
	tup = SPI_tuptable->vals[0];
	desc = SPI_tuptable->tupdesc;
	t->commences_on = get_date(tup, desc, 1, &isnull);
	expires_on = get_date(tup, desc, 2, &isnull);
	has_expires = !isnull;
	t->executed_on = get_date(tup, desc, 3, &isnull);
	t->executed = !isnull;

	if (SPI_execute_plan(events_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: term decisions query failed");
	n = (int) SPI_processed;
	events = palloc0(sizeof(TermEvent) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		tup = SPI_tuptable->vals[i];
		desc = SPI_tuptable->tupdesc;
		events[i].termination = DatumGetBool(SPI_getbinval(tup, desc, 1, &isnull));
		events[i].last_day = get_date(tup, desc, 2, &isnull);
		events[i].has_last_day = !isnull;
	}
	term_effective_expiry(has_expires, expires_on, n, events, &t->expiry);
	SPI_finish();
}

/* ---------- SQL functions ----------------------------------------------- */

PG_FUNCTION_INFO_V1(s22a_term_status);
Datum
s22a_term_status(PG_FUNCTION_ARGS)
{
	AgreementTerm t;
	Oid			enum_type = get_fn_expr_rettype(fcinfo->flinfo);

	s22a_term_of(PG_GETARG_INT64(0), &t);
	if (!OidIsValid(enum_type))
		elog(ERROR, "s22a: could not determine the result type of term_status");
	return DirectFunctionCall2(enum_in,
							   CStringGetDatum(term_state_label(term_state_on(&t, PG_GETARG_DATEADT(1)))),
							   ObjectIdGetDatum(enum_type));
}

PG_FUNCTION_INFO_V1(s22a_in_force);
Datum
s22a_in_force(PG_FUNCTION_ARGS)
{
	AgreementTerm t;

	s22a_term_of(PG_GETARG_INT64(0), &t);
	PG_RETURN_BOOL(term_state_on(&t, PG_GETARG_DATEADT(1)) == TERM_IN_FORCE);
}

PG_FUNCTION_INFO_V1(s22a_effective_expiry);
Datum
s22a_effective_expiry(PG_FUNCTION_ARGS)
{
	AgreementTerm t;

	s22a_term_of(PG_GETARG_INT64(0), &t);
	if (t.expiry.open_ended)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(t.expiry.last_day);
}
