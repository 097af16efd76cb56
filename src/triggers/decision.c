/*
 * triggers/decision.c — the trigger on s22a.decision: a decision is
 * recorded as made (state = 'made') only while every rule for making it
 * holds (Seven Force agreement, Schedule A; Single Online Home paper,
 * 4.3-4.4: functions/decision_check.c evaluates them), a made decision is
 * final, and no decision is ever deleted.  Publication is not a change of
 * what was decided: a made decision may be given its publication date
 * (published_on) once, on or after the day it was made (Police Act 1996
 * s23E; doc/governance.md).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
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
	DateADT		today = s22a_rule_today();
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
 * The meeting and the notice lie on or after proposed_on, and the notice
 * not after the meeting (rule decision_dates, rules/decision.c).  Checked
 * when a decision is recorded and when one of its dates changes: rows
 * recorded before 0.3 are not re-checked by an unrelated UPDATE.
 */
static void
check_decision_dates(Relation rel, HeapTuple oldtup, HeapTuple newtup, const DecisionFacts *f)
{
	long long	id = (long long) f->id;

	if (oldtup != NULL &&
		!s22a_column_changed(rel, oldtup, newtup, "proposed_on") &&
		!s22a_column_changed(rel, oldtup, newtup, "meeting_on") &&
		!s22a_column_changed(rel, oldtup, newtup, "notice_given_on"))
		return;
	switch (decision_dates_fault(f))
	{
		case DECISION_DATES_OK:
			return;
		case DECISION_DATES_MEETING_BEFORE_PROPOSED:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_DECISION_DATES),
					 errmsg("decision %lld proposed on %s cannot be taken at a meeting on %s, before it was proposed",
							id, s22a_iso_date(f->proposed_on), s22a_iso_date(f->meeting_on)),
					 errdetail("The decision date of a decision at a meeting is the meeting: its parties are those on that day, and they consent to business proposed to them."),
					 errhint("Set meeting_on to a meeting on or after %s, or proposed_on to the day it was proposed.",
							 s22a_iso_date(f->proposed_on))));
			break;
		case DECISION_DATES_NOTICE_BEFORE_PROPOSED:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_DECISION_DATES),
					 errmsg("decision %lld proposed on %s cannot have had notice given on %s, before it was proposed",
							id, s22a_iso_date(f->proposed_on), s22a_iso_date(f->notice_given_on)),
					 errdetail("Notice advises the parties of business already proposed (Seven Force agreement, clause 3.4)."),
					 errhint("Set notice_given_on to the day written notice was given, on or after %s.",
							 s22a_iso_date(f->proposed_on))));
			break;
		case DECISION_DATES_NOTICE_AFTER_MEETING:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_DECISION_DATES),
					 errmsg("decision %lld cannot have had notice given on %s, after the meeting on %s",
							id, s22a_iso_date(f->notice_given_on), s22a_iso_date(f->meeting_on)),
					 errdetail("Notice of business is given before the meeting that takes it (Seven Force agreement, clause 3.4)."),
					 errhint("Set notice_given_on to a day from %s to %s.",
							 s22a_iso_date(f->proposed_on), s22a_iso_date(f->meeting_on))));
			break;
	}
}

/* every column of a decision but published_on: fixed once it is made */
static const char *const decided_columns[] = {
	"id", "agreement_id", "kind", "title", "proposed_on", "meeting_on", "notice_given_on",
	"new_expiry", "state", "made_on", "record_ref", "summary", "background"
};

/*
 * Only a made decision is published, on or after the day it was made; once
 * published, its publication date stays (rule publication_date).
 */
