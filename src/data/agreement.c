/*
 * data/agreement.c — the one query that reads an agreement by id.
 *
 * Every rule that needs an agreement's own columns reads them here, so an
 * agreement is named the same way in every message (by its ref) and an
 * unknown id is refused the same way everywhere.
 */
#include "postgres.h"

#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "catalog/namespace.h"
#include "utils/date.h"
#include "utils/lsyscache.h"

#include "s22a.h"

static SPIPlanPtr agreement_plan;
static SPIPlanPtr agreement_plan_0_2;

/*
 * Does the installed s22a.agreement have 0.3's voting columns?  The library
 * also serves a database still at 0.1 or 0.2 until ALTER EXTENSION s22a
 * UPDATE; there every agreement votes by weights.
 */
static bool
agreement_has_voting(void)
{
	Oid			rel = get_relname_relid("agreement", get_namespace_oid(S22A_SCHEMA, false));

	return OidIsValid(rel) && get_attnum(rel, "voting") != InvalidAttrNumber;
}

static DateADT
date_column(HeapTuple tup, TupleDesc desc, int col, bool *has)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	*has = !isnull;
	return isnull ? 0 : DatumGetDateADT(d);
}

/*
 * Reads agreement `id` into *a, in the caller's memory context.  Returns
 * false when there is no such agreement (and must_exist is false); with
 * must_exist it raises 22023 naming the id, so a mistyped id is never taken
 * for an agreement with nothing in it.  Callable inside or outside SPI.
 */
bool
s22a_read_agreement(int64 id, AgreementRow *a, bool must_exist)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(id)};
	MemoryContext caller = CurrentMemoryContext;
	bool		found;

	memset(a, 0, sizeof(*a));
	SPI_connect();
	if (agreement_has_voting())
		s22a_select(s22a_keep_plan(&agreement_plan,
								   "SELECT ref, commences_on, expires_on, executed_on,"
								   "       lead_force::text, withdrawal_notice,"
								   "       voting = 'host_half', host_force::text"
								   "  FROM s22a.agreement WHERE id = $1", 1, types),
					args, NULL, 1);
	else
		s22a_select(s22a_keep_plan(&agreement_plan_0_2,
								   "SELECT ref, commences_on, expires_on, executed_on,"
								   "       lead_force::text, withdrawal_notice,"
								   "       false, NULL::text"
								   "  FROM s22a.agreement WHERE id = $1", 1, types),
					args, NULL, 1);
	found = SPI_processed == 1;
	if (found)
	{
		HeapTuple	tup = SPI_tuptable->vals[0];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		MemoryContext spi = MemoryContextSwitchTo(caller);
		bool		isnull;
		Datum		notice;
		char	   *lead;

		a->id = id;
		a->ref = SPI_getvalue(tup, desc, 1);
		a->commences_on = date_column(tup, desc, 2, &isnull);
		a->expires_on = date_column(tup, desc, 3, &a->has_expires);
		a->executed_on = date_column(tup, desc, 4, &a->executed);
		lead = SPI_getvalue(tup, desc, 5);
		a->lead_force = lead;
		notice = SPI_getbinval(tup, desc, 6, &isnull);
		a->has_notice = !isnull;
		if (!isnull)
			a->notice = *DatumGetIntervalP(notice);
		a->host_half = DatumGetBool(SPI_getbinval(tup, desc, 7, &isnull));
		a->host_force = SPI_getvalue(tup, desc, 8);
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	if (!found && must_exist)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("agreement %lld does not exist", (long long) id)));
	return found;
}

/* The agreement's ref, for messages; NULL when there is no such agreement. */
char *
s22a_agreement_ref(int64 id)
{
	AgreementRow a;

	return s22a_read_agreement(id, &a, false) ? a.ref : NULL;
}

static SPIPlanPtr charging_plan;

/*
 * The agreement's charging rule (agreement.charging, 0.3).  The library
 * also serves a database still at 0.1 or 0.2 until ALTER EXTENSION s22a
 * UPDATE (test/upgrade.sh loads the demo into 0.1 with it): there the rule
 * is first_day, the rule of those versions, which the update then writes
 * into every existing agreement.  Callable inside or outside SPI.
 */
ChargingRule
s22a_read_charging(int64 id)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(id)};
	Oid			table = get_relname_relid("agreement", get_namespace_oid(S22A_SCHEMA, false));
	ChargingRule rule = CHARGING_FIRST_DAY;

	if (get_attnum(table, "charging") == InvalidAttrNumber)
		return rule;
	SPI_connect();
	s22a_select(s22a_keep_plan(&charging_plan,
							   "SELECT charging::text FROM s22a.agreement WHERE id = $1", 1, types),
				args, NULL, 1);
	if (SPI_processed == 1)
		(void) charging_rule_parse(SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1),
								   &rule);
	SPI_finish();
	return rule;
}
