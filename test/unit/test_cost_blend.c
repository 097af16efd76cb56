/*
 * test_cost_blend.c — unit tests of src/rules/cost_blend.c: the blend of
 * drivers behind each force's cost share (JPS umbrella agreement, Section
 * 13; Seven Force agreement, clause 5.2).
 *
 * The blend is instantiated here with exact fractions (int128 numerator
 * and denominator, kept in lowest terms), so every expected value below is
 * a fraction worked by hand, with no rounding anywhere.
 */
#include "unit.h"

typedef struct Fraction
{
	int128		num;
	int128		den;			/* > 0 */
} Fraction;

static int128
gcd128(int128 a, int128 b)
{
	if (a < 0)
		a = -a;
	while (b != 0)
	{
		int128		t = a % b;

		a = b;
		b = t;
	}
	return a;
}

static const Fraction *
frac(int128 num, int128 den)
{
	Fraction   *f = palloc(sizeof(Fraction));
	int128		g = gcd128(num, den);

	f->num = g ? num / g : 0;
	f->den = g ? den / g : 1;
	return f;
}

static CostValue
frac_mul(CostValue a, CostValue b, void *arg)
{
	const Fraction *x = a,
			   *y = b;

	return frac(x->num * y->num, x->den * y->den);
}

static CostValue
frac_add(CostValue a, CostValue b, void *arg)
{
	const Fraction *x = a,
			   *y = b;

	return frac(x->num * y->den + y->num * x->den, x->den * y->den);
}

static bool
frac_is(CostValue v, int128 num, int128 den)
{
	const Fraction *f = v;

	return f->num * den == num * f->den;
}

static CostArithmetic fractions;

/* tenths of a percent by largest remainder over the blended values */
static int
remainder_first(int a, int b, void *arg)
{
	const int128 *rem = arg;

	return rem[a] > rem[b] ? -1 : rem[a] < rem[b] ? 1 : a - b;
}

static void
tenths(int n, CostValue *blended, int64 *units)
{
	int128		total_num = 0;
	int128		rem[8];
	int64		assigned = 0;

	/* every blended value here is a whole number (den 1) */
	for (int i = 0; i < n; i++)
		total_num += ((const Fraction *) blended[i])->num;
	for (int i = 0; i < n; i++)
	{
		int128		q = ((const Fraction *) blended[i])->num * 1000;

		units[i] = (int64) (q / total_num);
		rem[i] = q % total_num;
		assigned += units[i];
	}
	lr_distribute(n, units, 1000 - assigned, remainder_first, rem);
}

int
main(void)
{
	CostValue	w[3],
				v[9],
				t[3],
				b[3];
	int64		units[3];

	fractions.mul = frac_mul;
	fractions.add = frac_add;
	fractions.zero = frac(0, 1);
	fractions.one = frac(1, 1);

	/*
	 * doc/costs.md, JPS firearms: 50 % NRE and 50 % demand.  NRE (£m) BED
	 * 101.6, CAM 131.1, HER 178.4, total 411.1; demand 1,200, 900, 1,900,
	 * total 4,000.  B(f) = 1/2 × NRE(f) × 4000 + 1/2 × demand(f) × 411.1:
	 *   BED 203,200 + 246,660 = 449,860
	 *   CAM 262,200 + 184,995 = 447,195
	 *   HER 356,800 + 390,545 = 747,345   (sum 1,644,400 = 411.1 × 4,000)
	 */
	w[0] = frac(1, 2);
	w[1] = frac(1, 2);
	v[0] = frac(1016, 10); v[1] = frac(1200, 1);
	v[2] = frac(1311, 10); v[3] = frac(900, 1);
	v[4] = frac(1784, 10); v[5] = frac(1900, 1);
	t[0] = frac(4111, 10);
	t[1] = frac(4000, 1);
	cost_blend(&fractions, 3, 2, w, v, t, b);
	UNIT_OK(frac_is(b[0], 449860, 1), "cost_blend: JPS firearms 50/50, BED blends to 449,860");
	UNIT_OK(frac_is(b[1], 447195, 1), "cost_blend: CAM blends to 447,195");
	UNIT_OK(frac_is(b[2], 747345, 1), "cost_blend: HER blends to 747,345");
	/* BED's exact share: 449,860 / 1,644,400 = 1/2 × 101.6/411.1 + 1/2 × 1200/4000 */
	UNIT_OK(frac_is(frac_add(frac_mul(frac(1, 2), frac(1016, 4111), NULL),
							 frac_mul(frac(1, 2), frac(1200, 4000), NULL), NULL),
					449860, 1644400),
			"cost_blend: B(BED) / Σ B is BED's exact rational share");
	tenths(3, b, units);
	UNIT_OK(units[0] == 274 && units[1] == 272 && units[2] == 454,
			"cost_blend: to one decimal place by largest remainder: BED 27.4, CAM 27.2, HER 45.4 (CAM's .950 and BED's .571 take the two tenths left)");

	/* the same drivers in pounds and in heads: shares do not move */
	v[0] = frac(101600000, 1);
	v[2] = frac(131100000, 1);
	v[4] = frac(178400000, 1);
	t[0] = frac(411100000, 1);
	cost_blend(&fractions, 3, 2, w, v, t, b);
	tenths(3, b, units);
	UNIT_OK(frac_is(b[0], (int128) 449860 * 1000000, 1) && units[0] == 274 && units[1] == 272 && units[2] == 454,
			"cost_blend: NRE in pounds instead of £m scales every B by 10^6 and gives the same shares");

	/* one measure (Seven Force agreement, clause 5.2: NRE alone): B is the value */
	w[0] = frac(1, 1);
	v[0] = frac(83, 1); v[1] = frac(108, 1); v[2] = frac(216, 1);
	t[0] = frac(407, 1);
	cost_blend(&fractions, 3, 1, w, v, t, b);
	UNIT_OK(frac_is(b[0], 83, 1) && frac_is(b[1], 108, 1) && frac_is(b[2], 216, 1),
			"cost_blend: one measure with weight 1 gives the values themselves (no total multiplies them)");

	/*
	 * Three measures, weights 1/2, 1/4, 1/4; force A has 1 of 4, 2 of 4, 5
	 * of 5, force B 3 of 4, 2 of 4, 0 of 5.  Exact shares: A 1/8 + 1/8 + 1/4
	 * = 1/2, B 3/8 + 1/8 + 0 = 1/2; scaled by 4 × 4 × 5 = 80 they are 40 and
	 * 40.  Each term takes the OTHER measures' totals.
	 */
	w[0] = frac(1, 2); w[1] = frac(1, 4); w[2] = frac(1, 4);
	v[0] = frac(1, 1); v[1] = frac(2, 1); v[2] = frac(5, 1);
	v[3] = frac(3, 1); v[4] = frac(2, 1); v[5] = frac(0, 1);
	t[0] = frac(4, 1); t[1] = frac(4, 1); t[2] = frac(5, 1);
	cost_blend(&fractions, 2, 3, w, v, t, b);
	UNIT_OK(frac_is(b[0], 40, 1) && frac_is(b[1], 40, 1),
			"cost_blend: three measures: B(f) = Σ_m w_m × value(f, m) × Π_{k≠m} V_k = 40 and 40");

	UNIT_DONE();
}
