/*
 * triggers/local_decision.c — the trigger on s22a.local_decision: after the
 * Eastern Region Alliance Summit makes an "in principle" decision, each
 * party it binds decides locally within its own scheme of governance
 * (Seven Force agreement, Schedule A 1.3 and 4.2).  A local decision is
 * recorded only for a made in_principle decision, by a party whose consent
 * that decision required (consent_required), dated from the day it was
 * made to today (rules/local_decision.c); it is evidence and never deleted.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "utils/date.h"
#include "utils/rel.h"

#include "s22a.h"

static void
refuse(Relation rel, const DecisionEvaluation *ev, const char *party, DateADT decided_on,
	   LocalDecisionFault fault)
{
	long long	id = (long long) ev->f.id;

	switch (fault)
	{
		case LOCAL_DECISION_OK:
			return;
		case LOCAL_DECISION_NOT_MADE_IN_PRINCIPLE:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_LOCAL_DECISION_IN_PRINCIPLE),
					 errmsg("decision %lld is %s %s decision, not a made in_principle decision: no local decision follows it",
							id, ev->f.is_made ? "a made" : "a pending",
							decision_kind_name(ev->f.kind)),
					 errdetail("The parties decide locally after the Summit has made an in principle decision (Seven Force agreement, Schedule A 1.3 and 4.2)."),
					 errhint("Record the local decision once the in_principle decision is made.")));
			break;
		case LOCAL_DECISION_PARTY_NOT_BOUND:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_LOCAL_DECISION_PARTY),
					 errmsg("%s is not a party whose consent decision %lld required, so it records no local decision on it",
							party, id),
					 errdetail("Decision %lld on agreement \"%s\" required the consent of %s.", id,
							   ev->agreement_ref, s22a_code_list(ev->required, ev->nrequired, " and ", "no party")),
					 errhint("Record the local decision of one of those parties (consent_required).")));
			break;
		case LOCAL_DECISION_BEFORE_MADE:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_LOCAL_DECISION_DATE),
					 errmsg("local decision of %s on decision %lld cannot be dated %s: the in principle decision was made on %s",
							party, id, s22a_iso_date(decided_on), s22a_iso_date(ev->f.made_on)),
					 errdetail("A party decides locally after the Summit's in principle decision."),
					 errhint("Set decided_on to a day from %s to today.", s22a_iso_date(ev->f.made_on))));
			break;
		case LOCAL_DECISION_AFTER_TODAY:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_LOCAL_DECISION_DATE),
					 errmsg("local decision of %s on decision %lld cannot be dated %s: that is after today, %s",
							party, id, s22a_iso_date(decided_on), s22a_iso_date(s22a_rule_today())),
					 errdetail("A local decision is recorded once the party has taken it."),
					 errhint("Record it when it has been taken, dated no later than today.")));
			break;
	}
}

/*
 * s22a.local_decision: BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW and
 * BEFORE TRUNCATE.
 */
PG_FUNCTION_INFO_V1(local_decision_rules);
Datum
local_decision_rules(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_LOCAL_DECISION_RULES);
	Relation	rel = td->tg_relation;
	HeapTuple	newtup;
	bool		isnull;
	int64		decision_id;
	char	   *party;
	DateADT		decided_on;
	DecisionEvaluation ev;

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event))
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_LOCAL_DECISION_KEPT),
				 errmsg("local decisions are never deleted"),
				 errdetail("The register keeps every party's local decision as evidence."),
				 errhint("Correct the row with an UPDATE instead.")));

	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	if (s22a_row_breaks_not_null(rel, newtup))
		return PointerGetDatum(newtup);	/* NOT NULL reports it (util.c) */

	decision_id = DatumGetInt64(s22a_column(rel, newtup, "decision_id", &isnull));
	party = s22a_column_text(rel, newtup, "party_code");
	decided_on = DatumGetDateADT(s22a_column(rel, newtup, "decided_on", &isnull));

	/* a made decision is final, so who it bound no longer changes */
	s22a_evaluate_decision_id(decision_id, &ev);
	refuse(rel, &ev, party, decided_on,
		   local_decision_fault(&ev.f, ev.required, ev.nrequired, party, decided_on,
								s22a_rule_today()));
	return PointerGetDatum(newtup);
}
