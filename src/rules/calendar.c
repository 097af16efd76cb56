/*
 * calendar.c — pure calendar rules for England and Wales: the statutory
 * bank holidays of a year, and clear-working-day arithmetic over a sorted
 * array of holidays.
 *
 * Nothing here knows about Datums, tables or memory contexts: days are
 * plain int32 counts from 2000-01-01 (the same numbering as DateADT, so
 * functions/working_days.c passes dates straight through), and the
 * holidays are a sorted C array.  That keeps the rules readable and
 * testable outside the server.
 *
 * Sources: Banking and Financial Dealings Act 1971, Schedule 1 (the
 * statutory days and the royal proclamations that move or add days); the
 * GOV.UK published list for England and Wales.  Notice periods in the
 * agreements are "clear working days" (Seven Force Collaboration
 * Agreement, clause 3.4): neither the day notice is given nor the day of the
 * meeting counts.
 */
#include "postgres.h"

#include "s22a.h"

/* ---------- civil dates <-> day numbers ---------------------------------- */

/*
 * Days from 2000-01-01 to y-m-d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil, shifted so 2000-01-01 is day 0, which is
 * also PostgreSQL's DateADT epoch).
 */
int32
calendar_day_number(int y, int m, int d)
{
	int			era,
				yoe,
				doy,
				doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int32) (era * 146097 + doe - 730425);	/* 719468 (civil epoch) + 10957 (1970 to 2000) */
}

/*
 * The civil date of a day number: the inverse of calendar_day_number
 * (H. Hinnant's civil_from_days), for any day a DateADT can hold.
 */
void
calendar_civil_date(int64 day, int *y, int *m, int *d)
{
	int64		z = day + 730425,
				era = (z >= 0 ? z : z - 146096) / 146097,
				doe = z - era * 146097,
				yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365,
				doy = doe - (365 * yoe + yoe / 4 - yoe / 100),
				mp = (5 * doy + 2) / 153;

	*d = (int) (doy - (153 * mp + 2) / 5 + 1);
	*m = (int) (mp < 10 ? mp + 3 : mp - 9);
	*y = (int) (yoe + era * 400 + (*m <= 2));
}

/* Day of the week: 0 = Sunday .. 6 = Saturday.  Day 0 (2000-01-01) was a Saturday. */
int
calendar_weekday(int64 day)
{
	int64		r = (day + 6) % 7;

	return (int) (r < 0 ? r + 7 : r);
}

static inline bool
is_weekend(int64 day)
{
	int			w = calendar_weekday(day);

	return w == 0 || w == 6;
}

/* ---------- the statutory pattern --------------------------------------- */

/*
 * Easter Sunday by the Gregorian computus (the "anonymous Gregorian
 * algorithm", Meeus/Jones/Butcher).
 */
int32
calendar_easter_sunday(int year)
{
	int			a = year % 19,
				b = year / 100,
				c = year % 100,
				d = b / 4,
				e = b % 4,
				f = (b + 8) / 25,
				g = (b - f + 1) / 3,
				h = (19 * a + b - d - g + 15) % 30,
				i = c / 4,
				k = c % 4,
				l = (32 + 2 * e + 2 * i - h - k) % 7,
				m = (a + 11 * h + 22 * l) / 451,
				month = (h + l - 7 * m + 114) / 31,
				day = (h + l - 7 * m + 114) % 31 + 1;

	return calendar_day_number(year, month, day);
}

/* the first Monday on or after a day */
static int32
monday_on_or_after(int32 day)
{
	return day + (8 - calendar_weekday(day)) % 7;
}

/* the last Monday on or before a day */
static int32
monday_on_or_before(int32 day)
{
	return day - (calendar_weekday(day) + 6) % 7;
}

static void
add(StatutoryHoliday *out, int *n, int32 day, const char *name)
{
	out[*n].day = day;
	out[*n].name = name;
	(*n)++;
}

/*
 * A one-off day added by royal proclamation (Banking and Financial Dealings
 * Act 1971, s1(3)).
 */
typedef struct OneOff
{
	int			y,
				m,
				d;
	const char *name;
} OneOff;

