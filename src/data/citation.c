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

/*
 * Refuses a change whose citation of decision `decision_id` does not
 * authorise it, for `fault` (rules/authority.c, authority_fits), under
 * `rule`.  `what` names the change ("its terms (expires_on)", "a change to
 * budget line ..."), `kinds` the decision kinds that fit ("budget or
 * variation").  The cited decision's agreement, state and kind are read by
 * the caller (data/authority.c).  Returns only for AUTHORITY_OK and
 * AUTHORITY_NOT_CITED, which each caller words for itself.
 */
void
s22a_refuse_citation(Relation rel, S22aRuleId rule, AuthorityFault fault, int64 decision_id,
					 const char *agreement_ref, const char *cited_agreement_ref,
					 const char *cited_state, const char *cited_kind,
					 const char *what, const char *kinds)
{
	switch (fault)
	{
		case AUTHORITY_OK:
		case AUTHORITY_NOT_CITED:
			return;
		case AUTHORITY_NOT_FOUND:
			ereport(ERROR,
					(s22a_rule_error(rel, rule),
					 errmsg("decision %lld cited for agreement \"%s\" does not exist",
							(long long) decision_id, agreement_ref),
					 errhint("Cite a made %s decision of agreement \"%s\".", kinds, agreement_ref)));
			break;
		case AUTHORITY_OTHER_AGREEMENT:
			ereport(ERROR,
					(s22a_rule_error(rel, rule),
					 errmsg("decision %lld belongs to agreement \"%s\", not \"%s\"",
							(long long) decision_id, cited_agreement_ref ? cited_agreement_ref : "?",
							agreement_ref),
					 errdetail("A change to agreement \"%s\" needs a decision of that agreement.",
							   agreement_ref),
					 errhint("Cite a made %s decision of agreement \"%s\".", kinds, agreement_ref)));
			break;
		case AUTHORITY_NOT_MADE:
			ereport(ERROR,
					(s22a_rule_error(rel, rule),
					 errmsg("decision %lld of agreement \"%s\" is %s, not made",
							(long long) decision_id, agreement_ref, cited_state),
					 errdetail("Only a made decision authorises a change to an executed agreement."),
					 errhint("Make decision %lld first (every consent it needs), then cite it.",
							 (long long) decision_id)));
			break;
		case AUTHORITY_WRONG_KIND:
			ereport(ERROR,
					(s22a_rule_error(rel, rule),
					 errmsg("decision %lld of agreement \"%s\" is a %s decision; changing %s needs a %s decision",
							(long long) decision_id, agreement_ref, cited_kind, what, kinds),
					 errhint("Cite a made %s decision of agreement \"%s\".", kinds, agreement_ref)));
			break;
		case AUTHORITY_SPENT:
			ereport(ERROR,
					(s22a_rule_error(rel, rule),
					 errmsg("decision %lld of agreement \"%s\" already authorised an earlier change and cannot authorise %s",
							(long long) decision_id, agreement_ref, what),
					 errdetail("Each change to an executed agreement cites its own decision; s22a.decision_citation shows decision %lld cited by an earlier transaction.",
							   (long long) decision_id),
					 errhint("Make a new %s decision for this change and cite it.", kinds)));
			break;
	}
}
