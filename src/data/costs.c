/*
 * data/costs.c — what the cost shares read: an agreement's cost rules
 * (s22a.cost_basis and s22a.cost_override, one query), the drivers
 * (s22a.force_measure, one column of a year's measure at a time), the
 * weights of one cost basis for its write-time check, and the
 * per-statement cache that keeps them while a report runs.
 *
 * The rules these rows feed are the Seven Force Strategic Collaboration
 * agreement, clause 5.2 (costs apportioned by Net Revenue Expenditure,
 * "calculated to one decimal place") and the JPS umbrella agreement,
 * Section 13 (a blend of NRE and demand per business area): see
 * rules/cost_blend.c.  Who is charged for a year, and for how many days, is
 * the charging rule's business (rules/charging.c) over the membership rule
 * (s22a_load_membership, member_on).
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "s22a.h"

/* ======================================================================
 * The fiscal_year type of the kept plans' parameters
 * ====================================================================== */

/*
 * s22a.fiscal_year's OID, for the parameter types of the kept plans.  The
 * OID changes when the extension is dropped and created again in the same
 * session, so any change to a type marks it and the plans that use it
 * stale; they are replaced at their next use (never inside the
 * invalidation callback, which may run while a plan is executing).
 */
static Oid	fy_typid = InvalidOid;
static bool fy_plans_stale = false;
static SPIPlanPtr column_plan = NULL;
static SPIPlanPtr weights_plan = NULL;
static SPIPlanPtr rules_plan = NULL;
static SPIPlanPtr basis_exists_plan = NULL;
static SPIPlanPtr measure_user_plan = NULL;

static void
fiscal_year_type_changed(Datum arg, int cacheid, uint32 hashvalue)
{
	fy_typid = InvalidOid;
	fy_plans_stale = true;
}

/* drops the plans that name the old type; called where they are used */
static void
refresh_fiscal_year_plans(void)
{
	if (!fy_plans_stale)
		return;
	if (column_plan)
		SPI_freeplan(column_plan);
	if (weights_plan)
		SPI_freeplan(weights_plan);
	if (basis_exists_plan)
		SPI_freeplan(basis_exists_plan);
	if (measure_user_plan)
		SPI_freeplan(measure_user_plan);
	column_plan = weights_plan = basis_exists_plan = measure_user_plan = NULL;
	fy_plans_stale = false;
}

static Oid
fiscal_year_typid(void)
{
	static bool registered = false;

	if (!registered)
	{
		CacheRegisterSyscacheCallback(TYPEOID, fiscal_year_type_changed, (Datum) 0);
		registered = true;
	}
	if (!OidIsValid(fy_typid))
		fy_typid = GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
								   CStringGetDatum("fiscal_year"),
								   ObjectIdGetDatum(get_namespace_oid(S22A_SCHEMA, false)));
	if (!OidIsValid(fy_typid))
		elog(ERROR, "s22a: type s22a.fiscal_year not found");
	return fy_typid;
}

/* ======================================================================
 * The queries
 * ====================================================================== */

static int
rule_row_cmp(const void *a, const void *b)
{
	const CostRuleRow *x = a,
			   *y = b;
	int			c;

	if (x->fy != y->fy)
		return x->fy < y->fy ? -1 : 1;
	if ((c = strcmp(x->area, y->area)) != 0)
		return c;
	if ((x->measure == NULL) != (y->measure == NULL))
		return x->measure == NULL ? -1 : 1;		/* the override first */
	return x->measure ? strcmp(x->measure, y->measure) : 0;
}

/*
 * Every cost_basis and cost_override row of the agreement, in the caller's
 * memory context, sorted by year, area, the override first, then measure.
 */
static int
load_cost_rules(int64 agreement_id, CostRuleRow **out)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext spi;
	CostRuleRow *rows;
	int			n;

	SPI_connect();
	s22a_select(s22a_keep_plan(&rules_plan,
							   "SELECT fiscal_year, business_area, measure, weight, NULL::s22a.apportionment"
							   "  FROM s22a.cost_basis WHERE agreement_id = $1"
							   " UNION ALL "
							   "SELECT fiscal_year, business_area, NULL, NULL, shares"
							   "  FROM s22a.cost_override WHERE agreement_id = $1", 1, types),
				args, NULL, 0);
	spi = MemoryContextSwitchTo(caller);
	n = (int) SPI_processed;
	rows = palloc(sizeof(CostRuleRow) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		CostRuleRow *r = &rows[i];
		Datum		d;

		r->fy = DatumGetFiscalYear(SPI_getbinval(tup, desc, 1, &isnull));
		r->area = SPI_getvalue(tup, desc, 2);
		r->measure = SPI_getvalue(tup, desc, 3);
		d = SPI_getbinval(tup, desc, 4, &isnull);
		r->weight = isnull ? NULL : DatumGetNumericCopy(d);
		d = SPI_getbinval(tup, desc, 5, &isnull);
		r->override = isnull ? NULL : (Apportionment *) PG_DETOAST_DATUM_COPY(d);
	}
	qsort(rows, n, sizeof(CostRuleRow), rule_row_cmp);
	MemoryContextSwitchTo(spi);
	SPI_finish();
	*out = rows;
	return n;
}

