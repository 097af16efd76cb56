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
