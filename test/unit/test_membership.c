/*
 * test_membership.c — unit tests of src/rules/membership.c: who is party to
 * an agreement on a day.
 */
#include "register_fixture.h"

int
main(void)
{
	DateADT		commences = UNIT_DAY(2017, 4, 1),
				may1 = UNIT_DAY(2019, 5, 1),
				apr30 = UNIT_DAY(2019, 4, 30);
	AgreementMembership *m;
	Member		members[FIXTURE_MAX_PARTIES];
	DateADT		days[1 + 2 * FIXTURE_MAX_PARTIES];
	const char **forces;
	int			n;

	/* member_on(commences_on, has_joins, joins_on, leaves_on, on) */
	UNIT_OK(member_on(commences, true, may1, DATEVAL_NOEND, may1),
			"membership: a party joining on 2019-05-01 is a member from that day");
	UNIT_OK(!member_on(commences, true, may1, DATEVAL_NOEND, apr30),
			"membership: ... and not the day before");
	UNIT_OK(member_on(commences, false, 0, may1, apr30),
			"membership: a party leaving on 2019-05-01 is a member the day before");
	UNIT_OK(!member_on(commences, false, 0, may1, may1),
			"membership: ... and not on its leaving day");
	UNIT_OK(member_on(commences, false, 0, DATEVAL_NOEND, commences) &&
			!member_on(commences, false, 0, DATEVAL_NOEND, commences - 1),
			"membership: no joins_on: a member from commencement");
	UNIT_OK(member_on(commences, false, 0, DATEVAL_NOEND, UNIT_DAY(2099, 12, 31)),
			"membership: no leaving day: a member for good (membership does not end with the term)");
	UNIT_OK(member_on(commences, true, UNIT_DAY(2016, 1, 1), DATEVAL_NOEND, UNIT_DAY(2016, 1, 1)),
			"membership: a joins_on before commencement counts from joins_on");

	/*
	 * The Chiltern Transport Consortium (CPCC2019-008): BED, CAM and HER from
	 * 1 April 2017; British Transport Police joins on 1 May 2019
	 * (CPCC2019-008).
	 */
	m = agreement(commences);
	joins(add_party(m, "BTPA", "BTP", PARTY_POLICING_BODY, 0), may1);
	add_party(m, "CC-BED", "BED", PARTY_CHIEF_OFFICER, 0);
	joins(add_party(m, "CC-BTP", "BTP", PARTY_CHIEF_OFFICER, 0), may1);
	add_party(m, "CC-CAM", "CAM", PARTY_CHIEF_OFFICER, 0);
	add_party(m, "CC-HER", "HER", PARTY_CHIEF_OFFICER, 0);
	add_party(m, "PCC-BED", "BED", PARTY_POLICING_BODY, 0);
	add_party(m, "PCC-CAM", "CAM", PARTY_POLICING_BODY, 0);
	add_party(m, "PCC-HER", "HER", PARTY_POLICING_BODY, 0);

	n = membership_members_on(m, apr30, members);
	UNIT_OK(n == 6 && strcmp(codes_of(n, members), "CC-BED, CC-CAM, CC-HER, PCC-BED, PCC-CAM, PCC-HER") == 0,
			"membership: 6 parties on 2019-04-30: %s", codes_of(n, members));
	n = membership_members_on(m, may1, members);
	UNIT_OK(n == 8 && strcmp(members[0].code, "BTPA") == 0 && strcmp(members[2].code, "CC-BTP") == 0,
			"membership: 8 parties on 2019-05-01, in code order: %s", codes_of(n, members));
	UNIT_OK(membership_members_on(m, commences - 1, members) == 0,
			"membership: nobody before commencement");

	n = membership_forces_on(m, apr30, &forces);
	UNIT_OK(n == 3 && strcmp(forces[0], "BED") == 0 && strcmp(forces[1], "CAM") == 0 &&
			strcmp(forces[2], "HER") == 0,
			"membership: forces on 2019-04-30: BED, CAM, HER");
	n = membership_forces_on(m, may1, &forces);
	UNIT_OK(n == 4 && strcmp(forces[1], "BTP") == 0,
			"membership: forces on 2019-05-01: BED, BTP, CAM, HER (each once, in code order)");
	add_party(m, "RAIL", "", PARTY_OTHER, 0);
	UNIT_OK(membership_forces_on(m, may1, &forces) == 4,
			"membership: a party of kind other brings no force");

	/* a withdrawal, folded into leaves_on */
	withdraws(party(m, "PCC-HER"), UNIT_DAY(2020, 7, 1));
	UNIT_OK(membership_party_on(m, membership_party_index(m, "PCC-HER"), UNIT_DAY(2020, 6, 30)) &&
			!membership_party_on(m, membership_party_index(m, "PCC-HER"), UNIT_DAY(2020, 7, 1)),
			"membership: a withdrawal taking effect on 2020-07-01: a member on 30 June, not on 1 July");

	/* the days membership changes on */
	party(m, "CC-CAM")->leaves_on = UNIT_DAY(2021, 3, 31);
	joins(party(m, "RAIL"), UNIT_DAY(2016, 1, 1));
	n = membership_change_days(m, days);
	UNIT_OK(n == 4 && days[0] == commences && days[1] == may1 &&
			days[2] == UNIT_DAY(2020, 7, 1) && days[3] == UNIT_DAY(2021, 3, 31),
			"membership: it changes on commencement, 2019-05-01, 2020-07-01 and 2021-03-31 (each once; a joining before commencement is commencement)");
	UNIT_OK(membership_change_days(agreement(commences), days) == 1 && days[0] == commences,
			"membership: an agreement without parties changes on commencement only");

	/* finding parties and members */
	UNIT_OK(membership_party_index(m, "CC-HER") == 4 && membership_party_index(m, "CC-XYZ") == -1,
			"membership: find a party by code");
	n = membership_members_on(m, may1, members);
	UNIT_OK(membership_member_index(n, members, "BTP", PARTY_POLICING_BODY) == 0 &&
			membership_member_index(n, members, "BTP", PARTY_CHIEF_OFFICER) == 2 &&
			membership_member_index(n, members, "KEN", PARTY_CHIEF_OFFICER) == -1,
			"membership: find a force's chief officer or policing body among the members");
	UNIT_DONE();
}