/* every force's value of the measure in the year, in the caller's context */
static void
read_measure_column(FiscalYear fy, const char *measure, MeasureColumn *col)
{
	Oid			types[2] = {InvalidOid, TEXTOID};
	Datum		args[2] = {FiscalYearGetDatum(fy), CStringGetTextDatum(measure)};
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext spi;

	SPI_connect();
	refresh_fiscal_year_plans();
	types[0] = fiscal_year_typid();
	/*
	 * OPERATOR(s22a.=): the fiscal_year operators live in schema s22a, and a
	 * reporting tool's search_path need not include it.
	 */
	s22a_select(s22a_keep_plan(&column_plan,
							   "SELECT force_code::text, value FROM s22a.force_measure"
							   " WHERE fiscal_year OPERATOR(s22a.=) $1 AND measure = $2"
							   " ORDER BY force_code COLLATE \"C\"", 2, types),
				args, NULL, 0);
	spi = MemoryContextSwitchTo(caller);
	col->fy = fy;
	col->measure = pstrdup(measure);
	col->n = (int) SPI_processed;
	col->forces = palloc(sizeof(char *) * Max(col->n, 1));
	col->values = palloc(sizeof(Numeric) * Max(col->n, 1));
	for (int i = 0; i < col->n; i++)
	{
		bool		isnull;

		col->forces[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		col->values[i] = DatumGetNumericCopy(SPI_getbinval(SPI_tuptable->vals[i],
														   SPI_tuptable->tupdesc, 2, &isnull));
	}
	MemoryContextSwitchTo(spi);
	SPI_finish();
}

/*
 * The measures and weights of one cost basis (agreement, year, area), in
 * measure order, in the caller's memory context: what its write-time check
 * adds up.  Returns how many (0 when the key has no rows left).
 */
int
s22a_read_cost_basis_weights(int64 agreement_id, FiscalYear fy, const char *area,
							 char ***measures, Numeric **weights)
{
	Oid			types[3] = {INT8OID, InvalidOid, TEXTOID};
	Datum		args[3] = {Int64GetDatum(agreement_id), FiscalYearGetDatum(fy),
	CStringGetTextDatum(area)};
	MemoryContext caller = CurrentMemoryContext;
	MemoryContext spi;
	int			n;

	SPI_connect();
	refresh_fiscal_year_plans();
	types[1] = fiscal_year_typid();
	/* OPERATOR(s22a.=): the check runs under the user's search_path */
	s22a_select(s22a_keep_plan(&weights_plan,
							   "SELECT measure, weight FROM s22a.cost_basis"
							   " WHERE agreement_id = $1 AND fiscal_year OPERATOR(s22a.=) $2"
							   "   AND business_area = $3"
							   " ORDER BY measure COLLATE \"C\"", 3, types),
				args, NULL, 0);
	spi = MemoryContextSwitchTo(caller);
	n = (int) SPI_processed;
	*measures = palloc(sizeof(char *) * Max(n, 1));
	*weights = palloc(sizeof(Numeric) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		bool		isnull;

		(*measures)[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		(*weights)[i] = DatumGetNumericCopy(SPI_getbinval(SPI_tuptable->vals[i],
														  SPI_tuptable->tupdesc, 2, &isnull));
	}
	MemoryContextSwitchTo(spi);
	SPI_finish();
	return n;
}

/*
 * Whether an agreement has a cost basis for (year, area): fixed percentages
 * added beside it would replace the agreed formula (rule cost_terms_sealed,
 * triggers/budget.c).
 */
bool
s22a_cost_basis_exists(int64 agreement_id, FiscalYear fy, const char *area)
{
	Oid			types[3] = {INT8OID, InvalidOid, TEXTOID};
	Datum		args[3] = {Int64GetDatum(agreement_id), FiscalYearGetDatum(fy),
	CStringGetTextDatum(area)};
	bool		exists;

	SPI_connect();
	refresh_fiscal_year_plans();
	types[1] = fiscal_year_typid();
	s22a_select(s22a_keep_plan(&basis_exists_plan,
							   "SELECT 1 FROM s22a.cost_basis"
							   " WHERE agreement_id = $1 AND fiscal_year OPERATOR(s22a.=) $2"
							   "   AND business_area = $3", 3, types),
				args, NULL, 1);
	exists = SPI_processed > 0;
	SPI_finish();
	return exists;
}

/*
 * The ref of an executed agreement (the first by ref) whose cost basis for
 * year fy uses measure, in the caller's memory context; NULL when none does
 * (rule closed_year_drivers_sealed, triggers/force_measure.c).
 */
char *
s22a_executed_agreement_using_measure(FiscalYear fy, const char *measure)
{
	Oid			types[2] = {InvalidOid, TEXTOID};
	Datum		args[2] = {FiscalYearGetDatum(fy), CStringGetTextDatum(measure)};
	MemoryContext caller = CurrentMemoryContext;
	char	   *ref = NULL;

	SPI_connect();
	refresh_fiscal_year_plans();
	types[0] = fiscal_year_typid();
	s22a_select(s22a_keep_plan(&measure_user_plan,
							   "SELECT a.ref FROM s22a.cost_basis b"
							   "  JOIN s22a.agreement a ON a.id = b.agreement_id"
							   " WHERE b.fiscal_year OPERATOR(s22a.=) $1 AND b.measure = $2"
							   "   AND a.executed_on IS NOT NULL"
							   " ORDER BY a.ref COLLATE \"C\"", 2, types),
				args, NULL, 1);
	if (SPI_processed > 0)
		ref = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0],
													   SPI_tuptable->tupdesc, 1));
	SPI_finish();
	return ref;
}

