/*
 * triggers/spend.c — the triggers on s22a.spend, the actuals a finance
 * officer records against the budget (Seven Force agreement, Schedule A
 * 2.7-2.8: the board sees spending against budget and overspends):
 *
 *   spend_in_term  BEFORE INSERT OR UPDATE: the day lies in the row's
 *                  financial year and in the agreement's term (rule
 *                  spend_in_term, rules/spend.c);
 *   spend_sealed   BEFORE UPDATE OR DELETE: once the agreement is
 *                  executed, changing or removing an actual cites a made
 *                  budget or variation decision, as for a budget line (rule
 *                  cost_terms_sealed, triggers/budget.c).  Adding one needs
 *                  none: recording actuals all year is the normal course of
 *                  business, and a correction is best a new (negative)
 *                  actual, which leaves the first in the audit trail.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "s22a.h"

/* `spend of 12500.00 on 2016-11-30 against line "consultancy" of agreement "7F-SCP" for 2016/17` */
static char *
describe_spend(Relation rel, HeapTuple tup)
{
	CostKey		key;

	s22a_read_cost_key(rel, tup, &key);
	return psprintf("spend of %s on %s against line \"%s\" of %s",
					s22a_column_text(rel, tup, "amount"),
					s22a_column_text(rel, tup, "spent_on"),
					s22a_column_text(rel, tup, "line"),
					s22a_cost_key_text(&key));
}

/* the row's day checked against its year and the agreement's term */
static void
check_spend_in_term(Relation rel, HeapTuple row)
{
	bool		isnull;
	DateADT		spent_on = DatumGetDateADT(s22a_column(rel, row, "spent_on", &isnull));
	FiscalYear	fy = DatumGetFiscalYear(s22a_column(rel, row, "fiscal_year", &isnull));
	int64		agreement_id = DatumGetInt64(s22a_column(rel, row, "agreement_id", &isnull));
	AgreementRow a;
	AgreementTerm t;
	char	   *day;

	if (DATE_NOT_FINITE(spent_on))
		return;					/* the CHECK spend_dates_in_range reports it */
	if (!s22a_read_agreement(agreement_id, &a, false))
		return;					/* the foreign key reports it */
	s22a_load_term(agreement_id, &t);
	day = s22a_iso_date(spent_on);

	switch (spend_date_fault(fy, spent_on, t.commences_on, &t.expiry))
	{
		case SPEND_DATE_OK:
			return;
		case SPEND_DATE_OUTSIDE_YEAR:
			{
				FiscalYear	actual;
				bool		has_year = fiscal_year_of_day(spent_on, &actual) == FISCAL_YEAR_OK;

				ereport(ERROR,
						(s22a_rule_error(rel, S22A_RULE_SPEND_IN_TERM),
						 errmsg("spend of agreement \"%s\" on %s lies outside its financial year %s",
								a.ref, day, s22a_fiscal_year_text(fy)),
						 errdetail("%s runs from %s to %s.", s22a_fiscal_year_text(fy),
								   s22a_iso_date((DateADT) fiscal_year_first_day_number(fy)),
								   s22a_iso_date((DateADT) fiscal_year_last_day_number(fy))),
						 has_year ?
						 errhint("Record it against %s, the financial year of %s, or correct spent_on.",
								 s22a_fiscal_year_text(actual), day) :
						 errhint("Correct spent_on.")));
			}
			break;
		case SPEND_DATE_BEFORE_TERM:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_SPEND_IN_TERM),
					 errmsg("spend of agreement \"%s\" on %s is before the agreement commences on %s",
							a.ref, day, s22a_iso_date(t.commences_on)),
					 errdetail("Spend is recorded against the agreement it was incurred under, from its commencement to its effective expiry."),
					 errhint("Record it against the agreement in force on %s, or correct spent_on.", day)));
			break;
		case SPEND_DATE_AFTER_TERM:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_SPEND_IN_TERM),
					 errmsg("spend of agreement \"%s\" on %s is after the agreement's %s %s",
							a.ref, day, t.expiry.terminated ? "termination on" : "effective expiry",
							s22a_iso_date(t.expiry.last_day)),
					 errdetail("Spend is recorded against the agreement it was incurred under, from its commencement to its effective expiry (Seven Force agreement, clause 6.2: it ends unless renewed)."),
					 errhint("Record a made renewal extending the term first, or correct spent_on.")));
			break;
	}
}

/*
 * spend_in_term: BEFORE INSERT OR UPDATE.  An UPDATE is checked when it
 * moves the actual to another agreement, year or day; one that changes
 * only its amount or description is the sealing rule's business.
 */
PG_FUNCTION_INFO_V1(s22a_spend_in_term);
Datum
s22a_spend_in_term(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_SPEND_IN_TERM);
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	HeapTuple	new = inserting ? td->tg_trigtuple : td->tg_newtuple;
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;

	if (s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it (util.c) */
	if (inserting ||
		s22a_column_changed(rel, old, new, "agreement_id") ||
		s22a_column_changed(rel, old, new, "fiscal_year") ||
		s22a_column_changed(rel, old, new, "spent_on"))
		check_spend_in_term(rel, new);
	return PointerGetDatum(new);
}

/* cost_terms_sealed on spend: BEFORE UPDATE OR DELETE; adding actuals is free */
PG_FUNCTION_INFO_V1(s22a_spend_sealed);
Datum
s22a_spend_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_SPEND_SEALED);

	return PointerGetDatum(s22a_sealed_change(td, S22A_RULE_COST_TERMS_SEALED,
											  SEALED_COST_TERMS, SEALED_INSERTS_NEVER, describe_spend));
}