static const OneOff one_off_days[] = {
	{1981, 7, 29, "Royal wedding"},	/* Wednesday: the Prince of Wales */
	{1999, 12, 31, "Millennium Eve"},
	{2002, 6, 3, "Golden Jubilee bank holiday"},
	{2011, 4, 29, "Royal wedding"},
	{2012, 6, 5, "Queen's Diamond Jubilee"},
	{2022, 6, 3, "Platinum Jubilee bank holiday"},
	{2022, 9, 19, "Bank Holiday for the State Funeral of Queen Elizabeth II"},
	{2023, 5, 8, "Bank holiday for the coronation of King Charles III"},
};

/* The one-off days of one month of a year, in date order (the table's). */
static void
add_one_off_days(StatutoryHoliday *out, int *n, int year, int month)
{
	for (int i = 0; i < (int) lengthof(one_off_days); i++)
		if (one_off_days[i].y == year && one_off_days[i].m == month)
			add(out, n, calendar_day_number(year, month, one_off_days[i].d), one_off_days[i].name);
}

/*
 * The bank holidays of England and Wales in one year, in date order, into
 * out (room for CALENDAR_MAX_HOLIDAYS_PER_YEAR).  Returns how many.
 *
 * The pattern: New Year's Day, Good Friday, Easter Monday, the first Monday
 * in May, the last Monday in May, the last Monday in August, Christmas Day
 * and Boxing Day.  A New Year's Day, Christmas Day or Boxing Day that falls
 * on a Saturday or Sunday gives a substitute weekday instead (the next
 * weekday not already a holiday).  The one-off changes: 1995 and 2020 moved
 * the early May holiday to 8 May (VE day anniversaries); 2002, 2012 and
 * 2022 moved the spring holiday into June for the Jubilees; the days in
 * one_off_days were added.
 */
int
calendar_statutory_holidays(int year, StatutoryHoliday *out)
{
	int			n = 0;
	int32		jan1 = calendar_day_number(year, 1, 1);
	int32		easter = calendar_easter_sunday(year);
	int32		early_may,
				spring,
				summer,
				dec25,
				dec26;

	/* New Year's Day; Saturday or Sunday gives the next Monday */
	if (is_weekend(jan1))
		add(out, &n, monday_on_or_after(jan1), "New Year's Day (substitute day)");
	else
		add(out, &n, jan1, "New Year's Day");

	add(out, &n, easter - 2, "Good Friday");
	add(out, &n, easter + 1, "Easter Monday");

	/* early May: the first Monday, moved to Monday 8 May 1995 and Friday 8 May 2020 */
	early_may = monday_on_or_after(calendar_day_number(year, 5, 1));
	if (year == 1995 || year == 2020)
		add(out, &n, calendar_day_number(year, 5, 8), "Early May bank holiday (VE day)");
	else
		add(out, &n, early_may, "Early May bank holiday");

	/* the 2023 coronation falls between early May and spring */
	add_one_off_days(out, &n, year, 5);

	/* spring: the last Monday in May, moved into June for the Jubilees */
	spring = monday_on_or_before(calendar_day_number(year, 5, 31));
	if (year == 2002 || year == 2012)
		spring = calendar_day_number(year, 6, 4);
	else if (year == 2022)
		spring = calendar_day_number(year, 6, 2);
	add(out, &n, spring, "Spring bank holiday");

	/* one-off days in April, June and July (the 1981 royal wedding) */
	add_one_off_days(out, &n, year, 4);
	add_one_off_days(out, &n, year, 6);
	add_one_off_days(out, &n, year, 7);

	summer = monday_on_or_before(calendar_day_number(year, 8, 31));
	add(out, &n, summer, "Summer bank holiday");

	/* one-off days in September */
	add_one_off_days(out, &n, year, 9);

	/*
	 * Christmas and Boxing Day.  Saturday 25th: Christmas moves to Monday
	 * 27th and Boxing Day to Tuesday 28th.  Sunday 25th: Boxing Day stays on
	 * Monday 26th and Christmas moves to Tuesday 27th.  Friday 25th:
	 * Boxing Day (Saturday) moves to Monday 28th.
	 */
	dec25 = calendar_day_number(year, 12, 25);
	dec26 = dec25 + 1;
	switch (calendar_weekday(dec25))
	{
		case 6:					/* Saturday */
			add(out, &n, dec25 + 2, "Christmas Day (substitute day)");
			add(out, &n, dec25 + 3, "Boxing Day (substitute day)");
			break;
		case 0:					/* Sunday */
			add(out, &n, dec26, "Boxing Day");
			add(out, &n, dec25 + 2, "Christmas Day (substitute day)");
			break;
		case 5:					/* Friday */
			add(out, &n, dec25, "Christmas Day");
			add(out, &n, dec25 + 3, "Boxing Day (substitute day)");
			break;
		default:
			add(out, &n, dec25, "Christmas Day");
			add(out, &n, dec26, "Boxing Day");
			break;
	}

	/* one-off days in December (the Millennium) */
	add_one_off_days(out, &n, year, 12);

	Assert(n <= CALENDAR_MAX_HOLIDAYS_PER_YEAR);
	return n;
}

