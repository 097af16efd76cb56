/*
 * costs.c — who pays what: cost shares from a blend of drivers, and the
 * write-time checks on the cost basis and on fixed-percentage overrides.
 *
 * Seed 003 (Seven Force Strategic Collaboration), clause 5.2: costs are
 * "apportioned between the seven police areas ... upon the basis of the Net
 * Revenue Expenditure ... of each Force within the Programme in any given
 * year and calculated to one decimal place".  Seed 000 (JPS umbrella
 * agreement, Section 13): the apportionment "for each of the business areas
 * ... is a combination of Net Revenue Expenditure and demand", the formula
 * for each area set out in its service specification.  So, per agreement,
 * financial year and business area:
 *
 *     share(f) = Σ_m  weight_m × value(f, m) / Σ_g value(g, m)
 *
 * over the forces g party to the agreement on 1 April of the year, then
 * rounded to one decimal place by the one largest-remainder rule
 * (apportion.c), so the shares add up to exactly 100.0.
 *
 * Exactness.  share(f) is rational.  Multiplying every share by the same
 * positive number L = Π_m V_m (V_m = the members' total of measure m) gives
 *
 *     B(f) = Σ_m  weight_m × value(f, m) × Π_{k≠m} V_k
 *
 * which is a finite decimal: numeric multiplication and addition are exact.
 * Shares proportional to B are shares proportional to share(f), and a common
 * factor changes neither the quotas, nor their remainders' order, nor the
 * "larger weight first" tie-break, so handing B to the apportion rule gives
 * exactly the apportionment of the rational shares.  No division and no
 * floating point happen before the apportion rule, which is exact itself.
 *
 * The file has three layers: the blend rule over plain arrays; gathering
 * the rows (SPI, plans kept); the fmgr wrappers and the triggers.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "storage/proc.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/inval.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "s22a.h"

/* ======================================================================
 * The blend rule, over plain arrays
 * ====================================================================== */

/*
 * values is nforces × nmeasures, row-major (values[f * nmeasures + m]);
 * every value present and non-negative, every total positive (the caller
 * has checked).  Fills blended[f] with B(f) (see the top of the file); the
 * apportion rule does the rest.
 */
void
cost_blend(int nforces, int nmeasures, const Numeric *weights,
		   const Numeric *values, const Numeric *totals, Numeric *blended)
{
	Numeric    *others = palloc(sizeof(Numeric) * nmeasures);

	/*
	 * others[m] = Π_{k≠m} V_k, by multiplying the other totals (no
	 * division).  numeric multiplication keeps every digit of the product
	 * (its scale is the sum of the factors' scales), so all of this is exact.
	 */
	for (int m = 0; m < nmeasures; m++)
	{
		Numeric		p = int64_to_numeric(1);

		for (int k = 0; k < nmeasures; k++)
			if (k != m)
				p = numeric_mul_opt_error(p, totals[k], NULL);
		others[m] = p;
	}
	for (int f = 0; f < nforces; f++)
	{
		Numeric		b = int64_to_numeric(0);

		for (int m = 0; m < nmeasures; m++)
		{
			Numeric		term = numeric_mul_opt_error(weights[m], values[f * nmeasures + m], NULL);

			term = numeric_mul_opt_error(term, others[m], NULL);
			b = numeric_add_opt_error(b, term, NULL);
		}
		blended[f] = b;
	}
	pfree(others);
}

/*
 * Compares a set of codes (sorted, distinct) with another (sorted,
 * distinct): fills *extra with the first code of `have` not in `want` and
 * *missing with the first of `want` not in `have` (NULL when none).
 */
static void
code_set_diff(int nhave, const char *const *have, int nwant, const char *const *want,
			  const char **extra, const char **missing)
{
	int			i = 0,
				j = 0;

	*extra = NULL;
	*missing = NULL;
	while (i < nhave || j < nwant)
	{
		int			c = i >= nhave ? 1 : j >= nwant ? -1 : strcmp(have[i], want[j]);

		if (c == 0)
			i++, j++;
		else if (c < 0)
		{
			if (*extra == NULL)
				*extra = have[i];
			i++;
		}
		else
		{
			if (*missing == NULL)
				*missing = want[j];
			j++;
		}
	}
}

