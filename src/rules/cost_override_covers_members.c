/*
 * rules/cost_override_covers_members.c — a fixed-percentage override gives
 * a share to exactly the forces the agreement charges for its year
 * (rules/charging.c: the parties on 1 April under first_day, every party on
 * a day of the year in force under pro_rata_days).
 *
 * Where an agreement states fixed percentages instead of a formula (the
 * JPS umbrella agreement, Section 13, sets each business area's split in
 * its service specification), the stated shares win over the blend.  They
 * are still shares of the costs borne by the members "in any given year"
 * (Seven Force Strategic Collaboration agreement, clause 5.2): every force
 * charged for the year pays a share (possibly 0.0), and no other force does.
 * The rule compares two sets of codes; the glue checks it when an override
 * is written and again when it is read, since membership can change after
 * the override is written, and words the refusal.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * Compares the override's codes with the member forces' codes (each sorted
 * in byte order, distinct): true when they are the same set.  Otherwise
 * fills *extra with the first code of `shares` not a member and *missing
 * with the first member without a share (NULL when none).
 */
bool
cost_override_covers_members(int nshares, const char *const *shares,
							 int nforces, const char *const *forces,
							 const char **extra, const char **missing)
{
	int			i = 0,
				j = 0;

	*extra = NULL;
	*missing = NULL;
	while (i < nshares || j < nforces)
	{
		int			c = i >= nshares ? 1 : j >= nforces ? -1 : strcmp(shares[i], forces[j]);

		if (c == 0)
			i++, j++;
		else if (c < 0)
		{
			if (*extra == NULL)
				*extra = shares[i];
			i++;
		}
		else
		{
			if (*missing == NULL)
				*missing = forces[j];
			j++;
		}
	}
	return *extra == NULL && *missing == NULL;
}
