/*
 * rules/local_decision.c — when a party's local decision may be recorded.
 *
 * The Seven Force agreement (clause 3.6-3.7 of the board paper, Schedule A
 * 1.3 and 4.2): the Eastern Region Alliance Summit makes "in principle"
 * decisions, and "each of the Parties will then proceed to make executive
 * decisions within their own Schemes of Governance".  So a local decision
 * follows a made in-principle decision, is taken by a party whose consent
 * that decision required (the parties it binds), and is dated on or after
 * the day the in-principle decision was made and no later than today.
 */
#include "postgres.h"

#include "s22a.h"

LocalDecisionFault
local_decision_fault(const DecisionFacts *f, const char *const *required, int nrequired,
					 const char *party, DateADT decided_on, DateADT today)
{
	if (f->kind != DECISION_IN_PRINCIPLE || !f->is_made)
		return LOCAL_DECISION_NOT_MADE_IN_PRINCIPLE;
	if (party_codes_find(required, nrequired, party) < 0)
		return LOCAL_DECISION_PARTY_NOT_BOUND;
	if (f->has_made_on && decided_on < f->made_on)
		return LOCAL_DECISION_BEFORE_MADE;
	if (decided_on > today)
		return LOCAL_DECISION_AFTER_TODAY;
	return LOCAL_DECISION_OK;
}
