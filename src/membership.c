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

/* ---------- gathering the rows ------------------------------------------ */

static SPIPlanPtr members_plan = NULL;

/*
 * Fills *rows with the members of the agreement on the date, in code order,
 * allocated in the caller's memory context; returns how many.  Raises 22023
 * when the agreement does not exist, so a mistyped id is never mistaken for
 * an agreement without parties.
 */
int
s22a_members_on(int64 agreement_id, DateADT on, Member **rows)
{
	MemoryContext caller = CurrentMemoryContext;
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	int			n = 0;
	Member	   *out;

	SPI_connect();
	if (members_plan == NULL)
	{
		Oid			types[1] = {INT8OID};
		SPIPlanPtr	plan;

		/* every row of the agreement, even with no parties (commences_on) */
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
		members_plan = plan;
	}
	if (SPI_execute_plan(members_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: membership query failed");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("agreement %lld does not exist", (long long) agreement_id)));

	out = MemoryContextAllocZero(caller, sizeof(Member) * SPI_processed);
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull,
					has_joins,
					has_leaves;
		DateADT		commences,
					joins,
					leaves;
		char	   *code;

		code = SPI_getvalue(tup, desc, 2);
		if (code == NULL)
			continue;			/* an agreement with no parties yet */
		commences = DatumGetDateADT(SPI_getbinval(tup, desc, 1, &isnull));
		joins = DatumGetDateADT(SPI_getbinval(tup, desc, 5, &isnull));
		has_joins = !isnull;
		leaves = DatumGetDateADT(SPI_getbinval(tup, desc, 6, &isnull));
		has_leaves = !isnull;
		if (!member_on(commences, has_joins, joins,
					   has_leaves ? leaves : DATEVAL_NOEND, on))
			continue;
		strlcpy(out[n].code, code, sizeof(out[n].code));
		if ((code = SPI_getvalue(tup, desc, 3)) != NULL)
			strlcpy(out[n].force, code, sizeof(out[n].force));
		code = SPI_getvalue(tup, desc, 4);
		out[n].kind = strcmp(code, "chief_officer") == 0 ? PARTY_CHIEF_OFFICER :
			strcmp(code, "policing_body") == 0 ? PARTY_POLICING_BODY : PARTY_OTHER;
		n++;
	}
	SPI_finish();
	*rows = out;
	return n;
}

/* ---------- SQL functions ----------------------------------------------- */

static int
cstring_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

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
	Member	   *rows;
	int			n = s22a_members_on(PG_GETARG_INT64(0), PG_GETARG_DATEADT(1), &rows);
	char	  **forces = palloc(sizeof(char *) * Max(n, 1));
	int			nforces = 0;

	/* a force is in when any of its corporations sole is a member */
	for (int i = 0; i < n; i++)
		if (rows[i].force[0] != '\0')
			forces[nforces++] = rows[i].force;
	qsort(forces, nforces, sizeof(char *), cstring_cmp);

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int i = 0; i < nforces; i++)
	{
		Datum		value;
		bool		isnull = false;

		if (i > 0 && strcmp(forces[i - 1], forces[i]) == 0)
			continue;
		value = CStringGetTextDatum(forces[i]);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
	return (Datum) 0;
}
