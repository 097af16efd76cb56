/*
 * triggers/force_measure.c — the trigger on s22a.force_measure: rule
 * closed_year_drivers_sealed.
 *
 * The drivers (NRE, demand) share each year's costs among the forces
 * (Seven Force Strategic Collaboration agreement, clause 5.2; JPS umbrella
 * agreement, Section 13).  A driver is a fact about one force, shared by
 * every agreement whose cost basis uses it, so a change to a closed year's
 * value re-shares that year for all of them at once; no one agreement's
 * decision can authorise that for the others.  So once the year has ended
 * and an executed agreement's cost basis for it uses the measure, the value
 * is neither changed nor removed (rules/cost_sealing.c).  A correction is
 * added as a new measure, and each agreement that should use it moves its
 * cost basis to it by its own made decision (cost_terms_sealed).  The
 * current year and years to come stay open, and values are still added to
 * any year (a missing value only lets the cost shares be worked out).
 * Unlike a cost row, a value this transaction added is sealed as soon as
 * the rule holds: adding it is the one free step.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"

#include "s22a.h"

/* refuses the change of a sealed driver value (row `tup`) */
static void
refuse_if_sealed(Relation rel, HeapTuple tup, bool deleting)
{
	bool		isnull;
	FiscalYear	fy = DatumGetFiscalYear(s22a_column(rel, tup, "fiscal_year", &isnull));
	char	   *measure = s22a_column_text(rel, tup, "measure");
	char	   *ref;

	if (!fiscal_year_closed(fy, s22a_rule_today()))
		return;					/* the current year and years to come stay open */
	ref = s22a_executed_agreement_using_measure(fy, measure);
	if (!closed_year_driver_sealed(fy, s22a_rule_today(), ref != NULL))
		return;
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_CLOSED_YEAR_DRIVERS_SEALED),
			 errmsg("the measure \"%s\" of force \"%s\" for %s cannot %s: %s ended on %s and the cost basis of agreement \"%s\" uses it",
					measure, s22a_column_text(rel, tup, "force_code"), s22a_fiscal_year_text(fy),
					deleting ? "be removed" : "change", s22a_fiscal_year_text(fy),
					s22a_iso_date(fiscal_year_last_day_number(fy)), ref),
			 errdetail("A driver is shared by every agreement whose cost basis uses it: changing a closed year's value would re-share that year for all of them, and no one agreement's decision can authorise that."),
			 errhint("Add the corrected value as a new measure (e.g. \"%s:corrected\") and move each agreement's cost basis for %s to it, citing a made budget or variation decision of that agreement.",
					 measure, s22a_fiscal_year_text(fy))));
}

/*
 * closed_year_drivers_sealed: BEFORE UPDATE OR DELETE.  An UPDATE is
 * checked for the value it changes and, when it moves the row to another
 * year or measure, for the one it would become.
 */
PG_FUNCTION_INFO_V1(s22a_force_measure_sealed);
Datum
s22a_force_measure_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_FORCE_MEASURE_SEALED);
	Relation	rel = td->tg_relation;
	bool		deleting = TRIGGER_FIRED_BY_DELETE(td->tg_event);
	HeapTuple	old = td->tg_trigtuple;
	HeapTuple	new = deleting ? NULL : td->tg_newtuple;

	if (new && s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it */
	if (deleting)
	{
		refuse_if_sealed(rel, old, true);
		return PointerGetDatum(old);
	}
	if (!s22a_column_changed(rel, old, new, "force_code") &&
		!s22a_column_changed(rel, old, new, "fiscal_year") &&
		!s22a_column_changed(rel, old, new, "measure") &&
		!s22a_column_changed(rel, old, new, "value"))
		return PointerGetDatum(new);
	refuse_if_sealed(rel, old, false);
	if (s22a_column_changed(rel, old, new, "fiscal_year") ||
		s22a_column_changed(rel, old, new, "measure"))
		refuse_if_sealed(rel, new, false);
	return PointerGetDatum(new);
}
