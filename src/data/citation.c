/*
 * data/citation.c — the decision a row of budget, cost_basis,
 * cost_override or voting_weight cites in authorised_by, and whether an
 * earlier transaction already cited it (rules cost_terms_sealed and
 * voting_weights_sealed, triggers/budget.c).
 *
 * The same two questions the register's sealing asks of agreement and
 * agreement_party (triggers/authority.c); whether it is spent is the one
 * answer of data/authority.c (s22a.decision_citation, written by every
 * sealed table's citing change), so a decision cited by a committed change
 * to any of the six sealed tables is spent for all of them.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/snapmgr.h"

#include "s22a.h"

/*
 * Reads decision `id` into *d (in the caller's memory context) and whether
 * an earlier transaction cited it; false when there is no such decision.
 * Whether it is spent comes from s22a_read_decision_spent(), which locks
 * the decision row first (two transactions citing it at once cannot both
 * find it unspent) and reads s22a.decision_citation as its owner.
 */
bool
s22a_read_citation(int64 id, SealedCitation *d)
{
	CitedDecision c;

	memset(d, 0, sizeof(*d));
	if (!s22a_read_cited_decision(id, &c))
		return false;
	d->id = id;
	d->agreement_id = c.agreement_id;
	d->agreement_ref = s22a_agreement_ref(c.agreement_id);
	d->kind = c.kind;
	d->state = c.state;
	/* locks the decision row and reads decision_citation (data/authority.c) */
	d->spent = s22a_read_decision_spent(id);
	return true;
}
