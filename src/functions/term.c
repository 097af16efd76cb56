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
#include "funcapi.h"
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

/*
 * agreements_in_force(on_date date) → SETOF (agreement_id, ref,
 * effective_expiry): every agreement in force on the day, for reports over
 * the whole register.  Set-based: one query reads every candidate agreement
 * with its made renewals and terminations (s22a_load_terms_on), and the
 * term rule (rules/term.c) decides each, rather than term_status() loading
 * each agreement again.  In agreement id order.
 */
PG_FUNCTION_INFO_V1(s22a_agreements_in_force);
Datum
s22a_agreements_in_force(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DateADT		on = PG_GETARG_DATEADT(0);
	AgreementTermRow *rows;
	int			n;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	n = s22a_load_terms_on(on, &rows);
	for (int i = 0; i < n; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		if (term_state_on(&rows[i].term, on) != TERM_IN_FORCE)
			continue;
		values[0] = Int64GetDatum(rows[i].id);
		values[1] = CStringGetTextDatum(rows[i].ref);
		if (rows[i].term.expiry.open_ended)
			nulls[2] = true;
		else
			values[2] = DateADTGetDatum(rows[i].term.expiry.last_day);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
