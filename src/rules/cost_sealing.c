/*
 * rules/cost_sealing.c — the sealing of an executed agreement's cost and
 * voting terms: rules cost_terms_sealed and voting_weights_sealed.
 *
 * Once an agreement is executed its budget lines, cost bases, fixed
 * percentages and voting weights are part of what the parties agreed: the
 * Seven Force Strategic Collaboration agreement, clause 5.2, shares costs
 * "as agreed" by the parties, and the JPS umbrella agreement, Section 13,
 * sets each business area's split in its service specification; the Single
 * Online Home paper, 4.3-4.4, fixes the voting weights.  So after execution
 *
 *   - changing or removing a cost row (budget, cost_basis, cost_override)
 *     cites a made budget or variation decision of the agreement;
 *   - adding, changing or removing a voting weight cites a made variation
 *     or membership decision (weights move when the governance is varied or
 *     a party joins or leaves);
 *   - a contribution (what a force put in) of a year that has ended is
 *     sealed like a cost row: adding, changing or removing it cites a made
 *     budget or variation decision; the current year's are written freely
 *     (sealed_change_in_scope);
 *   - adding a new year's cost rows needs no decision: the board sets each
 *     year's budget, and the row is audited like every other.  But a row
 *     added to a year that has ended (a closed year, whose figures the
 *     parties have paid) cites a decision, and so do fixed percentages
 *     added beside the agreed cost basis of a year: they win over the
 *     formula, so they would replace what was agreed (sealed_insert_reason);
 *   - a driver (force_measure) of a closed year that an executed
 *     agreement's cost basis uses no longer changes
 *     (closed_year_driver_sealed, rule closed_year_drivers_sealed): it is
 *     shared by every agreement that uses it, and no one agreement's
 *     decision can speak for the others.  A corrected value is added under
 *     a new measure name and each agreement moves its cost basis to it by a
 *     decision of its own.
 *
 * A row cites its decision in authorised_by.  A DELETE cannot set a column,
 * so a row is removed by first citing the decision in an UPDATE of it and
 * then deleting it in the same transaction; a row inserted by the same
 * transaction (never seen by anyone else) may be changed or removed freely.
 * A decision authorises the change it was made for: once a transaction has
 * cited it and committed, it is spent (as for the agreement's own terms,
 * doc/register.md).
 *
 * Pure: which changes need a citation (sealed_change_need), which decision
 * kinds fit (sealed_kind_fits) and whether the cited decision authorises the
 * change (sealed_citation_fault, the same order of faults as the register's
 * authority_fits).  The glue is triggers/budget.c.
 */
#include "postgres.h"

#include "s22a.h"

SealedNeed
sealed_change_need(bool executed, bool seal_inserts, SealedEvent event,
				   SealedRowOrigin origin, bool terms_changed,
				   bool citation_changed, bool cited)
{
	if (!executed)
		return SEALED_FREE;		/* a draft's terms are freely editable */
	switch (event)
	{
		case SEALED_INSERT:
			if (!seal_inserts)
				return SEALED_FREE;
			return cited ? SEALED_CHECK_CITATION : SEALED_NOT_CITED;
		case SEALED_UPDATE:
			if (origin == SEALED_ROW_INSERTED_HERE)
				return SEALED_FREE;
			if (!terms_changed && !citation_changed)
				return SEALED_FREE;
			if (cited && (citation_changed || origin == SEALED_ROW_UPDATED_HERE))
				return SEALED_CHECK_CITATION;
			return SEALED_NOT_CITED;
		case SEALED_DELETE:
			if (origin == SEALED_ROW_INSERTED_HERE)
				return SEALED_FREE;
			if (origin == SEALED_ROW_UPDATED_HERE && cited)
				return SEALED_CHECK_CITATION;
			return SEALED_DELETE_NOT_CITED;
	}
	return SEALED_NOT_CITED;
}

/* a year is closed once its last day (31 March) is before today */
bool
fiscal_year_closed(FiscalYear fy, DateADT today)
{
	return fiscal_year_last_day_number(fy) < today;
}

/*
 * Whether (and why) a row added to an executed agreement's terms needs a
 * decision.  The caller asks only for an executed agreement; basis_exists
 * says whether the agreement has a cost basis for the row's year and
 * business area (asked only of an override).
 */
SealedInsertReason
sealed_insert_reason(SealedInserts inserts, FiscalYear fy, DateADT today, bool basis_exists)
{
	if (inserts == SEALED_INSERTS_NEVER)
		return SEALED_INSERT_FREE;
	if (inserts == SEALED_INSERTS_ALWAYS)
		return SEALED_INSERT_ALWAYS;
	if (fiscal_year_closed(fy, today))
		return SEALED_INSERT_CLOSED_YEAR;
	if (inserts == SEALED_INSERTS_BESIDE_BASIS && basis_exists)
		return SEALED_INSERT_BESIDE_BASIS;
	return SEALED_INSERT_FREE;
}

/*
 * Is a change of a row (of an executed agreement) within the sealing at
 * all?  Contributions record what each force put in (Seven Force
 * agreement, clause 5.3) and are written through the year: only those of
 * a year that has ended are sealed, since the parties have settled that
 * year's balance (cost_balance) on them.  A row moved into or out of a
 * closed year is sealed.  The other tables are sealed whatever the year.
 */
bool
sealed_change_in_scope(SealedInserts inserts, bool old_year_closed, bool new_year_closed)
{
	if (inserts != SEALED_CLOSED_YEARS_ONLY)
		return true;
	return old_year_closed || new_year_closed;
}

/*
 * A driver value of year fy is sealed once the year has ended and an
 * executed agreement's cost basis for that year uses its measure; the
 * current year and years to come stay open (the values are still being
 * gathered).
 */
bool
closed_year_driver_sealed(FiscalYear fy, DateADT today, bool used_by_executed_agreement)
{
	return used_by_executed_agreement && fiscal_year_closed(fy, today);
}

static const char *const cost_kinds[] = {"budget", "variation"};
static const char *const voting_kinds[] = {"variation", "membership"};

bool
sealed_kind_fits(SealedTerms terms, const char *kind)
{
	const char *const *kinds = terms == SEALED_COST_TERMS ? cost_kinds : voting_kinds;

	for (int i = 0; i < 2; i++)
		if (strcmp(kind, kinds[i]) == 0)
			return true;
	return false;
}

const char *
sealed_kinds_text(SealedTerms terms)
{
	return terms == SEALED_COST_TERMS ? "budget or variation" : "variation or membership";
}

AuthorityFault
sealed_citation_fault(bool found, int64 agreement_id, int64 decision_agreement_id,
					  bool made, bool kind_fits, bool spent)
{
	/* the register's rule (rules/authority.c), for a citation known to be new */
	return authority_fits(true, found, agreement_id, decision_agreement_id,
						  made, kind_fits, spent);
}
