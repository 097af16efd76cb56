/*
 * test_cost_override_covers_members.c — unit tests of
 * src/rules/cost_override_covers_members.c: stated percentages give a share
 * to exactly the forces party on 1 April of the year.  The example is the
 * Chiltern Transport Consortium (BED, CAM, HER, TVP), which British
 * Transport Police joined on 1 May 2019 (CPCC2019-008): BTP pays nothing
 * for 2019/20, so a 2019/20 override must not name it.
 */
#include "unit.h"

int
main(void)
{
	const char *ctc[] = {"BED", "CAM", "HER", "TVP"};
	const char *with_btp[] = {"BED", "BTP", "CAM", "HER", "TVP"};
	const char *without_her[] = {"BED", "CAM", "TVP"};
	const char *swapped[] = {"BED", "BTP", "CAM", "TVP"};
	const char *extra,
			   *missing;

	UNIT_OK(cost_override_covers_members(4, ctc, 4, ctc, &extra, &missing) &&
			extra == NULL && missing == NULL,
			"cost_override_covers_members: the CTC forces on 1 April 2019 cover the members");
	/* BTP joined the Chiltern Transport Consortium on 1 May 2019 */
	UNIT_OK(!cost_override_covers_members(5, with_btp, 4, ctc, &extra, &missing) &&
			extra && strcmp(extra, "BTP") == 0 && missing == NULL,
			"cost_override_covers_members: a 2019/20 share for BTP (joined 1 May 2019) is a share to a non-member");
	UNIT_OK(!cost_override_covers_members(3, without_her, 4, ctc, &extra, &missing) &&
			extra == NULL && missing && strcmp(missing, "HER") == 0,
			"cost_override_covers_members: no share for HER is a member left out");
	UNIT_OK(!cost_override_covers_members(4, swapped, 4, ctc, &extra, &missing) &&
			extra && strcmp(extra, "BTP") == 0 && missing && strcmp(missing, "HER") == 0,
			"cost_override_covers_members: same count, different forces: both named");
	UNIT_OK(!cost_override_covers_members(0, ctc, 4, ctc, &extra, &missing) &&
			missing && strcmp(missing, "BED") == 0,
			"cost_override_covers_members: no shares at all: the first member is missing");
	UNIT_DONE();
}