/* ======================================================================
 * Catalog
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
	column_plan = weights_plan = NULL;
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
								   ObjectIdGetDatum(get_namespace_oid("s22a", false)));
	if (!OidIsValid(fy_typid))
		elog(ERROR, "s22a: type s22a.fiscal_year not found");
	return fy_typid;
}

/* ======================================================================
 * Names for messages
 * ====================================================================== */

/* 2016/17, as fiscal_year.c writes it */
static char *
fiscal_year_text(FiscalYear fy)
{
	return DatumGetCString(DirectFunctionCall1(fiscal_year_out, FiscalYearGetDatum(fy)));
}

/* 1 April, as fiscal_year.c reckons it */
static DateADT
fiscal_year_first(FiscalYear fy)
{
	return DatumGetDateADT(DirectFunctionCall1(fiscal_year_first_day, FiscalYearGetDatum(fy)));
}

static SPIPlanPtr ref_plan = NULL;

/* the agreement's ref, or NULL when there is no such agreement */
static char *
agreement_ref(int64 agreement_id)
{
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	char	   *ref = NULL;
	MemoryContext caller = CurrentMemoryContext;

	SPI_connect();
	if (ref_plan == NULL)
	{
		Oid			types[1] = {INT8OID};
		SPIPlanPtr	plan = SPI_prepare("SELECT ref FROM s22a.agreement WHERE id = $1", 1, types);

		if (plan == NULL)
			elog(ERROR, "s22a: could not prepare agreement query: %s",
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		ref_plan = plan;
	}
	if (SPI_execute_plan(ref_plan, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "s22a: agreement query failed");
	if (SPI_processed == 1)
	{
		char	   *v = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		ref = MemoryContextStrdup(caller, v);
	}
	SPI_finish();
	return ref;
}

/* `agreement "JPS" for 2016/17, business area "firearms"` */
static char *
cost_key_text(const char *ref, FiscalYear fy, const char *area)
{
	if (area[0] == '\0')
		return psprintf("agreement \"%s\" for %s", ref, fiscal_year_text(fy));
	return psprintf("agreement \"%s\" for %s, business area \"%s\"",
					ref, fiscal_year_text(fy), area);
}

/* the same, for the triggers, which know only the id */
static char *
cost_key_text_by_id(int64 agreement_id, FiscalYear fy, const char *area)
{
	char	   *ref = agreement_ref(agreement_id);

	return cost_key_text(ref ? ref : psprintf("%lld", (long long) agreement_id), fy, area);
}

/* ======================================================================
 * Gathering the rows
 *
 * cost_allocation calls cost_shares once per (agreement, year, area), tens
 * of thousands of times in one query.  Rather than three queries a call,
 * the rows are fetched once per agreement (its parties, its cost basis and
 * overrides, for every year) and once per (year, measure) (every force's
 * value), and kept for the rest of the statement in fn_extra.  Who is a
 * member on a day is still decided by membership.c's rule, member_on().
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

static int
cstring_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/* The forces party to the agreement on the day (membership.c).  Used by
 * the override trigger. */
static int
member_forces(int64 agreement_id, DateADT on, const char ***forces)
{
	AgreementMembership m;

	s22a_load_membership(agreement_id, &m);
	return membership_forces_on(&m, on, forces);
}

/* one row of cost_basis (measure set) or cost_override (shares set) */
typedef struct RuleRow
{
	FiscalYear	fy;
	char	   *area;
	char	   *measure;
	Numeric		weight;
	Apportionment *override;
} RuleRow;

typedef struct AgreementRows
{
	int64		id;				/* hash key */
	char	   *ref;
	AgreementMembership membership;	/* membership.c's rows */
	int			nrules;
	RuleRow    *rules;
} AgreementRows;

/* every force's value of one measure in one year, in force code order */
typedef struct MeasureColumn
{
	FiscalYear	fy;
	char	   *measure;
	int			n;
	char	  **forces;
	Numeric    *values;
} MeasureColumn;

typedef struct CostCache
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
} CostCache;

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
	ctl.entrysize = sizeof(AgreementRows);
	ctl.hcxt = c->cxt;
	c->agreements = hash_create("s22a cost agreements", 64, &ctl,
								HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
	c->ncolumns = 0;
	c->capcolumns = 16;
	c->columns = MemoryContextAlloc(c->cxt, sizeof(MeasureColumn) * c->capcolumns);
	cost_cache_stamp(c);
}

static CostCache *
cost_cache_get(FunctionCallInfo fcinfo)
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

static SPIPlanPtr rules_plan = NULL;

static SPIPlanPtr
keep_plan(const char *sql, int nargs, Oid *types)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, types);

	if (plan == NULL)
		elog(ERROR, "s22a: could not prepare \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	SPI_keepplan(plan);
	return plan;
}

