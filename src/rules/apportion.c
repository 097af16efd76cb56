/*
 * rules/apportion.c — the largest-remainder rule, over plain C arrays.
 *
 * Seven Force Collaboration Agreement, clause 5.2: costs are "apportioned between the seven police
 * areas ... upon the basis of the Net Revenue Expenditure ... calculated to
 * one decimal place".  Rounding each share on its own can leave the total at
 * 99.9 or 100.1; the largest remainder (Hamilton) method rounds every share
 * down and then gives the units still missing, one each, to the parties
 * with the largest remainders, so the shares always add up to exactly 100.
 * apportion_units() applies it to exact integer weights; the same rule
 * splits a budget line into pence (split_units).
 *
 * Nothing here touches a Datum: callers pass floors and a priority order,
 * or weights already read into integers (functions/apportion.c).
 */
#include "postgres.h"

#include "s22a.h"

#ifndef HAVE_INT128
#error "s22a needs a compiler with 128-bit integers"
#endif

/* 10^d for d in 0..18: the units of a share or an amount at d decimals */
const int64 s22a_pow10[19] = {
	INT64CONST(1), INT64CONST(10), INT64CONST(100), INT64CONST(1000),
	INT64CONST(10000), INT64CONST(100000), INT64CONST(1000000),
	INT64CONST(10000000), INT64CONST(100000000), INT64CONST(1000000000),
	INT64CONST(10000000000), INT64CONST(100000000000),
	INT64CONST(1000000000000), INT64CONST(10000000000000),
	INT64CONST(100000000000000), INT64CONST(1000000000000000),
	INT64CONST(10000000000000000), INT64CONST(100000000000000000),
	INT64CONST(1000000000000000000)
};

/*
 * Party codes are 1-16 characters of A-Z a-z 0-9 _ - (force codes such as
 * BED, CAM, BTP; party codes such as PCC-CAM).
 */
bool
party_code_valid(const char *code, int len)
{
	if (len < 1 || len > PARTY_CODE_MAXLEN)
		return false;
	for (int i = 0; i < len; i++)
	{
		char		c = code[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			  (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

typedef struct
{
	lr_priority_cmp cmp;
	void	   *arg;
} lr_sort_ctx;

static int
lr_sort_cmp(const void *a, const void *b, void *arg)
{
	lr_sort_ctx *ctx = (lr_sort_ctx *) arg;

	return ctx->cmp(*(const int *) a, *(const int *) b, ctx->arg);
}

/*
 * Gives one unit each to the `leftover` candidates that come first in the
 * priority order.  units[] holds the rounded-down quotas on entry and the
 * final shares on return.  leftover is always less than n: the remainders
 * are each below one unit, so their sum is below n units.
 */
void
lr_distribute(int n, int64 *units, int64 leftover,
			  lr_priority_cmp cmp, void *arg)
{
	int		   *order;
	lr_sort_ctx ctx = {cmp, arg};

	Assert(leftover >= 0 && leftover < n);
	if (leftover == 0)
		return;
	order = palloc(sizeof(int) * n);
	for (int i = 0; i < n; i++)
		order[i] = i;
	qsort_arg(order, n, sizeof(int), lr_sort_cmp, &ctx);
	for (int64 k = 0; k < leftover; k++)
		units[order[k]]++;
	pfree(order);
}

/* ---------- amounts in proportion to weights ------------------------------ */

typedef struct
{
	const int128 *remainder;
	const int128 *weights;
	const char *const *codes;
} proportion_ctx;

/* Larger remainder first, then the larger weight, then the lower code. */
static int
proportion_priority(int a, int b, void *arg)
{
	proportion_ctx *c = (proportion_ctx *) arg;

	if (c->remainder[a] != c->remainder[b])
		return c->remainder[a] > c->remainder[b] ? -1 : 1;
	if (c->weights[a] != c->weights[b])
		return c->weights[a] > c->weights[b] ? -1 : 1;
	return strcmp(c->codes[a], c->codes[b]);
}

/*
 * The rule both apportion() and split() apply: `amount` units (>= 0)
 * divided in proportion to weights (>= 0, adding up to total > 0).  Each
 * party gets the floor of its exact quota weight * amount / total, and the
 * units still missing go one each by largest remainder, ties to the larger
 * weight, then the lower code.  weight * amount must fit in 128 bits.
 */
static void
divide_in_proportion(int n, const int128 *weights, int128 total, int128 amount,
					 const char *const *codes, int64 *units)
{
	int128	   *remainder = palloc(sizeof(int128) * n);
	int128		assigned = 0;
	proportion_ctx ctx = {remainder, weights, codes};

	for (int i = 0; i < n; i++)
	{
		int128		product = weights[i] * amount;

		units[i] = (int64) (product / total);
		remainder[i] = product % total;
		assigned += units[i];
	}
	lr_distribute(n, units, (int64) (amount - assigned), proportion_priority, &ctx);
	pfree(remainder);
}

/*
 * apportion: shares of total_units (100 * 10^decimals) proportional to
 * weights, all at one scale, none negative, each below
 * APPORTION_WEIGHT_LIMIT.  False, with units untouched, when every weight
 * is zero.
 */
bool
apportion_units(int n, const int128 *weights, const char *const *codes,
				int64 total_units, int64 *units)
{
	int128		total = 0;

	for (int i = 0; i < n; i++)
		total += weights[i];
	if (total == 0)
		return false;
	divide_in_proportion(n, weights, total, total_units, codes, units);
	return true;
}

/*
 * split: amount_units (pence, or whatever unit the caller chose; may be
 * negative) divided by the shares, whose units add up to share_total.  The
 * parts add up to exactly amount_units; a negative amount is split as its
 * magnitude and the sign put back, so a refund mirrors the charge it
 * refunds.  The caller has checked share_total > 0.
 */
void
split_units(int n, const int32 *share_units, const char *const *codes,
			int32 share_total, int64 amount_units, int64 *parts)
{
	bool		negative = amount_units < 0;
	int128	   *weights = palloc(sizeof(int128) * n);

	for (int i = 0; i < n; i++)
		weights[i] = share_units[i];
	divide_in_proportion(n, weights, share_total,
						 negative ? -(int128) amount_units : (int128) amount_units,
						 codes, parts);
	if (negative)
		for (int i = 0; i < n; i++)
			parts[i] = -parts[i];
	pfree(weights);
}
