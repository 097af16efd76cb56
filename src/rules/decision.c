/*
 * rules/decision.c — what kind of decision needs what, under the Seven
 * Force Strategic Collaboration agreement (the board paper repeats the same
 * clauses as 3.7-3.9):
 *   3.3  an "in principle" decision at the Summit that would materially
 *        affect a Party needs the consent of the Party or Parties concerned;
 *   3.5  a decision outside the programme of meetings needs the written
 *        agreement of all the Parties (a letter, memo or email);
 *   5.1  the parties have agreed the budget; any variance to it must be
 *        agreed (by the Summit, clause 3.6.3, whose decisions each party,
 *        keeping its executive sovereignty, gives effect to): a budget
 *        decision changes what every Party pays, so every Party consents;
 *   6.2  the agreement terminates unless renewed in writing by all the
 *        Parties (and so too its variation, termination and membership,
 *        which change what every Party signed).
 * Also the decision kinds by name and the decision date, the day members,
 * consents and votes are counted on.
 */
#include "postgres.h"

#include "s22a.h"

static const char *const decision_kind_names[] = {
	[DECISION_IN_PRINCIPLE] = "in_principle",
	[DECISION_RENEWAL] = "renewal",
	[DECISION_VARIATION] = "variation",
	[DECISION_TERMINATION] = "termination",
	[DECISION_BUDGET] = "budget",
	[DECISION_MEMBERSHIP] = "membership",
};

/* the kind as s22a.decision.kind spells it */
const char *
decision_kind_name(DecisionKind kind)
{
	return decision_kind_names[kind];
}

/* false when name is no decision kind */
bool
decision_kind_parse(const char *name, DecisionKind *kind)
{
	for (int i = 0; i < (int) lengthof(decision_kind_names); i++)
		if (strcmp(decision_kind_names[i], name) == 0)
		{
			*kind = (DecisionKind) i;
			return true;
		}
	return false;
}

/*
 * Renewal, variation, termination and membership change what every party
 * signed: all of them must consent, in writing (clause 6.2).  A budget
 * decision changes what every party pays: all of them must consent (clause
 * 5.1), whatever impacts are recorded, so that no clerk can make one alone
 * and cite it to change sealed cost terms (an agreement that decides by
 * weighted vote decides its budget by the vote).  Any decision outside a meeting
 * needs the written agreement of all the parties (clause 3.5).  Otherwise
 * (an in principle decision at a meeting) only the parties it materially
 * affects must consent (clause 3.3).
 */
bool
decision_needs_every_party(DecisionKind kind, bool at_meeting, bool by_vote)
{
	if (!at_meeting || decision_changes_agreement(kind))
		return true;
	/*
	 * A budget at a meeting of an agreement that decides by weighted vote
	 * (Single Online Home paper, §4.3-4.4: the host keeps half of all
	 * decision making) is carried by the vote, which every member may
	 * cast: requiring every party's consent too would take the host's
	 * half away.  The vote rule then stops a clerk making it alone.
	 */
	return kind == DECISION_BUDGET && !by_vote;
}

/*
 * Writing: outside a meeting (clause 3.5) and for what changes the signed
 * agreement (clause 6.2).  A budget decision at a meeting is the Summit's
 * (clause 3.6.3): a consent given there counts, as for an in principle
 * decision.
 */
bool
decision_needs_writing(DecisionKind kind, bool at_meeting)
{
	return !at_meeting || decision_changes_agreement(kind);
}

/* a renewal moves the expiry and a termination sets the last day: both need new_expiry */
bool
decision_needs_new_expiry(DecisionKind kind)
{
	return kind == DECISION_RENEWAL || kind == DECISION_TERMINATION;
}

/* the decision date: the meeting when there is one, else the day proposed */
DateADT
decision_date(const DecisionFacts *f)
{
	return f->at_meeting ? f->meeting_on : f->proposed_on;
}

/*
 * Renewal, variation, termination and membership change the agreement:
 * they bind its parties, whose consent they need (clause 6.2).
 */
bool
decision_changes_agreement(DecisionKind kind)
{
	switch (kind)
	{
		case DECISION_RENEWAL:
		case DECISION_VARIATION:
		case DECISION_TERMINATION:
		case DECISION_MEMBERSHIP:
			return true;
		case DECISION_IN_PRINCIPLE:
		case DECISION_BUDGET:
			return false;
	}
	return true;
}

