/*
 * triggers/bank_holiday.c — the trigger on s22a.bank_holiday: any change to
 * the calendar of bank holidays drops every backend's cached copy
 * (data/bank_holiday.c), so no notice period (Seven Force Collaboration
 * Agreement, clause 3.4: "clear working days") is counted against an old
 * calendar.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "utils/inval.h"

#include "s22a.h"

/*
 * Statement-level trigger on s22a.bank_holiday: any change queues a relcache
 * invalidation of the table, which drops every backend's holiday cache
 * (see the top of data/bank_holiday.c).
 */
PG_FUNCTION_INFO_V1(bank_holiday_changed);
Datum
bank_holiday_changed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_BANK_HOLIDAY_CHANGED);

	CacheInvalidateRelcache(td->tg_relation);
	s22a_forget_bank_holidays();
	return PointerGetDatum(NULL);
}
