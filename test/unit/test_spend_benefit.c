/*
 * test_spend_benefit.c — unit tests of src/rules/spend.c (spend_in_term:
 * an actual inside its financial year and the agreement's term) and
 * src/rules/benefit.c (the realised figure recorded the first time needs no
 * decision).
 */
#include "register_fixture.h"

int
main(void)
{
	TermExpiry	expiry;
	TermEvent	renewal = {false, true, UNIT_DAY(2019, 3, 31)};
	TermEvent	open_renewal = {false, false, 0};
	TermEvent	termination = {true, true, UNIT_DAY(2016, 12, 31)};
	DateADT		commences = UNIT_DAY(2015, 10, 22);

	/* the Seven Force agreement as signed: 22 October 2015 to 31 March 2017 (clause 6.1) */
	term_effective_expiry(true, UNIT_DAY(2017, 3, 31), 0, NULL, &expiry);
	UNIT_OK(spend_date_fault(2016, UNIT_DAY(2016, 4, 1), commences, &expiry) == SPEND_DATE_OK,
			"spend: 2016-04-01, the first day of 2016/17, is inside");
	UNIT_OK(spend_date_fault(2016, UNIT_DAY(2017, 3, 31), commences, &expiry) == SPEND_DATE_OK,
			"spend: 2017-03-31, the last day of 2016/17 and of the term, is inside");
	UNIT_OK(spend_date_fault(2016, UNIT_DAY(2016, 3, 31), commences, &expiry) == SPEND_DATE_OUTSIDE_YEAR,
			"spend: 2016-03-31 against 2016/17 is outside the year");
	UNIT_OK(spend_date_fault(2016, UNIT_DAY(2017, 4, 1), commences, &expiry) == SPEND_DATE_OUTSIDE_YEAR,
			"spend: 2017-04-01 against 2016/17 is outside the year (reported before the term)");
	UNIT_OK(spend_date_fault(2015, UNIT_DAY(2015, 10, 22), commences, &expiry) == SPEND_DATE_OK,
			"spend: the day of commencement is inside");
	UNIT_OK(spend_date_fault(2015, UNIT_DAY(2015, 10, 21), commences, &expiry) == SPEND_DATE_BEFORE_TERM,
			"spend: the day before commencement is before the term");
	UNIT_OK(spend_date_fault(2015, UNIT_DAY(2015, 4, 1), commences, &expiry) == SPEND_DATE_BEFORE_TERM,
			"spend: 1 April of the part year 2015/16 is before the term");
	UNIT_OK(spend_date_fault(2017, UNIT_DAY(2017, 4, 1), commences, &expiry) == SPEND_DATE_AFTER_TERM,
			"spend: 2017-04-01 against 2017/18 is after the term as signed (clause 6.2)");
	UNIT_OK(spend_date_fault(2016, UNIT_DAY(2016, 2, 29), commences, &expiry) == SPEND_DATE_OUTSIDE_YEAR &&
			spend_date_fault(2015, UNIT_DAY(2016, 2, 29), commences, &expiry) == SPEND_DATE_OK,
			"spend: 29 February 2016 belongs to 2015/16, not 2016/17 (leap year)");

	/* renewed to 31 March 2019 */
	term_effective_expiry(true, UNIT_DAY(2017, 3, 31), 1, &renewal, &expiry);
	UNIT_OK(spend_date_fault(2017, UNIT_DAY(2017, 4, 1), commences, &expiry) == SPEND_DATE_OK,
			"spend: after a renewal to 2019-03-31, 2017-04-01 is inside");
	UNIT_OK(spend_date_fault(2019, UNIT_DAY(2019, 4, 1), commences, &expiry) == SPEND_DATE_AFTER_TERM,
			"spend: and 2019-04-01 after it");

	/* open ended */
	term_effective_expiry(true, UNIT_DAY(2017, 3, 31), 1, &open_renewal, &expiry);
	UNIT_OK(spend_date_fault(2030, UNIT_DAY(2031, 3, 31), commences, &expiry) == SPEND_DATE_OK,
			"spend: an open-ended renewal leaves no last day");

	/* terminated on 31 December 2016: the rest of 2016/17 is after the term */
	term_effective_expiry(true, UNIT_DAY(2017, 3, 31), 1, &termination, &expiry);
	UNIT_OK(spend_date_fault(2016, UNIT_DAY(2016, 12, 31), commences, &expiry) == SPEND_DATE_OK &&
			spend_date_fault(2016, UNIT_DAY(2017, 1, 1), commences, &expiry) == SPEND_DATE_AFTER_TERM,
			"spend: a termination on 2016-12-31 ends the term mid-year");

	/* benefit: the realised figure recorded once */
	UNIT_OK(benefit_first_realised(true, false, false),
			"benefit: realised NULL to a figure, nothing else changed: free");
	UNIT_OK(!benefit_first_realised(false, false, false),
			"benefit: correcting a recorded figure is not");
	UNIT_OK(!benefit_first_realised(false, true, false),
			"benefit: clearing a recorded figure is not");
	UNIT_OK(!benefit_first_realised(true, false, true),
			"benefit: recording it together with another change (the plan) is not");
	UNIT_OK(!benefit_first_realised(true, true, true),
			"benefit: a change of the plan alone is not");
	UNIT_DONE();
}
