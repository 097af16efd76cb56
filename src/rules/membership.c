/*
 * rules/membership.c — who is party to an agreement on a given date.
 *
 * Membership changes over time: the Chiltern Transport Consortium gained
 * British Transport Police from 1 May 2019 (CPCC2019-008, CTC paper), and a
 * party may withdraw on notice (Single Online Home: 12 months).  One rule
 * decides it, used by parties_on()/forces_on(), the execution and statutory
 * shape checks, the consent rules and the cost shares:
 *
 *   a party is a member on day D when  D >= joins_on (NULL: commencement)
 *   and D is before both its leaves_on and its withdrawal's effective_on.
 *
 * So a party joining on 1 May 2019 is a member on 1 May, and one leaving on
 * 1 May is not.  Membership is independent of the term: an expired agreement
 * still has its parties on a later date.
 *
 * Pure rule code over an AgreementMembership (data/membership.c reads it):
 * no Datums, no queries.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * Is a party with these dates a member on `on`?  A DATEVAL_NOEND leaving
 * day means it has not left.
 */
bool
member_on(DateADT commences_on, bool has_joins, DateADT joins_on,
		  DateADT leaves_on, DateADT on)
{
	DateADT		first = has_joins ? joins_on : commences_on;

	return on >= first && on < leaves_on;
}

/* Is m->parties[i] a member on `on`? */
bool
membership_party_on(const AgreementMembership *m, int i, DateADT on)
{
	const PartyMembership *p = &m->parties[i];

	return member_on(m->commences_on, p->has_joins, p->joins_on, p->leaves_on, on);
}

/*
 * The members on `on`, in code order, into out[] (room for m->n); returns
 * how many.
 */
int
membership_members_on(const AgreementMembership *m, DateADT on, Member *out)
{
	int			n = 0;

	for (int i = 0; i < m->n; i++)
	{
		const PartyMembership *p = &m->parties[i];

		if (!membership_party_on(m, i, on))
			continue;
		memset(&out[n], 0, sizeof(Member));
		strlcpy(out[n].code, p->code, sizeof(out[n].code));
		strlcpy(out[n].force, p->force, sizeof(out[n].force));
		out[n].kind = p->kind;
		n++;
	}
	return n;
}

static int
cstring_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

/*
 * Distinct force codes of the members on `on`, in code order: a force is in
 * when any of its corporations sole is a member.  The codes point into m;
 * the array is palloc'd.
 */
int
membership_forces_on(const AgreementMembership *m, DateADT on, const char ***forces)
{
	const char **out = palloc(sizeof(char *) * Max(m->n, 1));
	int			n = 0,
				k = 0;

	for (int i = 0; i < m->n; i++)
		if (m->parties[i].force[0] != '\0' && membership_party_on(m, i, on))
			out[n++] = m->parties[i].force;
	qsort(out, n, sizeof(char *), cstring_cmp);
	for (int i = 0; i < n; i++)
		if (k == 0 || strcmp(out[k - 1], out[i]) != 0)
			out[k++] = out[i];
	*forces = out;
	return k;
}

static int
day_cmp(const void *a, const void *b)
{
	DateADT		x = *(const DateADT *) a,
				y = *(const DateADT *) b;

	return x < y ? -1 : x > y;
}

/* Sorts days[0..n) ascending and drops repeats; returns how many are left. */
int
membership_sort_days(DateADT *days, int n)
{
	int			k = 0;

	qsort(days, n, sizeof(DateADT), day_cmp);
	for (int i = 0; i < n; i++)
		if (k == 0 || days[k - 1] != days[i])
			days[k++] = days[i];
	return k;
}

/*
 * The days membership can change on, from commencement on: the commencement
 * date and every joining or leaving day (a withdrawal's effective_on is
 * folded into leaves_on) after it, ascending and distinct, into out[] (room
 * for 1 + 2 * m->n).  Between two of them the members stay the same, so a
 * rule that holds on each of them holds on every day from commencement.
 */
int
membership_change_days(const AgreementMembership *m, DateADT *out)
{
	int			n = 0;

	out[n++] = m->commences_on;
	for (int i = 0; i < m->n; i++)
	{
		const PartyMembership *p = &m->parties[i];

		if (p->has_joins && p->joins_on > m->commences_on)
			out[n++] = p->joins_on;
		if (!DATE_NOT_FINITE(p->leaves_on) && p->leaves_on > m->commences_on)
			out[n++] = p->leaves_on;
	}
	return membership_sort_days(out, n);
}

/* The index of the party with this code in m->parties, or -1. */
int
membership_party_index(const AgreementMembership *m, const char *code)
{
	for (int i = 0; i < m->n; i++)
		if (strcmp(m->parties[i].code, code) == 0)
			return i;
	return -1;
}

/* The first member of this kind for this force, or -1. */
int
membership_member_index(int n, const Member *m, const char *force, PartyKind kind)
{
	for (int i = 0; i < n; i++)
		if (m[i].kind == kind && strcmp(m[i].force, force) == 0)
			return i;
	return -1;
}