static int
rule_row_cmp(const void *a, const void *b)
{
	const RuleRow *x = a,
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
 * The agreement's parties and cost rules, read once per statement.  An
 * unknown agreement is 22023, as in membership.c, so a mistyped id is never
 * mistaken for an agreement with nothing to pay.
 */
static AgreementRows *
agreement_get(CostCache *c, int64 agreement_id)
{
	AgreementRows *ag;
	AgreementRows rows;
	bool		found;
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	MemoryContext old;

	ag = hash_search(c->agreements, &agreement_id, HASH_FIND, &found);
	if (found)
		return ag;

	/* membership.c reads the parties (and refuses an unknown agreement) */
	old = MemoryContextSwitchTo(c->cxt);
	rows.id = agreement_id;
	s22a_load_membership(agreement_id, &rows.membership);
	rows.ref = agreement_ref(agreement_id);
	MemoryContextSwitchTo(old);

	SPI_connect();
	if (rules_plan == NULL)
	{
		Oid			types[1] = {INT8OID};

		rules_plan = keep_plan(
			"SELECT fiscal_year, business_area, measure, weight, NULL::s22a.apportionment"
			"  FROM s22a.cost_basis WHERE agreement_id = $1"
			" UNION ALL "
			"SELECT fiscal_year, business_area, NULL, NULL, shares"
			"  FROM s22a.cost_override WHERE agreement_id = $1", 1, types);
	}
	if (SPI_execute_plan(rules_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: cost rules query failed");
	old = MemoryContextSwitchTo(c->cxt);
	rows.nrules = SPI_processed;
	rows.rules = palloc(sizeof(RuleRow) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		RuleRow    *r = &rows.rules[i];
		Datum		d;

		r->fy = DatumGetFiscalYear(SPI_getbinval(tup, desc, 1, &isnull));
		r->area = SPI_getvalue(tup, desc, 2);
		r->measure = SPI_getvalue(tup, desc, 3);
		d = SPI_getbinval(tup, desc, 4, &isnull);
		r->weight = isnull ? NULL : DatumGetNumericCopy(d);
		d = SPI_getbinval(tup, desc, 5, &isnull);
		r->override = isnull ? NULL : (Apportionment *) PG_DETOAST_DATUM_COPY(d);
	}
	qsort(rows.rules, rows.nrules, sizeof(RuleRow), rule_row_cmp);
	MemoryContextSwitchTo(old);
	SPI_finish();

	ag = hash_search(c->agreements, &agreement_id, HASH_ENTER, &found);
	*ag = rows;
	return ag;
}

/* what cost_basis / cost_override say for one (agreement, year, area) */
typedef struct CostRule
{
	Apportionment *override;	/* NULL when none */
	int			nmeasures;
	char	  **measures;		/* in code order */
	Numeric    *weights;
} CostRule;

static void
agreement_rule(const AgreementRows *ag, FiscalYear fy, const char *area, CostRule *rule)
{
	rule->override = NULL;
	rule->nmeasures = 0;
	rule->measures = palloc(sizeof(char *) * Max(ag->nrules, 1));
	rule->weights = palloc(sizeof(Numeric) * Max(ag->nrules, 1));
	/* rows are sorted by year, area, then the override, then measure */
	for (int i = 0; i < ag->nrules; i++)
	{
		const RuleRow *r = &ag->rules[i];

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

static MeasureColumn *
measure_column(CostCache *c, FiscalYear fy, const char *measure)
{
	Datum		args[2];
	MeasureColumn *col;
	MemoryContext old;

	for (int i = 0; i < c->ncolumns; i++)
		if (c->columns[i].fy == fy && strcmp(c->columns[i].measure, measure) == 0)
			return &c->columns[i];

	args[0] = FiscalYearGetDatum(fy);
	args[1] = CStringGetTextDatum(measure);
	SPI_connect();
	refresh_fiscal_year_plans();
	if (column_plan == NULL)
	{
		Oid			types[2] = {InvalidOid, TEXTOID};

		types[0] = fiscal_year_typid();
		/*
		 * OPERATOR(s22a.=): the fiscal_year operators live in schema s22a,
		 * and a reporting tool's search_path need not include it.
		 */
		column_plan = keep_plan(
			"SELECT force_code::text, value FROM s22a.force_measure"
			" WHERE fiscal_year OPERATOR(s22a.=) $1 AND measure = $2"
			" ORDER BY force_code COLLATE \"C\"", 2, types);
	}
	if (SPI_execute_plan(column_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: force measure query failed");

	old = MemoryContextSwitchTo(c->cxt);
	if (c->ncolumns == c->capcolumns)
	{
		c->capcolumns *= 2;
		c->columns = repalloc(c->columns, sizeof(MeasureColumn) * c->capcolumns);
	}
	col = &c->columns[c->ncolumns];
	col->fy = fy;
	col->measure = pstrdup(measure);
	col->n = SPI_processed;
	col->forces = palloc(sizeof(char *) * Max(SPI_processed, 1));
	col->values = palloc(sizeof(Numeric) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		col->forces[i] = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		col->values[i] = DatumGetNumericCopy(SPI_getbinval(SPI_tuptable->vals[i],
														   SPI_tuptable->tupdesc, 2, &isnull));
	}
	MemoryContextSwitchTo(old);
	SPI_finish();
	c->ncolumns++;
	return col;
}

static int
code_index(int n, char *const *sorted, const char *code)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;
		int			c = strcmp(sorted[mid], code);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static ArrayType *
text_array(int n, const char *const *items)
{
	Datum	   *d = palloc(sizeof(Datum) * Max(n, 1));

	for (int i = 0; i < n; i++)
		d[i] = CStringGetTextDatum(items[i]);
	return construct_array(d, n, TEXTOID, -1, false, TYPALIGN_INT);
}

/* ======================================================================
 * Shares
 * ====================================================================== */

static Datum
apportion_codes(int n, const char *const *codes, Numeric *weights)
{
	Datum	   *d = palloc(sizeof(Datum) * n);

	for (int i = 0; i < n; i++)
		d[i] = NumericGetDatum(weights[i]);
	/* the one largest-remainder rule, to one decimal place (apportion.c) */
	return DirectFunctionCall3(apportion_arrays,
							   PointerGetDatum(text_array(n, codes)),
							   PointerGetDatum(construct_array(d, n, NUMERICOID, -1, false,
															   TYPALIGN_INT)),
							   Int32GetDatum(SHARE_DECIMALS_DEFAULT));
}

static int
numeric_compare_int(Numeric n, int64 v)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(n),
											 NumericGetDatum(int64_to_numeric(v))));
}

static char *
numeric_text(Numeric n)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)));
}

