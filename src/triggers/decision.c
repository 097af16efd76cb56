/*
 * triggers/decision.c — the trigger on s22a.decision: a decision is
 * recorded as made (state = 'made') only while every rule for making it
 * holds (Seven Force agreement, Schedule A; Single Online Home paper,
 * 4.3-4.4: functions/decision_check.c evaluates them), a made decision is
 * final, and no decision is ever deleted.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/date.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "s22a.h"

/*
 * The refusal of a DELETE or TRUNCATE of rows the register keeps:
 * decisions and consents (rule decision_kept or consent_kept).
 */
void
s22a_refuse_removal(Relation rel, int rule, const char *what, const char *hint)
{
	ereport(ERROR,
			(s22a_rule_error(rel, (S22aRuleId) rule),
			 errmsg("%s are never deleted", what),
			 errdetail("The register keeps every decision and consent."),
			 errhint("%s", hint)));
}

/*
 * made_on (today when not given) lies between proposed_on and today, and
 * not before the meeting that takes the decision (rules/decision.c).
 */
static void
refuse_implausible_made_on(Relation rel, const DecisionFacts *f)
{
	DateADT		today = GetSQLCurrentDate();
	DateADT		made_on = f->has_made_on ? f->made_on : today;
	long long	id = (long long) f->id;

	switch (decision_made_on_fault(f, made_on, today))
	{
		case MADE_ON_OK:
			return;
		case MADE_ON_AFTER_TODAY:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_MADE_ON),
					 errmsg("decision %lld cannot be made on %s: that is after today, %s",
							id, s22a_iso_date(made_on), s22a_iso_date(today)),
					 errdetail("A decision is recorded as made on or after the day it was made; a date to come would stay the latest renewal or termination for ever."),
					 errhint("Record the decision when it has been made, with made_on no later than today (or NULL for today).")));
			break;
		case MADE_ON_BEFORE_PROPOSED:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_MADE_ON),
					 errmsg("decision %lld cannot be made on %s: it was proposed on %s",
							id, s22a_iso_date(made_on), s22a_iso_date(f->proposed_on)),
					 errdetail("A decision is made on or after the day it was proposed."),
					 errhint("Set made_on to a day from %s to today.", s22a_iso_date(f->proposed_on))));
			break;
		case MADE_ON_BEFORE_MEETING:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_MADE_ON),
					 errmsg("decision %lld cannot be made on %s: the meeting that takes it is on %s",
							id, s22a_iso_date(made_on), s22a_iso_date(f->meeting_on)),
					 errdetail("A decision at a meeting is not made before the meeting (Seven Force agreement, clause 3.4)."),
					 errhint("Record it as made on or after %s, once the meeting has taken it.",
							 s22a_iso_date(f->meeting_on))));
			break;
	}
}

/*
 * s22a.decision: BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW and BEFORE
 * TRUNCATE.  A made decision is final; a decision is never deleted; it is
 * made (state = 'made') only when every rule holds, on a plausible made_on
 * (defaulted to the day it is recorded as made).  A change to what a
 * proposed decision decides voids the consents and votes given before it.
 */
PG_FUNCTION_INFO_V1(decision_rules);
Datum
decision_rules(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_DECISION_RULES);
	Relation	rel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	HeapTuple	newtup;
	DecisionFacts f,
				old;
	DecisionEvaluation ev;
	int			made_on_col;
	bool		isnull;

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event))
		s22a_refuse_removal(rel, S22A_RULE_DECISION_KEPT, "decisions",
							"Set state = 'withdrawn' (or 'rejected') instead.");

	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	if (s22a_row_breaks_not_null(rel, newtup))
		return PointerGetDatum(newtup);	/* NOT NULL reports it (util.c) */
	memset(&old, 0, sizeof(old));
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		s22a_decision_facts(td->tg_trigtuple, desc, &old);
		if (old.is_made)
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_DECISION_FINAL),
					 errmsg("decision %lld is made and final", (long long) old.id),
					 errdetail("A made decision, its consents, votes and impacts no longer change."),
					 errhint("Propose a new decision (a variation) instead.")));
	}

	s22a_decision_facts(newtup, desc, &f);

	/*
	 * A consent or vote was given to what the decision said then: a change
	 * to what it decides voids those given before it (they are kept, marked
	 * void), before the rules below count them.
	 */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && !decision_decides_same(&old, &f))
		s22a_void_decision_evidence(f.id, GetSQLCurrentDate());

	if (!f.is_made)
		return PointerGetDatum(newtup);

	refuse_implausible_made_on(rel, &f);

	/*
	 * Read the consents, impacts, votes and members on a snapshot taken
	 * now, not the statement's: the UPDATE holds this decision's row lock,
	 * so every writer of its consents, votes or impacts has either
	 * committed (it held FOR SHARE, see s22a_read_decision, and we waited
	 * for it) or will wait for us and then find the decision made.  The
	 * statement's snapshot could predate such a commit and miss its rows.
	 */
	PushActiveSnapshot(GetLatestSnapshot());
	s22a_evaluate_decision(&f, &ev);
	PopActiveSnapshot();
	for (int r = 0; r < DECISION_RULE_COUNT; r++)
	{
		char	   *detail;

		if (!s22a_decision_rule_holds(&ev, (DecisionRule) r, &detail))
			s22a_refuse_decision_rule(rel, &ev, (DecisionRule) r);
	}

	made_on_col = SPI_fnumber(desc, "made_on");
	(void) SPI_getbinval(newtup, desc, made_on_col, &isnull);
	if (isnull)
	{
		Datum		value = DateADTGetDatum(GetSQLCurrentDate());
		bool		null = false;

		newtup = heap_modify_tuple_by_cols(newtup, desc, 1, &made_on_col, &value, &null);
	}
	return PointerGetDatum(newtup);
}
