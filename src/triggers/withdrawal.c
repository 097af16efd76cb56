/*
 * triggers/withdrawal.c — the trigger functions of withdrawals on notice:
 *
 *   withdrawal_notice   BEFORE INSERT OR UPDATE ON withdrawal: effective_on
 *                       is at least notice_given_on + the agreement's
 *                       withdrawal_notice, and after notice_given_on (rule
 *                       withdrawal_notice); notice_given_on is not after
 *                       today, nor before today when a party's own role
 *                       gives it (rule withdrawal_notice_date);
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

#include "commands/trigger.h"
#include "datatype/timestamp.h"
#include "lib/stringinfo.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

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
		return PointerGetDatum(td->tg_trigtuple);
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
