/*
 * test_statutory_shape.c — unit tests of src/rules/statutory_shape.c:
 * Police Act 1996 s22A(1), (3), (5) and s23C(6) over the members on a day.
 */
#include "register_fixture.h"

static ShapeFault
shape(int n, const Member *m, bool *orphan)
{
	return statutory_shape_fault(n, m, orphan);
}

int
main(void)
{
	Member		m[FIXTURE_MAX_PARTIES];
	Member		before[FIXTURE_MAX_PARTIES];
	bool		orphan[FIXTURE_MAX_PARTIES];
	int			n,
				her = -1;
	bool		only_her;

	/* the Seven Force agreement: 7 chief constables, 7 PCCs */
	n = seven_force_members(m);
	UNIT_OK(n == 14, "shape: the Seven Force agreement has 14 parties");
	UNIT_OK(shape(n, m, orphan) == SHAPE_OK, "shape: the Seven Force 14 parties are of statutory shape");
	only_her = true;
	for (int i = 0; i < n; i++)
		only_her &= !orphan[i];
	UNIT_OK(only_her, "shape: no Seven Force chief officer is an orphan");

	/* a chief officer without its body: PCC-HER leaves, CC-HER stays */
	for (int i = 0; i < n; i++)
		if (strcmp(m[i].code, "PCC-HER") == 0)
			her = i;
	memmove(&m[her], &m[her + 1], sizeof(Member) * (n - her - 1));
	n--;
	UNIT_OK(shape(n, m, orphan) == SHAPE_CHIEF_WITHOUT_BODY,
			"shape: CC-HER without PCC-HER is a chief officer without its body (s22A(5), s23C(6))");
	only_her = true;
	for (int i = 0; i < n; i++)
		only_her &= orphan[i] == (strcmp(m[i].code, "CC-HER") == 0);
	UNIT_OK(only_her, "shape: CC-HER, and only CC-HER, is marked an orphan");

	/* one policing body alone */
	m[0] = member("PCC-BED", "BED", PARTY_POLICING_BODY);
	UNIT_OK(shape(1, m, orphan) == SHAPE_ONE_POLICING_BODY,
			"shape: one policing body alone is refused (two bodies, or one with another person)");
	m[1] = member("CC-BED", "BED", PARTY_CHIEF_OFFICER);
	UNIT_OK(shape(2, m, orphan) == SHAPE_ONE_POLICING_BODY,
			"shape: one policing body with its own chief officer is still one body and no other party");

	/* one policing body plus an `other` party (s22A(6)) */
	m[1] = member("BTPA", "", PARTY_OTHER);
	UNIT_OK(shape(2, m, orphan) == SHAPE_OK,
			"shape: one policing body with a party of kind other is of statutory shape");
	m[2] = member("CC-BED", "BED", PARTY_CHIEF_OFFICER);
	UNIT_OK(shape(3, m, orphan) == SHAPE_OK,
			"shape: ... and with its chief officer too");
	m[2] = member("CC-CAM", "CAM", PARTY_CHIEF_OFFICER);
	UNIT_OK(shape(3, m, orphan) == SHAPE_CHIEF_WITHOUT_BODY && orphan[2] && !orphan[0] && !orphan[1],
			"shape: ... but not with another force's chief officer (CC-CAM without PCC-CAM)");

	/* no policing body at all, and the order the faults are reported in */
	m[0] = member("CC-BED", "BED", PARTY_CHIEF_OFFICER);
	m[1] = member("BTPA", "", PARTY_OTHER);
	UNIT_OK(shape(2, m, orphan) == SHAPE_NO_POLICING_BODY,
			"shape: no policing body is reported first, before the orphaned chief officer (s22A(1))");
	UNIT_OK(shape(0, m, orphan) == SHAPE_NO_POLICING_BODY,
			"shape: nobody at all has no policing body");
	m[0] = member("PCC-BED", "BED", PARTY_POLICING_BODY);
	m[1] = member("CC-CAM", "CAM", PARTY_CHIEF_OFFICER);
	UNIT_OK(shape(2, m, orphan) == SHAPE_ONE_POLICING_BODY,
			"shape: one body and no other party is reported before an orphaned chief officer");
	m[2] = member("PCC-HER", "HER", PARTY_POLICING_BODY);
	UNIT_OK(shape(3, m, orphan) == SHAPE_CHIEF_WITHOUT_BODY,
			"shape: two bodies and CC-CAM without PCC-CAM: a chief officer without its body");

	/* chief_left_without_body: the day before and the day a withdrawal takes effect */
	before[0] = member("CC-HER", "HER", PARTY_CHIEF_OFFICER);
	before[1] = member("PCC-HER", "HER", PARTY_POLICING_BODY);
	m[0] = before[0];
	UNIT_OK(chief_left_without_body(2, before, 1, m, "HER"),
			"shape: PCC-HER withdrawing while CC-HER stays leaves the chief officer without its body");
	UNIT_OK(!chief_left_without_body(2, before, 0, m, "HER"),
			"shape: both withdrawing with the same effect leaves nobody behind");
	UNIT_OK(!chief_left_without_body(2, before, 2, before, "HER"),
			"shape: nobody withdrawing leaves nobody behind");
	UNIT_OK(!chief_left_without_body(1, before, 1, m, "HER"),
			"shape: a chief officer already without its body the day before is the shape rule's fault, not the withdrawal's");
	UNIT_OK(!chief_left_without_body(2, before, 1, m, "BED"),
			"shape: another force is not affected");
	UNIT_DONE();
}
