/*
 * rules/budget_term.c — the days of a financial year inside an agreement's
 * term, and rule budget_term: costs are set only for a year the agreement
 * is in force on at least one day.
 *
 * An agreement's costs are the costs of the collaboration while it runs:
 * the Seven Force agreement came into force on 22 October 2015 and, unless
 * renewed, ended on 31 March 2017 (clauses 6.1 and 6.2), and its costs are
 * apportioned "in any given year" of it (clause 5.2).  A budget, a stated
 * percentage or a spend for a year wholly before commencement or wholly
 * after the effective expiry has nothing to be shared by, so it is refused
 * (23514, budget_term); a year with one day in force is a (part) year of
 * the agreement and is accepted.
 *
 * The same span drives part-year charging (rules/charging.c): under
 * pro_rata_days a force is charged for the days of the year inside the term
 * on which it is a party.  "In force" here is the term alone, from
 * commences_on to the effective expiry (rules/term.c) — not execution, which
 * the register rules guard.
 *
 * Pure rule code: data/budget_term.c reads the term and words the refusal.
 */
#include "postgres.h"

#include "s22a.h"

/*
 * The days of financial year fy inside the term (commencement and the
 * effective expiry): *from and *to, both in force.  False when the year has
 * no such day.
 */
bool
term_days_in_year(FiscalYear fy, DateADT commences_on, const TermExpiry *expiry,
				  DateADT *from, DateADT *to)
{
	DateADT		first = fiscal_year_first_day_number(fy);
	DateADT		last = fiscal_year_last_day_number(fy);

	*from = Max(first, commences_on);
	*to = last;
	if (!expiry->open_ended && expiry->last_day < *to)
		*to = expiry->last_day;
	return *from <= *to;
}

/*
 * budget_term: may costs be set for fiscal year fy of an agreement with
 * this term?  True when at least one day of the year is in force.
 */
bool
budget_term_fits(FiscalYear fy, DateADT commences_on, const TermExpiry *expiry)
{
	DateADT		from,
				to;

	return term_days_in_year(fy, commences_on, expiry, &from, &to);
}
