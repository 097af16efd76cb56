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

		UNIT_OK(decision_needs_every_party(kind, true, false),
				"decision: a %s at a meeting needs every party (clause 6.2)", decision_kind_name(kind));
		UNIT_OK(decision_needs_writing(kind, true),
				"decision: a %s at a meeting needs written consent, a meeting consent does not count",
				decision_kind_name(kind));
	}
	/* clause 3.3: in principle at a meeting, only the parties materially affected */
	UNIT_OK(!decision_needs_every_party(DECISION_IN_PRINCIPLE, true, false),
			"decision: an in principle decision at a meeting needs only the parties materially affected (clause 3.3)");
	UNIT_OK(!decision_needs_writing(DECISION_IN_PRINCIPLE, true),
			"decision: and a consent given at the meeting counts");
	/* clause 5.1: a budget decision changes what every party pays */
	UNIT_OK(decision_needs_every_party(DECISION_BUDGET, true, false),
			"decision: a budget decision at a meeting needs every party, whatever impacts are recorded (clause 5.1)");
	UNIT_OK(!decision_needs_writing(DECISION_BUDGET, true),
			"decision: and a consent given at the meeting counts (clause 3.6.3)");
	/* Single Online Home paper, §4.3-4.4: an agreement that votes decides its budget by the vote */
	UNIT_OK(!decision_needs_every_party(DECISION_BUDGET, true, true),
			"decision: a budget at a meeting of an agreement that decides by vote is carried by the vote");
	UNIT_OK(decision_needs_every_party(DECISION_BUDGET, false, true),
			"decision: outside a meeting it still needs every party in writing (clause 3.5)");
	UNIT_OK(decision_needs_every_party(DECISION_VARIATION, true, true),
			"decision: a vote never replaces every party's consent to a change of the agreement (clause 6.2)");
	UNIT_OK(decision_binds_every_party(DECISION_BUDGET) && !decision_binds_every_party(DECISION_IN_PRINCIPLE)
			&& !decision_changes_agreement(DECISION_BUDGET),
			"decision: a budget binds every party without changing the agreement");
	UNIT_OK(decision_without_parties(DECISION_BUDGET, true, 0) && !decision_without_parties(DECISION_IN_PRINCIPLE, true, 0),
			"decision: a budget decision on a day with no parties cannot be made; an in principle one at a meeting affects nobody");
	UNIT_OK(decision_without_parties(DECISION_IN_PRINCIPLE, false, 0) && !decision_without_parties(DECISION_IN_PRINCIPLE, false, 3),
			"decision: nor an in principle decision outside a meeting, which needs the written agreement of all (clause 3.5)");
	/* clause 3.5: outside the programme of meetings, the written agreement of all */
	UNIT_OK(decision_needs_every_party(DECISION_IN_PRINCIPLE, false, false),
			"decision: an in principle decision outside a meeting needs every party (clause 3.5)");
	UNIT_OK(decision_needs_writing(DECISION_IN_PRINCIPLE, false),
			"decision: in writing");
	UNIT_OK(decision_needs_every_party(DECISION_BUDGET, false, false) && decision_needs_writing(DECISION_BUDGET, false),
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

	/* the parties a change to the agreement binds: before commencement, those on commencement */
	{
		DecisionFacts r = {0};
		DecisionFacts r2;

		r.kind = DECISION_RENEWAL;
		r.proposed_on = UNIT_DAY(2015, 6, 1);
		UNIT_OK(decision_parties_date(&r, UNIT_DAY(2015, 10, 22)) == UNIT_DAY(2015, 10, 22),
				"decision: a renewal dated before the Seven Force agreement commenced binds the parties of 22 October 2015");
		r.kind = DECISION_IN_PRINCIPLE;
		UNIT_OK(decision_parties_date(&r, UNIT_DAY(2015, 10, 22)) == UNIT_DAY(2015, 10, 22),
				"decision: so does an in principle decision outside a meeting dated before commencement (clause 3.5)");
		r.at_meeting = true;
		r.meeting_on = UNIT_DAY(2015, 6, 8);
		UNIT_OK(decision_parties_date(&r, UNIT_DAY(2015, 10, 22)) == UNIT_DAY(2015, 10, 22),
				"decision: and one at a meeting before commencement names the affected among the commencement parties");
		r.at_meeting = false;
		r.kind = DECISION_MEMBERSHIP;
		r.proposed_on = UNIT_DAY(2019, 4, 1);
		UNIT_OK(decision_parties_date(&r, UNIT_DAY(2015, 10, 22)) == UNIT_DAY(2019, 4, 1),
				"decision: after commencement, the decision date");
		UNIT_OK(decision_without_parties(DECISION_TERMINATION, true, 0) && !decision_without_parties(DECISION_TERMINATION, true, 2) &&
				!decision_without_parties(DECISION_IN_PRINCIPLE, true, 0),
				"decision: a termination on a day with no parties cannot be made; an in principle decision at a meeting binds nobody");

		/* made_on: from proposed_on (and the meeting) to today */
		r.kind = DECISION_RENEWAL;
		r.proposed_on = UNIT_DAY(2016, 10, 21);
		r.at_meeting = false;
		UNIT_OK(decision_made_on_fault(&r, UNIT_DAY(9999, 1, 1), UNIT_DAY(2026, 11, 29)) == MADE_ON_AFTER_TODAY,
				"decision: made in 9999 is after today");
		UNIT_OK(decision_made_on_fault(&r, UNIT_DAY(2016, 10, 20), UNIT_DAY(2026, 11, 29)) == MADE_ON_BEFORE_PROPOSED,
				"decision: made the day before it was proposed");
		UNIT_OK(decision_made_on_fault(&r, UNIT_DAY(2016, 10, 21), UNIT_DAY(2026, 11, 29)) == MADE_ON_OK,
				"decision: made the day it was proposed");
		r.at_meeting = true;
		r.meeting_on = UNIT_DAY(2016, 11, 3);
		UNIT_OK(decision_made_on_fault(&r, UNIT_DAY(2016, 11, 2), UNIT_DAY(2026, 11, 29)) == MADE_ON_BEFORE_MEETING,
				"decision: at a meeting, not made before the meeting");

		/* decision_dates: meeting and notice on or after proposed_on, notice not after the meeting */
		{
			DecisionFacts dd;

			memset(&dd, 0, sizeof(dd));
			dd.kind = DECISION_BUDGET;
			dd.proposed_on = UNIT_DAY(2026, 11, 20);
			dd.at_meeting = true;
			dd.meeting_on = UNIT_DAY(2019, 4, 15);
			dd.has_notice = true;
			dd.notice_given_on = UNIT_DAY(2019, 4, 1);
			UNIT_OK(decision_dates_fault(&dd) == DECISION_DATES_MEETING_BEFORE_PROPOSED,
					"decision_dates: proposed in 2026, taken at a meeting of 2019");
			dd.meeting_on = UNIT_DAY(2026, 12, 10);
			dd.notice_given_on = UNIT_DAY(1900, 4, 1);
			UNIT_OK(decision_dates_fault(&dd) == DECISION_DATES_NOTICE_BEFORE_PROPOSED,
					"decision_dates: notice given in 1900");
			dd.notice_given_on = UNIT_DAY(2026, 12, 11);
			UNIT_OK(decision_dates_fault(&dd) == DECISION_DATES_NOTICE_AFTER_MEETING,
					"decision_dates: notice after the meeting");
			dd.notice_given_on = UNIT_DAY(2026, 12, 10);
			UNIT_OK(decision_dates_fault(&dd) == DECISION_DATES_OK,
					"decision_dates: notice on the day of the meeting is plausible");
			dd.notice_given_on = UNIT_DAY(2026, 11, 20);
			dd.meeting_on = UNIT_DAY(2026, 11, 20);
			UNIT_OK(decision_dates_fault(&dd) == DECISION_DATES_OK,
					"decision_dates: all on the day proposed");
			dd.at_meeting = false;
			dd.notice_given_on = UNIT_DAY(2027, 1, 1);
			UNIT_OK(decision_dates_fault(&dd) == DECISION_DATES_OK,
					"decision_dates: outside a meeting, notice after the proposal");
			dd.has_notice = false;
			UNIT_OK(decision_dates_fault(&dd) == DECISION_DATES_OK,
					"decision_dates: no meeting, no notice");
		}

		/* what a decision decides */
		r.title = "Renew to 2021";
		r.has_new_expiry = true;
		r.new_expiry = UNIT_DAY(2021, 3, 31);
		r2 = r;
		UNIT_OK(decision_decides_same(&r, &r2), "decision: unchanged, it decides the same");
		r2.new_expiry = UNIT_DAY(2099, 3, 31);
		UNIT_OK(!decision_decides_same(&r, &r2), "decision: a new expiry of 2099 is another decision");
		r2 = r;
		r2.title = "Renew to 2099";
		UNIT_OK(!decision_decides_same(&r, &r2), "decision: so is a new title");
		r2 = r;
		r2.at_meeting = false;
		UNIT_OK(!decision_decides_same(&r, &r2), "decision: and taking it outside the meeting");
		r2 = r;
		r2.proposed_on = UNIT_DAY(2016, 10, 25);
		r2.has_notice = true;
		UNIT_OK(decision_decides_same(&r, &r2), "decision: the day proposed and the notice are not what it decides");
	}
	UNIT_DONE();
}
