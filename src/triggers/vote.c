/*
 * triggers/vote.c — the trigger on s22a.vote: only a member of the
 * agreement on the decision date that holds a voting weight votes (Single
 * Online Home paper, 4.3-4.4: the host force holds 50% of all decision
 * making, the other forces share the other 50%), on a day between the
 * proposal and today, and a made decision's votes no longer change.  The work is shared with the consent and impact
 * triggers (triggers/decision_children.c).
 */
#include "postgres.h"

#include "commands/trigger.h"

#include "s22a.h"

static const DecisionChildTable vote_table = {
	.what = "votes",
	.act = "vote on",
	.members_only = true,
	.member_rule = S22A_RULE_VOTE_BY_MEMBER,
	.weighted_only = true,
	.one = "vote",
	.date_column = "cast_on",
	.date_rule = S22A_RULE_VOTE_DATE,
	.kept = false,
};

PG_FUNCTION_INFO_V1(vote_rules);
Datum
vote_rules(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_VOTE_RULES);

	return s22a_decision_child_rules(td, &vote_table);
}
