/*
 * rules/term.c — term validity: is an agreement in force on a date?
 *
 * The term comes from the agreement and its made decisions (doc/register.md;
 * Seven Force agreement, clauses 6.1 and 6.2: "This Agreement
 * shall come into force on 22 October 2015 and shall continue until 31 March
 * 2017 ... will terminate on 31 March 2017 unless renewed in writing by all
 * the Parties"; CPCC2019-007 extends it to 31 March 2021):
 *
 *   effective expiry = expires_on, moved to the new_expiry of the latest made
 *                      renewal, or set by a made termination to its last day
 *                      in force (NULL = open ended);
 *   status on day D  = draft      not executed (executed_on NULL), or D
 *                                 before both executed_on and commences_on
 *                      pending    executed on or before D, D before
 *                                 commences_on
 *                      in_force   from commences_on to the effective expiry
 *                      expired    after the effective expiry
 *                      terminated after the last day set by a termination.
 *
 * The status is the answer as known today: once executed, an agreement is
 * in force from commences_on even when it was executed later.  The Seven
 * Force agreement came into force on 22 October 2015 (clause 6.1), although
 * the decision record CPCC2019-007 calls it "the original agreement made in
 * 2016": the parties agreed its term to run from that day, so the days
 * between commencement and execution are in force, not draft (a
 * retrospective term; doc/register.md).
 *
 * Pure rule code over plain values: data/term.c reads the agreement and its
 * made renewals and terminations (s22a_load_term), functions/term.c exposes
 * the rule as term_status(), in_force() and effective_expiry().
 */
#include "postgres.h"

#include "s22a.h"

static const char *const term_state_labels[] = {
	[TERM_DRAFT] = "draft",
	[TERM_PENDING] = "pending",
	[TERM_IN_FORCE] = "in_force",
	[TERM_EXPIRED] = "expired",
	[TERM_TERMINATED] = "terminated",
};

/*
 * Applies the made renewals and terminations, in the order they were made
 * (made_on, then id), to the term as signed.  A renewal moves the last day
 * (renewal "in writing by all the Parties", Seven Force agreement, clause
 * 6.2); a termination sets it to its own last day in force and marks the
 * agreement terminated, and nothing made later revives it: a renewal after a
 * termination leaves the termination's last day.
 */
void
term_effective_expiry(bool has_expires, DateADT expires_on,
					  int nevents, const TermEvent *events, TermExpiry *out)
{
	out->open_ended = !has_expires;
	out->last_day = has_expires ? expires_on : DATEVAL_NOEND;
	out->terminated = false;

	for (int i = 0; i < nevents; i++)
	{
		const TermEvent *e = &events[i];

		if (e->termination)
		{
			/* a termination without a day of its own changes nothing */
			if (!e->has_last_day)
				continue;
			out->open_ended = false;
			out->last_day = e->last_day;
			out->terminated = true;
		}
		else if (!out->terminated)
		{
			out->open_ended = !e->has_last_day;
			out->last_day = e->has_last_day ? e->last_day : DATEVAL_NOEND;
		}
	}
}

/*
 * The effective expiry as it stood just before a decision made on made_on
 * (with id `id`) took effect: the term as signed with only the renewals and
 * terminations made before it (by made_on, then id) applied.  events[] is in
 * that order (data/term.c).  A renewal "extends" this expiry.
 */
void
term_expiry_before(bool has_expires, DateADT expires_on,
				   int nevents, const TermEvent *events,
				   DateADT made_on, int64 id, TermExpiry *out)
{
	int			n = 0;

	while (n < nevents &&
		   (events[n].made_on < made_on ||
			(events[n].made_on == made_on && events[n].id < id)))
		n++;
	term_effective_expiry(has_expires, expires_on, n, events, out);
}

/*
 * term_change_in_time: is a renewal or termination made in time?
 *
 *   - A renewal is made on or before the effective expiry it extends
 *     (Seven Force agreement, clause 6.2: the agreement "will terminate on
 *     31 March 2017 unless renewed in writing by all the Parties"): once
 *     the term has ended there is nothing left to renew, and a renewal
 *     made later would silently revive an agreement that had lapsed.  A
 *     lapsed agreement is made again as a new agreement (doc/register.md).
 *     Made on the last day in force is in time; the day after is not.
 *   - A termination's last day in force is not before the day it is made:
 *     a decision cannot end an agreement in the past.
 *
 * before: the effective expiry just before the decision
 * (term_expiry_before).  Other kinds are always in time.
 */
TermChangeFault
term_change_fault(DecisionKind kind, bool has_new_expiry, DateADT new_expiry,
				  DateADT made_on, const TermExpiry *before)
{
	if (kind == DECISION_RENEWAL)
	{
		if (!before->open_ended && made_on > before->last_day)
			return TERM_CHANGE_RENEWAL_AFTER_EXPIRY;
	}
	else if (kind == DECISION_TERMINATION)
	{
		if (has_new_expiry && new_expiry < made_on)
			return TERM_CHANGE_TERMINATION_BACKDATED;
	}
	return TERM_CHANGE_OK;
}

/* The status of a term on a day. */
TermState
term_state_on(const AgreementTerm *t, DateADT on)
{
	if (!t->executed)
		return TERM_DRAFT;
	if (on < t->commences_on)
		return t->executed_on <= on ? TERM_PENDING : TERM_DRAFT;
	if (!t->expiry.open_ended && on > t->expiry.last_day)
		return t->expiry.terminated ? TERM_TERMINATED : TERM_EXPIRED;
	return TERM_IN_FORCE;
}

/* The term_state enum label of a status. */
const char *
term_state_label(TermState s)
{
	Assert(s >= TERM_DRAFT && s <= TERM_TERMINATED);
	return term_state_labels[s];
}
