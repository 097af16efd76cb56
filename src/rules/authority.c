/*
 * rules/authority.c — what authorises a change to an executed agreement.
 *
 *   agreement_sealed   its terms change only with a made variation, renewal
 *                      or termination decision of the agreement (Seven
 *                      Force agreement, clause 6.2: renewal "in writing by
 *                      all the Parties");
 *   membership_sealed  its membership changes only with a made membership
 *                      decision of the agreement (CPCC2019-008, CTC paper:
 *                      British Transport Police joins the Chiltern Transport
 *                      Consortium by decision);
 *   withdrawal_committed, withdrawal_closed_year
 *                      a withdrawal that needs a decision (rules/withdrawal.c)
 *                      cites a made membership or variation decision.
 *
 * Each change cites its own decision in authorised_by: a decision already
 * cited by a transaction that committed is spent.
 *
 * A decision authorises only what its kind changes (0.3, issue 9): a
 * renewal or termination moves the expiry, to its new_expiry, and nothing
 * else; a membership decision the parties (and voting weights); a budget
 * decision the cost terms; a variation any term (authority_column_in_scope).
 * And a budget or variation decision changing the cost terms of a year binds
 * the forces charged in that year: each of them has a party among those the
 * decision needed the consent of (authority_unbound_force; Seven Force
 * agreement, clause 5.1: a variance "must be agreed").
 *
 * Pure rule code: data/authority.c reads the cited decision and whether it
 * is spent, triggers/authority.c reports.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * Does the decision cited in authorised_by authorise a change to an
 * executed agreement?  It must be newly cited by this change, exist, belong
 * to the same agreement, be made, be of a fitting kind, and not be spent:
 * a decision authorises the change it was made for, so once a transaction
 * has cited it and committed, a later change needs a decision of its own
 * (doc/register.md: "each change cites its own decision").
 */
AuthorityFault
authority_fits(bool newly_cited, bool found, int64 agreement_id,
			   int64 decision_agreement_id, bool made, bool kind_fits,
			   bool spent)
{
	if (!newly_cited)
		return AUTHORITY_NOT_CITED;
	if (!found)
		return AUTHORITY_NOT_FOUND;
	if (decision_agreement_id != agreement_id)
		return AUTHORITY_OTHER_AGREEMENT;
	if (!made)
		return AUTHORITY_NOT_MADE;
	if (!kind_fits)
		return AUTHORITY_WRONG_KIND;
	if (spent)
		return AUTHORITY_SPENT;
	return AUTHORITY_OK;
}

/* the decision kinds (decision_kind labels) that authorise each scope */
static const char *const term_kinds[] = {"variation", "renewal", "termination", NULL};
static const char *const membership_kinds[] = {"membership", NULL};
static const char *const withdrawal_kinds[] = {"membership", "variation", NULL};

static const char *const *
kinds_of(AuthorityScope scope)
{
	switch (scope)
	{
		case AUTHORITY_FOR_TERMS:
			return term_kinds;
		case AUTHORITY_FOR_MEMBERSHIP:
			return membership_kinds;
		case AUTHORITY_FOR_WITHDRAWAL:
			return withdrawal_kinds;
	}
	return membership_kinds;
}

/* Does a decision of this kind authorise a change of this scope? */
bool
authority_kind_fits(AuthorityScope scope, const char *decision_kind)
{
	for (const char *const *k = kinds_of(scope); *k != NULL; k++)
		if (strcmp(*k, decision_kind) == 0)
			return true;
	return false;
}

/* The kinds that fit, for messages: "variation, renewal or termination". */
const char *
authority_kinds_text(AuthorityScope scope)
{
	switch (scope)
	{
		case AUTHORITY_FOR_TERMS:
			return "variation, renewal or termination";
		case AUTHORITY_FOR_MEMBERSHIP:
			return "membership";
		case AUTHORITY_FOR_WITHDRAWAL:
			return "membership or variation";
	}
	return "membership";
}

/*
 * Does a made decision of this kind, cited to change an executed
 * agreement's own terms, authorise a change of this column?  A variation
 * changes any term; a renewal or termination only the expiry (what its
 * new_expiry says: clause 6.2 renews the term, it does not rewrite the
 * agreement); no other kind changes the agreement's row.
 */
bool
authority_column_in_scope(const char *decision_kind, const char *column)
{
	if (strcmp(decision_kind, "variation") == 0)
		return true;
	if (authority_sets_expiry(decision_kind))
		return strcmp(column, "expires_on") == 0;
	return false;
}

/* A renewal or termination sets the expiry to its new_expiry. */
bool
authority_sets_expiry(const char *decision_kind)
{
	return strcmp(decision_kind, "renewal") == 0 ||
		strcmp(decision_kind, "termination") == 0;
}

/* what a decision of the kind changes, for messages */
const char *
authority_kind_scope_text(const char *decision_kind)
{
	if (strcmp(decision_kind, "variation") == 0)
		return "any term";
	if (authority_sets_expiry(decision_kind))
		return "only the expiry (expires_on, to its new_expiry)";
	if (strcmp(decision_kind, "membership") == 0)
		return "only the parties (agreement_party) and voting weights";
	if (strcmp(decision_kind, "budget") == 0)
		return "only the cost terms (budget, cost_basis, cost_override)";
	return "no term";
}

static int
force_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *) a, *(const char *const *) b);
}

/*
 * The forces charged in the year [first, last]: those with a party to the
 * agreement on some day of it (a party is a member from joins_on, or the
 * commencement, up to the day before leaves_on).  Into out[] (room for
 * m->n), in code order, each once; returns how many.
 */
int
authority_forces_charged(const AgreementMembership *m, DateADT first, DateADT last,
						 const char **out)
{
	int			n = 0;

	for (int i = 0; i < m->n; i++)
	{
		const PartyMembership *p = &m->parties[i];
		DateADT		from = Max(first, p->has_joins ? p->joins_on : m->commences_on);
		bool		seen = false;

		if (p->force[0] == '\0' || from > last || from >= p->leaves_on)
			continue;
		for (int j = 0; j < n; j++)
			seen |= strcmp(out[j], p->force) == 0;
		if (!seen)
			out[n++] = p->force;
	}
	qsort(out, n, sizeof(const char *), force_cmp);
	return n;
}

/*
 * The first force charged in the year that has no party among those the
 * decision bound (needed the consent of, or that consented); NULL when
 * every charged force was bound.  A decision made in 2019 by the parties
 * of 2019 cannot change what a force that joined later pays.
 */
const char *
authority_unbound_force(int ncharged, const char *const *charged,
						int nbound, const char *const *bound)
{
	for (int i = 0; i < ncharged; i++)
	{
		bool		found = false;

		for (int j = 0; j < nbound && !found; j++)
			found = strcmp(charged[i], bound[j]) == 0;
		if (!found)
			return charged[i];
	}
	return NULL;
}
