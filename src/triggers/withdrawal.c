/*
 * triggers/withdrawal.c — the trigger functions of withdrawals on notice:
 *
 *   withdrawal_notice   BEFORE INSERT OR UPDATE ON withdrawal: effective_on
 *                       is at least notice_given_on + the agreement's
 *                       withdrawal_notice, and after notice_given_on (rule
 *                       withdrawal_notice); notice_given_on is not after
 *                       today, nor before today when a party's own role
 *                       gives it (rule withdrawal_notice_date); and a
 *                       withdrawal from an agreement that states no notice
 *                       period, or taking effect in a financial year that
 *                       has ended, cites a made membership or variation
 *                       decision in authorised_by (rules
 *                       withdrawal_committed, withdrawal_closed_year);
 *   withdrawal_pairing  AFTER INSERT OR UPDATE ON withdrawal, constraint
 *                       trigger: only a member party gives notice, and a
 *                       policing body cannot leave its chief officer behind
 *                       (rules withdrawal_member, withdrawal_pairing).
 *
 * A withdrawal also changes the statutory shape of the membership: trigger
 * withdrawal_statutory_shape runs statutory_shape_fault(), which lives once, in
 * triggers/agreement_party.c.  (withdrawal_pairing is named to fire before
 * it, so a withdrawal that strands a chief officer is reported as such.)
 *
 * The rules are rules/withdrawal.c; the rows come from data/.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "executor/spi.h"

#include "s22a.h"

/*
 * A notice period as the agreements write it ("12 months", "3 months 14
 * days"), whatever the session's IntervalStyle.
 */
static char *
notice_text(const Interval *iv)
{
	StringInfoData s;

	initStringInfo(&s);
	if (iv->month != 0)
		appendStringInfo(&s, "%d month%s", iv->month, iv->month == 1 ? "" : "s");
	if (iv->day != 0)
		appendStringInfo(&s, "%s%d day%s", s.len ? " " : "", iv->day, iv->day == 1 ? "" : "s");
	if (iv->time != 0)
		appendStringInfo(&s, "%s%g hours", s.len ? " " : "", (double) iv->time / USECS_PER_HOUR);
	return s.len ? s.data : pstrdup("no");
}

/*
 * Is the current role writing as a party's own role, rather than as a
 * clerk or administrator (s22a_clerk, which s22a_admin has), the tables'
 * owner or a superuser?  The same division as the row-level security
 * policies (is_clerk(), 32_party_member.sql; doc/security.md): a role that
 * may write only for the parties party_member maps it to.
 */
static bool
writing_as_party_role(Relation rel)
{
	Oid			me = GetUserId();
	Oid			clerk = get_role_oid("s22a_clerk", true);

	if (has_privs_of_role(me, rel->rd_rel->relowner))
		return false;			/* the owner, or a superuser */
	if (OidIsValid(clerk) && has_privs_of_role(me, clerk))
		return false;
	return true;
}

/*
 * withdrawal_notice_date: notice is evidence of something done, so it is
 * not dated after today; and a party's own role gives notice today, not on
 * a day in the past (a backdated notice would take the party out of past
 * years and move its cost shares onto the others).  A clerk may record a
 * notice given in writing earlier.
 */
static void
check_notice_date(Relation rel, const AgreementRow *a, const char *party,
				  DateADT notice_given_on)
{
	DateADT		today = s22a_rule_today();

	switch (withdrawal_notice_date_fault(notice_given_on, today, writing_as_party_role(rel)))
	{
		case NOTICE_DATE_OK:
			break;
		case NOTICE_DATE_FUTURE:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_NOTICE_DATE),
					 errmsg("withdrawal of %s from agreement \"%s\": notice cannot be given on %s, after today (%s)",
							party, a->ref, s22a_iso_date(notice_given_on), s22a_iso_date(today)),
					 errdetail("A withdrawal records written notice already given."),
					 errhint("Record the withdrawal on or after the day the notice is given, with that day as notice_given_on.")));
			break;
		case NOTICE_DATE_PAST_BY_PARTY:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_NOTICE_DATE),
					 errmsg("withdrawal of %s from agreement \"%s\": a party's own role cannot give notice dated %s, before today (%s)",
							party, a->ref, s22a_iso_date(notice_given_on), s22a_iso_date(today)),
					 errdetail("Notice given through a party's role is dated the day it is recorded; a notice dated in the past would take the party out of past years and move its cost shares onto the other forces."),
					 errhint("Give notice dated today (%s), or ask a clerk to record a notice given earlier in writing.",
							 s22a_iso_date(today))));
			break;
	}
}