/*
 * The (agreement, year, business area) of a cost_basis or cost_override
 * row; its ref is left NULL, looked up only if a message names it.
 */
void
s22a_read_cost_key(Relation rel, HeapTuple tup, CostKey *key)
{
	bool		isnull;

	key->agreement_id = DatumGetInt64(s22a_column(rel, tup, "agreement_id", &isnull));
	key->ref = NULL;
	key->fy = DatumGetFiscalYear(s22a_column(rel, tup, "fiscal_year", &isnull));
	/* contribution has no business area: a force's contribution is to the whole agreement */
	key->area = SPI_fnumber(RelationGetDescr(rel), "business_area") > 0 ?
		TextDatumGetCString(s22a_column(rel, tup, "business_area", &isnull)) : "";
}

/* ======================================================================
 * The per-statement cache
 *
 * cost_allocation calls cost_shares once per (agreement, year, area), tens
 * of thousands of times in one query.  Rather than three queries a call,
 * the rows are fetched once per agreement (its parties, its cost basis and
 * overrides, for every year) and once per (year, measure) (every force's
 * value), and kept for the rest of the statement in fn_extra.  Who is a
 * member on a day is still decided by the membership rule, member_on().
 *
 * A STABLE function sees one snapshot per statement, but fn_extra can
 * outlive a statement (PL/pgSQL keeps simple expressions for the whole
 * transaction), so the cache is tied to the transaction, the command and
 * the snapshot it was filled under and starts afresh when any of them
 * changes: it never shows rows a new snapshot would not.  (Within one
 * transaction, a snapshot sees more only when xmax grows or a transaction
 * leaves xip, so equal xmin, xmax and xcnt mean an equal snapshot; the
 * command id covers the transaction's own writes and the subtransaction id
 * a rollback to a savepoint.)
 * ====================================================================== */

struct CostCache
{
	MemoryContext cxt;
	/* what the rows were read under */
	LocalTransactionId lxid;
	CommandId	curcid;
	TransactionId xmin;
	TransactionId xmax;
	uint32		xcnt;
	SubTransactionId subxid;
	HTAB	   *agreements;
	int			ncolumns;
	int			capcolumns;
	MeasureColumn *columns;
};

static void
cost_cache_stamp(CostCache *c)
{
	Snapshot	snap = GetActiveSnapshot();

	c->lxid = S22A_MY_LXID;
	c->curcid = snap->curcid;
	c->xmin = snap->xmin;
	c->xmax = snap->xmax;
	c->xcnt = snap->xcnt;
	c->subxid = GetCurrentSubTransactionId();
}

