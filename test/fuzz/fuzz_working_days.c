/*
 * fuzz_working_days.c — the working-day core (src/rules/calendar.c).
 *
 * The input picks a span of years, whose statutory bank holidays make the
 * calendar, and a few dates and counts.  Each fast answer (binary search
 * over the holidays plus weekday arithmetic) is checked against counting
 * day by day:
 *   - working_days_between(a, b) counts the working days strictly between;
 *   - add_working_days(d, n) lands on a working day with n-1 clear working
 *     days between (n > 0; mirrored for n < 0);
 *   - notice_deadline(m, k) leaves at least k clear days, and the day after
 *     it would not.
 */
#include "postgres.h"

#include "s22a.h"
#include "shim.h"

static int
int32_cmp(const void *a, const void *b)
{
	int32		x = *(const int32 *) a,
				y = *(const int32 *) b;

	return (x > y) - (x < y);
}

static int64
count_between(const HolidayCalendar *cal, int64 a, int64 b)
{
	int64		n = 0;

	for (int64 d = a + 1; d < b; d++)
		n += calendar_is_working_day(cal, d);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int32		days[40 * CALENDAR_MAX_HOLIDAYS_PER_YEAR];
	int			ndays = 0;
	int			first_year,
				nyears;
	HolidayCalendar cal;
	int64		base,
				a,
				b;
	int			n,
				k;

	if (size < 8)
		return 0;
	first_year = 1978 + data[0] % 120;
	nyears = 1 + data[1] % 40;
	for (int y = first_year; y < first_year + nyears; y++)
	{
		StatutoryHoliday h[CALENDAR_MAX_HOLIDAYS_PER_YEAR];
		int			nh = calendar_statutory_holidays(y, h);

		CHECK(nh >= 8 && nh <= CALENDAR_MAX_HOLIDAYS_PER_YEAR);
		for (int i = 0; i < nh; i++)
		{
			CHECK(h[i].day >= calendar_day_number(y, 1, 1) &&
				  h[i].day <= calendar_day_number(y, 12, 31));
			CHECK(calendar_weekday(h[i].day) != 0 && calendar_weekday(h[i].day) != 6);
			days[ndays++] = h[i].day;
		}
	}
	qsort(days, ndays, sizeof(int32), int32_cmp);
	for (int i = 1; i < ndays; i++)
		CHECK(days[i - 1] < days[i]);	/* no holiday twice */
	cal.n = ndays;
	cal.days = days;

	/* dates within the span (and a little beyond) */
	base = calendar_day_number(first_year, 1, 1) - 30;
	a = base + ((data[2] | (data[3] << 8)) % (nyears * 366 + 60));
	b = a + ((data[4] | (data[5] << 8)) % 800) - 10;
	n = (int) (int8) data[6];
	k = 1 + data[7] % 11;		/* the core takes k >= 1; the SQL wrapper handles 0 */

	CHECK(calendar_working_days_between(&cal, a, b) == (b > a ? count_between(&cal, a, b) : 0));

	if (n != 0)
	{
		int64		r = calendar_add_working_days(&cal, a, n);

		CHECK(calendar_is_working_day(&cal, r));
		if (n > 0)
			CHECK(r > a && count_between(&cal, a, r) == n - 1);
		else
			CHECK(r < a && count_between(&cal, r, a) == -n - 1);
	}
	else
		CHECK(calendar_add_working_days(&cal, a, 0) == a);

	{
		int64		d = calendar_notice_deadline(&cal, b, k);

		CHECK(count_between(&cal, d, b) >= k);
		CHECK(count_between(&cal, d + 1, b) < k);
	}
	shim_reset();
	return 0;
}