/* the financial year of a day, as '2019/20' */
static char *
effective_year_text(DateADT day)
{
	FiscalYear	fy;

	if (fiscal_year_of_day(day, &fy) != FISCAL_YEAR_OK)
		return s22a_iso_date(day);
	return s22a_fiscal_year_text(fy);
}

/* whether the table has the column (a withdrawal table of 0.1 or 0.2 lacks authorised_by) */
static bool
has_column(Relation rel, const char *column)
{
	return SPI_fnumber(RelationGetDescr(rel), column) > 0;
}

/*
 * The first day of the financial year containing today (the rules' today,
 * s22a_rule_today): a withdrawal effective before it falls in a closed year.
 */
static DateADT
this_year_start(void)
{
	DateADT		today = s22a_rule_today();
	FiscalYear	this_year;

	if (fiscal_year_of_day(today, &this_year) != FISCAL_YEAR_OK)
		elog(ERROR, "s22a: today %s has no financial year", s22a_iso_date(today));
	return fiscal_year_first_day_number(this_year);
}

/*
 * withdrawal_committed, withdrawal_closed_year: a withdrawal that needs a
 * decision (withdrawal_needs_decision) cites a made membership or variation
 * decision of the agreement in authorised_by; a decision cited where none is
 * needed must still be one.  Checked on INSERT and on an UPDATE that changes
 * the withdrawal's days or its citation; an UPDATE that changes the days
 * cites a decision of its own, as every change to a sealed row does
 * (triggers/authority.c).  Existing rows are not checked again until they
 * change: a withdrawal recorded before 0.3 keeps its meaning.
 */
static void
check_withdrawal_authority(Relation rel, const AgreementRow *a, HeapTuple old, HeapTuple new,
						   const char *party, DateADT notice_given_on, DateADT effective_on)
{
	DateADT		year_start;
	WithdrawalNeed need;
	bool		auth_null;
	bool		newly_cited;
	char	   *what = psprintf("the withdrawal of %s", party);

	if (!has_column(rel, "authorised_by"))
		return;					/* 0.1 or 0.2 not yet updated: the rules of then */
	if (old != NULL &&
		!s22a_column_changed(rel, old, new, "notice_given_on") &&
		!s22a_column_changed(rel, old, new, "effective_on") &&
		!s22a_column_changed(rel, old, new, "agreement_id") &&
		!s22a_column_changed(rel, old, new, "party_code") &&
		!s22a_column_changed(rel, old, new, "authorised_by"))
		return;					/* nothing the rules read has changed */

	year_start = this_year_start();
	need = withdrawal_needs_decision(a->has_notice, effective_on, year_start);
	if (old != NULL && need == WITHDRAWAL_NEEDS_NO_DECISION)
	{
		/* moving a withdrawal out of a closed year changes that year too */
		bool		isnull;
		DateADT		was = DatumGetDateADT(s22a_column(rel, old, "effective_on", &isnull));

		if (withdrawal_needs_decision(true, was, year_start) == WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR)
		{
			need = WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR;
			effective_on = was;
		}
	}

	(void) s22a_column(rel, new, "authorised_by", &auth_null);
	newly_cited = !auth_null &&
		(old == NULL || s22a_column_changed(rel, old, new, "authorised_by"));
	if (newly_cited && writing_as_party_role(rel))
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("%s's own role cannot cite a decision for its withdrawal from agreement \"%s\"",
						party, a->ref),
				 errdetail("A decision of the parties is cited by the clerk who records the change it authorises; a party citing one itself could spend a decision made for something else."),
				 errhint("Give notice without authorised_by, or ask a clerk to record a withdrawal the parties decided.")));
	if (newly_cited)
	{
		/* the cited decision must authorise it, whether needed or not */
		s22a_require_authority(rel,
							   need == WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR
							   ? S22A_RULE_WITHDRAWAL_CLOSED_YEAR : S22A_RULE_WITHDRAWAL_COMMITTED,
							   a, old, new, AUTHORITY_FOR_WITHDRAWAL, what);
		return;
	}
	switch (need)
	{
		case WITHDRAWAL_NEEDS_NO_DECISION:
			break;
		case WITHDRAWAL_NEEDS_DECISION_COMMITTED:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_COMMITTED),
					 errmsg("%s cannot withdraw from agreement \"%s\" on its own notice: the agreement states no notice period, so each party is committed for the term",
							party, a->ref),
					 errdetail("With withdrawal_notice NULL a party is committed for the duration (Seven Force agreement, clause 6.3); it leaves only by a decision of all the parties."),
					 errhint("Cite a made membership or variation decision of agreement \"%s\" in authorised_by%s.",
							 a->ref, old != NULL ? " (a changed withdrawal cites a decision of its own)" : "")));
			break;
		case WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR:
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_CLOSED_YEAR),
					 errmsg("withdrawal of %s from agreement \"%s\" with effect from %s falls in %s, a financial year that has ended",
							party, a->ref, s22a_iso_date(effective_on),
							effective_year_text(effective_on)),
					 errdetail("Notice given on %s; a withdrawal effective before %s, the first day of this financial year, changes the membership and cost shares of a closed year.",
							   s22a_iso_date(notice_given_on), s22a_iso_date(year_start)),
					 errhint("Cite a made membership or variation decision of agreement \"%s\" in authorised_by, or record a withdrawal taking effect on or after %s.",
							 a->ref, s22a_iso_date(year_start))));
			break;
	}
}

