/*
 * test_local_decision.c — unit tests of src/rules/local_decision.c: a local
 * decision follows a made in-principle decision of the Summit, by a party
 * it bound (Seven Force agreement, Schedule A 1.3 and 4.2).
 */
#include "unit.h"

int
main(void)
{
	/* the joint ICT business case: it materially affects three forces' chief constables */
	static const char *const bound[] = {"CC-BED", "CC-CAM", "CC-HER"};
	DecisionFacts f;
	DateADT		made = UNIT_DAY(2016, 3, 29);
	DateADT		today = UNIT_DAY(2016, 6, 1);

	memset(&f, 0, sizeof(f));
	f.kind = DECISION_IN_PRINCIPLE;
	f.is_made = true;
	f.has_made_on = true;
	f.made_on = made;

	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-CAM", made, today) == LOCAL_DECISION_OK,
			"local decision: a bound party on the day the decision was made");
	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-HER", today, today) == LOCAL_DECISION_OK,
			"local decision: dated today");
	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-CAM", made - 1, today) == LOCAL_DECISION_BEFORE_MADE,
			"local decision: the day before the decision was made is refused");
	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-CAM", today + 1, today) == LOCAL_DECISION_AFTER_TODAY,
			"local decision: tomorrow is refused");
	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-KEN", made, today) == LOCAL_DECISION_PARTY_NOT_BOUND,
			"local decision: a party the decision did not bind is refused");
	UNIT_OK(local_decision_fault(&f, bound, 3, "NOBODY", made, today) == LOCAL_DECISION_PARTY_NOT_BOUND,
			"local decision: an unknown party is refused as not bound");

	f.is_made = false;
	f.has_made_on = false;
	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-CAM", made, today) == LOCAL_DECISION_NOT_MADE_IN_PRINCIPLE,
			"local decision: a proposed in-principle decision is refused");
	f.is_made = true;
	f.has_made_on = true;
	f.kind = DECISION_RENEWAL;
	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-CAM", made, today) == LOCAL_DECISION_NOT_MADE_IN_PRINCIPLE,
			"local decision: a made renewal is refused (no local decision follows it)");
	f.kind = DECISION_BUDGET;
	UNIT_OK(local_decision_fault(&f, bound, 3, "CC-CAM", made, today) == LOCAL_DECISION_NOT_MADE_IN_PRINCIPLE,
			"local decision: a made budget decision is refused");

	UNIT_DONE();
}