/* ---------- clear-working-day arithmetic --------------------------------- */

/*
 * Weekdays are numbered consecutively from Monday 2000-01-03 (day 2), which
 * has index 0.  weekdays_before(x) is the index of the first weekday on or
 * after x: the number of weekdays in [2000-01-03, x), negative before it.
 * Both directions are O(1).
 */
static inline int64
floor_div(int64 a, int64 b)
{
	int64		q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

static inline int64
weekdays_before(int64 x)
{
	int64		t = x - 2;
	int64		weeks = floor_div(t, 7);
	int64		rem = t - weeks * 7;

	return weeks * 5 + (rem < 5 ? rem : 5);
}

/* the weekday with the given index */
static inline int64
weekday_at(int64 index)
{
	int64		weeks = floor_div(index, 5);

	return 2 + weeks * 7 + (index - weeks * 5);
}

/* holidays < x in the sorted array (lower bound by binary search) */
static inline int64
holidays_before(const HolidayCalendar *cal, int64 x)
{
	int			lo = 0,
				hi = cal->n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (cal->days[mid] < x)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* working days in [lo, hi): weekdays minus the (weekday) holidays among them */
static inline int64
working_days_in(const HolidayCalendar *cal, int64 lo, int64 hi)
{
	if (hi <= lo)
		return 0;
	return (weekdays_before(hi) - weekdays_before(lo))
		- (holidays_before(cal, hi) - holidays_before(cal, lo));
}

bool
calendar_is_working_day(const HolidayCalendar *cal, int64 day)
{
	return !is_weekend(day) && holidays_before(cal, day + 1) == holidays_before(cal, day);
}

/* working days d with a < d < b ("clear days"); 0 when b <= a + 1 */
int64
calendar_working_days_between(const HolidayCalendar *cal, int64 a, int64 b)
{
	return working_days_in(cal, a + 1, b);
}

/*
 * The n-th working day after d (n > 0), the |n|-th before it (n < 0), or d
 * itself (n = 0).
 *
 * Step to the n-th weekday in O(1); the holidays passed on the way are
 * working days still owed, so step again by that many from there, until a
 * step passes no holiday.  Each step is two binary searches and the number
 * of steps is bounded by the holidays crossed (one or two in practice).
 * The working days in each step add up to n, and the last step ends on a
 * weekday that is not a holiday, so that day is the answer.
 */
int64
calendar_add_working_days(const HolidayCalendar *cal, int64 d, int64 n)
{
	int64		pos = d;
	int64		owed = n < 0 ? -n : n;

	if (n > 0)
	{
		while (owed > 0)
		{
			int64		x = weekday_at(weekdays_before(pos + 1) + owed - 1);

			owed = holidays_before(cal, x + 1) - holidays_before(cal, pos + 1);
			pos = x;
		}
	}
	else if (n < 0)
	{
		while (owed > 0)
		{
			int64		x = weekday_at(weekdays_before(pos) - owed);

			owed = holidays_before(cal, pos) - holidays_before(cal, x);
			pos = x;
		}
	}
	return pos;
}

/*
 * The latest day D with calendar_working_days_between(D, meeting) >=
 * clear_days, for clear_days >= 1: the clear_days-th working day before the
 * meeting must lie strictly after D, so D is the day before it.
 */
int64
calendar_notice_deadline(const HolidayCalendar *cal, int64 meeting, int64 clear_days)
{
	Assert(clear_days >= 1);
	return calendar_add_working_days(cal, meeting, -clear_days) - 1;
}
