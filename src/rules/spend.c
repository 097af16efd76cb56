/*
 * rules/spend.c — rule spend_in_term: an actual is spent inside its
 * financial year and inside the agreement's term.
 *
 * The board sees "spending against budget" (Seven Force agreement,
 * Schedule A 2.7-2.8: the six-monthly financial report), so each actual is
 * recorded against a budget line of one financial year.  An actual dated
 * outside that year would be reported against the wrong year's budget, and
 * one dated before commencement or after the effective expiry (clause 6.1;
 * renewals and terminations, rules/term.c) was not spent under the
 * agreement at all.  Checking the day against both also keeps the year
 * inside the term.
 *
 * Pure: over the year's bounds, the day and the term; triggers/spend.c
 * reads the term (data/term.c) and reports.
 */
#include "postgres.h"

#include "s22a.h"

SpendDateFault
spend_date_fault(FiscalYear fy, DateADT spent_on, DateADT commences_on,
				 const TermExpiry *expiry)
{
	if (spent_on < (DateADT) fiscal_year_first_day_number(fy) ||
		spent_on > (DateADT) fiscal_year_last_day_number(fy))
		return SPEND_DATE_OUTSIDE_YEAR;
	if (spent_on < commences_on)
		return SPEND_DATE_BEFORE_TERM;
	if (!expiry->open_ended && spent_on > expiry->last_day)
		return SPEND_DATE_AFTER_TERM;
	return SPEND_DATE_OK;
}
