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
