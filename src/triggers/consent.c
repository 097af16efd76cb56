/*
 * triggers/consent.c — the trigger on s22a.consent: only a member of the
 * agreement on the decision date consents (Seven Force agreement,
 * Schedule A, clauses 3.3, 3.5 and 6.2: the consent of the parties), on a
 * day between the proposal and today; a party withdraws its consent by
 * marking it void (voided_on) while the decision is proposed; a made
 * decision's consents no longer change, and no consent is ever deleted.
 * The work is shared with the vote and impact triggers
 * (triggers/decision_children.c).
 */
#include "postgres.h"

#include "commands/trigger.h"

#include "s22a.h"

static const DecisionChildTable consent_table = {
	.what = "consents",
	.act = "consent to",
	.members_only = true,
	.member_rule = S22A_RULE_CONSENT_BY_MEMBER,
	.weighted_only = false,
	.one = "consent",
	.date_column = "given_on",
	.date_rule = S22A_RULE_CONSENT_DATE,
	.kept = true,
};

PG_FUNCTION_INFO_V1(consent_rules);
Datum
consent_rules(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_CONSENT_RULES);

	return s22a_decision_child_rules(td, &consent_table);
}
