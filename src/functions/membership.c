/*
 * functions/membership.c — membership on a date in SQL: parties_on() and
 * forces_on().
 *
 * The rule is rules/membership.c; data/membership.c reads the party rows
 * (and raises 22023 for an unknown agreement).
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "s22a.h"

/* parties_on(agreement_id bigint, on_date date) → SETOF party code, in code order */
PG_FUNCTION_INFO_V1(s22a_parties_on);
Datum
s22a_parties_on(PG_FUNCTION_ARGS)
{
	Member	   *rows;
	int			n = s22a_members_on(PG_GETARG_INT64(0), PG_GETARG_DATEADT(1), &rows);
	const char **codes = palloc(sizeof(char *) * Max(n, 1));

	for (int i = 0; i < n; i++)
		codes[i] = rows[i].code;
	s22a_return_codes(fcinfo, codes, n);
	return (Datum) 0;
}

/* forces_on(agreement_id bigint, on_date date) → SETOF force code, in code order */
PG_FUNCTION_INFO_V1(s22a_forces_on);
Datum
s22a_forces_on(PG_FUNCTION_ARGS)
{
	AgreementMembership m;
	const char **forces;
	int			n;

	s22a_load_membership(PG_GETARG_INT64(0), &m);
	n = membership_forces_on(&m, PG_GETARG_DATEADT(1), &forces);
	s22a_return_codes(fcinfo, forces, n);
	return (Datum) 0;
}
