/*
 * rules/benefit.c — which changes to a benefit of an executed agreement
 * need a decision (rule cost_terms_sealed, as for the budget).
 *
 * A benefit row is a line of the business case's savings plan: the ICT
 * collaboration business case, 4.2(5), plans "£0.626m of savings in
 * 2014/2015 ... a total of approximately £4.6m", and the Single Online Home
 * paper, 6.4 and 9, asks for benefits realisation against a baseline.  The
 * plan is part of what the parties agreed, so after execution changing it
 * cites a made budget or variation decision, like a budget line
 * (rules/cost_sealing.c).  What was realised is a measurement, not a term:
 * recording it the first time (realised NULL to a figure, nothing else
 * changed) needs no decision; correcting or clearing a recorded figure does,
 * so a reported saving is not quietly rewritten.
 *
 * Pure: triggers/benefit.c says what changed.
 */
#include "postgres.h"

#include "s22a.h"

bool
benefit_first_realised(bool realised_was_null, bool realised_is_null,
					   bool other_columns_changed)
{
	return realised_was_null && !realised_is_null && !other_columns_changed;
}
