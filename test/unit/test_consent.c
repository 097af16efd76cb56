/*
 * test_consent.c — unit tests of src/rules/consent.c (and the sorted code
 * sets of src/rules/party_codes.c): who must consent and who has not, on
 * the Seven Force agreement (7 forces, 14 parties; Schedule A).
 */
#include "unit.h"

/* the 14 parties of the Seven Force agreement, in byte order */
static const char *const seven_force[14] = {
	"CC-BED", "CC-CAM", "CC-ESX", "CC-HER", "CC-KEN", "CC-NOR", "CC-SUF",
	"PCC-BED", "PCC-CAM", "PCC-ESX", "PCC-HER", "PCC-KEN", "PCC-NOR", "PCC-SUF"
};

static bool
same(const char *const *a, int na, const char *const *b, int nb)
{
	if (na != nb)
		return false;
	for (int i = 0; i < na; i++)
		if (strcmp(a[i], b[i]) != 0)
			return false;
	return true;
}

int
main(void)
{
	const char *required[14];
	const char *missing[14];
	const char *not_written[14];
	int			n,
				nmissing,
				nnot_written;
	/* a custody business case affecting Cambridgeshire and Hertfordshire */
	static const char *const impacted[] = {"CC-CAM", "CC-HER", "PCC-CAM", "PCC-HER"};
	static const char *const consents[] = {"CC-CAM", "CC-HER", "PCC-CAM"};
	/* CC-CAM wrote; CC-HER and PCC-CAM consented at the meeting */
	static const bool written[] = {true, false, false};

	UNIT_OK(party_codes_find(seven_force, 14, "CC-BED") == 0 &&
			party_codes_find(seven_force, 14, "PCC-SUF") == 13 &&
			party_codes_find(seven_force, 14, "PCC-KEN") == 11,
			"party codes: found where they are, first, last and between");
	UNIT_OK(party_codes_find(seven_force, 14, "CC-BTP") == -1 &&
			party_codes_find(seven_force, 14, "CC") == -1 &&
			party_codes_find(seven_force, 0, "CC-BED") == -1,
			"party codes: BTP is no party to it; a prefix is no code; an empty list has none");

	/* a renewal (or any decision outside a meeting): all 14 */
	n = consent_required_codes(seven_force, 14, impacted, 4, true, required);
	UNIT_OK(same(required, n, seven_force, 14),
			"consent: every party decision of the Seven Force agreement needs all 14 parties, impacted or not");
	/* an in principle decision at a meeting: only the materially affected */
	n = consent_required_codes(seven_force, 14, impacted, 4, false, required);
	UNIT_OK(same(required, n, impacted, 4),
			"consent: an in principle decision at a meeting needs only the 4 parties materially affected");
	n = consent_required_codes(seven_force, 14, NULL, 0, false, required);
	UNIT_OK(n == 0, "consent: one affecting nobody needs no consent");
	/* an impacted party that is no member on the decision date is not asked */
	{
		static const char *const with_btp[] = {"CC-BTP", "CC-CAM"};

		n = consent_required_codes(seven_force, 14, with_btp, 2, false, required);
		UNIT_OK(n == 1 && strcmp(required[0], "CC-CAM") == 0,
				"consent: an affected party that is no member on the decision date is not required");
	}

	/* the shortfall at a meeting, in principle: a meeting consent counts */
	consent_shortfall(impacted, 4, consents, written, 3, false,
					  missing, &nmissing, not_written, &nnot_written);
	UNIT_OK(nmissing == 1 && strcmp(missing[0], "PCC-HER") == 0 && nnot_written == 0,
			"consent: in principle at a meeting, only PCC-HER is missing; meeting consents count");
	/* where writing is needed, a `meeting` consent does not count */
	consent_shortfall(impacted, 4, consents, written, 3, true,
					  missing, &nmissing, not_written, &nnot_written);
	UNIT_OK(nmissing == 1 && strcmp(missing[0], "PCC-HER") == 0,
			"consent: where writing is needed PCC-HER is still missing");
	UNIT_OK(nnot_written == 2 && strcmp(not_written[0], "CC-HER") == 0 &&
			strcmp(not_written[1], "PCC-CAM") == 0,
			"consent: and CC-HER and PCC-CAM consented only at a meeting: not written");
	/* a renewal with no consent yet: all 14 missing, none "not written" */
	consent_shortfall(seven_force, 14, NULL, NULL, 0, true,
					  missing, &nmissing, not_written, &nnot_written);
	UNIT_OK(same(missing, nmissing, seven_force, 14) && nnot_written == 0,
			"consent: with no consents at all every one of the 14 is missing");
	/* every consent in writing: nothing short */
	{
		bool		all_written[14];

		for (int i = 0; i < 14; i++)
			all_written[i] = true;
		consent_shortfall(seven_force, 14, seven_force, all_written, 14, true,
						  missing, &nmissing, not_written, &nnot_written);
		UNIT_OK(nmissing == 0 && nnot_written == 0,
				"consent: 14 written consents make a renewal's consent complete");
	}
	/* which consents count: not void, given on or before the decision was made */
	{
		const ConsentGiven given[] = {
			{"CC-BED", true, UNIT_DAY(2016, 11, 1), false},
			{"CC-CAM", true, UNIT_DAY(2016, 11, 1), true},	/* withdrawn */
			{"CC-ESX", false, UNIT_DAY(2016, 12, 1), false},	/* after made_on */
			{"CC-HER", false, UNIT_DAY(2016, 11, 3), false},
		};
		const char *codes[4];
		bool		w[4];
		int			k = consent_counting(given, 4, UNIT_DAY(2016, 11, 3), codes, w);

		UNIT_OK(k == 2 && strcmp(codes[0], "CC-BED") == 0 && w[0] &&
				strcmp(codes[1], "CC-HER") == 0 && !w[1],
				"consent: a void consent and one given after made_on do not count; one given on made_on does");
	}
	/* dates of evidence */
	UNIT_OK(evidence_date_fault(true, UNIT_DAY(2019, 1, 6), UNIT_DAY(2019, 1, 7), UNIT_DAY(2026, 11, 29), false, 0) == EVIDENCE_DATE_BEFORE_PROPOSED,
			"consent: dated the day before the proposal");
	UNIT_OK(evidence_date_fault(true, UNIT_DAY(2026, 11, 30), UNIT_DAY(2019, 1, 7), UNIT_DAY(2026, 11, 29), false, 0) == EVIDENCE_DATE_AFTER_TODAY,
			"consent: dated tomorrow");
	UNIT_OK(evidence_date_fault(true, UNIT_DAY(2019, 1, 7), UNIT_DAY(2019, 1, 7), UNIT_DAY(2026, 11, 29), false, 0) == EVIDENCE_DATE_OK,
			"consent: dated the day proposed");
	UNIT_OK(evidence_date_fault(false, 0, UNIT_DAY(2019, 1, 7), UNIT_DAY(2026, 11, 29), false, 0) == EVIDENCE_DATE_MISSING,
			"consent: undated");
	UNIT_OK(evidence_date_fault(true, UNIT_DAY(2019, 3, 4), UNIT_DAY(2019, 3, 1), UNIT_DAY(2026, 11, 29), true, UNIT_DAY(2026, 11, 29)) == EVIDENCE_DATE_BEFORE_VOID &&
			evidence_date_fault(true, UNIT_DAY(2026, 11, 29), UNIT_DAY(2019, 3, 1), UNIT_DAY(2026, 11, 29), true, UNIT_DAY(2026, 11, 29)) == EVIDENCE_DATE_OK,
			"consent: given again after it was voided, it is dated on or after the void");
	UNIT_DONE();
}
