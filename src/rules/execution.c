/*
 * rules/execution.c — what executing an agreement needs.
 *
 *   execution_signatures  every party on the commencement date has signed
 *                         the agreement and declared that it is in the
 *                         interests of efficiency or effectiveness (Police
 *                         Act 1996 s22A(3)), both on or before the
 *                         execution day;
 *   execution_lead_force  the lead force is one of the agreement's forces:
 *                         on the commencement date when the agreement is
 *                         executed, on some day of it after a variation.
 *
 * Pure rule code over an AgreementMembership (data/membership.c reads the
 * party rows with their signed_on and declared_on); triggers/agreement.c
 * reports.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * What a party still lacks to execute on executed_on: SIGNATURE_UNSIGNED
 * and/or SIGNATURE_UNDECLARED.  Both must fall on or before the execution
 * day: a party cannot be bound by an agreement it had not yet signed, and
 * s22A(3) makes the declaration a condition of making the agreement.
 */
int
execution_party_faults(bool has_signed, DateADT signed_on,
				 bool has_declared, DateADT declared_on, DateADT executed_on)
{
	int			faults = 0;

	if (!has_signed || signed_on > executed_on)
		faults |= SIGNATURE_UNSIGNED;
	if (!has_declared || declared_on > executed_on)
		faults |= SIGNATURE_UNDECLARED;
	return faults;
}

/*
 * The members on the commencement date, in code order, into members[]
 * (room for m->n), and what each lacks to execute on executed_on into
 * faults[]; returns how many members.  None: the agreement cannot be
 * executed at all.
 */
int
execution_signature_faults(const AgreementMembership *m, DateADT executed_on,
						   Member *members, int *faults)
{
	int			n = membership_members_on(m, m->commences_on, members);

	for (int i = 0; i < n; i++)
	{
		const PartyMembership *p = &m->parties[membership_party_index(m, members[i].code)];

		faults[i] = execution_party_faults(p->has_signed, p->signed_on,
									 p->has_declared, p->declared_on, executed_on);
	}
	return n;
}

/*
 * The distinct forces of the members, in member order, into forces[] (room
 * for n; the codes point into m); returns how many.  A party of kind other
 * has no force.
 */
int
execution_forces(int n, const Member *m, const char **forces)
{
	int			k = 0;

	for (int i = 0; i < n; i++)
	{
		bool		listed = false;

		if (m[i].force[0] == '\0')
			continue;
		for (int j = 0; j < k && !listed; j++)
			listed = strcmp(forces[j], m[i].force) == 0;
		if (!listed)
			forces[k++] = m[i].force;
	}
	return k;
}

/*
 * Does the lead force have a party to the agreement on some day of it, on
 * or after commencement?  Checked on each day membership changes
 * (membership_change_days), which covers every day.
 */
bool
execution_lead_force_has_party(const AgreementMembership *m, const char *lead_force)
{
	DateADT    *days = palloc(sizeof(DateADT) * (1 + 2 * m->n));
	Member	   *members = palloc(sizeof(Member) * Max(m->n, 1));
	int			ndays = membership_change_days(m, days);

	for (int d = 0; d < ndays; d++)
	{
		int			n = membership_members_on(m, days[d], members);

		for (int i = 0; i < n; i++)
			if (strcmp(members[i].force, lead_force) == 0)
				return true;
	}
	return false;
}
