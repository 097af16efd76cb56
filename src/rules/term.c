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
 *   status on day D  = draft      not executed on D (executed_on NULL or > D)
 *                      pending    executed, D before commences_on
 *                      in_force   from commences_on to the effective expiry
 *                      expired    after the effective expiry
 *                      terminated after the last day set by a termination.
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

/* The status of a term on a day. */
TermState
term_state_on(const AgreementTerm *t, DateADT on)
{
	if (!t->executed || t->executed_on > on)
		return TERM_DRAFT;
	if (on < t->commences_on)
		return TERM_PENDING;
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
