/*
 * functions/decision_check.c — the five rules for making a governance
 * decision, evaluated and put into words: who must consent and whether
 * they have (consent), in what form (written_form), with how much notice
 * (notice), whether a renewal or termination says its new expiry
 * (new_expiry), whether a renewal or termination is made in time
 * (term_change_in_time) and, under weighted governance, whether the vote carried
 * (vote).  decision_check() shows each rule as a row with a sentence
 * (functions/decisions.c); decision_rules (triggers/decision.c) refuses to
 * record a decision as made while one fails, with the same facts.
 *
 * The rules come from the Seven Force Strategic Collaboration agreement,
 * Schedule A (clauses 3.3-3.5 and 6.2) and the Single Online Home paper
 * (4.3-4.4); the pure rule code is in src/rules/ (decision.c, consent.c,
 * notice.c, vote.c), the queries in data/decision.c.
 */
#include "postgres.h"

#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/numeric.h"

#include "s22a.h"

static const char *const rule_names[DECISION_RULE_COUNT] = {
	[DECISION_RULE_CONSENT] = "consent",
	[DECISION_RULE_WRITTEN_FORM] = "written_form",
	[DECISION_RULE_NOTICE] = "notice",
	[DECISION_RULE_NEW_EXPIRY] = "new_expiry",
	[DECISION_RULE_TERM_CHANGE_IN_TIME] = "term_change_in_time",
	[DECISION_RULE_VOTE] = "vote",
};

/* the registry's rule for each (the name above is its constraint name) */
static const S22aRuleId rule_ids[DECISION_RULE_COUNT] = {
	[DECISION_RULE_CONSENT] = S22A_RULE_CONSENT,
	[DECISION_RULE_WRITTEN_FORM] = S22A_RULE_WRITTEN_FORM,
	[DECISION_RULE_NOTICE] = S22A_RULE_NOTICE,
	[DECISION_RULE_NEW_EXPIRY] = S22A_RULE_NEW_EXPIRY,
	[DECISION_RULE_TERM_CHANGE_IN_TIME] = S22A_RULE_TERM_CHANGE_IN_TIME,
	[DECISION_RULE_VOTE] = S22A_RULE_VOTE,
};

const char *
s22a_decision_rule_name(DecisionRule rule)
{
	return rule_names[rule];
}

/* ---------- the vote's arithmetic: exact, over numeric ------------------- */

static const void *
numeric_weight_add(const void *a, const void *b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_add,
											   NumericGetDatum((Numeric) a),
											   NumericGetDatum((Numeric) b)));
}

static int
numeric_weight_cmp(const void *a, const void *b)
{
	return DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											 NumericGetDatum((Numeric) a),
											 NumericGetDatum((Numeric) b)));
}

#define WEIGHT_TEXT(w) s22a_numeric_text((Numeric) (w))

/*
 * A host_half weight as a percentage of the total weight, for reports:
 * units × 100 / total to 4 decimal places, trailing zeros dropped (50,
 * 16.6667).  Only the shown figure is rounded: whether a vote carries is
 * decided on the exact units (rules/vote.c).
 */
static const void *
host_half_percent(int64 units, int64 total)
{
	Datum		pct;

	if (total == 0)
		return int64_to_numeric(0);
	pct = DirectFunctionCall2(numeric_div,
							  NumericGetDatum(int64_to_numeric(units * 100)),
							  NumericGetDatum(int64_to_numeric(total)));
	pct = DirectFunctionCall2(numeric_round, pct, Int32GetDatum(4));
	return DatumGetNumeric(DirectFunctionCall1(numeric_trim_scale, pct));
}

/* ---------- evaluation -------------------------------------------------- */

/*
 * Gathers what the rules read about decision *f and applies them.  The
 * parties are those on the day the decision binds (rules/decision.c: the
 * commencement date for a change dated before it); consents and votes count
 * when not void and given on or before made_on (today while proposed).
 */