/*
 * withdrawal_closed_year on DELETE: removing a withdrawal that took effect
 * in an ended financial year puts the party back into that year's
 * membership and moves the year's cost shares, as much as recording one
 * would.  A DELETE cannot cite a decision itself, so the row first cites a
 * made membership or variation decision in an UPDATE of authorised_by in
 * the same transaction (checked, and recorded as spent, like any citation),
 * then is deleted.
 */
static void
check_withdrawal_removal(Relation rel, HeapTuple old)
{
	DateADT		year_start;
	DateADT		effective_on;
	bool		isnull;
	bool		auth_null;
	AgreementRow a;
	char	   *party;

	if (!has_column(rel, "authorised_by"))
		return;					/* 0.1 or 0.2 not yet updated: the rules of then */
	year_start = this_year_start();
	effective_on = DatumGetDateADT(s22a_column(rel, old, "effective_on", &isnull));
	if (isnull || withdrawal_needs_decision(true, effective_on, year_start) != WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR)
		return;
	(void) s22a_column(rel, old, "authorised_by", &auth_null);
	if (!auth_null && TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(old->t_data)))
		return;					/* cited (and checked) by this transaction */

	s22a_read_agreement(DatumGetInt64(s22a_column(rel, old, "agreement_id", &isnull)), &a, true);
	party = s22a_column_text(rel, old, "party_code");
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_CLOSED_YEAR),
			 errmsg("the withdrawal of %s from agreement \"%s\" took effect on %s, in %s, a financial year that has ended, and cannot be removed without a decision",
					party, a.ref, s22a_iso_date(effective_on), effective_year_text(effective_on)),
			 errdetail("Removing it would make %s a party again in a closed year and move that year's cost shares.", party),
			 errhint("UPDATE the withdrawal setting authorised_by to a made membership or variation decision of agreement \"%s\", then DELETE it in the same transaction.",
					 a.ref)));
}

/*
 * withdrawal_notice: BEFORE INSERT OR UPDATE ON withdrawal.  A party leaves
 * on the notice its agreement requires (Single Online Home: "at least 12
 * months written notice to the host Force", Single Online Home paper,
 * para 4.5).
 *
 * withdrawal_earliest() does PostgreSQL's `date + interval` itself; a
 * notice period that runs past the dates PostgreSQL has is refused with
 * 22008, as `notice_given_on + withdrawal_notice` would be.
 */
