/*
 * triggers/decision_impact.c — the trigger on s22a.decision_impact, the
 * parties a decision materially affects (whose consent an in principle
 * decision at a meeting needs: Seven Force agreement, clause 3.3): a made
 * decision's impacts no longer change.  The work is shared with the consent
 * and vote triggers (triggers/decision_children.c).
 */
#include "postgres.h"

#include "commands/trigger.h"

#include "s22a.h"

static const DecisionChildTable decision_impact_table = {
	.what = "impacts",
	.act = "be affected by",
	.members_only = false,
	.weighted_only = false,
	.kept = false,
};

PG_FUNCTION_INFO_V1(decision_impact_rules);
Datum
decision_impact_rules(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_DECISION_IMPACT_RULES);

	return s22a_decision_child_rules(td, &decision_impact_table);
}
