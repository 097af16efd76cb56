/*
 * triggers/cost_basis.c — the trigger on s22a.cost_basis and the wording
 * of its rule, cost_basis_weights_add_up: the weights of one (agreement,
 * year, business area) add up to exactly 1.
 *
 * The JPS umbrella agreement, Section 13, shares each business area's
 * costs by "a combination of Net Revenue Expenditure and demand"; the
 * combination's weights are fractions of the whole, so they add up to 1
 * (a Seven Force agreement basis, clause 5.2, is NRE with weight 1).  The
 * trigger is a DEFERRABLE INITIALLY DEFERRED constraint trigger, so the
 * weights of a blend can be entered one row at a time and are checked at
 * commit; the cost shares check them again when they read them, in case
 * rows were written with the trigger disabled or are still being entered.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/numeric.h"
#include "utils/snapmgr.h"

#include "s22a.h"

/*
 * When the weights (n > 0) do not add up to 1: raises as the registered
 * rule when rel is set (written); when not (read by the cost shares) fills
 * *fault (22023) and returns false, for cost_shares() to raise or a report
 * to show.  No weights at all is a key with no rows left, which is fine.
 */
bool
s22a_check_cost_weights(const CostKey *key, int n, char *const *measures,
						const Numeric *weights, Relation rel, CostFault *fault)
{
	Numeric		sum = int64_to_numeric(0);
	StringInfoData detail;
	char	   *message;

	if (n == 0)
		return true;
	for (int m = 0; m < n; m++)
		sum = numeric_add_opt_error(sum, weights[m], NULL);
	if (DatumGetInt32(DirectFunctionCall2(numeric_cmp, NumericGetDatum(sum),
										  NumericGetDatum(int64_to_numeric(1)))) == 0)
		return true;

	initStringInfo(&detail);
	appendStringInfoString(&detail, "Weights: ");
	for (int m = 0; m < n; m++)
		appendStringInfo(&detail, "%s%s = %s", m ? ", " : "", measures[m],
						 s22a_numeric_text(weights[m]));
	appendStringInfoChar(&detail, '.');
	message = psprintf("the cost basis weights of %s add up to %s, not 1",
					   s22a_cost_key_text(key), s22a_numeric_text(sum));
	if (rel == NULL)
	{
		fault->sqlstate = ERRCODE_INVALID_PARAMETER_VALUE;
		fault->message = message;
		fault->detail = detail.data;
		fault->hint = "Correct the weights in s22a.cost_basis so that they add up to 1.";
		return false;
	}
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_COST_BASIS_WEIGHTS_ADD_UP),
			 errmsg_internal("%s", message),
			 errdetail_internal("%s", detail.data),
			 errhint("Make the weights of one agreement, year and business area add up to 1 before the transaction commits.")));
	return false;
}

/* after a change to the cost basis of the row's key, its weights add up */
static void
basis_key_check(Relation rel, HeapTuple tup)
{
	CostKey		key;
	char	  **measures;
	Numeric    *weights;
	int			n;

	s22a_read_cost_key(rel, tup, &key);
	n = s22a_read_cost_basis_weights(key.agreement_id, key.fy, key.area, &measures, &weights);
	s22a_check_cost_weights(&key, n, measures, weights, rel, NULL);
}

/*
 * cost_basis_weights_add_up: after a change to the cost basis of an
 * (agreement, year, area), its weights add up to 1, or it has no rows left.
 * An update checks the key the row left and the key it went to.
 */
PG_FUNCTION_INFO_V1(s22a_cost_basis_check);
Datum
s22a_cost_basis_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_COST_BASIS_CHECK);

	s22a_see_statement_result();	/* the weights as the statement left them */
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
		basis_key_check(td->tg_relation, td->tg_trigtuple);		/* the old key */
	if (!TRIGGER_FIRED_BY_DELETE(td->tg_event))
		basis_key_check(td->tg_relation,
						TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple);
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}

/* `the cost basis measure "nre" of agreement "JPS" for 2016/17` */
static char *
describe_basis(Relation rel, HeapTuple tup)
{
	CostKey		key;

	s22a_read_cost_key(rel, tup, &key);
	return psprintf("the cost basis measure \"%s\" of %s",
					s22a_column_text(rel, tup, "measure"), s22a_cost_key_text(&key));
}

/*
 * cost_terms_sealed on cost_basis: BEFORE INSERT OR UPDATE OR DELETE
 * (triggers/budget.c).  Adding a year's basis needs no decision, unless
 * the year has ended.
 */
PG_FUNCTION_INFO_V1(s22a_cost_basis_sealed);
Datum
s22a_cost_basis_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_COST_BASIS_SEALED);

	return PointerGetDatum(s22a_sealed_change(td, S22A_RULE_COST_TERMS_SEALED,
											  SEALED_COST_TERMS, SEALED_INSERTS_CLOSED_YEAR, describe_basis));
}
