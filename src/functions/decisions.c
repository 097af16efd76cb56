/*
 * functions/decisions.c — the SQL functions over one decision:
 * consent_required (who must consent), consent_missing (who has not, or not
 * in the form needed), decision_check (each rule for making it, as a row
 * with a sentence) and vote_result (the weighted vote).  Each evaluates the
 * decision as functions/decision_check.c does for the decision_rules
 * trigger, so a report and a refusal always agree.  The rules: Seven Force
 * agreement, Schedule A; Single Online Home paper, 4.3-4.4.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/numeric.h"

#include "s22a.h"

PG_FUNCTION_INFO_V1(s22a_consent_required);
Datum
s22a_consent_required(PG_FUNCTION_ARGS)
{
	DecisionEvaluation ev;

	s22a_evaluate_decision_id(PG_GETARG_INT64(0), &ev);
	s22a_return_codes(fcinfo, ev.required, ev.nrequired);
	return (Datum) 0;
}

/* required parties without a counting consent: none at all, or only at a meeting when writing is needed */
PG_FUNCTION_INFO_V1(s22a_consent_missing);
Datum
s22a_consent_missing(PG_FUNCTION_ARGS)
{
	DecisionEvaluation ev;
	const char **codes;
	int			n = 0;

	s22a_evaluate_decision_id(PG_GETARG_INT64(0), &ev);
	codes = palloc(sizeof(char *) * Max(ev.nrequired, 1));
	/* merge the two sorted lists, so the result is in code order */
	for (int i = 0, j = 0; i < ev.nmissing || j < ev.nnot_written;)
	{
		if (j >= ev.nnot_written ||
			(i < ev.nmissing && strcmp(ev.missing[i], ev.not_written[j]) < 0))
			codes[n++] = ev.missing[i++];
		else
			codes[n++] = ev.not_written[j++];
	}
	s22a_return_codes(fcinfo, codes, n);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(s22a_decision_check);
Datum
s22a_decision_check(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	DecisionEvaluation ev;

	s22a_evaluate_decision_id(PG_GETARG_INT64(0), &ev);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int r = 0; r < DECISION_RULE_COUNT; r++)
	{
		char	   *detail;
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[1] = BoolGetDatum(s22a_decision_rule_holds(&ev, (DecisionRule) r, &detail));
		values[0] = CStringGetTextDatum(s22a_decision_rule_name((DecisionRule) r));
		values[2] = CStringGetTextDatum(detail);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(s22a_vote_result);
Datum
s22a_vote_result(PG_FUNCTION_ARGS)
{
	DecisionEvaluation ev;
	TupleDesc	desc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "s22a: vote_result must return a composite");
	s22a_evaluate_decision_id(PG_GETARG_INT64(0), &ev);
	values[0] = NumericGetDatum((Numeric) ev.vote.in_favour);
	values[1] = NumericGetDatum((Numeric) ev.vote.against);
	values[2] = BoolGetDatum(ev.vote.carried);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
