/*
 * rules/consent.c — who must consent to a decision, and which of them have
 * not, under the Seven Force Strategic Collaboration agreement, Schedule A:
 * an in principle decision at a meeting needs the consent of the parties it
 * materially affects (clause 3.3), a decision outside the programme of
 * meetings the written agreement of all the parties (clause 3.5), and a
 * renewal, variation, termination or membership change the written consent
 * of every party (clause 6.2).  rules/decision.c says which case a decision
 * is; this file works the lists.  Every list is sorted (rules/party_codes.c).
 */
#include "postgres.h"

#include "s22a.h"

/*
 * Who must consent: the members on the decision date, or (when not every
 * party is needed) those of them the decision materially affects.  Both
 * inputs sorted; the result, in out (room for nmembers), is sorted too.
 */
int
consent_required_codes(const char *const *members, int nmembers,
					   const char *const *impacted, int nimpacted,
					   bool every_party, const char **out)
{
	int			n = 0;

	for (int i = 0; i < nmembers; i++)
		if (every_party || party_codes_find(impacted, nimpacted, members[i]) >= 0)
			out[n++] = members[i];
	return n;
}

/*
 * Sorts the required parties without a counting consent into those with
 * none at all (missing) and, when writing is needed, those whose only
 * consent was given at a meeting (not_written).  consents sorted;
 * written[i] says whether consents[i] is in writing.
 */
void
consent_shortfall(const char *const *required, int nrequired,
				  const char *const *consents, const bool *written, int nconsents,
				  bool needs_writing,
				  const char **missing, int *nmissing,
				  const char **not_written, int *nnot_written)
{
	*nmissing = 0;
	*nnot_written = 0;
	for (int i = 0; i < nrequired; i++)
	{
		int			c = party_codes_find(consents, nconsents, required[i]);

		if (c < 0)
			missing[(*nmissing)++] = required[i];
		else if (needs_writing && !written[c])
			not_written[(*nnot_written)++] = required[i];
	}
}

/*
 * The consents that count for a decision made on made_on (or, while it is
 * proposed, today): not void (withdrawn by the party, or given to what the
 * decision said before it was changed) and given on or before that day.
 * given sorted by party; codes and written (room for n) come out sorted.
 */
int
consent_counting(const ConsentGiven *given, int n, DateADT made_on,
				 const char **codes, bool *written)
{
	int			k = 0;

	for (int i = 0; i < n; i++)
		if (!given[i].voided && given[i].given_on <= made_on)
		{
			codes[k] = given[i].party;
			written[k] = given[i].written;
			k++;
		}
	return k;
}

/*
 * Whether a consent or vote is plausibly dated: a party cannot consent or
 * vote before the decision was proposed, nor on a day still to come.  A
 * consent given again after it was voided (revived) is a new consent,
 * dated on or after the day it was voided.
 */
EvidenceDateFault
evidence_date_fault(bool dated, DateADT on, DateADT proposed_on, DateADT today,
					bool revived, DateADT voided_on)
{
	if (!dated)
		return EVIDENCE_DATE_MISSING;
	if (on > today)
		return EVIDENCE_DATE_AFTER_TODAY;
	if (on < proposed_on)
		return EVIDENCE_DATE_BEFORE_PROPOSED;
	if (revived && on < voided_on)
		return EVIDENCE_DATE_BEFORE_VOID;
	return EVIDENCE_DATE_OK;
}