static char *
date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

/*
 * The shares of the forces (sorted, distinct) under the cost basis: the
 * formula at the top of this file.
 */
static Datum
shares_by_basis(CostCache *c, const char *ref, FiscalYear fy, const char *area,
				const CostRule *rule, int nforces, const char *const *forces)
{
	int			nm = rule->nmeasures;
	Numeric    *values = palloc(sizeof(Numeric) * nforces * nm);
	Numeric    *totals = palloc(sizeof(Numeric) * nm);
	Numeric    *blended = palloc(sizeof(Numeric) * nforces);
	Numeric		sum = int64_to_numeric(0);

	/*
	 * Weights add up to 1.  cost_basis_weights_add_up checks it at commit;
	 * this catches rows written with the trigger disabled, or read inside
	 * the transaction that is still entering them.
	 */
	for (int m = 0; m < nm; m++)
		sum = numeric_add_opt_error(sum, rule->weights[m], NULL);
	if (numeric_compare_int(sum, 1) != 0)
	{
		StringInfoData detail;

		initStringInfo(&detail);
		for (int m = 0; m < nm; m++)
			appendStringInfo(&detail, "%s%s = %s", m ? ", " : "", rule->measures[m],
							 numeric_text(rule->weights[m]));
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the cost basis weights of %s add up to %s, not 1",
						cost_key_text(ref, fy, area), numeric_text(sum)),
				 errdetail("Weights: %s.", detail.data),
				 errhint("Correct the weights in s22a.cost_basis so that they add up to 1.")));
	}

	for (int m = 0; m < nm; m++)
	{
		MeasureColumn *col = measure_column(c, fy, rule->measures[m]);
		Numeric		t = int64_to_numeric(0);

		for (int f = 0; f < nforces; f++)
		{
			int			k = code_index(col->n, col->forces, forces[f]);

			/* a missing measure is an error, never a silent zero */
			if (k < 0)
				ereport(ERROR,
						(errcode(ERRCODE_NO_DATA_FOUND),
						 errmsg("force \"%s\" has no measure \"%s\" for %s",
								forces[f], rule->measures[m], fiscal_year_text(fy)),
						 errdetail("The cost basis of %s uses \"%s\".",
								   cost_key_text(ref, fy, area), rule->measures[m]),
						 errhint("Add the row to s22a.force_measure (force_code '%s', fiscal_year '%s', measure '%s').",
								 forces[f], fiscal_year_text(fy), rule->measures[m])));
			values[f * nm + m] = col->values[k];
			t = numeric_add_opt_error(t, col->values[k], NULL);
		}
		if (numeric_compare_int(t, 0) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_DIVISION_BY_ZERO),
					 errmsg("measure \"%s\" adds up to zero over the forces of %s",
							rule->measures[m], cost_key_text(ref, fy, area)),
					 errdetail("A share of a total of zero is undefined."),
					 errhint("Correct the values in s22a.force_measure, or take \"%s\" out of the cost basis.",
							 rule->measures[m])));
		totals[m] = t;
	}

	cost_blend(nforces, nm, rule->weights, values, totals, blended);
	return apportion_codes(nforces, forces, blended);
}

