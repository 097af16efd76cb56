/*
 * membership.c — who is party to an agreement on a given date.
 *
 * Membership changes over time: the Chiltern Transport Consortium gained
 * British Transport Police from 1 May 2019 (seed 003, CPCC2019-008), and a
 * party may withdraw on notice (Single Online Home: 12 months).  One rule
 * decides it, used by parties_on()/forces_on(), the execution and statutory
 * shape checks, the consent rules and the cost shares:
 *
 *   a party is a member on day D when  D >= joins_on (NULL: commencement)
 *   and D is before both its leaves_on and its withdrawal's effective_on.
 *
 * Membership is independent of the term: an expired agreement still has its
 * parties on a later date.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "s22a.h"

/* ---------- the rule ---------------------------------------------------- */

/*
 * Pure rule: is a party with these dates a member on `on`?  A DATEVAL_NOEND
 * leaving day means it has not left.
 */
bool
member_on(DateADT commences_on, bool has_joins, DateADT joins_on,
		  DateADT leaves_on, DateADT on)
{
	DateADT		first = has_joins ? joins_on : commences_on;

	return on >= first && on < leaves_on;
}

static int
cstring_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/*
 * Distinct force codes of the members on `on`, in code order: a force is in
 * when any of its corporations sole is a member.  The codes point into m.
 */
int
membership_forces_on(const AgreementMembership *m, DateADT on, const char ***forces)
{
	const char **out = palloc(sizeof(char *) * Max(m->n, 1));
	int			n = 0,
				k = 0;

	for (int i = 0; i < m->n; i++)
	{
		const PartyMembership *p = &m->parties[i];

		if (p->force[0] != '\0' &&
			member_on(m->commences_on, p->has_joins, p->joins_on, p->leaves_on, on))
			out[n++] = p->force;
	}
	qsort(out, n, sizeof(char *), cstring_cmp);
	for (int i = 0; i < n; i++)
		if (k == 0 || strcmp(out[k - 1], out[i]) != 0)
			out[k++] = out[i];
	*forces = out;
	return k;
}

/* ---------- gathering the rows ------------------------------------------ */

static SPIPlanPtr membership_plan = NULL;

/*
 * Reads every party row of the agreement, with the dates member_on() needs,
 * into *m, allocated in the caller's memory context, parties in code order.
 * Raises 22023 when the agreement does not exist, so a mistyped id is never
 * mistaken for an agreement without parties.  Callers that ask about many
 * dates (the cost shares) load once and filter with member_on().
 */
void
s22a_load_membership(int64 agreement_id, AgreementMembership *m)
{
	MemoryContext caller = CurrentMemoryContext;
	Datum		args[1] = {Int64GetDatum(agreement_id)};

	SPI_connect();
	if (membership_plan == NULL)
	{
		Oid			types[1] = {INT8OID};
		SPIPlanPtr	plan;

		/* one row even for an agreement with no parties (commences_on) */
		plan = SPI_prepare(
			"SELECT a.commences_on, ap.party_code::text, p.force_code::text, p.kind::text,"
			"       ap.joins_on, least(ap.leaves_on, w.effective_on)"
			"  FROM s22a.agreement a"
			"  LEFT JOIN s22a.agreement_party ap ON ap.agreement_id = a.id"
			"  LEFT JOIN s22a.party p ON p.code = ap.party_code"
			"  LEFT JOIN s22a.withdrawal w"
			"         ON w.agreement_id = ap.agreement_id AND w.party_code = ap.party_code"
			" WHERE a.id = $1"
			" ORDER BY ap.party_code COLLATE \"C\"", 1, types);
		if (plan == NULL)
			elog(ERROR, "s22a: could not prepare membership query: %s",
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		membership_plan = plan;
	}
	if (SPI_execute_plan(membership_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: membership query failed");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("agreement %lld does not exist", (long long) agreement_id)));

	m->n = 0;
	m->parties = MemoryContextAllocZero(caller, sizeof(PartyMembership) * SPI_processed);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		PartyMembership *p = &m->parties[m->n];
		bool		isnull;
		char	   *text;

		if (i == 0)
			m->commences_on = DatumGetDateADT(SPI_getbinval(tup, desc, 1, &isnull));
		if ((text = SPI_getvalue(tup, desc, 2)) == NULL)
			continue;			/* an agreement with no parties yet */
		strlcpy(p->code, text, sizeof(p->code));
		if ((text = SPI_getvalue(tup, desc, 3)) != NULL)
			strlcpy(p->force, text, sizeof(p->force));
		text = SPI_getvalue(tup, desc, 4);
		p->kind = strcmp(text, "chief_officer") == 0 ? PARTY_CHIEF_OFFICER :
			strcmp(text, "policing_body") == 0 ? PARTY_POLICING_BODY : PARTY_OTHER;
		p->joins_on = DatumGetDateADT(SPI_getbinval(tup, desc, 5, &isnull));
		p->has_joins = !isnull;
		p->leaves_on = DatumGetDateADT(SPI_getbinval(tup, desc, 6, &isnull));
		if (isnull)
			p->leaves_on = DATEVAL_NOEND;
		m->n++;
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
	Member	   *out;
	int			n = 0;

	s22a_load_membership(agreement_id, &m);
	out = palloc0(sizeof(Member) * Max(m.n, 1));
	for (int i = 0; i < m.n; i++)
	{
		const PartyMembership *p = &m.parties[i];

		if (!member_on(m.commences_on, p->has_joins, p->joins_on, p->leaves_on, on))
			continue;
		strlcpy(out[n].code, p->code, sizeof(out[n].code));
		strlcpy(out[n].force, p->force, sizeof(out[n].force));
		out[n].kind = p->kind;
		n++;
	}
	*rows = out;
	return n;
}

/* ---------- SQL functions ----------------------------------------------- */

PG_FUNCTION_INFO_V1(s22a_parties_on);
Datum
s22a_parties_on(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Member	   *rows;
	int			n = s22a_members_on(PG_GETARG_INT64(0), PG_GETARG_DATEADT(1), &rows);

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int i = 0; i < n; i++)
	{
		Datum		value = CStringGetTextDatum(rows[i].code);
		bool		isnull = false;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(s22a_forces_on);
Datum
s22a_forces_on(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	AgreementMembership m;
	const char **forces;
	int			n;

	s22a_load_membership(PG_GETARG_INT64(0), &m);
	n = membership_forces_on(&m, PG_GETARG_DATEADT(1), &forces);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int i = 0; i < n; i++)
	{
		Datum		value = CStringGetTextDatum(forces[i]);
		bool		isnull = false;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
	return (Datum) 0;
}
