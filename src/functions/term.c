/*
 * functions/term.c — term validity in SQL: term_status(), in_force() and
 * effective_expiry().
 *
 * The rule is rules/term.c; s22a_load_term() (data/term.c) reads the
 * agreement and its made renewals and terminations and applies it.  Each
 * raises 22023 for an unknown agreement.
 */
#include "postgres.h"

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/lsyscache.h"

#include "s22a.h"

/* term_status(agreement_id bigint, on_date date) → s22a.term_state */
PG_FUNCTION_INFO_V1(s22a_term_status);
Datum
s22a_term_status(PG_FUNCTION_ARGS)
{
	AgreementTerm t;
	Oid			enum_type = get_fn_expr_rettype(fcinfo->flinfo);

	if (!OidIsValid(enum_type))
		elog(ERROR, "s22a: could not determine the result type of term_status");
	s22a_load_term(PG_GETARG_INT64(0), &t);
	return DirectFunctionCall2(enum_in,
							   CStringGetDatum(term_state_label(term_state_on(&t, PG_GETARG_DATEADT(1)))),
							   ObjectIdGetDatum(enum_type));
}

/* in_force(agreement_id bigint, on_date date) → boolean */
PG_FUNCTION_INFO_V1(s22a_in_force);
Datum
s22a_in_force(PG_FUNCTION_ARGS)
{
	AgreementTerm t;

	s22a_load_term(PG_GETARG_INT64(0), &t);
	PG_RETURN_BOOL(term_state_on(&t, PG_GETARG_DATEADT(1)) == TERM_IN_FORCE);
}

/* effective_expiry(agreement_id bigint) → date, NULL when open ended */
PG_FUNCTION_INFO_V1(s22a_effective_expiry);
Datum
s22a_effective_expiry(PG_FUNCTION_ARGS)
{
	AgreementTerm t;

	s22a_load_term(PG_GETARG_INT64(0), &t);
	if (t.expiry.open_ended)
		PG_RETURN_NULL();
	PG_RETURN_DATEADT(t.expiry.last_day);
}
