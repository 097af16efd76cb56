/*
 * test_vote.c — unit tests of src/rules/vote.c: weighted voting under the
 * Single Online Home agreement (paper 4.3-4.4): the host (MPS) holds 50,
 * the other forces share 50; carried when more than half the total weight
 * of the members on the decision date is in favour.  Weights are exact
 * integers here, in tenths (12.5 = 125).
 */
#include "register_fixture.h"

static const void *
int_add(const void *a, const void *b)
{
	int64	   *r = palloc(sizeof(int64));

	*r = *(const int64 *) a + *(const int64 *) b;
	return r;
}

static int
int_cmp(const void *a, const void *b)
{
	int64		x = *(const int64 *) a,
				y = *(const int64 *) b;

	return x < y ? -1 : x > y ? 1 : 0;
}

#define W(t) (*(const int64 *) (t))

int
main(void)
{
	static const int64 zero = 0,
				host = 500,
				other = 125;
	const VoteArithmetic arith = {&zero, int_add, int_cmp};
	/* the chief officers of SOH: Suffolk joins in June 2020 */
	const VotingWeight weights[] = {
		{"CC-BED", &other}, {"CC-CAM", &other}, {"CC-HER", &other},
		{"CC-NOR", &other}, {"CC-SUF", &other}, {"COM-MPS", &host},
	};
	/* members on 20 January 2020: not yet Suffolk */
	static const char *const members[] = {"CC-BED", "CC-CAM", "CC-HER", "CC-NOR", "COM-MPS"};
	VoteTally t;

	vote_tally(NULL, 0, NULL, 0, members, 5, &arith, &t);
	UNIT_OK(!t.weighted && !t.carried, "vote: an agreement without voting weights has no vote to carry");

	vote_tally(weights, 6, NULL, 0, members, 5, &arith, &t);
	UNIT_OK(t.weighted && W(t.total) == 1000 && W(t.in_favour) == 0 && !t.carried,
			"vote: total 100 of the members on 20 January 2020 (Suffolk, not yet a member, not counted); no votes: not carried");

	{
		const VoteCast votes[] = {{"COM-MPS", true}};

		vote_tally(weights, 6, votes, 1, members, 5, &arith, &t);
		UNIT_OK(W(t.in_favour) == 500 && W(t.total) == 1000 && !t.carried,
				"vote: the host alone holds exactly half, 50 of 100: not carried (more than half needed)");
	}
	{
		const VoteCast votes[] = {{"CC-BED", false}, {"CC-CAM", true}, {"COM-MPS", true}};

		vote_tally(weights, 6, votes, 3, members, 5, &arith, &t);
		UNIT_OK(W(t.in_favour) == 625 && W(t.against) == 125 && t.carried,
				"vote: the host and one other force, 62.5 for and 12.5 against of 100: carried");
	}
	{
		/* Suffolk's vote after it joined would count; before, it does not */
		const VoteCast votes[] = {{"CC-SUF", true}, {"COM-MPS", true}};

		vote_tally(weights, 6, votes, 2, members, 5, &arith, &t);
		UNIT_OK(W(t.in_favour) == 500 && !t.carried,
				"vote: a vote by a party that is not a member on the decision date adds nothing");
	}
	{
		/* the four other forces together: exactly half again */
		const VoteCast votes[] = {{"CC-BED", true}, {"CC-CAM", true}, {"CC-HER", true},
		{"CC-NOR", true}, {"COM-MPS", false}};

		vote_tally(weights, 6, votes, 5, members, 5, &arith, &t);
		UNIT_OK(W(t.in_favour) == 500 && W(t.against) == 500 && !t.carried,
				"vote: the four other forces against the host, 50 to 50: not carried");
	}
	{
		/* which votes count: not void, cast on or before made_on; undated ones from 0.2 count */
		const VoteCast votes[] = {
			{"CC-BED", true, true, UNIT_DAY(2020, 1, 20), false},
			{"CC-CAM", true, true, UNIT_DAY(2020, 1, 21), false},
			{"CC-HER", true, true, UNIT_DAY(2020, 1, 10), true},
			{"COM-MPS", true, false, 0, false},
		};
		VoteCast	out[4];
		int			k = vote_counting(votes, 4, UNIT_DAY(2020, 1, 20), out);

		UNIT_OK(k == 2 && strcmp(out[0].party, "CC-BED") == 0 && strcmp(out[1].party, "COM-MPS") == 0,
				"vote: a vote cast after made_on and a void one do not count; an undated one from 0.2 does");
	}
	/* host_half (Single Online Home paper, 4.3-4.4 and 7.6) */
	{
		Member		m[8];
		int64		units[8];
		int64		total;
		VoteCast	cast[3];
		HostHalfTally t;

		/* the MPS hosts; BED (2 parties), CAM (PCC only), COP of no force */
		m[0] = member("CC-BED", "BED", PARTY_CHIEF_OFFICER);
		m[1] = member("COP", "", PARTY_OTHER);
		m[2] = member("CPM", "MPS", PARTY_CHIEF_OFFICER);
		m[3] = member("MOPAC", "MPS", PARTY_POLICING_BODY);
		m[4] = member("PCC-BED", "BED", PARTY_POLICING_BODY);
		m[5] = member("PCC-CAM", "CAM", PARTY_POLICING_BODY);
		total = vote_host_half_units(m, 6, "MPS", units);
		/* nH = 2, nO = 2, L = lcm(2, 1) = 2: total 16; host parties 4 each; BED 2 each; CAM 4 */
		UNIT_OK(total == 16 && units[2] == 4 && units[3] == 4,
				"host_half: the two MPS parties hold a quarter each (4 of 16)");
		UNIT_OK(units[0] == 2 && units[4] == 2 && units[5] == 4,
				"host_half: Bedfordshire's quarter split between its two parties; Cambridgeshire's one party holds its whole quarter");
		UNIT_OK(units[1] == 0, "host_half: a party of no force holds nothing");
		UNIT_OK(units[0] + units[4] == units[5] && units[2] + units[3] == total / 2,
				"host_half: the other forces share equally, the host holds exactly half");

		cast[0].party = "CPM";
		cast[0].in_favour = true;
		cast[1].party = "MOPAC";
		cast[1].in_favour = true;
		UNIT_OK(vote_tally_host_half(m, 6, "MPS", cast, 2, &t) && t.in_favour == 8 && !t.carried,
				"host_half: the host alone, exactly half: not carried");
		cast[2].party = "PCC-BED";
		cast[2].in_favour = false;
		UNIT_OK(vote_tally_host_half(m, 6, "MPS", cast, 3, &t) && t.against == 2 && !t.carried,
				"host_half: a vote against counts against; still not carried");
		cast[2].in_favour = true;
		UNIT_OK(vote_tally_host_half(m, 6, "MPS", cast, 3, &t) && t.in_favour == 10 && t.carried,
				"host_half: one Bedfordshire party more carries it (10 of 16)");

		/* the host with no member party: the others share all */
		total = vote_host_half_units(m, 6, "KEN", units);
		UNIT_OK(total == 6 && units[2] == 1 && units[3] == 1 && units[0] == 1 && units[5] == 2,
				"host_half: a host with no member party: the three forces share the whole equally");
		/* only the host */
		total = vote_host_half_units(&m[2], 2, "MPS", units);
		UNIT_OK(total == 2 && units[0] == 1 && units[1] == 1,
				"host_half: the host force alone holds the whole weight");
		UNIT_OK(vote_host_half_units(m, 0, "MPS", units) == 0,
				"host_half: no members, no weight");
	}
	UNIT_DONE();
}
