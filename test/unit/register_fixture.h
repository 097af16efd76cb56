/*
 * register_fixture.h — agreements as the register's rules see them, for the
 * unit tests of src/rules/ (membership, statutory shape, execution,
 * withdrawal): built from plain C values, as data/membership.c would read
 * them.
 *
 *   seven_force()  the Seven Force Strategic Collaboration agreement: 14
 *                  corporations sole (CC-BED, PCC-BED, ... SUF), commencing
 *                  22 October 2015, all signed and declared 1 October 2015
 */
#ifndef S22A_UNIT_REGISTER_FIXTURE_H
#define S22A_UNIT_REGISTER_FIXTURE_H

#include "unit.h"

#define FIXTURE_MAX_PARTIES 32

static const char *const seven_forces[] = {"BED", "CAM", "ESS", "HER", "KEN", "NOR", "SUF"};

static Member
member(const char *code, const char *force, PartyKind kind)
{
	Member		m;

	memset(&m, 0, sizeof(m));
	strlcpy(m.code, code, sizeof(m.code));
	strlcpy(m.force, force, sizeof(m.force));
	m.kind = kind;
	return m;
}

/* The 14 parties of the Seven Force agreement, in code order; returns 14. */
static int
seven_force_members(Member *out)
{
	int			n = 0;

	for (int i = 0; i < 7; i++)
		out[n++] = member(psprintf("CC-%s", seven_forces[i]), seven_forces[i], PARTY_CHIEF_OFFICER);
	for (int i = 0; i < 7; i++)
		out[n++] = member(psprintf("PCC-%s", seven_forces[i]), seven_forces[i], PARTY_POLICING_BODY);
	return n;
}

/* An agreement commencing on the day, with no parties yet. */
static AgreementMembership *
agreement(DateADT commences_on)
{
	AgreementMembership *m = palloc0(sizeof(AgreementMembership));

	m->commences_on = commences_on;
	m->parties = palloc0(sizeof(PartyMembership) * FIXTURE_MAX_PARTIES);
	return m;
}

/*
 * Adds a party from commencement, signed and declared on `signed_on` (0:
 * neither), with no leaving day; returns it to set more.  Parties must be
 * added in code order, as data/membership.c reads them.
 */
static PartyMembership *
add_party(AgreementMembership *m, const char *code, const char *force, PartyKind kind,
		  DateADT signed_on)
{
	PartyMembership *p = &m->parties[m->n++];

	memset(p, 0, sizeof(*p));
	strlcpy(p->code, code, sizeof(p->code));
	strlcpy(p->force, force, sizeof(p->force));
	p->kind = kind;
	p->leaves_on = DATEVAL_NOEND;
	if (signed_on != 0)
	{
		p->has_signed = p->has_declared = true;
		p->signed_on = p->declared_on = signed_on;
	}
	return p;
}

/* the party joins on the day (NULL joins_on: from commencement) */
static void
joins(PartyMembership *p, DateADT day)
{
	p->has_joins = true;
	p->joins_on = day;
}

/* the party's withdrawal takes effect on the day (folded into leaves_on) */
static void
withdraws(PartyMembership *p, DateADT day)
{
	p->withdraws = true;
	p->withdraws_on = day;
	if (day < p->leaves_on)
		p->leaves_on = day;
}

static PartyMembership *
party(AgreementMembership *m, const char *code)
{
	int			i = membership_party_index(m, code);

	if (i < 0)
		abort();
	return &m->parties[i];
}

/* The Seven Force agreement: 14 parties, signed and declared 1 October 2015. */
static AgreementMembership *
seven_force(void)
{
	AgreementMembership *m = agreement(UNIT_DAY(2015, 10, 22));

	for (int i = 0; i < 7; i++)
		add_party(m, psprintf("CC-%s", seven_forces[i]), seven_forces[i],
				  PARTY_CHIEF_OFFICER, UNIT_DAY(2015, 10, 1));
	for (int i = 0; i < 7; i++)
		add_party(m, psprintf("PCC-%s", seven_forces[i]), seven_forces[i],
				  PARTY_POLICING_BODY, UNIT_DAY(2015, 10, 1));
	return m;
}

/* "A, B, C": the codes of members, to compare whole lists */
static char *
codes_of(int n, const Member *m)
{
	char	   *s = psprintf("%s", "");

	for (int i = 0; i < n; i++)
		s = psprintf("%s%s%s", s, i ? ", " : "", m[i].code);
	return s;
}

#endif
