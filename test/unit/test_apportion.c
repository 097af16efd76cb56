/*
 * test_apportion.c — unit tests of src/rules/apportion.c: the largest
 * remainder rule behind apportion() (apportion_units) and split()
 * (split_units), and party codes.
 */
#include "unit.h"

#define SEVEN 7

int
main(void)
{
	/*
	 * Seven Force Collaboration Agreement, clause 5.2: the 2016/17 shares
	 * "upon the basis of the Net Revenue Expenditure ... calculated to one
	 * decimal place".  NRE in pounds (the demo register's figures); the
	 * README's result BED=8.3, CAM=10.8, ESS=21.6, HER=14.7, KEN=22.9,
	 * NOR=12.3, SUF=9.4.  Kent's exact share is 22.951%: rounding each share
	 * on its own would give 23.0 and a total of 100.1.
	 */
	const char *const forces[SEVEN] = {"BED", "CAM", "ESS", "HER", "KEN", "NOR", "SUF"};
	const int128 nre[SEVEN] = {101600000, 131100000, 262800000, 178400000,
	279300000, 149500000, 114200000};
	const int64 want[SEVEN] = {83, 108, 216, 147, 229, 123, 94};
	int64		units[SEVEN];
	bool		same = true;
	int64		sum = 0;

	UNIT_OK(apportion_units(SEVEN, nre, forces, SHARE_TOTAL_UNITS(1), units),
			"apportion: Seven Force NRE 2016/17 apportions");
	for (int i = 0; i < SEVEN; i++)
	{
		same = same && units[i] == want[i];
		sum += units[i];
	}
	UNIT_OK(same, "apportion: BED=8.3, CAM=10.8, ESS=21.6, HER=14.7, KEN=22.9, NOR=12.3, SUF=9.4");
	UNIT_OK(sum == 1000, "apportion: the seven shares add up to 100.0");

	/* the same at 2 decimals: the rule is not special to one decimal */
	{
		int64		u2[SEVEN];
		int64		s2 = 0;

		apportion_units(SEVEN, nre, forces, SHARE_TOTAL_UNITS(2), u2);
		for (int i = 0; i < SEVEN; i++)
			s2 += u2[i];
		UNIT_OK(s2 == 10000 && u2[4] == 2295,
				"apportion: at 2 decimals the shares add up to 100.00 and Kent has 22.95");
	}

	/* ties on the remainder go to the larger weight, even against the lower code */
	{
		const char *const codes[3] = {"A", "B", "C"};
		const int128 w[3] = {1, 3, 4};	/* quotas 12.5, 37.5, 50 */
		int64		u[3];

		apportion_units(3, w, codes, SHARE_TOTAL_UNITS(0), u);
		UNIT_OK(u[0] == 12 && u[1] == 38 && u[2] == 50,
				"apportion: 12.5 and 37.5 tie on the remainder; the larger weight (B) gets the unit");
	}
	/* then to the lower code */
	{
		const char *const codes[3] = {"HER", "BED", "CAM"};
		const int128 w[3] = {1, 1, 1};	/* 33.3... each */
		int64		u[3];

		apportion_units(3, w, codes, SHARE_TOTAL_UNITS(0), u);
		UNIT_OK(u[0] == 33 && u[1] == 34 && u[2] == 33,
				"apportion: three equal weights: the lowest code (BED) gets the 34th unit");
	}
	/* every weight zero: nothing to apportion */
	{
		const char *const codes[2] = {"BED", "CAM"};
		const int128 w[2] = {0, 0};
		int64		u[2] = {-1, -1};

		UNIT_OK(!apportion_units(2, w, codes, SHARE_TOTAL_UNITS(1), u) && u[0] == -1,
				"apportion: all weights zero is refused, the result untouched");
	}
	/* a zero weight among others gets nothing */
	{
		const char *const codes[3] = {"BED", "CAM", "HER"};
		const int128 w[3] = {0, 1, 2};
		int64		u[3];

		apportion_units(3, w, codes, SHARE_TOTAL_UNITS(1), u);
		UNIT_OK(u[0] == 0 && u[1] == 333 && u[2] == 667,
				"apportion: weights 0, 1, 2 give 0.0, 33.3, 66.7");
	}

	/*
	 * split to the penny.  The README's joint armed policing line: 9,876,543.21
	 * by BED=24.8, CAM=30.8, HER=44.4 is 2,449,382.72, 3,041,975.31 and
	 * 4,385,185.18: the two pence left over go to CAM (0.87p) and BED (0.61p).
	 */
	{
		const char *const codes[3] = {"BED", "CAM", "HER"};
		const int32 shares[3] = {248, 308, 444};
		int64		parts[3];

		split_units(3, shares, codes, 1000, INT64CONST(987654321), parts);
		UNIT_OK(parts[0] == 244938272 && parts[1] == 304197531 && parts[2] == 438518518,
				"split: 9876543.21 by 24.8/30.8/44.4 is 2449382.72, 3041975.31, 4385185.18");
		split_units(3, shares, codes, 1000, -INT64CONST(987654321), parts);
		UNIT_OK(parts[0] == -244938272 && parts[1] == -304197531 && parts[2] == -438518518,
				"split: a refund of 9876543.21 mirrors the charge, penny for penny");
	}
	{
		const char *const codes[3] = {"BED", "CAM", "HER"};
		const int32 shares[3] = {333, 333, 334};
		int64		parts[3];

		split_units(3, shares, codes, 1000, 1, parts);
		UNIT_OK(parts[0] == 0 && parts[1] == 0 && parts[2] == 1,
				"split: one penny goes to the largest share");
		split_units(3, shares, codes, 1000, 200, parts);
		UNIT_OK(parts[0] + parts[1] + parts[2] == 200 && parts[2] == 67 && parts[0] == 67 && parts[1] == 66,
				"split: 2.00 by 33.3/33.3/33.4 is 0.67, 0.66, 0.67 (the tie to the lower code, BED)");
		split_units(3, shares, codes, 1000, PG_INT64_MAX, parts);
		UNIT_OK((int128) parts[0] + parts[1] + parts[2] == PG_INT64_MAX,
				"split: the largest amount still adds up exactly");
	}

	UNIT_OK(party_code_valid("PCC-CAM", 7) && party_code_valid("BTP", 3) &&
			party_code_valid("ABCDEFGHIJKLMNOP", 16),
			"party codes: PCC-CAM, BTP and 16 characters are valid");
	UNIT_OK(!party_code_valid("", 0) && !party_code_valid("ABCDEFGHIJKLMNOPQ", 17) &&
			!party_code_valid("BED CAM", 7) && !party_code_valid("BED=", 4),
			"party codes: empty, 17 characters, a space or = are not");
	UNIT_DONE();
}