void
s22a_evaluate_decision(const DecisionFacts *f, DecisionEvaluation *ev)
{
	Member	   *rows;
	const char **impacted;
	ConsentGiven *given;
	const char **consents;
	bool	   *written;
	int			nimpacted,
				ngiven,
				nconsents;
	VotingWeight *weights;
	VoteCast   *votes;
	VoteCast   *counting;
	AgreementRow agreement;
	int			nweights,
				nvotes;
	VoteArithmetic arith = {int64_to_numeric(0), numeric_weight_add, numeric_weight_cmp};

	memset(ev, 0, sizeof(*ev));
	ev->f = *f;
	s22a_read_agreement(f->agreement_id, &agreement, true);
	ev->agreement_ref = agreement.ref;
	ev->on = decision_parties_date(f, agreement.commences_on);
	ev->made_on = f->has_made_on ? f->made_on : s22a_rule_today();
	ev->needs_writing = decision_needs_writing(f->kind, f->at_meeting);

	/* members on that day, in code order (rules/membership.c) */
	ev->nmembers = s22a_members_on(f->agreement_id, ev->on, &rows);
	ev->members = palloc(sizeof(char *) * Max(ev->nmembers, 1));
	for (int i = 0; i < ev->nmembers; i++)
		ev->members[i] = rows[i].code;
	ev->no_parties = decision_without_parties(f->kind, f->at_meeting, ev->nmembers);


	/* weighted governance: the counting votes of the members with a weight */
	nvotes = s22a_load_votes(f->id, &votes);
	counting = palloc(sizeof(VoteCast) * Max(nvotes, 1));
	nvotes = vote_counting(votes, nvotes, ev->made_on, counting);
	ev->host_half = agreement.host_half;
	ev->host_force = agreement.host_force;
	if (agreement.host_half)
	{
		/* the host keeps half (rules/vote.c); no voting_weight rows are read */
		if (!vote_tally_host_half(rows, ev->nmembers, agreement.host_force,
								  counting, nvotes, &ev->host_tally))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("decision %lld: the host_half weights of agreement \"%s\" are out of range",
							(long long) f->id, agreement.ref)));
		ev->vote.weighted = true;
		ev->vote.in_favour = host_half_percent(ev->host_tally.in_favour, ev->host_tally.total);
		ev->vote.against = host_half_percent(ev->host_tally.against, ev->host_tally.total);
		ev->vote.total = host_half_percent(ev->host_tally.total, ev->host_tally.total);
		ev->vote.carried = ev->host_tally.carried;
	}
	else
	{
		nweights = s22a_load_voting_weights(f->agreement_id, &weights);
		vote_tally(weights, nweights, counting, nvotes, ev->members, ev->nmembers,
				   &arith, &ev->vote);
	}

	/*
	 * consents: every party, or the parties materially affected; an
	 * agreement that decides by vote decides its budget by the vote
	 */
	ev->every_party = decision_needs_every_party(f->kind, f->at_meeting, ev->vote.weighted);
	nimpacted = s22a_load_decision_impacts(f->id, &impacted);
	ngiven = s22a_load_consents(f->id, &given);
	consents = palloc(sizeof(char *) * Max(ngiven, 1));
	written = palloc(sizeof(bool) * Max(ngiven, 1));
	nconsents = consent_counting(given, ngiven, ev->made_on, consents, written);
	ev->required = palloc(sizeof(char *) * Max(ev->nmembers, 1));
	ev->nrequired = consent_required_codes(ev->members, ev->nmembers,
										   impacted, nimpacted, ev->every_party,
										   ev->required);
	ev->missing = palloc(sizeof(char *) * Max(ev->nrequired, 1));
	ev->not_written = palloc(sizeof(char *) * Max(ev->nrequired, 1));
	consent_shortfall(ev->required, ev->nrequired, consents, written, nconsents,
					  ev->needs_writing, ev->missing, &ev->nmissing,
					  ev->not_written, &ev->nnot_written);

	/* notice before a meeting, in clear working days (working_days.c) */
	if (f->at_meeting)
	{
		ev->notice_deadline = s22a_notice_deadline(f->meeting_on, NOTICE_CLEAR_WORKING_DAYS);
		if (f->has_notice)
			ev->clear_days = s22a_working_days_between(f->notice_given_on, f->meeting_on);
	}
	ev->notice = notice_fault(f->at_meeting, f->has_notice, ev->clear_days);

	/* a renewal before the expiry it extends, a termination not backdated */
	if (decision_needs_new_expiry(f->kind))
	{
		s22a_load_expiry_before(f->agreement_id, ev->made_on, f->id, &ev->expiry_before);
		ev->term_change = term_change_fault(f->kind, f->has_new_expiry, f->new_expiry,
											ev->made_on, &ev->expiry_before);
	}
}

void
s22a_evaluate_decision_id(int64 id, DecisionEvaluation *ev)
{
	DecisionFacts f;

	s22a_read_decision(id, &f, false);
	s22a_evaluate_decision(&f, ev);
}

/* ---------- the rules as rows: decision_check() ------------------------- */

static char *
and_list(const char *const *codes, int n)
{
	return s22a_code_list(codes, n, " and ", "none");
}

