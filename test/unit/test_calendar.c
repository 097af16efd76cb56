/*
 * test_calendar.c — unit tests of src/rules/calendar.c: the statutory
 * pattern of bank holidays and clear working days.
 */
#include "unit.h"

static bool
has_holiday(int year, int32 day)
{
	StatutoryHoliday h[CALENDAR_MAX_HOLIDAYS_PER_YEAR];
	int			n = calendar_statutory_holidays(year, h);

	for (int i = 0; i < n; i++)
		if (h[i].day == day)
			return true;
	return false;
}

int
main(void)
{
	/* Easter 2016, the week of the Seven Force agreement's first review */
	int32		easter_days[2];
	HolidayCalendar cal = {2, easter_days};

	UNIT_OK(calendar_easter_sunday(2016) == UNIT_DAY(2016, 3, 27),
			"calendar: Easter Sunday 2016 is 27 March");
	UNIT_OK(calendar_easter_sunday(2019) == UNIT_DAY(2019, 4, 21),
			"calendar: Easter Sunday 2019 is 21 April");
	UNIT_OK(calendar_weekday(UNIT_DAY(2000, 1, 1)) == 6,
			"calendar: 1 January 2000 was a Saturday");

	UNIT_OK(has_holiday(2016, UNIT_DAY(2016, 3, 25)), "calendar: Good Friday 2016");
	UNIT_OK(has_holiday(2016, UNIT_DAY(2016, 3, 28)), "calendar: Easter Monday 2016");
	UNIT_OK(has_holiday(2020, UNIT_DAY(2020, 5, 8)) && !has_holiday(2020, UNIT_DAY(2020, 5, 4)),
			"calendar: the early May holiday of 2020 moved to Friday 8 May");
	UNIT_OK(has_holiday(2022, UNIT_DAY(2022, 9, 19)), "calendar: 19 September 2022 (state funeral)");
	UNIT_OK(has_holiday(1981, UNIT_DAY(1981, 7, 29)),
			"calendar: Wednesday 29 July 1981 (royal wedding)");
	UNIT_OK(has_holiday(2021, UNIT_DAY(2021, 12, 28)),
			"calendar: Christmas 2021 on a Saturday gives Tuesday 28 December");

	easter_days[0] = UNIT_DAY(2016, 3, 25);
	easter_days[1] = UNIT_DAY(2016, 3, 28);
	UNIT_OK(!calendar_is_working_day(&cal, UNIT_DAY(2016, 3, 28)),
			"calendar: Easter Monday is not a working day");
	UNIT_OK(calendar_is_working_day(&cal, UNIT_DAY(2016, 3, 29)),
			"calendar: the Tuesday after Easter is");
	/* Thursday 24 March to Wednesday 30 March 2016: only Tuesday 29 is clear */
	UNIT_OK(calendar_working_days_between(&cal, UNIT_DAY(2016, 3, 24), UNIT_DAY(2016, 3, 30)) == 1,
			"calendar: one clear working day between 24 and 30 March 2016");
	UNIT_OK(calendar_working_days_between(&cal, UNIT_DAY(2016, 3, 30), UNIT_DAY(2016, 3, 24)) == 0,
			"calendar: none the wrong way round");
	UNIT_OK(calendar_add_working_days(&cal, UNIT_DAY(2016, 3, 24), 1) == UNIT_DAY(2016, 3, 29),
			"calendar: the first working day after 24 March 2016 is 29 March");
	UNIT_OK(calendar_add_working_days(&cal, UNIT_DAY(2016, 3, 29), -1) == UNIT_DAY(2016, 3, 24),
			"calendar: the working day before 29 March 2016 is 24 March");
	/* a meeting on Thursday 31 March 2016 needs notice by Friday 25?  no: holiday */
	UNIT_OK(calendar_notice_deadline(&cal, UNIT_DAY(2016, 3, 31), 2) == UNIT_DAY(2016, 3, 28),
			"calendar: two clear working days before Thursday 31 March 2016: notice by Monday 28 March (29 and 30 are clear)");
	UNIT_DONE();
}