static void
no_basis(const char *ref, FiscalYear fy, const char *area)
{
	ereport(ERROR,
			(errcode(ERRCODE_NO_DATA_FOUND),
			 errmsg("no cost basis and no cost override for %s",
					cost_key_text(ref, fy, area)),
			 errhint("Add the formula to s22a.cost_basis (e.g. measure 'nre', weight 1) or fixed percentages to s22a.cost_override.")));
}

/*
 * Does the override name exactly these forces?  Raises with the given
 * SQLSTATE when not (22023 when reading, 23514 when writing).
 */
static void
override_check(const char *key, DateADT on, const Apportionment *o,
			   int nforces, const char *const *forces, int sqlstate, Relation rel)
{
	const char **codes = palloc(sizeof(char *) * Max(o->nparties, 1));
	const char *extra,
			   *missing;

	for (int i = 0; i < o->nparties; i++)
		codes[i] = o->entries[i].code;	/* already in code order */
	code_set_diff(o->nparties, codes, nforces, forces, &extra, &missing);
	if (extra)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("the cost override of %s gives a share to \"%s\", which is not a force party to it on %s",
						key, extra, date_text(on)),
				 errdetail("Shares go to the forces party to the agreement on 1 April of the year."),
				 errhint("Give shares to exactly the member forces, or add the force to the agreement first."),
				 rel ? errtableconstraint(rel, "cost_override_covers_members") : 0));
	if (missing)
		ereport(ERROR,
				(errcode(sqlstate),
				 errmsg("the cost override of %s gives no share to \"%s\", a force party to it on %s",
						key, missing, date_text(on)),
				 errdetail("Every force party to the agreement on 1 April of the year pays a share, even 0.0."),
				 errhint("Add \"%s\" to the override's shares (it may be 0).", missing),
				 rel ? errtableconstraint(rel, "cost_override_covers_members") : 0));
}

/*
 * s22a.cost_shares(agreement_id, fiscal_year, business_area default '')
 */
