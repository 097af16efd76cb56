/*
 * test_withdrawal.c — unit tests of src/rules/withdrawal.c: the earliest
 * day a withdrawal takes effect, PostgreSQL's `date + interval` done over
 * plain integers, and the pairing of a policing body with its chief
 * officer.
 */
#include "register_fixture.h"

#include "date_plus_interval.h"

static Interval
iv(int32 months, int32 days, int64 usecs)
{
	Interval	i;

	i.month = months;
	i.day = days;
	i.time = usecs;
	return i;
}

static DateADT
earliest(DateADT given, const Interval *notice)
{
	DateADT		e = 0;

	if (!withdrawal_earliest(given, notice, &e))
		return DATEVAL_NOBEGIN;
	return e;
}

int
main(void)
{
	Interval	twelve = iv(12, 0, 0),
				one = iv(1, 0, 0),
				none = iv(0, 0, 0);
	int			mismatches = 0;
	AgreementMembership *m;
	DateADT		day,
				days[FIXTURE_MAX_PARTIES];
	Member		chief,
				body;

	/* 12 months' notice (Single Online Home paper, para 4.5) */
	UNIT_OK(earliest(UNIT_DAY(2019, 5, 1), &twelve) == UNIT_DAY(2020, 5, 1),
			"withdrawal: 12 months' notice given on 2019-05-01 takes effect 2020-05-01 at the earliest");
	UNIT_OK(earliest(UNIT_DAY(2019, 7, 1), &twelve) == UNIT_DAY(2020, 7, 1),
			"withdrawal: notice on 2019-07-01: 2020-07-01 (doc/register.md)");
	UNIT_OK(earliest(UNIT_DAY(2020, 2, 29), &twelve) == UNIT_DAY(2021, 2, 28),
			"withdrawal: 12 months from 29 February 2020 is 28 February 2021");

	/* month ends clamp, as PostgreSQL's date + interval */
	UNIT_OK(earliest(UNIT_DAY(2019, 1, 31), &one) == UNIT_DAY(2019, 2, 28),
			"withdrawal: notice on 31 January 2019 + 1 month: 28 February 2019");
	UNIT_OK(earliest(UNIT_DAY(2020, 1, 31), &one) == UNIT_DAY(2020, 2, 29),
			"withdrawal: notice on 31 January 2020 + 1 month: 29 February 2020 (leap year)");
	UNIT_OK(earliest(UNIT_DAY(2019, 3, 31), &one) == UNIT_DAY(2019, 4, 30),
			"withdrawal: notice on 31 March + 1 month: 30 April");
	UNIT_OK(earliest(UNIT_DAY(2019, 12, 31), &one) == UNIT_DAY(2020, 1, 31),
			"withdrawal: notice on 31 December + 1 month: 31 January of the next year");
	{
		Interval	mixed = iv(3, 14, 0);

		UNIT_OK(earliest(UNIT_DAY(2019, 11, 30), &mixed) == UNIT_DAY(2020, 3, 14),
				"withdrawal: 3 months 14 days from 30 November 2019: the months first (29 February 2020), then the days: 14 March");
	}

	/* never before the day after notice */
	UNIT_OK(earliest(UNIT_DAY(2019, 5, 1), NULL) == UNIT_DAY(2019, 5, 2),
			"withdrawal: no notice period stated: the day after notice");
	UNIT_OK(earliest(UNIT_DAY(2019, 5, 1), &none) == UNIT_DAY(2019, 5, 2),
			"withdrawal: a notice period of nothing: the day after notice");
	{
		Interval	hours = iv(0, 0, 12 * USECS_PER_HOUR);

		UNIT_OK(earliest(UNIT_DAY(2019, 5, 1), &hours) == UNIT_DAY(2019, 5, 2),
				"withdrawal: 12 hours' notice: a part of a day counts as a whole day");
	}

	/* out of range, where PostgreSQL raises 22008 */
	{
		Interval	far = iv(71000000, -2130000000, 0);
		DateADT		e;

		UNIT_OK(!withdrawal_earliest(UNIT_DAY(2019, 5, 1), &far, &e),
				"withdrawal: 71000000 months -2130000000 days (under 100 years in all) runs out of range on the months");
	}

	/* withdrawal_notice_end against the server's own date + interval */
	for (int i = 0; i < (int) lengthof(date_plus_interval); i++)
	{
		Interval	n = iv(date_plus_interval[i].month, date_plus_interval[i].days,
						   date_plus_interval[i].usecs);
		DateADT		end = 0;
		bool		ok = withdrawal_notice_end(date_plus_interval[i].day, &n, &end);

		if (ok != date_plus_interval[i].ok || (ok && end != date_plus_interval[i].expected))
		{
			mismatches++;
			printf("#   %s: PostgreSQL %s %d, withdrawal_notice_end %s %d\n", date_plus_interval[i].text,
				   date_plus_interval[i].ok ? "gives" : "raises 22008", date_plus_interval[i].expected,
				   ok ? "gives" : "is out of range", end);
		}
	}
	UNIT_OK(mismatches == 0,
			"withdrawal: withdrawal_notice_end agrees with PostgreSQL's date + interval on %d cases (test/unit/date_plus_interval.sql)",
			(int) lengthof(date_plus_interval));

	/* pairing: Single Online Home style, PCC-HER and CC-HER */
	m = seven_force();
	withdraws(party(m, "PCC-HER"), UNIT_DAY(2020, 7, 1));
	UNIT_OK(withdrawal_days_of_force(m, "HER", days) == 1 && days[0] == UNIT_DAY(2020, 7, 1),
			"pairing: HER's parties withdraw with effect from 2020-07-01");
	UNIT_OK(withdrawal_pairing_fault(m, "HER", &day, &chief, &body) &&
			day == UNIT_DAY(2020, 7, 1) && strcmp(chief.code, "CC-HER") == 0 &&
			strcmp(body.code, "PCC-HER") == 0,
			"pairing: PCC-HER withdrawing alone leaves CC-HER without its body from 2020-07-01");
	UNIT_OK(!withdrawal_pairing_fault(m, "BED", &day, &chief, &body),
			"pairing: the other forces are not affected");
	withdraws(party(m, "CC-HER"), UNIT_DAY(2020, 7, 1));
	UNIT_OK(!withdrawal_pairing_fault(m, "HER", &day, &chief, &body),
			"pairing: both withdrawing with the same effect is allowed");

	m = seven_force();
	withdraws(party(m, "CC-HER"), UNIT_DAY(2020, 7, 1));
	withdraws(party(m, "PCC-HER"), UNIT_DAY(2020, 8, 1));
	UNIT_OK(withdrawal_days_of_force(m, "HER", days) == 2,
			"pairing: two withdrawal days for HER");
	UNIT_OK(!withdrawal_pairing_fault(m, "HER", &day, &chief, &body),
			"pairing: the chief officer going first, the policing body later, is allowed");
	m = seven_force();
	withdraws(party(m, "PCC-HER"), UNIT_DAY(2020, 7, 1));
	withdraws(party(m, "CC-HER"), UNIT_DAY(2020, 8, 1));
	UNIT_OK(withdrawal_pairing_fault(m, "HER", &day, &chief, &body) && day == UNIT_DAY(2020, 7, 1),
			"pairing: the policing body going a month before its chief officer is refused");
	m = seven_force();
	withdraws(party(m, "PCC-HER"), UNIT_DAY(2020, 7, 1));
	party(m, "CC-HER")->leaves_on = UNIT_DAY(2020, 6, 1);
	UNIT_OK(!withdrawal_pairing_fault(m, "HER", &day, &chief, &body),
			"pairing: a chief officer that left (leaves_on) before its body withdraws is not stranded");
	/* the day notice is given: not after today; today only, for a party's role */
	{
		DateADT		today = UNIT_DAY(2026, 11, 29);

		UNIT_OK(withdrawal_notice_date_fault(today, today, true) == NOTICE_DATE_OK,
				"notice date: a party's role gives notice today");
		UNIT_OK(withdrawal_notice_date_fault(today - 1, today, true) == NOTICE_DATE_PAST_BY_PARTY,
				"notice date: a party's role cannot date notice yesterday");
		UNIT_OK(withdrawal_notice_date_fault(UNIT_DAY(2019, 7, 1), today, true) == NOTICE_DATE_PAST_BY_PARTY,
				"notice date: nor years ago (the past years' cost shares would move)");
		UNIT_OK(withdrawal_notice_date_fault(UNIT_DAY(2019, 7, 1), today, false) == NOTICE_DATE_OK,
				"notice date: a clerk records a notice given in writing years ago");
		UNIT_OK(withdrawal_notice_date_fault(today + 1, today, false) == NOTICE_DATE_FUTURE,
				"notice date: nobody records notice dated tomorrow");
		UNIT_OK(withdrawal_notice_date_fault(today + 1, today, true) == NOTICE_DATE_FUTURE,
				"notice date: a party's role neither");
	}

	/* withdrawal_committed, withdrawal_closed_year */
	{
		DateADT		year_start = UNIT_DAY(2026, 4, 1);	/* 2026/27 holds today */

		UNIT_OK(withdrawal_needs_decision(false, UNIT_DAY(2027, 1, 1), year_start) ==
				WITHDRAWAL_NEEDS_DECISION_COMMITTED,
				"withdrawal: no notice period stated: committed for the term, a decision is needed (clause 6.3)");
		UNIT_OK(withdrawal_needs_decision(false, UNIT_DAY(2020, 1, 1), year_start) ==
				WITHDRAWAL_NEEDS_DECISION_COMMITTED,
				"withdrawal: committed comes first when both apply");
		UNIT_OK(withdrawal_needs_decision(true, UNIT_DAY(2026, 3, 31), year_start) ==
				WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR,
				"withdrawal: effective 2026-03-31, the last day of a closed year: a decision is needed");
		UNIT_OK(withdrawal_needs_decision(true, UNIT_DAY(2026, 4, 1), year_start) ==
				WITHDRAWAL_NEEDS_NO_DECISION,
				"withdrawal: effective 2026-04-01, the first day of this year: no decision needed");
	}
	UNIT_DONE();
}
