/*
 * rules/notice.c — notice of a meeting: business needing an in principle
 * decision is advised to all the Parties in writing with no less than two
 * clear working days' notice (Seven Force Strategic Collaboration
 * agreement, clause 3.4; NOTICE_CLEAR_WORKING_DAYS in s22a.h).  A decision
 * outside a meeting needs no notice.  The clear working days themselves
 * are counted by the calendar (rules/calendar.c, over the bank holidays of
 * working_days.c); this file judges the count.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * Whether the notice rule holds for a decision: clear_days is the number of
 * clear working days between the notice and the meeting, read only when
 * at_meeting and has_notice.
 */
NoticeFault
notice_fault(bool at_meeting, bool has_notice, int32 clear_days)
{
	if (!at_meeting)
		return NOTICE_NOT_NEEDED;
	if (!has_notice)
		return NOTICE_NONE;
	return clear_days >= NOTICE_CLEAR_WORKING_DAYS ? NOTICE_OK : NOTICE_SHORT;
}
