/*
 * test_cost_sealing.c — unit tests of src/rules/cost_sealing.c: after
 * execution, which changes of cost and voting terms need a decision, which
 * kinds fit, and the order of the citation's faults.
 */
#include "unit.h"

int
main(void)
{
	/* a draft is free */
	UNIT_OK(sealed_change_need(false, true, SEALED_INSERT, SEALED_ROW_INSERTED_HERE, false, false, false) == SEALED_FREE,
			"cost_sealing: a draft agreement's weights are added freely");
	UNIT_OK(sealed_change_need(false, false, SEALED_DELETE, SEALED_ROW_COMMITTED, false, false, false) == SEALED_FREE,
			"cost_sealing: a draft agreement's budget lines are removed freely");
	/* inserts */
	UNIT_OK(sealed_change_need(true, false, SEALED_INSERT, SEALED_ROW_INSERTED_HERE, false, false, false) == SEALED_FREE,
			"cost_sealing: a new year's budget line needs no decision");
	UNIT_OK(sealed_change_need(true, true, SEALED_INSERT, SEALED_ROW_INSERTED_HERE, false, false, false) == SEALED_NOT_CITED,
			"cost_sealing: a new voting weight needs a decision");
	UNIT_OK(sealed_change_need(true, true, SEALED_INSERT, SEALED_ROW_INSERTED_HERE, false, false, true) == SEALED_CHECK_CITATION,
			"cost_sealing: a new voting weight citing one is checked");
	/* updates */
	UNIT_OK(sealed_change_need(true, false, SEALED_UPDATE, SEALED_ROW_COMMITTED, true, false, true) == SEALED_NOT_CITED,
			"cost_sealing: an UPDATE leaving an old citation as it was cites none");
	UNIT_OK(sealed_change_need(true, false, SEALED_UPDATE, SEALED_ROW_COMMITTED, true, true, false) == SEALED_NOT_CITED,
			"cost_sealing: clearing the citation cites none");
	UNIT_OK(sealed_change_need(true, false, SEALED_UPDATE, SEALED_ROW_COMMITTED, true, true, true) == SEALED_CHECK_CITATION,
			"cost_sealing: a new citation is checked");
	UNIT_OK(sealed_change_need(true, false, SEALED_UPDATE, SEALED_ROW_COMMITTED, false, false, true) == SEALED_FREE,
			"cost_sealing: an UPDATE changing nothing is not a change");
	UNIT_OK(sealed_change_need(true, false, SEALED_UPDATE, SEALED_ROW_UPDATED_HERE, true, false, true) == SEALED_CHECK_CITATION,
			"cost_sealing: a second change in the citing transaction is checked against the same citation");
	UNIT_OK(sealed_change_need(true, false, SEALED_UPDATE, SEALED_ROW_INSERTED_HERE, true, false, false) == SEALED_FREE,
			"cost_sealing: a row inserted by this transaction is changed freely");
	/* deletes */
	UNIT_OK(sealed_change_need(true, false, SEALED_DELETE, SEALED_ROW_COMMITTED, false, false, true) == SEALED_DELETE_NOT_CITED,
			"cost_sealing: a DELETE of a committed row cites nothing, even if the row cites an old decision");
	UNIT_OK(sealed_change_need(true, false, SEALED_DELETE, SEALED_ROW_UPDATED_HERE, false, false, true) == SEALED_CHECK_CITATION,
			"cost_sealing: a DELETE after an UPDATE citing a decision is checked against it");
	UNIT_OK(sealed_change_need(true, false, SEALED_DELETE, SEALED_ROW_UPDATED_HERE, false, false, false) == SEALED_DELETE_NOT_CITED,
			"cost_sealing: a DELETE after an UPDATE citing nothing is refused");
	UNIT_OK(sealed_change_need(true, true, SEALED_DELETE, SEALED_ROW_INSERTED_HERE, false, false, false) == SEALED_FREE,
			"cost_sealing: a row inserted by this transaction is removed freely");
	/* kinds */
	UNIT_OK(sealed_kind_fits(SEALED_COST_TERMS, "budget") && sealed_kind_fits(SEALED_COST_TERMS, "variation")
			&& !sealed_kind_fits(SEALED_COST_TERMS, "membership") && !sealed_kind_fits(SEALED_COST_TERMS, "renewal"),
			"cost_sealing: cost terms change by a budget or variation decision");
	UNIT_OK(sealed_kind_fits(SEALED_VOTING_TERMS, "membership") && sealed_kind_fits(SEALED_VOTING_TERMS, "variation")
			&& !sealed_kind_fits(SEALED_VOTING_TERMS, "budget"),
			"cost_sealing: voting weights change by a variation or membership decision");
	/* faults, in order */
	UNIT_OK(sealed_citation_fault(false, 1, 0, false, false, false) == AUTHORITY_NOT_FOUND,
			"cost_sealing: an unknown decision");
	UNIT_OK(sealed_citation_fault(true, 1, 2, true, true, false) == AUTHORITY_OTHER_AGREEMENT,
			"cost_sealing: another agreement's decision");
	UNIT_OK(sealed_citation_fault(true, 1, 1, false, false, true) == AUTHORITY_NOT_MADE,
			"cost_sealing: a proposed decision, before its kind");
	UNIT_OK(sealed_citation_fault(true, 1, 1, true, false, true) == AUTHORITY_WRONG_KIND,
			"cost_sealing: the wrong kind, before spent");
	UNIT_OK(sealed_citation_fault(true, 1, 1, true, true, true) == AUTHORITY_SPENT,
			"cost_sealing: a spent decision");
	UNIT_OK(sealed_citation_fault(true, 1, 1, true, true, false) == AUTHORITY_OK,
			"cost_sealing: a made, fitting, unspent decision of the agreement");
	/* inserts: closed years and an override beside the basis (2016/17 ended 2017-03-31) */
	{
		DateADT		today = calendar_day_number(2026, 11, 29);
		FiscalYear	closed = 2016, current = 2026, next = 2027;

		UNIT_OK(fiscal_year_closed(closed, today) && !fiscal_year_closed(current, today),
				"cost_sealing: a year is closed once its 31 March has passed");
		UNIT_OK(fiscal_year_closed(2025, calendar_day_number(2026, 4, 1))
				&& !fiscal_year_closed(2025, calendar_day_number(2026, 3, 31)),
				"cost_sealing: 2025/26 closes on 1 April 2026, not on its last day");
		UNIT_OK(sealed_insert_reason(SEALED_INSERTS_CLOSED_YEAR, closed, today, false) == SEALED_INSERT_CLOSED_YEAR,
				"cost_sealing: a budget line for a closed year needs a decision");
		UNIT_OK(sealed_insert_reason(SEALED_INSERTS_CLOSED_YEAR, current, today, true) == SEALED_INSERT_FREE
				&& sealed_insert_reason(SEALED_INSERTS_CLOSED_YEAR, next, today, false) == SEALED_INSERT_FREE,
				"cost_sealing: this year's and next year's lines and bases are free");
		UNIT_OK(sealed_insert_reason(SEALED_INSERTS_BESIDE_BASIS, next, today, true) == SEALED_INSERT_BESIDE_BASIS,
				"cost_sealing: an override beside a cost basis needs a decision, even for a year to come");
		UNIT_OK(sealed_insert_reason(SEALED_INSERTS_BESIDE_BASIS, next, today, false) == SEALED_INSERT_FREE,
				"cost_sealing: an override where there is no cost basis is free");
		UNIT_OK(sealed_insert_reason(SEALED_INSERTS_BESIDE_BASIS, closed, today, false) == SEALED_INSERT_CLOSED_YEAR,
				"cost_sealing: an override for a closed year needs a decision");
		UNIT_OK(sealed_insert_reason(SEALED_INSERTS_ALWAYS, next, today, false) == SEALED_INSERT_ALWAYS,
				"cost_sealing: every voting weight added needs a decision");
		UNIT_OK(closed_year_driver_sealed(closed, today, true)
				&& !closed_year_driver_sealed(closed, today, false)
				&& !closed_year_driver_sealed(current, today, true),
				"cost_sealing: a driver is sealed when its year has ended and an executed agreement uses it");
	}
	UNIT_DONE();
}