PG_FUNCTION_INFO_V1(s22a_cost_shares);
Datum
s22a_cost_shares(PG_FUNCTION_ARGS)
{
	int64		agreement_id = PG_GETARG_INT64(0);
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(1);
	char	   *area = text_to_cstring(PG_GETARG_TEXT_PP(2));
	DateADT		first = fiscal_year_first(fy);
	CostCache  *c = cost_cache_get(fcinfo);
	AgreementRows *ag = agreement_get(c, agreement_id);
	const char **forces;
	int			nforces;
	CostRule	rule;

	agreement_rule(ag, fy, area, &rule);
	if (rule.override == NULL && rule.nmeasures == 0)
		no_basis(ag->ref, fy, area);
	/* the forces party on 1 April pay for the year (seed 003 clause 5.2) */
	nforces = membership_forces_on(&ag->membership, first, &forces);
	if (nforces == 0)
		ereport(ERROR,
				(errcode(ERRCODE_NO_DATA_FOUND),
				 errmsg("no force is party to agreement \"%s\" on %s",
						ag->ref, date_text(first)),
				 errdetail("The costs of %s are shared among the forces party on 1 April, the first day of the year.",
						   cost_key_text(ag->ref, fy, area)),
				 errhint("Check the membership in s22a.agreement_party.")));
	if (rule.override)
	{
		/* stated percentages win over the formula; membership may have moved */
		override_check(cost_key_text(ag->ref, fy, area), first, rule.override,
					   nforces, forces, ERRCODE_INVALID_PARAMETER_VALUE, NULL);
		PG_RETURN_APPORTIONMENT_P(rule.override);
	}
	return shares_by_basis(c, ag->ref, fy, area, &rule, nforces, forces);
}

/*
 * s22a.cost_shares_if(agreement_id, fiscal_year, business_area, forces):
 * the agreement's cost basis applied to other forces (what if BTP joined?).
 * A stated override is for the actual members, so it plays no part.
 */
PG_FUNCTION_INFO_V1(s22a_cost_shares_if);
Datum
s22a_cost_shares_if(PG_FUNCTION_ARGS)
{
	int64		agreement_id = PG_GETARG_INT64(0);
	FiscalYear	fy = PG_GETARG_FISCAL_YEAR(1);
	char	   *area = text_to_cstring(PG_GETARG_TEXT_PP(2));
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(3);
	CostCache  *c;
	AgreementRows *ag;
	Datum	   *items;
	bool	   *nulls;
	int			nforces;
	const char **forces;
	CostRule	rule;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cost_shares_if takes a one-dimensional array of force codes")));
	deconstruct_array(arr, TEXTOID, -1, false, TYPALIGN_INT, &items, &nulls, &nforces);
	if (nforces == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cost_shares_if needs at least one force"),
				 errhint("Pass the force codes that would share the costs, e.g. ARRAY['BED', 'BTP'].")));
	forces = palloc(sizeof(char *) * nforces);
	for (int i = 0; i < nforces; i++)
	{
		if (nulls[i])
			ereport(ERROR,
					(errcode(ERRCODE_NULL_VALUE_NOT_ALLOWED),
					 errmsg("force code %d of the cost_shares_if array is null", i + 1)));
		forces[i] = TextDatumGetCString(items[i]);
	}
	qsort(forces, nforces, sizeof(char *), cstring_cmp);
	for (int i = 1; i < nforces; i++)
		if (strcmp(forces[i - 1], forces[i]) == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("force \"%s\" appears more than once in the cost_shares_if array", forces[i])));

	c = cost_cache_get(fcinfo);
	ag = agreement_get(c, agreement_id);
	agreement_rule(ag, fy, area, &rule);
	if (rule.nmeasures == 0)
	{
		if (rule.override)
			ereport(ERROR,
					(errcode(ERRCODE_NO_DATA_FOUND),
					 errmsg("%s has fixed percentages (cost_override) but no cost basis to apply to other forces",
							cost_key_text(ag->ref, fy, area)),
					 errhint("Add the formula to s22a.cost_basis to plan with other forces.")));
		no_basis(ag->ref, fy, area);
	}
	return shares_by_basis(c, ag->ref, fy, area, &rule, nforces, forces);
}

/* ======================================================================
 * Write-time checks (constraint triggers)
 * ====================================================================== */


/*
 * cost_basis_weights_add_up: after a change to the cost basis of an
 * (agreement, year, area), its weights add up to 1, or it has no rows left.
 * A DEFERRABLE INITIALLY DEFERRED constraint trigger, so the weights of a
 * blend can be entered one row at a time and are checked at commit.
 */
