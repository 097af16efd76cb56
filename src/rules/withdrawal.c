/*
 * rules/withdrawal.c — a party leaving an agreement on notice.
 *
 *   withdrawal_notice   effective_on >= notice_given_on + withdrawal_notice
 *                       (Single Online Home: "at least 12 months written
 *                       notice to the host Force", Single Online Home
 *                       paper, para 4.5), and
 *                       after the day notice is given;
 *   withdrawal_committed   with no notice period stated (withdrawal_notice
 *                       NULL) each party is committed for the term
 *                       (Seven Force agreement, clause 6.3: "for the
 *                       duration"): a withdrawal needs a made membership
 *                       or variation decision, cited in authorised_by;
 *   withdrawal_closed_year a withdrawal taking effect in a financial year
 *                       that has ended (before today's) would change that
 *                       closed year's membership and cost shares: it too
 *                       needs such a decision;
 *   withdrawal_pairing  a policing body cannot withdraw and leave its
 *                       force's chief officer behind (Police Act 1996
 *                       s22A(5), s23C(6)) unless both go with the same
 *                       effect.
 *
 * Pure rule code.  `date + interval` is PostgreSQL's, done here over plain
 * integers with calendar helpers of its own (the server's j2date/date2j and
 * timestamp arithmetic are not called), and unit-tested against the
 * server's results (test/unit/test_withdrawal.c): months first, the day
 * clamped to the end of a shorter month (31 January + 1 month = 28 or 29
 * February), then days, then the time part; any step outside the range of
 * a timestamp is out of range, as the server raises 22008 there.
 */
#include "postgres.h"

#include "common/int.h"
#include "datatype/timestamp.h"

#include "s22a.h"

/* ---------- the proleptic Gregorian calendar ------------------------------ */

/* the day numbers (from 2000-01-01, as DateADT) a timestamp can hold */
#define TS_FIRST_DAY	(-(int64) POSTGRES_EPOCH_JDATE)	/* 4714-11-24 BC */
#define TS_END_DAY		((int64) TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE)	/* 294277-01-01 */
#define TS_FIRST_YEAR	(-4713)		/* 4714 BC, astronomically */
#define TS_LAST_YEAR	294276

static int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static bool
leap_year(int64 y)
{
	return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
}

static int
days_in_month(int64 y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && leap_year(y) ? 29 : days[m - 1];
}

/*
 * The civil date of a day number (astronomical years: 0 is 1 BC), the
 * inverse of calendar_day_number() (H. Hinnant's civil_from_days; 730425
 * days from 0000-03-01 to 2000-01-01).
 */
