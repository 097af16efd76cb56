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
 *   - adding a new year's cost rows needs no decision: the board sets each
 *     year's budget, and the row is audited like every other.
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