static void
basis_key_check(Relation rel, HeapTuple tup)
{
	TupleDesc	desc = RelationGetDescr(rel);
	bool		isnull;
	int64		agreement_id = DatumGetInt64(heap_getattr(tup, SPI_fnumber(desc, "agreement_id"), desc, &isnull));
	Datum		fy = heap_getattr(tup, SPI_fnumber(desc, "fiscal_year"), desc, &isnull);
	Datum		area = heap_getattr(tup, SPI_fnumber(desc, "business_area"), desc, &isnull);
	Datum		args[3] = {Int64GetDatum(agreement_id), fy, area};
	Numeric		sum;
	char	   *detail;
	char	   *areas;

	refresh_fiscal_year_plans();
	if (weights_plan == NULL)
	{
		Oid			types[3] = {INT8OID, InvalidOid, TEXTOID};
		SPIPlanPtr	plan;

		types[1] = fiscal_year_typid();
		/* OPERATOR(s22a.=): the check runs under the user's search_path */
		plan = SPI_prepare(
			"SELECT sum(weight), string_agg(measure || ' = ' || weight, ', ' ORDER BY measure COLLATE \"C\")"
			"  FROM s22a.cost_basis"
			" WHERE agreement_id = $1 AND fiscal_year OPERATOR(s22a.=) $2 AND business_area = $3", 3, types);
		if (plan == NULL)
			elog(ERROR, "s22a: could not prepare cost basis check: %s",
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		weights_plan = plan;
	}
	if (SPI_execute_plan(weights_plan, args, NULL, true, 1) != SPI_OK_SELECT)
		elog(ERROR, "s22a: cost basis check failed");
	(void) SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	if (isnull)
		return;					/* no rows left for the key */
	sum = DatumGetNumeric(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(sum),
										  NumericGetDatum(int64_to_numeric(1)))) == 0)
		return;
	detail = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2);
	areas = TextDatumGetCString(area);
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("the cost basis weights of %s add up to %s, not 1",
					cost_key_text_by_id(agreement_id, DatumGetFiscalYear(fy), areas), numeric_text(sum)),
			 errdetail("Weights: %s.", detail),
			 errhint("Make the weights of one agreement, year and business area add up to 1 before the transaction commits."),
			 errtableconstraint(rel, "cost_basis_weights_add_up")));
}

PG_FUNCTION_INFO_V1(s22a_cost_basis_check);
Datum
s22a_cost_basis_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("s22a_cost_basis_check: not called as a trigger")));
	s22a_see_statement_result();	/* the weights as the statement left them */
	SPI_connect();
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
		basis_key_check(td->tg_relation, td->tg_trigtuple);		/* the old key */
	if (!TRIGGER_FIRED_BY_DELETE(td->tg_event))
		basis_key_check(td->tg_relation,
						TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple);
	SPI_finish();
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}

/*
 * cost_override_covers_members: an override gives shares to exactly the
 * forces party to the agreement on 1 April of its year.  Checked when it is
 * written (23514) and again when read (22023), since membership can change
 * after the override is written.
 */
PG_FUNCTION_INFO_V1(s22a_cost_override_check);
Datum
s22a_cost_override_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = (TriggerData *) fcinfo->context;
	Relation	rel;
	TupleDesc	desc;
	HeapTuple	tup;
	bool		isnull;
	int64		agreement_id;
	FiscalYear	fy;
	char	   *area;
	Apportionment *o;
	const char **forces;
	int			nforces;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("s22a_cost_override_check: not called as a trigger")));
	rel = td->tg_relation;
	desc = RelationGetDescr(rel);
	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	agreement_id = DatumGetInt64(heap_getattr(tup, SPI_fnumber(desc, "agreement_id"), desc, &isnull));
	fy = DatumGetFiscalYear(heap_getattr(tup, SPI_fnumber(desc, "fiscal_year"), desc, &isnull));
	area = TextDatumGetCString(heap_getattr(tup, SPI_fnumber(desc, "business_area"), desc, &isnull));
	o = DatumGetApportionmentP(heap_getattr(tup, SPI_fnumber(desc, "shares"), desc, &isnull));

	nforces = member_forces(agreement_id, fiscal_year_first(fy), &forces);
	override_check(cost_key_text_by_id(agreement_id, fy, area), fiscal_year_first(fy), o,
				   nforces, forces, ERRCODE_CHECK_VIOLATION, rel);
	return PointerGetDatum(NULL);
}
