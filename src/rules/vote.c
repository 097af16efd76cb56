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

#include "common/int.h"

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

/* ---------- host_half (Single Online Home paper, 4.3-4.4 and 7.6) -------- */

static int64
gcd64(int64 a, int64 b)
{
	while (b != 0)
	{
		int64		t = a % b;

		a = b;
		b = t;
	}
	return a;
}

/*
 * The weight of each member under host_half, in whole units of a common
 * denominator, so the count is exact (no float, no rounding): the host
 * force holds half the total and the other forces with a member party share
 * the other half equally; a force's weight is split equally among its
 * member parties (its chief officer and policing body).  With nH host
 * parties, nO other forces and L the least common multiple of their party
 * counts n_f:
 *
 *   total = 2 nH nO L;  a host party holds nO L;  a party of force f holds
 *   nH L / n_f  (so the host's parties hold nH nO L = total / 2, and each
 *   other force nH L, together nO nH L = total / 2).
 *
 * When the host force has no member party on the decision date the other
 * forces share the whole weight equally; when no other force has one, the
 * host holds it all.  A member of no force (kind other) holds no weight.
 *
 * members: the members on the decision date (any order); units[i]: member
 * i's weight; returns the total, or -1 when the sums would overflow (more
 * parties than any agreement has).
 */
int64
vote_host_half_units(const Member *members, int nmembers, const char *host_force,
					 int64 *units)
{
	int			nhost = 0,
				nother_forces = 0;
	int64		lcm = 1;
	int64		total;

	for (int i = 0; i < nmembers; i++)
	{
		const Member *m = &members[i];
		int			nsame = 0;
		bool		first = true;

		if (m->kind == PARTY_OTHER || m->force[0] == '\0')
			continue;
		if (strcmp(m->force, host_force) == 0)
		{
			nhost++;
			continue;
		}
		/* count this force once, at its first member, with its party count */
		for (int j = 0; j < nmembers; j++)
		{
			if (members[j].kind == PARTY_OTHER || strcmp(members[j].force, m->force) != 0)
				continue;
			if (j < i)
				first = false;
			nsame++;
		}
		if (!first)
			continue;
		nother_forces++;
		if (pg_mul_s64_overflow(lcm / gcd64(lcm, nsame), nsame, &lcm))
			return -1;
	}

	if (nhost > 0 && nother_forces > 0)
	{
		if (pg_mul_s64_overflow((int64) 2 * nhost * nother_forces, lcm, &total))
			return -1;
	}
	else if (nhost > 0)
		total = nhost;
	else
		total = (int64) nother_forces * lcm;

	for (int i = 0; i < nmembers; i++)
	{
		const Member *m = &members[i];
		int			nsame = 0;

		units[i] = 0;
		if (m->kind == PARTY_OTHER || m->force[0] == '\0')
			continue;
		if (strcmp(m->force, host_force) == 0)
		{
			units[i] = nother_forces > 0 ? (int64) nother_forces * lcm : 1;
			continue;
		}
		for (int j = 0; j < nmembers; j++)
			if (members[j].kind != PARTY_OTHER && strcmp(members[j].force, m->force) == 0)
				nsame++;
		units[i] = (nhost > 0 ? nhost : 1) * (lcm / nsame);
	}
	return total;
}

/*
 * Tallies a decision under host_half.  members: the members on the
 * decision date; votes: the counting votes (vote_counting), sorted by
 * party.  Members who do not vote count in the total.  Carried: more than
 * half the total weight in favour (2 × for > total): exactly half, such as
 * the host alone, does not carry.  False when the units overflow.
 */
bool
vote_tally_host_half(const Member *members, int nmembers, const char *host_force,
					 const VoteCast *votes, int nvotes, HostHalfTally *out)
{
	int64	   *units = palloc(sizeof(int64) * Max(nmembers, 1));

	memset(out, 0, sizeof(*out));
	out->total = vote_host_half_units(members, nmembers, host_force, units);
	if (out->total < 0)
		return false;
	for (int i = 0; i < nmembers; i++)
	{
		if (units[i] == 0)
			continue;
		if (strcmp(members[i].force, host_force) == 0)
			out->host_parties++;
		for (int v = 0; v < nvotes; v++)
		{
			if (strcmp(votes[v].party, members[i].code) != 0)
				continue;
			if (votes[v].in_favour)
				out->in_favour += units[i];
			else
				out->against += units[i];
			break;
		}
	}
	out->carried = out->total > 0 && 2 * out->in_favour > out->total;
	pfree(units);
	return true;
}
