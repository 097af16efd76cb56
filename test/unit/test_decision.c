/*
 * test_decision.c — unit tests of src/rules/decision.c: which decisions
 * need every party, which need writing, which need a new expiry (Seven
 * Force agreement, clauses 3.3, 3.5 and 6.2), the decision kinds by name,
 * and the decision date.
 */
#include "unit.h"

int
main(void)
{
	static const DecisionKind every_party_kinds[] = {
		DECISION_RENEWAL, DECISION_VARIATION, DECISION_TERMINATION, DECISION_MEMBERSHIP
	};
	DecisionFacts f = {0};
	DecisionKind k;

	/* clause 6.2: what every party signed changes only with every party, in writing */
	for (int i = 0; i < (int) lengthof(every_party_kinds); i++)
	{
		DecisionKind kind = every_party_kinds[i];

		UNIT_OK(decision_needs_every_party(kind, true),
				"decision: a %s at a meeting needs every party (clause 6.2)", decision_kind_name(kind));
		UNIT_OK(decision_needs_writing(kind, true),
				"decision: a %s at a meeting needs written consent, a meeting consent does not count",
				decision_kind_name(kind));
	}
	/* clause 3.3: in principle at a meeting, only the parties materially affected */
	UNIT_OK(!decision_needs_every_party(DECISION_IN_PRINCIPLE, true),
			"decision: an in principle decision at a meeting needs only the parties materially affected (clause 3.3)");
	UNIT_OK(!decision_needs_writing(DECISION_IN_PRINCIPLE, true),
			"decision: and a consent given at the meeting counts");
	UNIT_OK(!decision_needs_every_party(DECISION_BUDGET, true),
			"decision: so does a budget decision at a meeting");
	/* clause 3.5: outside the programme of meetings, the written agreement of all */
	UNIT_OK(decision_needs_every_party(DECISION_IN_PRINCIPLE, false),
			"decision: an in principle decision outside a meeting needs every party (clause 3.5)");
	UNIT_OK(decision_needs_writing(DECISION_IN_PRINCIPLE, false),
			"decision: in writing");
	UNIT_OK(decision_needs_every_party(DECISION_BUDGET, false) && decision_needs_writing(DECISION_BUDGET, false),
			"decision: a budget decision outside a meeting too");

	UNIT_OK(decision_needs_new_expiry(DECISION_RENEWAL), "decision: a renewal needs new_expiry");
	UNIT_OK(decision_needs_new_expiry(DECISION_TERMINATION), "decision: a termination needs new_expiry");
	UNIT_OK(!decision_needs_new_expiry(DECISION_VARIATION) && !decision_needs_new_expiry(DECISION_MEMBERSHIP) &&
			!decision_needs_new_expiry(DECISION_IN_PRINCIPLE) && !decision_needs_new_expiry(DECISION_BUDGET),
			"decision: no other kind does");

	UNIT_OK(decision_kind_parse("in_principle", &k) && k == DECISION_IN_PRINCIPLE,
			"decision: \"in_principle\" is the in principle kind");
	UNIT_OK(decision_kind_parse("membership", &k) && k == DECISION_MEMBERSHIP,
			"decision: \"membership\" is the membership kind");
	UNIT_OK(!decision_kind_parse("in principle", &k) && !decision_kind_parse("", &k),
			"decision: no kind is spelt with a space, and none is empty");
	UNIT_OK(strcmp(decision_kind_name(DECISION_TERMINATION), "termination") == 0,
			"decision: the termination kind is spelt \"termination\"");

	/* the decision date: the meeting when there is one, else the day proposed */
	f.proposed_on = UNIT_DAY(2016, 3, 14);
	f.at_meeting = true;
	f.meeting_on = UNIT_DAY(2016, 3, 29);
	UNIT_OK(decision_date(&f) == UNIT_DAY(2016, 3, 29),
			"decision: at a meeting, the decision date is the meeting (29 March 2016, not 14 March)");
	f.at_meeting = false;
	UNIT_OK(decision_date(&f) == UNIT_DAY(2016, 3, 14),
			"decision: outside a meeting, the day proposed");
	UNIT_DONE();
}