static bool
cost_cache_current(const CostCache *c)
{
	Snapshot	snap = GetActiveSnapshot();

	return c->lxid == S22A_MY_LXID && c->curcid == snap->curcid &&
		c->xmin == snap->xmin && c->xmax == snap->xmax && c->xcnt == snap->xcnt &&
		c->subxid == GetCurrentSubTransactionId();
}

static void
cost_cache_init(CostCache *c)
{
	HASHCTL		ctl;

	ctl.keysize = sizeof(int64);
	ctl.entrysize = sizeof(CostAgreement);
	ctl.hcxt = c->cxt;
	c->agreements = hash_create("s22a cost agreements", 64, &ctl,
								HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	c->ncolumns = 0;
	c->capcolumns = 16;
	c->columns = MemoryContextAlloc(c->cxt, sizeof(MeasureColumn) * c->capcolumns);
	cost_cache_stamp(c);
}

/* the cache of this call site, emptied when its statement's snapshot is gone */
CostCache *
s22a_cost_cache(FunctionCallInfo fcinfo)
{
	CostCache  *c = (CostCache *) fcinfo->flinfo->fn_extra;

	if (c == NULL)
	{
		MemoryContext cxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
												  "s22a cost shares",
												  ALLOCSET_DEFAULT_SIZES);

		c = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(CostCache));
		c->cxt = cxt;
		cost_cache_init(c);
		fcinfo->flinfo->fn_extra = c;
	}
	else if (!cost_cache_current(c))
	{
		MemoryContextReset(c->cxt);
		cost_cache_init(c);
	}
	return c;
}

/*
 * The agreement's parties and cost rules, read once per statement.  An
 * unknown agreement is 22023, as for membership, so a mistyped id is never
 * mistaken for an agreement with nothing to pay.
 */
CostAgreement *
s22a_load_cost_agreement(CostCache *c, int64 agreement_id)
{
	CostAgreement *ag;
	CostAgreement rows;
	AgreementTerm term;
	bool		found;
	MemoryContext old;

	ag = hash_search(c->agreements, &agreement_id, HASH_FIND, &found);
	if (found)
		return ag;

	old = MemoryContextSwitchTo(c->cxt);
	rows.id = agreement_id;
	/* the membership data reads the parties (and refuses an unknown agreement) */
	s22a_load_membership(agreement_id, &rows.membership);
	/* the term (for pro_rata_days: the days in force) and the charging rule */
	s22a_load_term(agreement_id, &term);
	rows.expiry = term.expiry;
	rows.charging = s22a_read_charging(agreement_id);
	rows.ref = s22a_agreement_ref(agreement_id);
	rows.nrules = load_cost_rules(agreement_id, &rows.rules);
	MemoryContextSwitchTo(old);

	ag = hash_search(c->agreements, &agreement_id, HASH_ENTER, &found);
	*ag = rows;
	return ag;
}

/* every force's value of the measure in the year, read once per statement */
MeasureColumn *
s22a_load_measure_column(CostCache *c, FiscalYear fy, const char *measure)
{
	MemoryContext old;

	for (int i = 0; i < c->ncolumns; i++)
		if (c->columns[i].fy == fy && strcmp(c->columns[i].measure, measure) == 0)
			return &c->columns[i];

	old = MemoryContextSwitchTo(c->cxt);
	if (c->ncolumns == c->capcolumns)
	{
		c->capcolumns *= 2;
		c->columns = repalloc(c->columns, sizeof(MeasureColumn) * c->capcolumns);
	}
	read_measure_column(fy, measure, &c->columns[c->ncolumns]);
	MemoryContextSwitchTo(old);
	return &c->columns[c->ncolumns++];
}

/*
 * The override and the cost basis of one (year, area) among the agreement's
 * rules; the arrays are allocated in the current memory context and point
 * into the cache.
 */
void
s22a_read_cost_rule(const CostAgreement *ag, FiscalYear fy, const char *area, CostRule *rule)
{
	rule->override = NULL;
	rule->nmeasures = 0;
	rule->measures = palloc(sizeof(char *) * Max(ag->nrules, 1));
	rule->weights = palloc(sizeof(Numeric) * Max(ag->nrules, 1));
	/* rows are sorted by year, area, then the override, then measure */
	for (int i = 0; i < ag->nrules; i++)
	{
		const CostRuleRow *r = &ag->rules[i];

		if (r->fy != fy || strcmp(r->area, area) != 0)
			continue;
		if (r->override)
			rule->override = r->override;
		else
		{
			rule->measures[rule->nmeasures] = r->measure;
			rule->weights[rule->nmeasures] = r->weight;
			rule->nmeasures++;
		}
	}
}
