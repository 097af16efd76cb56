/*
 * triggers/voting_weight.c — the trigger on s22a.voting_weight: rule
 * voting_weights_sealed.  The weights of an executed agreement (Single
 * Online Home paper, 4.3-4.4: the host 50%, the other forces the rest) are
 * added, changed or removed only by a made variation or membership decision
 * cited in authorised_by (rules/cost_sealing.c, triggers/budget.c).
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"

#include "s22a.h"

/* `the voting weight of CC-BED` */
static char *
describe_weight(Relation rel, HeapTuple tup)
{
	return psprintf("the voting weight of %s", s22a_column_text(rel, tup, "party_code"));
}

/* voting_weights_sealed: BEFORE INSERT OR UPDATE OR DELETE ON voting_weight */
PG_FUNCTION_INFO_V1(s22a_voting_weight_sealed);
Datum
s22a_voting_weight_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_VOTING_WEIGHT_SEALED);

	return PointerGetDatum(s22a_sealed_change(td, S22A_RULE_VOTING_WEIGHTS_SEALED,
											  SEALED_VOTING_TERMS, SEALED_INSERTS_ALWAYS, describe_weight));
}
