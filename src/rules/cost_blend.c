/*
 * rules/cost_blend.c — the cost-share blend: how much of an agreement's
 * costs each force bears when the agreement shares them by a mix of drivers.
 *
 * Seven Force Strategic Collaboration agreement, clause 5.2: costs are
 * "apportioned between the seven police areas ... upon the basis of the Net
 * Revenue Expenditure ... of each Force within the Programme in any given
 * year and calculated to one decimal place".  JPS umbrella agreement,
 * Section 13: the apportionment "for each of the business areas ... is a
 * combination of Net Revenue Expenditure and demand", the formula for each
 * area set out in its service specification.  So, per agreement, financial
 * year and business area:
 *
 *     share(f) = Σ_m  weight_m × value(f, m) / Σ_g value(g, m)
 *
 * over the forces g the agreement charges for the year (rules/charging.c;
 * under pro_rata_days each value already weighted by the force's days), then
 * rounded to one decimal place by the one largest-remainder rule (the
 * apportion rule), so the shares add up to exactly 100.0.
 *
 * Exactness.  share(f) is rational.  Multiplying every share by the same
 * positive number L = Π_m V_m (V_m = the members' total of measure m) gives
 *
 *     B(f) = Σ_m  weight_m × value(f, m) × Π_{k≠m} V_k
 *
 * which needs only multiplication and addition, both exact on decimals.
 * Shares proportional to B are shares proportional to share(f), and a common
 * factor changes neither the quotas, nor their remainders' order, nor the
 * "larger weight first" tie-break, so handing B to the apportion rule gives
 * exactly the apportionment of the rational shares.  No division and no
 * floating point happen before the apportion rule, which is exact itself.
 *
 * Why an arithmetic interface.  The drivers are numeric (NRE in pounds and
 * pence, demand counts) and B(f) grows as the product of every measure's
 * total: with three measures of £100m each it passes 10^30, beyond any
 * machine integer.  The rule therefore works over opaque values and the two
 * operations it needs (CostArithmetic: mul, add, zero, one), never over a
 * machine type of its own.  The cost shares instantiate it with PostgreSQL's
 * numeric, whose multiplication keeps every digit, so the server's result
 * is exact at any size; the unit test instantiates it with exact fractions
 * over int64 and checks a blend worked by hand.  Scaled int128 mantissas
 * would be faster but need an overflow fallback in every caller; the
 * callbacks cost one indirect call per operation, nothing beside numeric's
 * own work, and leave the rule one short loop.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * values is nforces × nmeasures, row-major (values[f * nmeasures + m]);
 * every value present and non-negative, every total positive (the caller
 * has checked).  Fills blended[f] with B(f) (see the top of the file); the
 * apportion rule does the rest.
 */
void
cost_blend(const CostArithmetic *ar, int nforces, int nmeasures,
		   const CostValue *weights, const CostValue *values,
		   const CostValue *totals, CostValue *blended)
{
	CostValue  *others = palloc(sizeof(CostValue) * Max(nmeasures, 1));

	/*
	 * others[m] = Π_{k≠m} V_k, by multiplying the other totals (no
	 * division).
	 */
	for (int m = 0; m < nmeasures; m++)
	{
		CostValue	p = ar->one;

		for (int k = 0; k < nmeasures; k++)
			if (k != m)
				p = ar->mul(p, totals[k], ar->arg);
		others[m] = p;
	}
	for (int f = 0; f < nforces; f++)
	{
		CostValue	b = ar->zero;

		for (int m = 0; m < nmeasures; m++)
		{
			CostValue	term = ar->mul(weights[m], values[f * nmeasures + m], ar->arg);

			term = ar->mul(term, others[m], ar->arg);
			b = ar->add(b, term, ar->arg);
		}
		blended[f] = b;
	}
	pfree(others);
}
