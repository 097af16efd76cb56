/*
 * fuzz_split.c — the largest-remainder core (lr_distribute via split_units).
 *
 * The input bytes become 1-64 shares that add up to 100% at 0-4 decimals
 * and an amount in pence, positive or negative, up to the 64-bit limit.
 * Properties: the parts add up to exactly the amount; each part is within
 * one penny of its exact quota, on the same side of zero; a larger share
 * never gets less than a smaller one.
 */
#include "postgres.h"

#include "s22a.h"
#include "shim.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int			decimals,
				n;
	int32		total;
	int32		shares[64];
	char		codebuf[64][4];
	const char *codes[64];
	int64		parts[64];
	int64		amount = 0;
	int64		given = 0;
	int128		sum = 0;

	if (size < 10)
		return 0;
	decimals = data[0] % (SHARE_DECIMALS_MAX + 1);
	total = (int32) SHARE_TOTAL_UNITS(decimals);
	memcpy(&amount, data + 1, sizeof(int64));
	if (amount == PG_INT64_MIN)
		amount++;				/* its magnitude is not an int64 */
	data += 9;
	size -= 9;
	n = 1 + data[0] % 64;
	data++;
	size--;
	for (int i = 0; i < n; i++)
	{
		uint32		raw = 0;

		if (size >= 3)
		{
			raw = data[0] | (data[1] << 8) | (data[2] << 16);
			data += 3;
			size -= 3;
		}
		/* the last party takes what is left, so the shares add up to 100% */
		shares[i] = (i == n - 1) ? total - given : (int32) (raw % (uint32) (total - given + 1));
		given += shares[i];
		snprintf(codebuf[i], sizeof(codebuf[i]), "P%02d", i);
		codes[i] = codebuf[i];
	}

	split_units(n, shares, codes, total, amount, parts);

	for (int i = 0; i < n; i++)
	{
		int128		exact_num = (int128) amount * shares[i];	/* over total */
		int128		lo = exact_num / total;		/* truncated toward zero */

		sum += parts[i];
		if (amount >= 0)
			CHECK(parts[i] == lo || parts[i] == lo + 1);
		else
			CHECK(parts[i] == lo || parts[i] == lo - 1);
		for (int j = 0; j < n; j++)
			if (shares[i] > shares[j])
				CHECK(amount >= 0 ? parts[i] >= parts[j] : parts[i] <= parts[j]);
	}
	CHECK(sum == amount);
	shim_reset();
	return 0;
}
