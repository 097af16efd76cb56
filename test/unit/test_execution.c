/*
 * test_execution.c — unit tests of src/rules/execution.c: the signatures
 * and declarations (Police Act 1996 s22A(3)) and the lead force.
 */
#include "register_fixture.h"

int
main(void)
{
	DateADT		sep30 = UNIT_DAY(2015, 9, 30),
				oct1 = UNIT_DAY(2015, 10, 1),
				oct15 = UNIT_DAY(2015, 10, 15),
				oct16 = UNIT_DAY(2015, 10, 16);
	AgreementMembership *m;
	Member		members[FIXTURE_MAX_PARTIES];
	int			faults[FIXTURE_MAX_PARTIES];
	const char *forces[FIXTURE_MAX_PARTIES];
	int			n,
				nforces;
	bool		all_clear;

	/* one party's faults */
	UNIT_OK(execution_party_faults(true, oct1, true, oct1, oct15) == 0,
			"signatures: signed and declared before the execution day");
	UNIT_OK(execution_party_faults(true, oct15, true, oct15, oct15) == 0,
			"signatures: signed and declared on the execution day itself");
	UNIT_OK(execution_party_faults(true, oct16, true, oct1, oct15) == SIGNATURE_UNSIGNED,
			"signatures: signed the day after execution is unsigned");
	UNIT_OK(execution_party_faults(false, 0, true, oct1, oct15) == SIGNATURE_UNSIGNED,
			"signatures: no signed_on is unsigned");
	UNIT_OK(execution_party_faults(true, oct1, false, 0, oct15) == SIGNATURE_UNDECLARED,
			"signatures: no declared_on is undeclared (s22A(3))");
	UNIT_OK(execution_party_faults(true, oct1, true, oct16, oct15) == SIGNATURE_UNDECLARED,
			"signatures: declared the day after execution is undeclared");
	UNIT_OK(execution_party_faults(false, 0, false, 0, oct15) == (SIGNATURE_UNSIGNED | SIGNATURE_UNDECLARED),
			"signatures: neither signed nor declared is both");
	UNIT_OK(execution_party_faults(true, sep30, true, sep30, oct15) == 0,
			"signatures: a fortnight early is fine");

	/* the Seven Force agreement, executed 15 October 2015 */
	m = seven_force();
	n = execution_signature_faults(m, oct15, members, faults);
	all_clear = true;
	for (int i = 0; i < n; i++)
		all_clear &= faults[i] == 0;
	UNIT_OK(n == 14 && all_clear,
			"signatures: the 14 Seven Force parties, signed and declared 1 October, may execute on 15 October");
	n = execution_signature_faults(m, sep30, members, faults);
	all_clear = true;
	for (int i = 0; i < n; i++)
		all_clear &= faults[i] == (SIGNATURE_UNSIGNED | SIGNATURE_UNDECLARED);
	UNIT_OK(n == 14 && all_clear, "signatures: ... but not on 30 September, before any signed");

	party(m, "PCC-KEN")->has_declared = false;
	party(m, "CC-NOR")->signed_on = oct16;
	n = execution_signature_faults(m, oct15, members, faults);
	all_clear = true;
	for (int i = 0; i < n; i++)
		all_clear &= faults[i] == (strcmp(members[i].code, "PCC-KEN") == 0 ? SIGNATURE_UNDECLARED :
								   strcmp(members[i].code, "CC-NOR") == 0 ? SIGNATURE_UNSIGNED : 0);
	UNIT_OK(n == 14 && all_clear,
			"signatures: PCC-KEN has not declared and CC-NOR signed late; the other 12 are clear");

	/* a party joining after commencement is not a party on commencement */
	m = seven_force();
	joins(add_party(m, "ZZ-LATE", "", PARTY_OTHER, 0), UNIT_DAY(2019, 5, 1));
	n = execution_signature_faults(m, oct15, members, faults);
	UNIT_OK(n == 14, "signatures: a party joining in 2019 need not sign for the 2015 execution");
	UNIT_OK(execution_signature_faults(agreement(oct15), oct15, members, faults) == 0,
			"signatures: an agreement with no parties has none on its commencement date");

	/* the forces of the members */
	n = seven_force_members(members);
	nforces = execution_forces(n, members, forces);
	UNIT_OK(nforces == 7 && strcmp(forces[0], "BED") == 0 && strcmp(forces[6], "SUF") == 0,
			"lead force: the 14 Seven Force parties are of 7 forces, BED to SUF");
	members[n++] = member("BTPA", "", PARTY_OTHER);
	UNIT_OK(execution_forces(n, members, forces) == 7,
			"lead force: a party of kind other has no force");

	/* the lead force on some day of the agreement, after a variation */
	m = seven_force();
	UNIT_OK(execution_lead_force_has_party(m, "ESS"), "lead force: ESS has parties to the Seven Force agreement");
	UNIT_OK(!execution_lead_force_has_party(m, "BTP"), "lead force: BTP has none");
	joins(add_party(m, "CC-BTP", "BTP", PARTY_CHIEF_OFFICER, 0), UNIT_DAY(2019, 5, 1));
	UNIT_OK(execution_lead_force_has_party(m, "BTP"), "lead force: BTP has, once CC-BTP joins on 1 May 2019");
	m = seven_force();
	party(m, "CC-BED")->leaves_on = oct15;
	party(m, "PCC-BED")->leaves_on = oct15;
	UNIT_OK(!execution_lead_force_has_party(m, "BED"),
			"lead force: BED, whose parties left before commencement, never has a party");
	UNIT_DONE();
}
