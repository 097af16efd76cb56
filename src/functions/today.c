/*
 * functions/today.c — s22a.today(): the day the reports take as "today".
 *
 * The reports (register, upcoming(), the governance and cost views) answer
 * "as at today".  A finance officer closing a year, a board paper printed
 * for a meeting, and the demo and the doc tests (whose output must not
 * change with the calendar) all need to ask "as at" another day, so the
 * reports read today from here: the session setting s22a.today when it is
 * set, else current_date.
 *
 * Only reports read it.  The rules never do: a trigger that checks a date
 * against today (a decision made in the future, a consent dated after the
 * decision) takes the server's current_date, so a session cannot move its
 * own clock past a rule.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/guc.h"

#include "s22a.h"

/* the bad value is named by date_in; this says where it came from */
static void
today_context(void *arg)
{
	errcontext("reading the setting s22a.today = '%s' (RESET s22a.today for the current date)",
			   (const char *) arg);
}

PG_FUNCTION_INFO_V1(s22a_today);
Datum
s22a_today(PG_FUNCTION_ARGS)
{
	const char *value = GetConfigOption("s22a.today", true, false);
	ErrorContextCallback context;
	DateADT		day;

	if (value == NULL || value[0] == '\0')
		PG_RETURN_DATEADT(GetSQLCurrentDate());

	context.callback = today_context;
	context.arg = (void *) value;
	context.previous = error_context_stack;
	error_context_stack = &context;
	day = DatumGetDateADT(DirectFunctionCall1(date_in, CStringGetDatum(value)));
	error_context_stack = context.previous;

	if (DATE_NOT_FINITE(day))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("s22a.today must be a finite date, not \"%s\"", value),
				 errhint("SET s22a.today to a date such as '2026-03-31', or RESET s22a.today for the current date.")));
	PG_RETURN_DATEADT(day);
}
