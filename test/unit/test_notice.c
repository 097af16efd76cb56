/*
 * test_notice.c — unit tests of src/rules/notice.c: no less than two clear
 * working days' notice of a meeting (Seven Force agreement, clause 3.4),
 * counted by the calendar over Easter 2016.
 */
#include "unit.h"

int
main(void)
{
	int32		easter_days[2] = {UNIT_DAY(2016, 3, 25), UNIT_DAY(2016, 3, 28)};
	HolidayCalendar cal = {2, easter_days};
	int64		meeting = UNIT_DAY(2016, 3, 29);

	UNIT_OK(NOTICE_CLEAR_WORKING_DAYS == 2, "notice: two clear working days (clause 3.4)");
	UNIT_OK(notice_fault(false, false, 0) == NOTICE_NOT_NEEDED,
			"notice: a decision outside a meeting needs none");
	UNIT_OK(notice_fault(true, false, 0) == NOTICE_NONE,
			"notice: a meeting without notice fails");
	UNIT_OK(notice_fault(true, true, 1) == NOTICE_SHORT,
			"notice: one clear working day is short");
	UNIT_OK(notice_fault(true, true, 2) == NOTICE_OK,
			"notice: two are enough");
	/* the custody business case: a meeting on Tuesday 29 March 2016 */
	UNIT_OK(notice_fault(true, true, (int32) calendar_working_days_between(&cal, UNIT_DAY(2016, 3, 23), meeting)) == NOTICE_SHORT,
			"notice: Wednesday 23 March for Tuesday 29 March 2016 leaves 1 clear day over Easter: short");
	UNIT_OK(notice_fault(true, true, (int32) calendar_working_days_between(&cal, UNIT_DAY(2016, 3, 22), meeting)) == NOTICE_OK,
			"notice: Tuesday 22 March leaves 2 (23rd, 24th): enough");
	UNIT_OK(calendar_notice_deadline(&cal, meeting, NOTICE_CLEAR_WORKING_DAYS) == UNIT_DAY(2016, 3, 22),
			"notice: so notice is due by 22 March 2016");
	UNIT_DONE();
}
