/*
 * triggers/contribution.c — the trigger on s22a.contribution: rule
 * cost_terms_sealed for what each force put in.
 *
 * A contribution (Seven Force agreement, clause 5.3: officer and staff
 * resource or money a force puts in) counts towards the force's balance of
 * its year (cost_balance).  Once a year has ended the parties have settled
 * that balance, so after execution a contribution of a closed year is added,
 * changed or removed only by a made budget or variation decision of the
 * agreement cited in authorised_by, as the cost rows are; the current
 * year's contributions are written freely (rules/cost_sealing.c,
 * sealed_change_in_scope; the glue is s22a_sealed_change, triggers/budget.c).
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/rel.h"

#include "s22a.h"

/* `contribution of BTP (cash, 1000.00) to agreement "CTC" for 2020/21` */
static char *
describe_contribution(Relation rel, HeapTuple tup)
{
	CostKey		key;

	s22a_read_cost_key(rel, tup, &key);
	return psprintf("contribution of %s (%s, %s) to %s",
					s22a_column_text(rel, tup, "force_code"),
					s22a_column_text(rel, tup, "kind"),
					s22a_column_text(rel, tup, "amount"),
					s22a_cost_key_text(&key));
}

/*
 * cost_terms_sealed on contribution: BEFORE INSERT OR UPDATE OR DELETE.
 * Only the rows of an ended year of an executed agreement are sealed.
 */
PG_FUNCTION_INFO_V1(s22a_contribution_sealed);
Datum
s22a_contribution_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_CONTRIBUTION_SEALED);

	return PointerGetDatum(s22a_sealed_change(td, S22A_RULE_COST_TERMS_SEALED,
											  SEALED_COST_TERMS, SEALED_CLOSED_YEARS_ONLY,
											  describe_contribution));
}