static void
check_publication(Relation rel, HeapTuple oldtup, HeapTuple newtup, const DecisionFacts *f)
{
	bool		isnull,
				old_null = true;
	DateADT		published,
				was = 0;
	long long	id = (long long) f->id;

	if (SPI_fnumber(RelationGetDescr(rel), "published_on") <= 0)
		return;					/* a catalog from before 0.3: no publication date */
	published = DatumGetDateADT(s22a_column(rel, newtup, "published_on", &isnull));
	if (oldtup != NULL)
		was = DatumGetDateADT(s22a_column(rel, oldtup, "published_on", &old_null));
	if (!old_null && (isnull || published != was))
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_PUBLICATION_DATE),
				 errmsg("decision %lld was published on %s; its publication date cannot be %s",
						id, s22a_iso_date(was),
						isnull ? "cleared" : psprintf("changed to %s", s22a_iso_date(published))),
				 errdetail("Setting the publication date of a decision needs no decision; changing it once set is a change to the record."),
				 errhint("Keep the date; a later publication of the same record does not move it.")));
	if (isnull)
		return;
	if (!f->is_made)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_PUBLICATION_DATE),
				 errmsg("decision %lld is not made and cannot be published on %s",
						id, s22a_iso_date(published)),
				 errdetail("The decision record is published once the decision is made (Police Act 1996 s23E)."),
				 errhint("Make the decision first, then set published_on.")));
	if (f->has_made_on && published < f->made_on)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_PUBLICATION_DATE),
				 errmsg("decision %lld cannot be published on %s: it was made on %s",
						id, s22a_iso_date(published), s22a_iso_date(f->made_on)),
				 errdetail("A decision record is published on or after the day the decision was made."),
				 errhint("Set published_on to %s or later.", s22a_iso_date(f->made_on))));
	if (published > s22a_rule_today())
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_PUBLICATION_DATE),
				 errmsg("decision %lld cannot be published on %s: that is after today, %s",
						id, s22a_iso_date(published), s22a_iso_date(s22a_rule_today())),
				 errhint("Record the publication once it has happened.")));
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
		/*
		 * Publishing a made decision is not a change of what it decided: an
		 * UPDATE that changes published_on and nothing else goes to the
		 * publication rule.  Any other UPDATE of a made decision, a no-op
		 * included, is refused below: a second client making a decision
		 * another has just made must lose (test/concurrency.sh).
		 */
		if (old.is_made && SPI_fnumber(desc, "published_on") > 0 &&
			s22a_column_changed(rel, td->tg_trigtuple, newtup, "published_on") &&
			s22a_sealed_columns_changed(rel, td->tg_trigtuple, newtup, decided_columns,
										lengthof(decided_columns)) == NULL)
		{
			check_publication(rel, td->tg_trigtuple, newtup, &old);
			return PointerGetDatum(newtup);
		}
		if (old.is_made)
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_DECISION_FINAL),
					 errmsg("decision %lld is made and final", (long long) old.id),
					 errdetail("A made decision, its consents, votes and impacts no longer change."),
					 errhint("Propose a new decision (a variation) instead.")));
	}

	s22a_decision_facts(newtup, desc, &f);
	check_decision_dates(rel, TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_trigtuple : NULL,
						 newtup, &f);

	/*
	 * A consent or vote was given to what the decision said then: a change
	 * to what it decides voids those given before it (they are kept, marked
	 * void), before the rules below count them.
	 */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && !decision_decides_same(&old, &f))
	{
		int64		missed;

		s22a_void_decision_evidence(f.id, s22a_rule_today());

		/*
		 * Under REPEATABLE READ or SERIALIZABLE the voiding saw only the
		 * transaction's snapshot: a consent or vote committed since then
		 * would be left standing for what the decision now says.  This
		 * UPDATE holds the decision's row lock, so no more can come (their
		 * writers take FOR SHARE); those that came are counted on a fresh
		 * snapshot, and the change loses and is retried (READ COMMITTED
		 * voids them: its UPDATE sees every committed row).
		 */
		if (IsolationUsesXactSnapshot() &&
			(missed = s22a_count_unvoided_evidence(f.id)) > 0)
			ereport(ERROR,
					(errcode(ERRCODE_T_R_SERIALIZATION_FAILURE),
					 errmsg("could not serialize the change to decision %lld: %lld consents or votes were given to it after this transaction began",
							(long long) f.id, (long long) missed),
					 errdetail("A change to what a decision decides voids the consents and votes given before it; those committed by another session since this transaction's snapshot cannot be voided unseen."),
					 errhint("Retry the transaction.")));
	}

	if (!f.is_made)
	{
		check_publication(rel, NULL, newtup, &f);
		return PointerGetDatum(newtup);
	}

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
		Datum		value = DateADTGetDatum(s22a_rule_today());
		bool		null = false;

		newtup = heap_modify_tuple_by_cols(newtup, desc, 1, &made_on_col, &value, &null);
		f.has_made_on = true;
		f.made_on = s22a_rule_today();
	}
	check_publication(rel, NULL, newtup, &f);
	return PointerGetDatum(newtup);
}