/*
 * The decisions that bind every party: those that change the agreement,
 * and a budget decision, which changes what every party pays (clause 5.1).
 */
bool
decision_binds_every_party(DecisionKind kind)
{
	return decision_changes_agreement(kind) || kind == DECISION_BUDGET;
}

/*
 * The day whose parties a decision binds, and so the parties that consent,
 * vote or are materially affected: the decision date; but a decision dated
 * before the agreement commences, of any kind, binds the parties on the
 * commencement date.  Before commencement the agreement has no parties, and
 * a date outside the membership must not mean "nobody must agree": an in
 * principle decision outside a meeting dated then still needs the written
 * agreement of all the parties (clause 3.5), as a budget or a change to the
 * agreement does (clauses 5.1, 6.2), and one at a meeting names the parties
 * it affects among those the agreement will have.
 */
DateADT
decision_parties_date(const DecisionFacts *f, DateADT commences_on)
{
	DateADT		on = decision_date(f);

	if (on < commences_on)
		return commences_on;
	return on;
}

/*
 * A decision that needs every party's consent (decision_needs_every_party:
 * any outside a meeting, a budget or a change to the agreement at one), on
 * a day the agreement has no parties, cannot be made: there is nobody whose
 * consent could make it, and no consent does not mean every party agreed.
 * An in principle decision at a meeting needs only the parties it
 * materially affects (clause 3.3), and there are none to affect.
 */
bool
decision_without_parties(DecisionKind kind, bool at_meeting, int nmembers)
{
	return decision_needs_every_party(kind, at_meeting, false) && nmembers == 0;
}

/*
 * made_on lies between the day the decision was proposed and today, and a
 * decision at a meeting is not made before the meeting: a decision "made"
 * in 9999 would stay the latest renewal for ever.
 */
MadeOnFault
decision_made_on_fault(const DecisionFacts *f, DateADT made_on, DateADT today)
{
	if (made_on > today)
		return MADE_ON_AFTER_TODAY;
	if (made_on < f->proposed_on)
		return MADE_ON_BEFORE_PROPOSED;
	if (f->at_meeting && made_on < f->meeting_on)
		return MADE_ON_BEFORE_MEETING;
	return MADE_ON_OK;
}

/*
 * The meeting that takes a decision, and the notice of its business, come
 * on or after the day it was proposed, and the notice is given on or before
 * the meeting (Seven Force agreement, clause 3.4: notice is given before
 * the meeting).  A decision proposed in 2026 but "taken" at a meeting of
 * 2019 would count the consents of the parties of 2019 (its decision date
 * is the meeting), not of those it binds now.
 */
DecisionDatesFault
decision_dates_fault(const DecisionFacts *f)
{
	if (f->at_meeting && f->meeting_on < f->proposed_on)
		return DECISION_DATES_MEETING_BEFORE_PROPOSED;
	if (f->has_notice && f->notice_given_on < f->proposed_on)
		return DECISION_DATES_NOTICE_BEFORE_PROPOSED;
	if (f->has_notice && f->at_meeting && f->notice_given_on > f->meeting_on)
		return DECISION_DATES_NOTICE_AFTER_MEETING;
	return DECISION_DATES_OK;
}

/*
 * Whether two versions of a proposed decision decide the same thing: the
 * same kind, agreement, new expiry, meeting and title.  A consent or vote
 * is given to what the decision said when it was given; a change to any of
 * these voids it.
 */
bool
decision_decides_same(const DecisionFacts *a, const DecisionFacts *b)
{
	if (a->kind != b->kind || a->agreement_id != b->agreement_id)
		return false;
	if (a->has_new_expiry != b->has_new_expiry ||
		(a->has_new_expiry && a->new_expiry != b->new_expiry))
		return false;
	if (a->at_meeting != b->at_meeting || (a->at_meeting && a->meeting_on != b->meeting_on))
		return false;
	if ((a->title == NULL) != (b->title == NULL) ||
		(a->title != NULL && strcmp(a->title, b->title) != 0))
		return false;
	return true;
}
