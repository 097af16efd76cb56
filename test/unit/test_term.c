/*
 * test_term.c — unit tests of src/rules/term.c: the effective expiry and
 * the status of an agreement's term on a day.
 */
#include "register_fixture.h"

static TermEvent
renewal(DateADT last_day)
{
	TermEvent	e = {false, true, last_day};

	return e;
}

static TermEvent
termination(DateADT last_day)
{
	TermEvent	e = {true, true, last_day};

	return e;
}

static const char *
state(const AgreementTerm *t, DateADT on)
{
	return term_state_label(term_state_on(t, on));
}

int
main(void)
{
	DateADT		expires = UNIT_DAY(2017, 3, 31);
	TermEvent	events[4];
	AgreementTerm t;

	/* the Seven Force agreement: 22 October 2015 to 31 March 2017, executed 15 October */
	t.commences_on = UNIT_DAY(2015, 10, 22);
	t.executed = true;
	t.executed_on = UNIT_DAY(2015, 10, 15);
	term_effective_expiry(true, expires, 0, NULL, &t.expiry);
	UNIT_OK(!t.expiry.open_ended && t.expiry.last_day == expires && !t.expiry.terminated,
			"term: as signed, the Seven Force agreement runs to 2017-03-31 (clause 6.1)");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2015, 10, 14)), "draft") == 0,
			"term: 2015-10-14, before execution: draft");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2015, 10, 15)), "pending") == 0,
			"term: 2015-10-15, executed, not yet commenced: pending");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2015, 10, 22)), "in_force") == 0,
			"term: 2015-10-22, commencement: in_force");
	UNIT_OK(strcmp(state(&t, expires), "in_force") == 0,
			"term: 2017-03-31, the last day: in_force");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2017, 4, 1)), "expired") == 0,
			"term: 2017-04-01 without a renewal: expired (clause 6.2)");

	/* the renewals to 31 March 2019 and (CPCC2019-007) 31 March 2021 */
	events[0] = renewal(UNIT_DAY(2019, 3, 31));
	events[1] = renewal(UNIT_DAY(2021, 3, 31));
	term_effective_expiry(true, expires, 2, events, &t.expiry);
	UNIT_OK(!t.expiry.open_ended && t.expiry.last_day == UNIT_DAY(2021, 3, 31) && !t.expiry.terminated,
			"term: after the renewals to 2019-03-31 and 2021-03-31 the effective expiry is 2021-03-31");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2017, 4, 1)), "in_force") == 0 &&
			strcmp(state(&t, UNIT_DAY(2019, 4, 1)), "in_force") == 0 &&
			strcmp(state(&t, UNIT_DAY(2021, 3, 31)), "in_force") == 0,
			"term: ... in force on 2017-04-01, 2019-04-01 and 2021-03-31");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2021, 4, 1)), "expired") == 0,
			"term: ... expired on 2021-04-01");
	events[0] = renewal(UNIT_DAY(2021, 3, 31));
	events[1] = renewal(UNIT_DAY(2019, 3, 31));
	term_effective_expiry(true, expires, 2, events, &t.expiry);
	UNIT_OK(t.expiry.last_day == UNIT_DAY(2019, 3, 31),
			"term: the renewal made last wins, even to an earlier day");

	/* a termination */
	events[0] = renewal(UNIT_DAY(2019, 3, 31));
	events[1] = renewal(UNIT_DAY(2021, 3, 31));
	events[2] = termination(UNIT_DAY(2020, 3, 31));
	term_effective_expiry(true, expires, 3, events, &t.expiry);
	UNIT_OK(!t.expiry.open_ended && t.expiry.last_day == UNIT_DAY(2020, 3, 31) && t.expiry.terminated,
			"term: a termination after the renewals ends the term on its last day, 2020-03-31");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2020, 3, 31)), "in_force") == 0 &&
			strcmp(state(&t, UNIT_DAY(2020, 4, 1)), "terminated") == 0,
			"term: in force on 2020-03-31, terminated on 2020-04-01");
	events[3] = renewal(UNIT_DAY(2023, 3, 31));
	term_effective_expiry(true, expires, 4, events, &t.expiry);
	UNIT_OK(t.expiry.last_day == UNIT_DAY(2020, 3, 31) && t.expiry.terminated,
			"term: a renewal made after the termination does not revive the agreement");
	events[0] = termination(UNIT_DAY(2016, 3, 31));
	events[1] = termination(UNIT_DAY(2016, 6, 30));
	term_effective_expiry(true, expires, 2, events, &t.expiry);
	UNIT_OK(t.expiry.last_day == UNIT_DAY(2016, 6, 30) && t.expiry.terminated,
			"term: of two terminations the one made last sets the day");
	events[0].has_last_day = false;
	term_effective_expiry(true, expires, 1, events, &t.expiry);
	UNIT_OK(t.expiry.last_day == expires && !t.expiry.terminated,
			"term: a termination without a day of its own changes nothing");

	/* open ended */
	term_effective_expiry(false, 0, 0, NULL, &t.expiry);
	UNIT_OK(t.expiry.open_ended && strcmp(state(&t, UNIT_DAY(2099, 1, 1)), "in_force") == 0,
			"term: no expires_on: open ended, in force in 2099");
	events[0] = renewal(0);
	events[0].has_last_day = false;
	term_effective_expiry(true, expires, 1, events, &t.expiry);
	UNIT_OK(t.expiry.open_ended, "term: a renewal without new_expiry makes the term open ended");
	events[1] = termination(UNIT_DAY(2030, 3, 31));
	term_effective_expiry(true, expires, 2, events, &t.expiry);
	UNIT_OK(!t.expiry.open_ended && t.expiry.terminated, "term: ... until a termination ends it");

	/*
	 * executed after commencement (a retrospective term): in force from
	 * commencement, as known today (Seven Force agreement, clause 6.1, in
	 * force from 22 October 2015; CPCC2019-007: "made in 2016")
	 */
	t.executed_on = UNIT_DAY(2016, 2, 1);
	term_effective_expiry(true, expires, 0, NULL, &t.expiry);
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2015, 10, 22)), "in_force") == 0 &&
			strcmp(state(&t, UNIT_DAY(2016, 1, 31)), "in_force") == 0 &&
			strcmp(state(&t, UNIT_DAY(2016, 2, 1)), "in_force") == 0,
			"term: executed on 2016-02-01, after commencement: in force from 2015-10-22");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2015, 10, 21)), "draft") == 0,
			"term: ... and before commencement, before execution: draft");
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2017, 4, 1)), "expired") == 0,
			"term: ... expired after 2017-03-31 all the same");
	t.executed = false;
	UNIT_OK(strcmp(state(&t, UNIT_DAY(2016, 1, 1)), "draft") == 0,
			"term: never executed: draft");

	/* term_change_in_time: a renewal on or before the expiry it extends */
	{
		TermExpiry	before;
		TermEvent	made[2];

		made[0] = renewal(UNIT_DAY(2019, 3, 31));
		made[0].made_on = UNIT_DAY(2017, 3, 1);
		made[0].id = 1;
		made[1] = renewal(UNIT_DAY(2021, 3, 31));
		made[1].made_on = UNIT_DAY(2019, 3, 1);
		made[1].id = 2;

		term_expiry_before(true, expires, 0, NULL, UNIT_DAY(2017, 3, 31), 9, &before);
		UNIT_OK(term_change_fault(DECISION_RENEWAL, true, UNIT_DAY(2019, 3, 31),
								  UNIT_DAY(2017, 3, 31), &before) == TERM_CHANGE_OK,
				"term_change_in_time: a renewal made on the expiry day 2017-03-31 is in time");
		UNIT_OK(term_change_fault(DECISION_RENEWAL, true, UNIT_DAY(2019, 3, 31),
								  UNIT_DAY(2017, 4, 1), &before) == TERM_CHANGE_RENEWAL_AFTER_EXPIRY,
				"term_change_in_time: made the day after, 2017-04-01, it is refused");
		UNIT_OK(term_change_fault(DECISION_RENEWAL, true, UNIT_DAY(2019, 3, 31),
								  UNIT_DAY(2017, 9, 15), &before) == TERM_CHANGE_RENEWAL_AFTER_EXPIRY,
				"term_change_in_time: a renewal in September 2017 does not revive the lapsed agreement");

		term_expiry_before(true, expires, 2, made, UNIT_DAY(2020, 6, 1), 9, &before);
		UNIT_OK(!before.open_ended && before.last_day == UNIT_DAY(2021, 3, 31),
				"term_expiry_before: after both renewals the expiry to extend is 2021-03-31");
		term_expiry_before(true, expires, 2, made, UNIT_DAY(2018, 6, 1), 9, &before);
		UNIT_OK(before.last_day == UNIT_DAY(2019, 3, 31),
				"term_expiry_before: a decision made in 2018 extends the 2019-03-31 expiry (only renewals made before it count)");
		term_expiry_before(true, expires, 2, made, UNIT_DAY(2019, 3, 1), 1, &before);
		UNIT_OK(before.last_day == UNIT_DAY(2019, 3, 31),
				"term_expiry_before: the same day, a lower id counts first");
		term_expiry_before(false, 0, 0, NULL, UNIT_DAY(2040, 1, 1), 9, &before);
		UNIT_OK(term_change_fault(DECISION_RENEWAL, true, UNIT_DAY(2041, 3, 31),
								  UNIT_DAY(2040, 1, 1), &before) == TERM_CHANGE_OK,
				"term_change_in_time: an open-ended term can be renewed any day");

		term_expiry_before(true, expires, 0, NULL, UNIT_DAY(2016, 6, 30), 9, &before);
		UNIT_OK(term_change_fault(DECISION_TERMINATION, true, UNIT_DAY(2016, 6, 30),
								  UNIT_DAY(2016, 6, 30), &before) == TERM_CHANGE_OK,
				"term_change_in_time: a termination whose last day is the day it is made is in time");
		UNIT_OK(term_change_fault(DECISION_TERMINATION, true, UNIT_DAY(2016, 6, 29),
								  UNIT_DAY(2016, 6, 30), &before) == TERM_CHANGE_TERMINATION_BACKDATED,
				"term_change_in_time: a last day the day before it is made is refused");
		UNIT_OK(term_change_fault(DECISION_VARIATION, false, 0, UNIT_DAY(2030, 1, 1), &before) == TERM_CHANGE_OK,
				"term_change_in_time: a variation is always in time");
	}

	UNIT_OK(strcmp(term_state_label(TERM_DRAFT), "draft") == 0 &&
			strcmp(term_state_label(TERM_PENDING), "pending") == 0 &&
			strcmp(term_state_label(TERM_IN_FORCE), "in_force") == 0 &&
			strcmp(term_state_label(TERM_EXPIRED), "expired") == 0 &&
			strcmp(term_state_label(TERM_TERMINATED), "terminated") == 0,
			"term: the labels of s22a.term_state");
	UNIT_DONE();
}
