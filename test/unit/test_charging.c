/*
 * test_charging.c — unit tests of src/rules/charging.c (who is charged for
 * a year, for how many days) and src/rules/budget_term.c (the days of a
 * year inside the term; rule budget_term).
 */
#include "register_fixture.h"

static FiscalYear
fy(const char *label)
{
	FiscalYear	y;

	fiscal_year_parse(label, &y);
	return y;
}

int
main(void)
{
	AgreementMembership *m;
	TermExpiry	open = {true, DATEVAL_NOEND, false};
	TermExpiry	to2017 = {false, UNIT_DAY(2017, 3, 31), false};
	const char **forces;
	int64	   *days;
	DateADT		from,
				to;
	int			n;

	/* budget_term: the days of a year inside the term */
	UNIT_OK(term_days_in_year(fy("2015/16"), UNIT_DAY(2015, 10, 22), &to2017, &from, &to) &&
			from == UNIT_DAY(2015, 10, 22) && to == UNIT_DAY(2016, 3, 31),
			"budget_term: Seven Force 2015/16 is in force from 22 October 2015 to 31 March 2016");
	UNIT_OK(!budget_term_fits(fy("2017/18"), UNIT_DAY(2015, 10, 22), &to2017),
			"budget_term: 2017/18, from the day after the expiry, has no day in the term");
	UNIT_OK(!budget_term_fits(fy("2014/15"), UNIT_DAY(2015, 10, 22), &to2017),
			"budget_term: 2014/15, before commencement, has none");
	UNIT_OK(budget_term_fits(fy("2015/16"), UNIT_DAY(2016, 3, 31), &to2017),
			"budget_term: commencement on the year's last day is one day: accepted");
	{
		TermExpiry	apr1 = {false, UNIT_DAY(2017, 4, 1), false};

		UNIT_OK(budget_term_fits(fy("2017/18"), UNIT_DAY(2015, 10, 22), &apr1),
				"budget_term: an expiry on the year's first day is one day: accepted");
	}
	UNIT_OK(budget_term_fits(fy("2099/00"), UNIT_DAY(2015, 10, 22), &open),
			"budget_term: an open-ended agreement has every later year");

	/*
	 * CTC 2019/20 (366 days): BED, CAM, HER, TVP all year; BTP from 1 May
	 * 2019 (CPCC2019-008) for 336 days.
	 */
	m = agreement(UNIT_DAY(2016, 12, 16));
	joins(add_party(m, "BTPA", "BTP", PARTY_POLICING_BODY, 0), UNIT_DAY(2019, 5, 1));
	add_party(m, "CC-BED", "BED", PARTY_CHIEF_OFFICER, 0);
	joins(add_party(m, "CC-BTP", "BTP", PARTY_CHIEF_OFFICER, 0), UNIT_DAY(2019, 5, 1));
	add_party(m, "CC-CAM", "CAM", PARTY_CHIEF_OFFICER, 0);
	add_party(m, "CC-HER", "HER", PARTY_CHIEF_OFFICER, 0);
	add_party(m, "CC-TVP", "TVP", PARTY_CHIEF_OFFICER, 0);
	n = charging_forces(m, CHARGING_PRO_RATA_DAYS, fy("2019/20"), &open, &forces, &days, &from, &to);
	UNIT_OK(n == 5 && strcmp(forces[1], "BTP") == 0 && days[1] == 336 && days[0] == 366 && days[4] == 366,
			"charging: pro_rata_days, CTC 2019/20: BTP 336 days, the others 366 (leap year)");
	n = charging_forces(m, CHARGING_FIRST_DAY, fy("2019/20"), &open, &forces, &days, &from, &to);
	UNIT_OK(n == 4 && strcmp(forces[1], "CAM") == 0 && days[0] == 1 && from == UNIT_DAY(2019, 4, 1),
			"charging: first_day, CTC 2019/20: the four parties on 1 April, BTP not among them");

	/* a force whose two corporations sole overlap counts each day once */
	party(m, "BTPA")->joins_on = UNIT_DAY(2019, 6, 1);
	n = charging_forces(m, CHARGING_PRO_RATA_DAYS, fy("2019/20"), &open, &forces, &days, &from, &to);
	UNIT_OK(n == 5 && days[1] == 336,
			"charging: a force is a party while either corporation sole is: 336 days, not 336 + 305");

	/* a leaver on 1 March 2020: 1 April 2019 to 29 February 2020 */
	party(m, "CC-HER")->leaves_on = UNIT_DAY(2020, 3, 1);
	n = charging_forces(m, CHARGING_PRO_RATA_DAYS, fy("2019/20"), &open, &forces, &days, &from, &to);
	UNIT_OK(n == 5 && strcmp(forces[3], "HER") == 0 && days[3] == 335,
			"charging: a force leaving on 1 March 2020 is charged 335 days, 29 February included");
	n = charging_forces(m, CHARGING_PRO_RATA_DAYS, fy("2020/21"), &open, &forces, &days, &from, &to);
	UNIT_OK(n == 4 && strcmp(forces[3], "TVP") == 0 && strcmp(forces[2], "CAM") == 0 && days[0] == 365,
			"charging: the next year it has no day and no share; 2020/21 has 365 days");

	/* the term cuts the days: commencement 22 October, expiry 31 December */
	m = agreement(UNIT_DAY(2015, 10, 22));
	add_party(m, "CC-BED", "BED", PARTY_CHIEF_OFFICER, 0);
	{
		TermExpiry	dec31 = {false, UNIT_DAY(2015, 12, 31), true};

		n = charging_forces(m, CHARGING_PRO_RATA_DAYS, fy("2015/16"), &dec31, &forces, &days, &from, &to);
		UNIT_OK(n == 1 && days[0] == 71 && from == UNIT_DAY(2015, 10, 22) && to == UNIT_DAY(2015, 12, 31),
				"charging: pro_rata_days counts only days in force: 22 October to 31 December 2015, 71 days");
		n = charging_forces(m, CHARGING_PRO_RATA_DAYS, fy("2016/17"), &dec31, &forces, &days, &from, &to);
		UNIT_OK(n == 0, "charging: a year after the expiry charges nobody");
	}
	n = charging_forces(m, CHARGING_FIRST_DAY, fy("2015/16"), &open, &forces, &days, &from, &to);
	UNIT_OK(n == 1 && from == UNIT_DAY(2015, 10, 22),
			"charging: first_day in the first part year asks greatest(1 April, commences_on)");
	n = charging_forces(m, CHARGING_FIRST_DAY, fy("2014/15"), &open, &forces, &days, &from, &to);
	UNIT_OK(n == 0, "charging: first_day before commencement charges nobody");

	UNIT_OK(strcmp(charging_rule_label(CHARGING_PRO_RATA_DAYS), "pro_rata_days") == 0 &&
			strcmp(charging_rule_label(CHARGING_FIRST_DAY), "first_day") == 0,
			"charging: the labels of s22a.charging_rule");
	UNIT_DONE();
}