/* Whether the rule holds, and a sentence saying why or why not. */
bool
s22a_decision_rule_holds(const DecisionEvaluation *ev, DecisionRule rule, char **detail)
{
	const char *kind = decision_kind_name(ev->f.kind);

	switch (rule)
	{
		case DECISION_RULE_CONSENT:
			if (ev->no_parties)
			{
				*detail = psprintf("agreement \"%s\" has no parties on %s: nobody could consent to this %s",
								   ev->agreement_ref, s22a_iso_date(ev->on), kind);
				return false;
			}
			if (ev->nmissing > 0)
			{
				*detail = psprintf("no consent from %s", and_list(ev->missing, ev->nmissing));
				return false;
			}
			if (ev->nrequired == 0)
				*detail = pstrdup("no member is materially affected: no consent needed");
			else
				*detail = ev->every_party
					? psprintf("all %d parties on %s consented", ev->nrequired, s22a_iso_date(ev->on))
					: psprintf("%d materially affected part%s consented", ev->nrequired,
							   ev->nrequired == 1 ? "y" : "ies");
			return true;
		case DECISION_RULE_WRITTEN_FORM:
			if (!ev->needs_writing)
			{
				*detail = pstrdup("not needed: an in principle or budget decision at a meeting");
				return true;
			}
			if (ev->nnot_written > 0)
			{
				*detail = psprintf("consent of %s given only at a meeting; this %s%s needs it in writing",
								   and_list(ev->not_written, ev->nnot_written), kind,
								   ev->f.at_meeting ? "" : " outside a meeting");
				return false;
			}
			*detail = pstrdup("every consent is in writing (letter, memo, email or decision notice)");
			return true;
		case DECISION_RULE_NOTICE:
			switch (ev->notice)
			{
				case NOTICE_NOT_NEEDED:
					*detail = pstrdup("not needed: the decision is outside a meeting");
					return true;
				case NOTICE_NONE:
					*detail = psprintf("no notice given of the meeting on %s; it must be given on or before %s",
									   s22a_iso_date(ev->f.meeting_on), s22a_iso_date(ev->notice_deadline));
					return false;
				case NOTICE_OK:
				case NOTICE_SHORT:
					break;
			}
			*detail = psprintf("notice on %s leaves %d clear working day%s before the meeting on %s%s",
							   s22a_iso_date(ev->f.notice_given_on), ev->clear_days,
							   ev->clear_days == 1 ? "" : "s", s22a_iso_date(ev->f.meeting_on),
							   ev->notice == NOTICE_OK ? ""
							   : psprintf("; %d needed, so notice by %s", NOTICE_CLEAR_WORKING_DAYS,
										  s22a_iso_date(ev->notice_deadline)));
			return ev->notice == NOTICE_OK;
		case DECISION_RULE_NEW_EXPIRY:
			if (!decision_needs_new_expiry(ev->f.kind))
			{
				*detail = psprintf("not needed: a decision of kind %s does not change the term", kind);
				return true;
			}
			*detail = ev->f.has_new_expiry
				? psprintf("a %s with its new_expiry", kind)
				: psprintf("a %s needs new_expiry", kind);
			return ev->f.has_new_expiry;
		case DECISION_RULE_TERM_CHANGE_IN_TIME:
			switch (ev->term_change)
			{
				case TERM_CHANGE_OK:
					if (ev->f.kind == DECISION_RENEWAL)
						*detail = ev->expiry_before.open_ended
							? pstrdup("the term it renews is open ended")
							: ev->f.has_made_on
						? psprintf("made %s, on or before the effective expiry %s it extends",
								   s22a_iso_date(ev->made_on),
								   s22a_iso_date(ev->expiry_before.last_day))
						: psprintf("made today it would be on or before the effective expiry %s it extends",
								   s22a_iso_date(ev->expiry_before.last_day));
					else if (ev->f.kind == DECISION_TERMINATION && ev->f.has_new_expiry)
						*detail = ev->f.has_made_on
							? psprintf("its last day in force, %s, is not before %s, the day it is made",
									   s22a_iso_date(ev->f.new_expiry), s22a_iso_date(ev->made_on))
							: psprintf("its last day in force, %s, is not before today",
									   s22a_iso_date(ev->f.new_expiry));
					else if (ev->f.kind == DECISION_TERMINATION)
						*detail = pstrdup("a termination without new_expiry (see new_expiry)");
					else
						*detail = psprintf("not needed: a decision of kind %s does not change the term", kind);
					return true;
				case TERM_CHANGE_RENEWAL_AFTER_EXPIRY:
					*detail = ev->f.has_made_on
						? psprintf("made %s, after the effective expiry %s it would extend: the agreement has lapsed",
								   s22a_iso_date(ev->made_on),
								   s22a_iso_date(ev->expiry_before.last_day))
						: psprintf("made today it would come after the effective expiry %s it extends: the agreement has lapsed",
								   s22a_iso_date(ev->expiry_before.last_day));
					return false;
				case TERM_CHANGE_TERMINATION_BACKDATED:
					*detail = ev->f.has_made_on
						? psprintf("its last day in force, %s, is before %s, the day it is made",
								   s22a_iso_date(ev->f.new_expiry), s22a_iso_date(ev->made_on))
						: psprintf("its last day in force, %s, is before today: a termination cannot end the agreement in the past",
								   s22a_iso_date(ev->f.new_expiry));
					return false;
			}
			return false;
		case DECISION_RULE_VOTE:
			if (ev->host_half)
			{
				*detail = ev->host_tally.total == 0
					? psprintf("host_half: no member of a force on %s holds a weight: not carried",
							   s22a_iso_date(ev->on))
					: psprintf("host_half (%s holds half): %s%% for, %s%% against: %s",
							   ev->host_force, WEIGHT_TEXT(ev->vote.in_favour),
							   WEIGHT_TEXT(ev->vote.against),
							   ev->vote.carried ? "carried" : "not carried (more than half needed)");
				return ev->vote.carried;
			}
			if (!ev->vote.weighted)
			{
				*detail = pstrdup("not needed: the agreement has no voting weights");
				return true;
			}
			*detail = psprintf("%s for, %s against, of a total weight of %s: %s",
							   WEIGHT_TEXT(ev->vote.in_favour), WEIGHT_TEXT(ev->vote.against),
							   WEIGHT_TEXT(ev->vote.total),
							   ev->vote.carried ? "carried" : "not carried (more than half needed)");
			return ev->vote.carried;
		case DECISION_RULE_COUNT:
			break;
	}
	return false;
}

