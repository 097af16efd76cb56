/*
 * rules/party_codes.c — party codes as sorted sets, the form every list of
 * the decision rules takes (members on a date, impacted parties, consents,
 * voting weights, votes).  Codes are compared with strcmp, the order of
 * COLLATE "C" in which the kept queries of data/decision.c return them, so
 * a membership test is a binary search.
 */
#include "postgres.h"

#include "s22a.h"

/* The index of code in codes (n of them, sorted), or -1 when absent. */
int
party_codes_find(const char *const *codes, int n, const char *code)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = strcmp(codes[mid], code);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}
