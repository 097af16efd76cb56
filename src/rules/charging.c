/*
 * rules/charging.c — who is charged for a financial year, and for how many
 * days: the agreement's charging rule (agreement.charging).
 *
 * The costs of a year are shared among the forces party to the agreement
 * "in any given year" (Seven Force agreement, clause 5.2).  A year in
 * which the membership or the term changes part way needs a rule for who
 * pays what:
 *
 *   pro_rata_days  each force's driver value in every measure is multiplied
 *                  by the number of days of the year on which it is a party
 *                  (forces_on) and the agreement is in force (commencement
 *                  to the effective expiry, rules/budget_term.c); the blend
 *                  (rules/cost_blend.c) and the 1-d.p. apportionment then
 *                  run on those day-weighted values.  A force with no such
 *                  day has no share.  British Transport Police joined the
 *                  Chiltern Transport Consortium on 1 May 2019 and, in the
 *                  CTC paper (section 3.2), was to save the original forces
 *                  "circa £400k in 2019/20": under this rule it pays for 336
 *                  of the year's 366 days.
 *   first_day      the forces party on the first day of the year the
 *                  agreement is in force, greatest(1 April, commences_on),
 *                  each for the whole year: the rule of s22a 0.2, extended
 *                  to an agreement's first part year (the Seven Force
 *                  agreement, in force from 22 October 2015, is charged in
 *                  2015/16 among the forces party on that day).
 *
 * Day-weighting keeps the shares exact: the days are integers, so
 * value × days stays a finite decimal and the blend's exactness argument
 * (rules/cost_blend.c) is unchanged.
 *
 * Pure rule code over the agreement's membership and term: no queries.
 */
#include "postgres.h"

#include "s22a.h"

typedef struct DaySpan
{
	DateADT		from;			/* first day */
	DateADT		until;			/* the day after the last */
} DaySpan;

static int
code_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static int
span_cmp(const void *a, const void *b)
{
	const DaySpan *x = a,
			   *y = b;

	return x->from < y->from ? -1 : x->from > y->from;
}

/*
 * The number of days in [from, to] on which any party of force `force` is
 * a member: the union of its parties' membership spans (a force is in when
 * either of its corporations sole is), clipped to the days.
 */
static int64
force_days(const AgreementMembership *m, const char *force, DateADT from, DateADT to)
{
	DaySpan    *spans = palloc(sizeof(DaySpan) * Max(m->n, 1));
	int			n = 0;
	int64		days = 0;
	DateADT		covered = from;		/* days before this are counted */

	for (int i = 0; i < m->n; i++)
	{
		const PartyMembership *p = &m->parties[i];
		DateADT		first = p->has_joins ? p->joins_on : m->commences_on;
		DateADT		until = p->leaves_on;	/* member before its leaving day */

		if (strcmp(p->force, force) != 0)
			continue;
		/* member_on(): on >= first && on < leaves_on */
		if (first < from)
			first = from;
		if (DATE_NOT_FINITE(until) || until > to + 1)
			until = to + 1;
		if (first < until)
			spans[n++] = (DaySpan) {first, until};
	}
	qsort(spans, n, sizeof(DaySpan), span_cmp);
	for (int i = 0; i < n; i++)
	{
		DateADT		start = Max(spans[i].from, covered);

		if (spans[i].until > start)
		{
			days += spans[i].until - start;
			covered = spans[i].until;
		}
	}
	pfree(spans);
	return days;
}

/*
 * The forces charged for financial year fy under the rule, in code order,
 * into *forces (pointing into m), with the days each is charged for into
 * *days (pro_rata_days: its days a party while the agreement is in force;
 * first_day: 1 each, the whole year alike).  Returns how many; 0 when the
 * year has no day in force or no force is a party on the days that count.
 * *from and *to receive the days of the year in force (for messages); both
 * are the year's first day when it has none.
 */
int
charging_forces(const AgreementMembership *m, ChargingRule rule, FiscalYear fy,
				const TermExpiry *expiry, const char ***forces, int64 **days,
				DateADT *from, DateADT *to)
{
	const char **all;
	int			nall;
	int			n = 0;

	*forces = palloc(sizeof(char *) * Max(m->n, 1));
	*days = palloc(sizeof(int64) * Max(m->n, 1));

	if (rule == CHARGING_FIRST_DAY)
	{
		/*
		 * greatest(1 April, commences_on); the expiry is not asked, as in
		 * 0.2, so an upgraded register's figures stay what they were.
		 */
		DateADT		first = fiscal_year_first_day_number(fy);

		*from = Max(first, m->commences_on);
		*to = fiscal_year_last_day_number(fy);
		if (*from > *to)
		{
			*from = *to = first;
			return 0;
		}
		nall = membership_forces_on(m, *from, &all);
		for (int i = 0; i < nall; i++)
		{
			(*forces)[n] = all[i];
			(*days)[n++] = 1;
		}
		return n;
	}

	if (!term_days_in_year(fy, m->commences_on, expiry, from, to))
	{
		*from = *to = fiscal_year_first_day_number(fy);
		return 0;
	}
	/* every force that is ever a party, in code order, once each */
	nall = 0;
	all = palloc(sizeof(char *) * Max(m->n, 1));
	for (int i = 0; i < m->n; i++)
		if (m->parties[i].force[0] != '\0')
			all[nall++] = m->parties[i].force;
	qsort(all, nall, sizeof(char *), code_cmp);
	for (int i = 0; i < nall; i++)
	{
		int64		d;

		if (i > 0 && strcmp(all[i - 1], all[i]) == 0)
			continue;
		d = force_days(m, all[i], *from, *to);
		if (d == 0)
			continue;			/* no day a party: no share */
		(*forces)[n] = all[i];
		(*days)[n++] = d;
	}
	pfree(all);
	return n;
}

/* "pro_rata_days" / "first_day", as the enum s22a.charging_rule spells them */
const char *
charging_rule_label(ChargingRule rule)
{
	return rule == CHARGING_FIRST_DAY ? "first_day" : "pro_rata_days";
}

bool
charging_rule_parse(const char *label, ChargingRule *out)
{
	if (strcmp(label, "pro_rata_days") == 0)
		*out = CHARGING_PRO_RATA_DAYS;
	else if (strcmp(label, "first_day") == 0)
		*out = CHARGING_FIRST_DAY;
	else
		return false;
	return true;
}