static void
civil_from_day(int64 day, int64 *y, int *m, int *d)
{
	int64		z = day + 730425;
	int64		era = floor_div(z, 146097);
	int64		doe = z - era * 146097;
	int64		yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64		doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64		mp = (5 * doy + 2) / 153;

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

static bool
in_timestamp_range(int64 day)
{
	return day >= TS_FIRST_DAY && day < TS_END_DAY;
}

/* ---------- the notice period ------------------------------------------ */

/*
 * The first whole day on or after given_on + notice, where + is
 * PostgreSQL's `date + interval` (a timestamp): a part of a day counts as a
 * whole day.  Returns false when the sum, or a step of it, is outside the
 * range of a timestamp (PostgreSQL raises 22008 "timestamp out of range").
 * An infinite day stays infinite.
 */
bool
withdrawal_notice_end(DateADT given_on, const Interval *notice, DateADT *end)
{
	int64		day = given_on;
	int64		usecs,
				q;

	if (DATE_NOT_FINITE(given_on))
	{
		*end = given_on;
		return true;
	}
	if (!in_timestamp_range(day))
		return false;
	if (notice->month != 0)
	{
		int64		y,
					months;
		int			m,
					d;

		civil_from_day(day, &y, &m, &d);
		months = y * MONTHS_PER_YEAR + (m - 1) + notice->month;
		y = floor_div(months, MONTHS_PER_YEAR);
		m = (int) (months - y * MONTHS_PER_YEAR) + 1;
		/* years a timestamp cannot reach are out (and would overflow an int) */
		if (y < TS_FIRST_YEAR || y > TS_LAST_YEAR)
			return false;
		d = Min(d, days_in_month(y, m));
		day = calendar_day_number((int) y, m, d);
		if (!in_timestamp_range(day))
			return false;
	}
	if (notice->day != 0)
	{
		day += notice->day;
		if (!in_timestamp_range(day))
			return false;
	}
	if (pg_add_s64_overflow(day * USECS_PER_DAY, notice->time, &usecs) ||
		!IS_VALID_TIMESTAMP(usecs))
		return false;
	/* round up to a whole day (division truncates toward zero) */
	q = usecs / USECS_PER_DAY;
	if (usecs % USECS_PER_DAY > 0)
		q++;
	*end = (DateADT) q;
	return true;
}

/*
 * The earliest day a withdrawal may take effect: notice_given_on plus the
 * agreement's withdrawal_notice (withdrawal_notice_end), and never before the
 * day after notice is given: a party is still a member on the day it gives
 * notice.  No notice period stated (notice NULL): the day after notice.
 * False when the notice period runs out of range (withdrawal_notice_end).
 */
bool
withdrawal_earliest(DateADT notice_given_on, const Interval *notice, DateADT *earliest)
{
	DateADT		end;

	*earliest = DATE_NOT_FINITE(notice_given_on) ? notice_given_on : notice_given_on + 1;
	if (notice == NULL)
		return true;
	if (!withdrawal_notice_end(notice_given_on, notice, &end))
		return false;
	if (end > *earliest)
		*earliest = end;
	return true;
}

/* ---------- withdrawals that need a decision ----------------------------- */

/*
 * Does this withdrawal need a made membership or variation decision?
 *
 *   WITHDRAWAL_NEEDS_DECISION_COMMITTED   the agreement states no notice
 *       period (withdrawal_notice NULL): a party is committed for the term
 *       and cannot leave on its own notice (clause 6.3);
 *   WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR effective_on falls in a financial
 *       year before today's (today_year_start is the first day of the year
 *       containing today): recording it would move a closed year's cost
 *       shares, which only the parties together may decide.
 *
 * The first that applies is returned.  An agreement that lets a party leave
 * at will states withdrawal_notice = '0 days'.
 */
WithdrawalNeed
withdrawal_needs_decision(bool has_notice, DateADT effective_on, DateADT today_year_start)
{
	if (!has_notice)
		return WITHDRAWAL_NEEDS_DECISION_COMMITTED;
	if (effective_on < today_year_start)
		return WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR;
	return WITHDRAWAL_NEEDS_NO_DECISION;
}

/* ---------- pairing ----------------------------------------------------- */

/*
 * Every day a party of this force withdraws with effect, ascending and
 * distinct, into days[] (room for m->n); returns how many.
 */
int
withdrawal_days_of_force(const AgreementMembership *m, const char *force, DateADT *days)
{
	int			n = 0;

	for (int i = 0; i < m->n; i++)
		if (m->parties[i].withdraws && strcmp(m->parties[i].force, force) == 0)
			days[n++] = m->parties[i].withdraws_on;
	return membership_sort_days(days, n);
}

/*
 * Does a withdrawal of a party of this force, on the first such day it
 * takes effect, leave the force's chief officer a party without the
 * policing body that maintains its force (chief_left_without_body)?  If so,
 * sets *day, and *chief and *body to the two as they were the day before.
 */
bool
withdrawal_pairing_fault(const AgreementMembership *m, const char *force,
						 DateADT *day, Member *chief, Member *body)
{
	DateADT    *days = palloc(sizeof(DateADT) * Max(m->n, 1));
	Member	   *before = palloc(sizeof(Member) * Max(m->n, 1));
	Member	   *after = palloc(sizeof(Member) * Max(m->n, 1));
	int			ndays = withdrawal_days_of_force(m, force, days);

	for (int i = 0; i < ndays; i++)
	{
		int			nbefore = membership_members_on(m, days[i] - 1, before);
		int			nafter = membership_members_on(m, days[i], after);

		if (chief_left_without_body(nbefore, before, nafter, after, force))
		{
			*day = days[i];
			*chief = before[membership_member_index(nbefore, before, force, PARTY_CHIEF_OFFICER)];
			*body = before[membership_member_index(nbefore, before, force, PARTY_POLICING_BODY)];
			return true;
		}
	}
	return false;
}

/*
 * withdrawal_notice_date: is the day notice was given plausible?  Notice is
 * never given after today; a party's own role gives it today, since a
 * notice dated in the past would rewrite past years' membership and cost
 * shares (the issue "No way around the rules", item 6: no notice given in
 * the past by a party's own role; doc/register.md, withdrawal_notice_date).
 * A clerk may record a notice given in writing earlier.
 */
NoticeDateFault
withdrawal_notice_date_fault(DateADT notice_given_on, DateADT today, bool by_party_role)
{
	if (notice_given_on > today)
		return NOTICE_DATE_FUTURE;
	if (by_party_role && notice_given_on < today)
		return NOTICE_DATE_PAST_BY_PARTY;
	return NOTICE_DATE_OK;
}