PG_FUNCTION_INFO_V1(s22a_withdrawal_notice);
Datum
s22a_withdrawal_notice(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_WITHDRAWAL_NOTICE);
	Relation	rel = td->tg_relation;
	HeapTuple	new = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	bool		isnull;
	AgreementRow a;
	DateADT		notice_given_on,
				effective_on,
				earliest;
	char	   *party;

	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		check_withdrawal_removal(rel, td->tg_trigtuple);
		return PointerGetDatum(td->tg_trigtuple);
	}
	if (s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it (util.c) */
	notice_given_on = DatumGetDateADT(s22a_column(rel, new, "notice_given_on", &isnull));
	effective_on = DatumGetDateADT(s22a_column(rel, new, "effective_on", &isnull));
	party = s22a_column_text(rel, new, "party_code");

	/* the agreement's row lock first, as every check of its membership */
	s22a_lock_agreement(DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull)));
	s22a_see_latest();
	s22a_read_agreement(DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull)), &a, true);
	PopActiveSnapshot();

	if (TRIGGER_FIRED_BY_INSERT(td->tg_event) ||
		s22a_column_changed(rel, td->tg_trigtuple, new, "notice_given_on"))
		check_notice_date(rel, &a, party, notice_given_on);

	if (!withdrawal_earliest(notice_given_on, a.has_notice ? &a.notice : NULL, &earliest))
		ereport(ERROR,
				(errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
				 errmsg("withdrawal of %s from agreement \"%s\": notice given on %s plus the notice period of %s is out of range",
						party, a.ref, s22a_iso_date(notice_given_on), notice_text(&a.notice)),
				 errdetail("The agreement's withdrawal_notice runs past the dates PostgreSQL has (as notice_given_on + withdrawal_notice would)."),
				 errhint("Correct the agreement's withdrawal_notice.")));
	if (effective_on < earliest)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_NOTICE),
				 errmsg("withdrawal of %s from agreement \"%s\" cannot take effect on %s: earliest effective date is %s",
						party, a.ref, s22a_iso_date(effective_on), s22a_iso_date(earliest)),
				 a.has_notice ?
				 errdetail("Notice was given on %s and the agreement requires a notice period of %s (withdrawal_notice).",
						   s22a_iso_date(notice_given_on), notice_text(&a.notice)) :
				 errdetail("Notice was given on %s; the agreement states no notice period, so the earliest is the day after.",
						   s22a_iso_date(notice_given_on)),
				 errhint("Set effective_on to %s or later.", s22a_iso_date(earliest))));
	check_withdrawal_authority(rel, &a, TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_trigtuple : NULL,
							   new, party, notice_given_on, effective_on);
	return PointerGetDatum(new);
}

/*
 * withdrawal_pairing: AFTER INSERT OR UPDATE ON withdrawal, constraint
 * trigger.  Only a member party can give notice, and a policing body cannot
 * leave its force's chief officer behind (s22A(5), s23C(6)) unless both
 * withdraw with the same effect.
 */
PG_FUNCTION_INFO_V1(s22a_withdrawal_pairing);
Datum
s22a_withdrawal_pairing(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_WITHDRAWAL_PAIRING);
	Relation	rel = td->tg_relation;
	HeapTuple	new = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	bool		isnull;
	AgreementRow a;
	AgreementMembership m;
	DateADT		notice_given_on,
				day;
	char	   *party;
	int			me;
	Member		chief,
				body;

	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		return PointerGetDatum(NULL);
	notice_given_on = DatumGetDateADT(s22a_column(rel, new, "notice_given_on", &isnull));
	party = s22a_column_text(rel, new, "party_code");

	/* after the agreement's row lock, on a fresh snapshot (s22a_lock_agreement) */
	s22a_lock_agreement(DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull)));
	s22a_see_latest();
	s22a_read_agreement(DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull)), &a, true);
	s22a_load_membership(a.id, &m);

	/* a member on the day it gives notice */
	me = membership_party_index(&m, party);
	if (me < 0 || !membership_party_on(&m, me, notice_given_on))
	{
		Member	   *members = palloc(sizeof(Member) * Max(m.n, 1));
		int			n = membership_members_on(&m, notice_given_on, members);
		char	   *day_text = s22a_iso_date(notice_given_on);

		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_MEMBER),
				 errmsg("%s is not a party to agreement \"%s\" on %s, the day its notice is given",
						party, a.ref, day_text),
				 errdetail("Parties on %s: %s.", day_text, s22a_member_list(n, members, NULL, "none")),
				 errhint("Only a member party can withdraw: give notice on a day between its joining and leaving days.")));
	}
	if (m.parties[me].kind != PARTY_OTHER &&
		withdrawal_pairing_fault(&m, m.parties[me].force, &day, &chief, &body))
	{
		char	   *day_text = s22a_iso_date(day);

		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_WITHDRAWAL_PAIRING),
				 errmsg("withdrawal of %s from agreement \"%s\" with effect from %s would leave chief officer %s without the policing body that maintains its force",
						body.code, a.ref, day_text, chief.code),
				 errdetail("%s is still a party on %s. Police Act 1996 s22A(5), s23C(6): a chief officer is party only with its policing body.",
						   chief.code, day_text),
				 errhint("Give notice for %s with the same effective_on (%s), in the same statement (or in the same transaction after SET CONSTRAINTS ALL DEFERRED), or let %s withdraw no earlier than %s.",
						 chief.code, day_text, body.code, chief.code)));
	}
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}
