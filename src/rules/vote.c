/*
 * rules/vote.c — weighted voting: under the Single Online Home agreement the
 * host force holds 50% of all decision making and the other 50% is divided
 * among the other forces (Single Online Home paper, 4.3-4.4).  A decision is
 * carried when more than half the total weight of the members on the
 * decision date is in favour: exactly half is not enough.
 *
 * Weights are numeric in s22a.voting_weight, of any scale, and the sums must
 * stay exact: a total of 100 with 50 in favour must not carry, whatever
 * rounding a float or a fixed scale would do.  So the rule is written over
 * an arithmetic it is given (VoteArithmetic: zero, add, compare) rather than
 * over one representation: the server hands it numeric's own add and
 * compare (functions/decision_check.c), the unit tests plain integers.  The
 * rule itself (who counts, what a vote adds to, the comparison) is here.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * Tallies the votes of a decision.  weights: every voting weight of the
 * agreement, sorted by party; votes: the votes cast, sorted by party;
 * members: the members on the decision date, sorted.  A weight counts
 * towards the total when its party is a member on that date; its vote, if
 * any, adds the weight in favour or against.  The agreement is under
 * weighted governance when it has any voting weight at all.
 */
void
vote_tally(const VotingWeight *weights, int nweights,
		   const VoteCast *votes, int nvotes,
		   const char *const *members, int nmembers,
		   const VoteArithmetic *arith, VoteTally *out)
{
	int			v = 0;

	out->weighted = nweights > 0;
	out->in_favour = arith->zero;
	out->against = arith->zero;
	out->total = arith->zero;
	for (int i = 0; i < nweights; i++)
	{
		const VotingWeight *w = &weights[i];

		/* the vote of this party, if any: both lists are in party order */
		while (v < nvotes && strcmp(votes[v].party, w->party) < 0)
			v++;
		if (party_codes_find(members, nmembers, w->party) < 0)
			continue;			/* not a member on the decision date */
		out->total = arith->add(out->total, w->weight);
		if (v < nvotes && strcmp(votes[v].party, w->party) == 0)
		{
			if (votes[v].in_favour)
				out->in_favour = arith->add(out->in_favour, w->weight);
			else
				out->against = arith->add(out->against, w->weight);
		}
	}
	/* carried: more than half the total weight in favour, 2 × for > total */
	out->carried = out->weighted &&
		arith->cmp(arith->add(out->in_favour, out->in_favour), out->total) > 0;
}

/*
 * The votes that count for a decision made on made_on (or, while it is
 * proposed, today): not void and cast on or before that day.  A vote
 * recorded before 0.3 has no date and counts.  Keeps the party order.
 */
int
vote_counting(const VoteCast *votes, int n, DateADT made_on, VoteCast *out)
{
	int			k = 0;

	for (int i = 0; i < n; i++)
		if (!votes[i].voided && (!votes[i].dated || votes[i].cast_on <= made_on))
			out[k++] = votes[i];
	return k;
}
