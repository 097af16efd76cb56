/*
 * rules/statutory_shape.c — the statutory shape of an agreement's parties.
 *
 * Police Act 1996 s22A(1), (3) and (5) as amended in 2017, and s23C(6):
 *
 *   - a collaboration agreement is made by policing bodies, so at least one
 *     policing body is a party (s22A(1));
 *   - two or more policing bodies, or one policing body with another person
 *     (a party of kind "other", s22A(6));
 *   - a chief officer is party only together with the policing body that
 *     maintains its force (s22A(5), s23C(6)), on every day of membership.
 *
 * Pure rule code over the members on one day (rules/membership.c decides
 * who they are); triggers/agreement_party.c reports the faults, and
 * triggers/withdrawal.c uses chief_left_without_body() for the pairing of
 * withdrawals.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * Statutory shape of the members on one day.  Marks in orphan[] every chief
 * officer whose force's policing body is not a member.  The faults are
 * reported in this order: no policing body at all; a single policing body
 * with no "other" party; a chief officer without its policing body.
 */
ShapeFault
statutory_shape_fault(int n, const Member *m, bool *orphan)
{
	int			bodies = 0,
				others = 0;
	bool		any_orphan = false;

	for (int i = 0; i < n; i++)
	{
		orphan[i] = false;
		if (m[i].kind == PARTY_POLICING_BODY)
			bodies++;
		else if (m[i].kind == PARTY_OTHER)
			others++;
	}
	for (int i = 0; i < n; i++)
	{
		if (m[i].kind != PARTY_CHIEF_OFFICER)
			continue;
		orphan[i] = membership_member_index(n, m, m[i].force, PARTY_POLICING_BODY) < 0;
		any_orphan |= orphan[i];
	}
	if (bodies == 0)
		return SHAPE_NO_POLICING_BODY;
	if (bodies == 1 && others == 0)
		return SHAPE_ONE_POLICING_BODY;
	if (any_orphan)
		return SHAPE_CHIEF_WITHOUT_BODY;
	return SHAPE_OK;
}

/*
 * A withdrawal taking effect on day D leaves a chief officer without its
 * policing body when, for its force, both were members the day before and
 * only the chief officer is a member on D.
 */
bool
chief_left_without_body(int nbefore, const Member *before,
						int nafter, const Member *after, const char *force)
{
	return membership_member_index(nbefore, before, force, PARTY_CHIEF_OFFICER) >= 0 &&
		membership_member_index(nbefore, before, force, PARTY_POLICING_BODY) >= 0 &&
		membership_member_index(nafter, after, force, PARTY_CHIEF_OFFICER) >= 0 &&
		membership_member_index(nafter, after, force, PARTY_POLICING_BODY) < 0;
}