/* ---------- the rules as refusals: decision_rules ----------------------- */

/* The refusal of a decision made while the rule fails (the rule's SQLSTATE and name). */
void
s22a_refuse_decision_rule(Relation rel, const DecisionEvaluation *ev, DecisionRule rule)
{
	const char *kind = decision_kind_name(ev->f.kind);
	long long	id = (long long) ev->f.id;
	S22aRuleId	rule_id = rule_ids[rule];
	const char *notice_detail =
		psprintf("Business for a meeting must be advised to all parties in writing with no less than %d clear working days' notice (Seven Force agreement, clause 3.4)",
				 NOTICE_CLEAR_WORKING_DAYS);

	switch (rule)
	{
		case DECISION_RULE_CONSENT:
			if (ev->no_parties)
				ereport(ERROR,
						(s22a_rule_error(rel, rule_id),
						 errmsg("decision %lld cannot be made: agreement \"%s\" has no parties on %s",
								id, ev->agreement_ref, s22a_iso_date(ev->on)),
						 errdetail("A %s binds the parties to the agreement and needs the consent of every one of them (Seven Force agreement, clause %s); with no party on the decision date nobody could give it.",
								   kind, ev->f.kind == DECISION_BUDGET ? "5.1" : "6.2"),
						 errhint("Date the decision (meeting_on, or proposed_on outside a meeting) on a day the agreement has parties.")));
			ereport(ERROR,
					(s22a_rule_error(rel, rule_id),
					 errmsg("decision %lld cannot be made: no consent from %s",
							id, and_list(ev->missing, ev->nmissing)),
					 ev->every_party && ev->f.kind == DECISION_BUDGET && ev->f.at_meeting
					 ? errdetail("A budget decision changes what every party pays and needs the consent of every party to the agreement on %s, whatever impacts are recorded (Seven Force agreement, clause 5.1).",
								 s22a_iso_date(ev->on))
					 : ev->every_party
					 ? errdetail("A %s %s needs the consent of every party to the agreement on %s (Seven Force agreement, clauses 3.5 and 6.2).",
								 kind, ev->f.at_meeting ? "decision" : "outside a meeting", s22a_iso_date(ev->on))
					 : errdetail("An in principle decision at a meeting needs the consent of the parties it materially affects (Seven Force agreement, clause 3.3)."),
					 errhint("Record the consent of %s in s22a.consent.",
							 and_list(ev->missing, ev->nmissing))));
			break;
		case DECISION_RULE_WRITTEN_FORM:
			ereport(ERROR,
					(s22a_rule_error(rel, rule_id),
					 errmsg("decision %lld cannot be made: the consent of %s was given only at a meeting",
							id, and_list(ev->not_written, ev->nnot_written)),
					 errdetail("A %s%s needs written consent; a meeting consent does not count (Seven Force agreement, clauses 3.5 and 6.2).",
							   kind, ev->f.at_meeting ? "" : " outside a meeting"),
					 errhint("Record their consent in writing: form letter, memo, email or decision_notice.")));
			break;
		case DECISION_RULE_NOTICE:
			if (ev->notice == NOTICE_NONE)
				ereport(ERROR,
						(s22a_rule_error(rel, rule_id),
						 errmsg("decision %lld cannot be made: no notice was given of the meeting on %s",
								id, s22a_iso_date(ev->f.meeting_on)),
						 errdetail("%s.", notice_detail),
						 errhint("Notice must be given on or before %s.", s22a_iso_date(ev->notice_deadline))));
			ereport(ERROR,
					(s22a_rule_error(rel, rule_id),
					 errmsg("decision %lld cannot be made: notice given on %s leaves %d clear working day%s before the meeting on %s, %d are needed",
							id, s22a_iso_date(ev->f.notice_given_on), ev->clear_days,
							ev->clear_days == 1 ? "" : "s", s22a_iso_date(ev->f.meeting_on),
							NOTICE_CLEAR_WORKING_DAYS),
					 errdetail("%s; weekends and bank holidays do not count.", notice_detail),
					 errhint("Notice must be given on or before %s.", s22a_iso_date(ev->notice_deadline))));
			break;
		case DECISION_RULE_NEW_EXPIRY:
			ereport(ERROR,
					(s22a_rule_error(rel, rule_id),
					 errmsg("decision %lld cannot be made: a %s needs new_expiry", id, kind),
					 errdetail("A made renewal moves the agreement's expiry to new_expiry; a made termination ends it after new_expiry."),
					 errhint("Set new_expiry to the %s.",
							 ev->f.kind == DECISION_RENEWAL ? "new last day of the term" : "last day in force")));
			break;
		case DECISION_RULE_TERM_CHANGE_IN_TIME:
			if (ev->term_change == TERM_CHANGE_RENEWAL_AFTER_EXPIRY)
				ereport(ERROR,
						(s22a_rule_error(rel, rule_id),
						 errmsg("decision %lld cannot be made: a renewal made on %s is after the effective expiry %s of agreement \"%s\"",
								id, s22a_iso_date(ev->made_on),
								s22a_iso_date(ev->expiry_before.last_day), ev->agreement_ref),
						 errdetail("A renewal is made on or before the last day of the term it extends (Seven Force agreement, clause 6.2: the agreement terminates \"unless renewed\"); after that day the agreement has lapsed and there is nothing to renew."),
						 errhint("Record a new agreement for the parties' new commitment; its term may begin before it is executed.")));
			ereport(ERROR,
					(s22a_rule_error(rel, rule_id),
					 errmsg("decision %lld cannot be made: the termination's last day in force %s is before %s, the day it is made",
							id, s22a_iso_date(ev->f.new_expiry), s22a_iso_date(ev->made_on)),
					 errdetail("A termination ends agreement \"%s\" from the day it is made or later; it cannot end it in the past.",
							   ev->agreement_ref),
					 errhint("Set new_expiry to %s or later.", s22a_iso_date(ev->made_on))));
			break;
		case DECISION_RULE_VOTE:
			if (ev->host_half)
				ereport(ERROR,
						(s22a_rule_error(rel, rule_id),
						 errmsg("decision %lld cannot be made: the vote is not carried, %s%% for and %s%% against",
								id, WEIGHT_TEXT(ev->vote.in_favour), WEIGHT_TEXT(ev->vote.against)),
						 errdetail("Under host_half the host force %s holds half the weight and the other forces with a member party on %s share the other half; a decision needs more than half in favour, so the host alone does not carry it (Single Online Home paper, 4.3-4.4 and 7.6).",
								   ev->host_force, s22a_iso_date(ev->on)),
						 errhint("Record votes in s22a.vote until more than half the weight is in favour.")));
			ereport(ERROR,
					(s22a_rule_error(rel, rule_id),
					 errmsg("decision %lld cannot be made: the vote is not carried, %s for and %s against of a total weight of %s",
							id, WEIGHT_TEXT(ev->vote.in_favour), WEIGHT_TEXT(ev->vote.against),
							WEIGHT_TEXT(ev->vote.total)),
					 errdetail("Under weighted governance a decision needs more than half the total weight of the members on %s in favour (Single Online Home paper, 4.3-4.4).",
							   s22a_iso_date(ev->on)),
					 errhint("Record votes in s22a.vote until more than half of %s is in favour.",
							 WEIGHT_TEXT(ev->vote.total))));
			break;
		case DECISION_RULE_COUNT:
			break;
	}
}
