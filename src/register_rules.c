/*
 * register_rules.c — the register's triggers: execution, sealing, the
 * statutory shape of the parties and withdrawals (DESIGN.md §3).
 *
 * Every refusal is SQLSTATE 23514 (check_violation) with the rule's name as
 * the constraint name, a message naming the parties and dates, and a HINT
 * saying what would satisfy the rule:
 *
 *   execution_signatures  every party on the commencement date has signed and
 *                         declared (s22A(3)) on or before the execution day
 *   execution_lead_force  the lead force is one of the agreement's forces
 *   execution_final       executed_on cannot change once set
 *   statutory_shape       Police Act 1996 s22A(1), (3), (5) as amended in
 *                         2017 and s23C(6): at least one policing body, two
 *                         when no "other" party is a member, and every
 *                         member chief officer with the policing body that
 *                         maintains its force
 *   agreement_sealed      terms of an executed agreement change only with a
 *                         made variation/renewal/termination decision
 *   membership_sealed     membership of an executed agreement changes only
 *                         with a made membership decision
 *   agreement_no_delete,
 *   membership_no_delete  executed agreements and their membership rows are
 *                         never deleted
 *   withdrawal_notice     effective_on >= notice_given_on + withdrawal_notice
 *                         (Single Online Home: 12 months, seed 003 para 4.5)
 *   withdrawal_member     only a member party can withdraw
 *   withdrawal_pairing    a policing body cannot withdraw and leave its chief
 *                         officer behind
 *
 * The rules themselves are the plain C functions in the first section; the
 * trigger functions gather rows with SPI (plans kept) and report.
 *
 * The checks that look at membership run in AFTER ROW constraint triggers
 * (DEFERRABLE INITIALLY IMMEDIATE): they fire once the whole statement is
 * done, so one INSERT may add a chief officer together with its policing
 * body, and SET CONSTRAINTS ... DEFERRED moves them to commit when a change
 * takes several statements.  They read membership through s22a_members_on()
 * (membership.c), the one membership rule.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "datatype/timestamp.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/datum.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "s22a.h"

/* ======================================================================
 * The rules, over plain values
 * ====================================================================== */

/*
 * Statutory shape of the members on one day.  Marks in orphan[] every chief
 * officer whose force's policing body is not a member.  The faults are
 * reported in this order: no policing body at all; a single policing body
 * with no "other" party; a chief officer without its policing body.
 */
ShapeFault
statutory_shape(int n, const Member *m, bool *orphan)
{
	int			bodies = 0,
				others = 0;
	bool		any_orphan = false;

	for (int i = 0; i < n; i++)
	{
		orphan[i] = false;
		if (m[i].kind == PARTY_POLICING_BODY)
			bodies++;
		else if (m[i].kind == PARTY_OTHER)
			others++;
	}
	for (int i = 0; i < n; i++)
	{
		bool		found = false;

		if (m[i].kind != PARTY_CHIEF_OFFICER)
			continue;
		for (int j = 0; j < n && !found; j++)
			found = m[j].kind == PARTY_POLICING_BODY &&
				strcmp(m[j].force, m[i].force) == 0;
		orphan[i] = !found;
		any_orphan |= !found;
	}
	if (bodies == 0)
		return SHAPE_NO_POLICING_BODY;
	if (bodies == 1 && others == 0)
		return SHAPE_ONE_POLICING_BODY;
	if (any_orphan)
		return SHAPE_CHIEF_WITHOUT_BODY;
	return SHAPE_OK;
}

/*
 * What a party still lacks to execute on executed_on: SIGNATURE_UNSIGNED
 * and/or SIGNATURE_UNDECLARED.  Both must fall on or before the execution
 * day: a party cannot be bound by an agreement it had not yet signed, and
 * s22A(3) makes the declaration a condition of making the agreement.
 */
int
signature_faults(bool has_signed, DateADT signed_on,
				 bool has_declared, DateADT declared_on, DateADT executed_on)
{
	int			faults = 0;

	if (!has_signed || signed_on > executed_on)
		faults |= SIGNATURE_UNSIGNED;
	if (!has_declared || declared_on > executed_on)
		faults |= SIGNATURE_UNDECLARED;
	return faults;
}

/*
 * Does the decision cited in authorised_by authorise a change to an
 * executed agreement?  It must be newly cited by this change, exist, belong
 * to the same agreement, be made, be of a fitting kind, and not be spent:
 * a decision authorises the change it was made for, so once a transaction
 * has cited it and committed, a later change needs a decision of its own
 * (DESIGN.md §3: "each change cites its own decision").
 */
AuthorityFault
authority_fits(bool newly_cited, bool found, int64 agreement_id,
			   int64 decision_agreement_id, bool made, bool kind_fits,
			   bool spent)
{
	if (!newly_cited)
		return AUTHORITY_NOT_CITED;
	if (!found)
		return AUTHORITY_NOT_FOUND;
	if (decision_agreement_id != agreement_id)
		return AUTHORITY_OTHER_AGREEMENT;
	if (!made)
		return AUTHORITY_NOT_MADE;
	if (!kind_fits)
		return AUTHORITY_WRONG_KIND;
	if (spent)
		return AUTHORITY_SPENT;
	return AUTHORITY_OK;
}

/*
 * The earliest day a withdrawal may take effect: notice_given_on plus the
 * agreement's withdrawal_notice, in the calendar (months first, clamped to
 * the end of a shorter month, then days, and part of a day counts as a whole
 * day), and never before the day after notice is given: a party is still a
 * member on the day it gives notice.  No notice period stated: the day
 * after notice.
 */
DateADT
withdrawal_earliest(DateADT notice_given_on, const Interval *notice)
{
	DateADT		earliest = notice_given_on + 1;

	if (notice != NULL)
	{
		int			y,
					m,
					d;
		int			months;
		DateADT		result;

		j2date(notice_given_on + POSTGRES_EPOCH_JDATE, &y, &m, &d);
		months = (y * MONTHS_PER_YEAR + (m - 1)) + notice->month;
		y = months / MONTHS_PER_YEAR;
		m = months % MONTHS_PER_YEAR + 1;
		if (d > day_tab[isleap(y)][m - 1])
			d = day_tab[isleap(y)][m - 1];
		result = date2j(y, m, d) - POSTGRES_EPOCH_JDATE + notice->day;
		if (notice->time > 0)
			result += (notice->time + USECS_PER_DAY - 1) / USECS_PER_DAY;
		else if (notice->time < 0)
			result -= (-notice->time) / USECS_PER_DAY;
		if (result > earliest)
			earliest = result;
	}
	return earliest;
}

static int
member_index(int n, const Member *m, const char *force, PartyKind kind)
{
	for (int i = 0; i < n; i++)
		if (m[i].kind == kind && strcmp(m[i].force, force) == 0)
			return i;
	return -1;
}

/*
 * A withdrawal taking effect on day D leaves a chief officer without its
 * policing body when, for its force, both were members the day before and
 * only the chief officer is a member on D.
 */
bool
chief_left_without_body(int nbefore, const Member *before,
						int nafter, const Member *after, const char *force)
{
	return member_index(nbefore, before, force, PARTY_CHIEF_OFFICER) >= 0 &&
		member_index(nbefore, before, force, PARTY_POLICING_BODY) >= 0 &&
		member_index(nafter, after, force, PARTY_CHIEF_OFFICER) >= 0 &&
		member_index(nafter, after, force, PARTY_POLICING_BODY) < 0;
}

/* ======================================================================
 * Gathering rows
 * ====================================================================== */

/* ISO date for messages, whatever the session's DateStyle */
static char *
iso_date(DateADT d)
{
	int			y,
				m,
				day;

	if (DATE_NOT_FINITE(d))
		return pstrdup(DATE_IS_NOBEGIN(d) ? "-infinity" : "infinity");
	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	return psprintf("%04d-%02d-%02d", y, m, day);
}

static SPIPlanPtr
prepare_kept(SPIPlanPtr *slot, const char *sql, int nargs, Oid *types)
{
	if (*slot == NULL)
	{
		SPIPlanPtr	plan = SPI_prepare(sql, nargs, types);

		if (plan == NULL)
			elog(ERROR, "s22a: could not prepare \"%s\": %s", sql,
				 SPI_result_code_string(SPI_result));
		SPI_keepplan(plan);
		*slot = plan;
	}
	return *slot;
}

static void
run_plan(SPIPlanPtr plan, Datum *args, const char *nulls)
{
	if (SPI_execute_plan(plan, args, nulls, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: register query failed");
}

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

/* "A, B, C" */
static char *
join_codes(int n, const Member *m, const bool *pick)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < n; i++)
		if (pick == NULL || pick[i])
			appendStringInfo(&s, "%s%s", s.len ? ", " : "", m[i].code);
	return s.len ? s.data : pstrdup("none");
}

/* The policing body that maintains a force, as its party code if known. */
static SPIPlanPtr body_plan;

static char *
policing_body_of(const char *force)
{
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(force)};

	run_plan(prepare_kept(&body_plan,
						  "SELECT code::text FROM s22a.party"
						  " WHERE force_code = $1 AND kind = 'policing_body'", 1, types),
			 args, NULL);
	if (SPI_processed > 0)
		return SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	return psprintf("the policing body for %s", force);
}

static TriggerData *
trigger_data(FunctionCallInfo fcinfo, const char *name, bool before)
{
	TriggerData *td;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: not called by trigger manager", name)));
	td = (TriggerData *) fcinfo->context;
	if (!TRIGGER_FIRED_FOR_ROW(td->tg_event) ||
		(before ? !TRIGGER_FIRED_BEFORE(td->tg_event) : !TRIGGER_FIRED_AFTER(td->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s: must be fired %s, for each row", name,
						before ? "before" : "after")));
	return td;
}

static Datum
column(Relation rel, HeapTuple tup, const char *name, bool *isnull)
{
	int			attno = SPI_fnumber(RelationGetDescr(rel), name);

	if (attno <= 0)
		elog(ERROR, "s22a: table %s has no column %s", RelationGetRelationName(rel), name);
	return heap_getattr(tup, attno, RelationGetDescr(rel), isnull);
}

static bool
column_changed(Relation rel, HeapTuple a, HeapTuple b, const char *name)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			attno = SPI_fnumber(desc, name);
	Form_pg_attribute att;
	bool		anull,
				bnull;
	Datum		ad,
				bd;

	if (attno <= 0)
		elog(ERROR, "s22a: table %s has no column %s", RelationGetRelationName(rel), name);
	att = TupleDescAttr(desc, attno - 1);
	ad = heap_getattr(a, attno, desc, &anull);
	bd = heap_getattr(b, attno, desc, &bnull);
	if (anull || bnull)
		return anull != bnull;
	return !datumIsEqual(ad, bd, att->attbyval, att->attlen);
}

/* ======================================================================
 * Authority: a made decision of the agreement, of a fitting kind
 * ====================================================================== */

static SPIPlanPtr decision_plan;
static SPIPlanPtr spent_plan;
static SPIPlanPtr cite_lock_plan;

/*
 * Refuses the change unless authorised_by newly cites a made decision of
 * the agreement whose kind is one of kinds[].  `what` says what is being
 * changed, for the message.
 */
static void
require_authority(Relation rel, const char *rule, const AgreementRow *a,
				  bool newly_cited, int64 decision_id,
				  const char *const *kinds, int nkinds, const char *kinds_text,
				  const char *what)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(decision_id)};
	bool		found = false,
				made = false,
				kind_fits = false,
				spent = false;
	int64		decision_agreement = 0;
	char	   *kind = NULL,
			   *state = NULL,
			   *other_ref = NULL;
	AuthorityFault fault;

	if (newly_cited)
	{
		bool		isnull;

		run_plan(prepare_kept(&decision_plan,
							  "SELECT d.agreement_id, d.kind::text, d.state::text, a.ref"
							  "  FROM s22a.decision d JOIN s22a.agreement a ON a.id = d.agreement_id"
							  " WHERE d.id = $1", 1, types),
				 args, NULL);
		found = SPI_processed > 0;
		if (found)
		{
			HeapTuple	tup = SPI_tuptable->vals[0];
			TupleDesc	desc = SPI_tuptable->tupdesc;

			decision_agreement = DatumGetInt64(SPI_getbinval(tup, desc, 1, &isnull));
			kind = SPI_getvalue(tup, desc, 2);
			state = SPI_getvalue(tup, desc, 3);
			other_ref = SPI_getvalue(tup, desc, 4);
			made = strcmp(state, "made") == 0;
			for (int i = 0; i < nkinds; i++)
				kind_fits |= strcmp(kind, kinds[i]) == 0;
		}
		if (found)
		{
			S22aUserContext saved;

			/*
			 * The audit log records every citation with its transaction.
			 * Two transactions citing the same decision at once would each
			 * miss the other's uncommitted citation, so the decision row is
			 * locked first (FOR NO KEY UPDATE: the foreign keys citing it
			 * take only KEY SHARE): the second waits for the first to end,
			 * then reads the log on a fresh snapshot and finds it spent.
			 * Both run as the owner, since the role making the change need
			 * neither update decisions nor read the log (triggers.c).
			 */
			s22a_become_owner("audit_log", &saved);
			if (SPI_execute_plan(prepare_kept(&cite_lock_plan,
											  "SELECT 1 FROM s22a.decision WHERE id = $1 FOR NO KEY UPDATE",
											  1, types),
								 args, NULL, false, 1) != SPI_OK_SELECT)
				elog(ERROR, "s22a: could not lock the cited decision");
			if (SPI_execute_snapshot(prepare_kept(&spent_plan,
												  "SELECT 1 FROM s22a.audit_log l"
												  " WHERE l.table_name IN ('agreement', 'agreement_party')"
												  "   AND (l.new ->> 'authorised_by') = $1::text"
												  "   AND l.transaction_id <> pg_catalog.pg_current_xact_id()"
												  " LIMIT 1", 1, types),
									 args, NULL, GetLatestSnapshot(), InvalidSnapshot,
									 true, false, 1) != SPI_OK_SELECT)
				elog(ERROR, "s22a: could not read the audit log");
			s22a_restore_user(&saved);
			spent = SPI_processed > 0;
		}
	}
	fault = authority_fits(newly_cited, found, a->id, decision_agreement, made, kind_fits, spent);
	switch (fault)
	{
		case AUTHORITY_OK:
			return;
		case AUTHORITY_NOT_CITED:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("agreement \"%s\" was executed on %s: %s cannot change without a decision",
							a->ref, iso_date(a->executed_on), what),
					 errdetail("After execution every change must cite its own made decision in authorised_by; an UPDATE that leaves authorised_by as it was cites none."),
					 errhint("Set authorised_by to a made %s decision of agreement \"%s\" in the same statement.",
							 kinds_text, a->ref),
					 errtableconstraint(rel, rule)));
			break;
		case AUTHORITY_NOT_FOUND:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld cited for agreement \"%s\" does not exist",
							(long long) decision_id, a->ref),
					 errhint("Cite a made %s decision of agreement \"%s\".", kinds_text, a->ref),
					 errtableconstraint(rel, rule)));
			break;
		case AUTHORITY_OTHER_AGREEMENT:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld belongs to agreement \"%s\", not \"%s\"",
							(long long) decision_id, other_ref, a->ref),
					 errdetail("A change to agreement \"%s\" needs a decision of that agreement.",
							   a->ref),
					 errhint("Cite a made %s decision of agreement \"%s\".", kinds_text, a->ref),
					 errtableconstraint(rel, rule)));
			break;
		case AUTHORITY_NOT_MADE:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld of agreement \"%s\" is %s, not made",
							(long long) decision_id, a->ref, state),
					 errdetail("Only a made decision authorises a change to an executed agreement."),
					 errhint("Make decision %lld first (every consent it needs), then cite it.",
							 (long long) decision_id),
					 errtableconstraint(rel, rule)));
			break;
		case AUTHORITY_SPENT:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld of agreement \"%s\" already authorised an earlier change and cannot authorise %s",
							(long long) decision_id, a->ref, what),
					 errdetail("Each change to an executed agreement cites its own decision; the audit log shows decision %lld cited by an earlier transaction.",
							   (long long) decision_id),
					 errhint("Make a new %s decision for this change and cite it.", kinds_text),
					 errtableconstraint(rel, rule)));
			break;
		case AUTHORITY_WRONG_KIND:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld of agreement \"%s\" is a %s decision; changing %s needs a %s decision",
							(long long) decision_id, a->ref, kind, what, kinds_text),
					 errhint("Cite a made %s decision of agreement \"%s\".", kinds_text, a->ref),
					 errtableconstraint(rel, rule)));
			break;
	}
}

/* ======================================================================
 * Statutory shape over the agreement's membership dates
 * ====================================================================== */

static SPIPlanPtr dates_plan;

/*
 * Membership only changes on a commencement, joining, leaving or withdrawal
 * day: the commencement date and every such day from it on, in order.
 */
static int
membership_dates(int64 agreement_id, DateADT **out)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(agreement_id)};
	int			ndates;
	DateADT    *dates;

	run_plan(prepare_kept(&dates_plan,
						  "SELECT DISTINCT d FROM ("
						  "  SELECT joins_on AS d FROM s22a.agreement_party WHERE agreement_id = $1"
						  "  UNION ALL SELECT leaves_on FROM s22a.agreement_party WHERE agreement_id = $1"
						  "  UNION ALL SELECT effective_on FROM s22a.withdrawal WHERE agreement_id = $1"
						  "  UNION ALL SELECT commences_on FROM s22a.agreement WHERE id = $1"
						  ") x"
						  " WHERE d >= (SELECT commences_on FROM s22a.agreement WHERE id = $1)"
						  " ORDER BY d", 1, types),
			 args, NULL);
	ndates = (int) SPI_processed;
	dates = palloc(sizeof(DateADT) * Max(ndates, 1));
	for (int i = 0; i < ndates; i++)
	{
		bool		isnull;

		dates[i] = DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[i],
												 SPI_tuptable->tupdesc, 1, &isnull));
	}
	*out = dates;
	return ndates;
}

/*
 * Checking the commencement date and every membership date after it checks
 * every day of the agreement.  On commencement the agreement must have its
 * parties; on a later day nobody left means every party has gone and the
 * agreement has ended, which is not a fault of shape.
 */
static void
check_shape(Relation rel, const AgreementRow *a)
{
	DateADT    *dates;
	int			ndates = membership_dates(a->id, &dates);

	for (int i = 0; i < ndates; i++)
	{
		Member	   *m;
		int			n = s22a_members_on(a->id, dates[i], &m);
		bool	   *orphan = palloc(sizeof(bool) * Max(n, 1));
		ShapeFault	fault;
		char	   *day = iso_date(dates[i]);

		if (n == 0 && dates[i] != a->commences_on)
			continue;
		fault = statutory_shape(n, m, orphan);
		switch (fault)
		{
			case SHAPE_OK:
				break;
			case SHAPE_NO_POLICING_BODY:
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("agreement \"%s\" would have no policing body as a party on %s",
								a->ref, day),
						 errdetail("Parties on %s: %s. Police Act 1996 s22A(1) needs at least one policing body.",
								   day, join_codes(n, m, NULL)),
						 errhint("Add the policing body that maintains each party's force as a party from the same day."),
						 errtableconstraint(rel, "statutory_shape")));
				break;
			case SHAPE_ONE_POLICING_BODY:
				{
					int			b = 0;

					while (m[b].kind != PARTY_POLICING_BODY)
						b++;
					ereport(ERROR,
							(errcode(ERRCODE_CHECK_VIOLATION),
							 errmsg("agreement \"%s\" would have only one policing body (%s) and no other party on %s",
									a->ref, m[b].code, day),
							 errdetail("Parties on %s: %s. Police Act 1996 s22A needs two or more policing bodies, or one policing body with another person (s22A(6)).",
									   day, join_codes(n, m, NULL)),
							 errhint("Add a second policing body, or a party of kind other, from the same day."),
							 errtableconstraint(rel, "statutory_shape")));
				}
				break;
			case SHAPE_CHIEF_WITHOUT_BODY:
				{
					StringInfoData bodies;

					initStringInfo(&bodies);
					for (int j = 0; j < n; j++)
						if (orphan[j])
							appendStringInfo(&bodies, "%s%s", bodies.len ? ", " : "",
											 policing_body_of(m[j].force));
					ereport(ERROR,
							(errcode(ERRCODE_CHECK_VIOLATION),
							 errmsg("chief officer %s would be a party to agreement \"%s\" on %s without %s, the policing body that maintains its force",
									join_codes(n, m, orphan), a->ref, day, bodies.data),
							 errdetail("Parties on %s: %s. Police Act 1996 s22A(5) and s23C(6): a chief officer is party to a collaboration agreement only with the policing body that maintains its force.",
									   day, join_codes(n, m, NULL)),
							 errhint("Add %s to the agreement from the same day, in the same statement (or defer the checks to commit with SET CONSTRAINTS ALL DEFERRED).",
									 bodies.data),
							 errtableconstraint(rel, "statutory_shape")));
				}
				break;
		}
	}
}

/* ======================================================================
 * Execution
 * ====================================================================== */

static SPIPlanPtr signatures_plan;

static void
check_execution(Relation rel, const AgreementRow *a)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(a->id)};
	Member	   *m;
	int			n = s22a_members_on(a->id, a->commences_on, &m);
	bool	   *unsigned_ = palloc0(sizeof(bool) * Max(n, 1));
	bool	   *undeclared = palloc0(sizeof(bool) * Max(n, 1));
	bool		any_unsigned = false,
				any_undeclared = false;
	char	   *executed = iso_date(a->executed_on);
	char	   *commences = iso_date(a->commences_on);

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("agreement \"%s\" cannot be executed: it has no parties on its commencement date %s",
						a->ref, commences),
				 errhint("Record its parties in agreement_party with signed_on and declared_on, then set executed_on."),
				 errtableconstraint(rel, "execution_signatures")));

	/* every party on the commencement date signed and declared by executed_on */
	run_plan(prepare_kept(&signatures_plan,
						  "SELECT party_code::text, signed_on, declared_on"
						  "  FROM s22a.agreement_party WHERE agreement_id = $1", 1, types),
			 args, NULL);
	for (int i = 0; i < n; i++)
	{
		for (uint64 r = 0; r < SPI_processed; r++)
		{
			HeapTuple	tup = SPI_tuptable->vals[r];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		snull,
						dnull;
			DateADT		s,
						d;
			int			faults;

			if (strcmp(SPI_getvalue(tup, desc, 1), m[i].code) != 0)
				continue;
			s = DatumGetDateADT(SPI_getbinval(tup, desc, 2, &snull));
			d = DatumGetDateADT(SPI_getbinval(tup, desc, 3, &dnull));
			faults = signature_faults(!snull, s, !dnull, d, a->executed_on);
			unsigned_[i] = (faults & SIGNATURE_UNSIGNED) != 0;
			undeclared[i] = (faults & SIGNATURE_UNDECLARED) != 0;
			any_unsigned |= unsigned_[i];
			any_undeclared |= undeclared[i];
		}
	}
	if (any_unsigned || any_undeclared)
	{
		StringInfoData msg;

		initStringInfo(&msg);
		if (any_unsigned)
			appendStringInfo(&msg, "not signed by %s", join_codes(n, m, unsigned_));
		if (any_undeclared)
			appendStringInfo(&msg, "%sno declaration from %s", any_unsigned ? "; " : "",
							 join_codes(n, m, undeclared));
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("agreement \"%s\" cannot be executed on %s: %s on or before that day",
						a->ref, executed, msg.data),
				 errdetail("Every party on the commencement date %s must sign the agreement (signed_on) and record that it is in the interests of efficiency or effectiveness (declared_on, Police Act 1996 s22A(3)) on or before the execution day.",
						   commences),
				 errhint("Record signed_on and declared_on on or before %s for those parties, or execute on a later day.",
						 executed),
				 errtableconstraint(rel, "execution_signatures")));
	}

	/* the lead force is one of the agreement's forces on commencement */
	if (a->lead_force != NULL)
	{
		bool		found = false;
		StringInfoData forces;

		initStringInfo(&forces);
		for (int i = 0; i < n; i++)
		{
			bool		listed = false;

			if (m[i].force[0] == '\0')
				continue;
			found |= strcmp(m[i].force, a->lead_force) == 0;
			/* list each force once, by exact code */
			for (int j = 0; j < i && !listed; j++)
				listed = strcmp(m[j].force, m[i].force) == 0;
			if (!listed)
				appendStringInfo(&forces, "%s%s", forces.len ? ", " : "", m[i].force);
		}
		if (!found)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("lead force %s of agreement \"%s\" has no party to the agreement on its commencement date %s",
							a->lead_force, a->ref, commences),
					 errdetail("Forces with a party on %s: %s.", commences,
							   forces.len ? forces.data : "none"),
					 errhint("Choose one of those forces as lead_force, or add the force's chief officer and policing body as parties."),
					 errtableconstraint(rel, "execution_lead_force")));
	}
}

/*
 * A lead force changed after execution (by a variation) must have a party
 * to the agreement on some day of it: on a membership date on or after
 * commencement.
 */
static void
check_lead_force_later(Relation rel, const AgreementRow *a)
{
	DateADT    *dates;
	int			ndates;

	if (a->lead_force == NULL)
		return;
	ndates = membership_dates(a->id, &dates);
	for (int i = 0; i < ndates; i++)
	{
		Member	   *m;
		int			n = s22a_members_on(a->id, dates[i], &m);

		for (int j = 0; j < n; j++)
			if (strcmp(m[j].force, a->lead_force) == 0)
				return;
	}
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("lead force %s of agreement \"%s\" never has a party to the agreement",
					a->lead_force, a->ref),
			 errhint("Choose a force with a party to the agreement as lead_force."),
			 errtableconstraint(rel, "execution_lead_force")));
}

/* ======================================================================
 * Trigger functions
 * ====================================================================== */

static const char *const term_columns[] = {
	"title", "ref", "parent_id", "lead_force", "commences_on", "expires_on",
	"review_on", "withdrawal_notice", "published_at"
};
static const char *const term_kinds[] = {"variation", "renewal", "termination"};

static const char *const membership_columns[] = {
	"party_code", "joins_on", "leaves_on", "signed_on", "declared_on"
};
static const char *const membership_kinds[] = {"membership"};

/*
 * agreement_sealed: BEFORE UPDATE OR DELETE ON agreement.  Once executed an
 * agreement's terms change only by a made decision cited in authorised_by
 * (DESIGN.md §3; seed 003 clause 6.2: renewal "in writing by all the
 * Parties"), its execution day is final, and it is never deleted.
 */
PG_FUNCTION_INFO_V1(s22a_agreement_sealed);
Datum
s22a_agreement_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "agreement_sealed", true);
	Relation	rel = td->tg_relation;
	HeapTuple	old = td->tg_trigtuple;
	HeapTuple	new = td->tg_newtuple;
	bool		isnull;
	AgreementRow a;
	StringInfoData changed;
	bool		auth_changed;
	Datum		auth;
	bool		auth_null;

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it (triggers.c) */
	(void) column(rel, old, "executed_on", &isnull);
	if (isnull)					/* a draft is freely editable */
		return PointerGetDatum(TRIGGER_FIRED_BY_DELETE(td->tg_event) ? old : new);

	memset(&a, 0, sizeof(a));
	a.id = DatumGetInt64(column(rel, old, "id", &isnull));
	a.ref = TextDatumGetCString(column(rel, old, "ref", &isnull));
	a.executed_on = DatumGetDateADT(column(rel, old, "executed_on", &isnull));
	a.executed = true;

	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("agreement \"%s\" was executed on %s and cannot be deleted",
						a.ref, iso_date(a.executed_on)),
				 errdetail("The register keeps every executed agreement."),
				 errhint("End it with a made termination decision (its new_expiry is the last day in force)."),
				 errtableconstraint(rel, "agreement_no_delete")));
	if (!TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		return PointerGetDatum(new);

	if (column_changed(rel, old, new, "executed_on"))
	{
		(void) column(rel, new, "executed_on", &isnull);
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("agreement \"%s\" was executed on %s; its execution day cannot be %s",
						a.ref, iso_date(a.executed_on),
						isnull ? "cleared" :
						psprintf("changed to %s",
								 iso_date(DatumGetDateADT(column(rel, new, "executed_on", &isnull))))),
				 errhint("Execution is final: record changes to the agreement as decisions (variation, renewal, termination)."),
				 errtableconstraint(rel, "execution_final")));
	}

	initStringInfo(&changed);
	for (int i = 0; i < lengthof(term_columns); i++)
		if (column_changed(rel, old, new, term_columns[i]))
			appendStringInfo(&changed, "%s%s", changed.len ? ", " : "", term_columns[i]);
	auth_changed = column_changed(rel, old, new, "authorised_by");
	if (changed.len == 0 && !auth_changed)
		return PointerGetDatum(new);	/* nothing changes */

	auth = column(rel, new, "authorised_by", &auth_null);
	SPI_connect();
	require_authority(rel, "agreement_sealed", &a, auth_changed && !auth_null,
					  auth_null ? 0 : DatumGetInt64(auth),
					  term_kinds, lengthof(term_kinds), "variation, renewal or termination",
					  changed.len ? psprintf("its terms (%s)", changed.data) : "authorised_by");
	SPI_finish();
	return PointerGetDatum(new);
}

/*
 * agreement_execution: AFTER INSERT OR UPDATE ON agreement, constraint
 * trigger.  Setting executed_on checks signatures, the lead force and the
 * statutory shape; a later (authorised) change of commencement or lead
 * force checks them again where they depend on it.
 */
PG_FUNCTION_INFO_V1(s22a_agreement_execution);
Datum
s22a_agreement_execution(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "agreement_execution", false);
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	HeapTuple	new = inserting ? td->tg_trigtuple : td->tg_newtuple;
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;
	bool		isnull;
	bool		executing,
				commencement_moved = false,
				lead_moved = false;
	AgreementRow a;

	(void) column(rel, new, "executed_on", &isnull);
	if (isnull)
		return PointerGetDatum(NULL);
	if (inserting)
		executing = true;
	else
	{
		(void) column(rel, old, "executed_on", &isnull);
		executing = isnull;
		commencement_moved = column_changed(rel, old, new, "commences_on");
		lead_moved = column_changed(rel, old, new, "lead_force");
	}
	if (!executing && !commencement_moved && !lead_moved)
		return PointerGetDatum(NULL);

	s22a_see_statement_result();
	SPI_connect();
	s22a_read_agreement(DatumGetInt64(column(rel, new, "id", &isnull)), &a, true);
	if (executing || commencement_moved)
		check_execution(rel, &a);
	else
		check_lead_force_later(rel, &a);
	check_shape(rel, &a);
	SPI_finish();
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}

static SPIPlanPtr executed_plan;

/* The agreement's ref and execution day (NULL ref: no such agreement). */
static bool
agreement_executed(int64 id, AgreementRow *a)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(id)};
	bool		isnull;
	Datum		d;

	memset(a, 0, sizeof(*a));
	a->id = id;
	run_plan(prepare_kept(&executed_plan,
						  "SELECT ref, executed_on FROM s22a.agreement WHERE id = $1", 1, types),
			 args, NULL);
	if (SPI_processed == 0)
		return false;			/* the foreign key reports it */
	a->ref = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2, &isnull);
	a->executed = !isnull;
	a->executed_on = isnull ? 0 : DatumGetDateADT(d);
	return a->executed;
}

/*
 * membership_sealed: BEFORE INSERT OR UPDATE OR DELETE ON agreement_party.
 * The membership of an executed agreement changes only by a made
 * membership decision cited in authorised_by (seed 003, CPCC2019-008: British
 * Transport Police joins the Chiltern Transport Consortium by decision), and
 * its rows are never deleted.
 */
PG_FUNCTION_INFO_V1(s22a_membership_sealed);
Datum
s22a_membership_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "membership_sealed", true);
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	bool		deleting = TRIGGER_FIRED_BY_DELETE(td->tg_event);
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;
	HeapTuple	new = inserting ? td->tg_trigtuple : deleting ? NULL : td->tg_newtuple;
	HeapTuple	row = new ? new : old;
	HeapTuple	result = deleting ? old : new;
	bool		isnull;
	AgreementRow a,
				other;
	char	   *party;
	StringInfoData changed;
	bool		auth_changed;
	Datum		auth;
	bool		auth_null;

	if (new && s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it (triggers.c) */
	SPI_connect();
	party = TextDatumGetCString(column(rel, row, "party_code", &isnull));
	if (!deleting && !inserting &&
		column_changed(rel, old, new, "agreement_id"))
	{
		bool		old_exec = agreement_executed(DatumGetInt64(column(rel, old, "agreement_id", &isnull)), &other);
		bool		new_exec = agreement_executed(DatumGetInt64(column(rel, new, "agreement_id", &isnull)), &a);

		if (old_exec || new_exec)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("membership of %s cannot move from agreement \"%s\" to \"%s\"",
							party, other.ref ? other.ref : "?", a.ref ? a.ref : "?"),
					 errdetail("Agreement \"%s\" is executed.", old_exec ? other.ref : a.ref),
					 errhint("Record the party leaving one agreement (leaves_on) and joining the other, each by a made membership decision of that agreement."),
					 errtableconstraint(rel, "membership_sealed")));
	}
	if (!agreement_executed(DatumGetInt64(column(rel, row, "agreement_id", &isnull)), &a))
	{
		SPI_finish();
		return PointerGetDatum(result);
	}

	if (deleting)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s cannot be deleted from agreement \"%s\", executed on %s",
						party, a.ref, iso_date(a.executed_on)),
				 errdetail("The register keeps the membership of every executed agreement."),
				 errhint("Set its leaves_on, citing a made membership decision in authorised_by, or record a withdrawal on notice; to end the whole agreement, make a termination decision."),
				 errtableconstraint(rel, "membership_no_delete")));

	initStringInfo(&changed);
	if (inserting)
	{
		auth_changed = true;
		appendStringInfo(&changed, "its membership (%s joining)", party);
	}
	else
	{
		for (int i = 0; i < lengthof(membership_columns); i++)
			if (column_changed(rel, old, new, membership_columns[i]))
				appendStringInfo(&changed, "%s%s", changed.len ? ", " : "", membership_columns[i]);
		auth_changed = column_changed(rel, old, new, "authorised_by");
		if (changed.len == 0 && !auth_changed)
		{
			SPI_finish();
			return PointerGetDatum(new);
		}
		if (changed.len == 0)
			appendStringInfoString(&changed, "authorised_by");
		changed.data = psprintf("the membership of %s (%s)", party, changed.data);
	}
	auth = column(rel, new, "authorised_by", &auth_null);
	require_authority(rel, "membership_sealed", &a, auth_changed && !auth_null,
					  auth_null ? 0 : DatumGetInt64(auth),
					  membership_kinds, lengthof(membership_kinds), "membership",
					  changed.data);
	SPI_finish();
	return PointerGetDatum(new);
}

/*
 * statutory_shape: AFTER INSERT OR UPDATE OR DELETE ON agreement_party and
 * withdrawal, constraint trigger.  Checks the shape of every executed
 * agreement whose membership the row touches.
 */
PG_FUNCTION_INFO_V1(s22a_statutory_shape);
Datum
s22a_statutory_shape(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "statutory_shape", false);
	Relation	rel = td->tg_relation;
	int64		ids[2];
	int			nids = 0;
	bool		isnull;

	if (!TRIGGER_FIRED_BY_DELETE(td->tg_event) || TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		HeapTuple	new = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

		ids[nids++] = DatumGetInt64(column(rel, new, "agreement_id", &isnull));
	}
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		int64		id = DatumGetInt64(column(rel, td->tg_trigtuple, "agreement_id", &isnull));

		if (nids == 0 || ids[0] != id)
			ids[nids++] = id;
	}

	s22a_see_statement_result();
	SPI_connect();
	for (int i = 0; i < nids; i++)
	{
		AgreementRow a;

		if (!agreement_executed(ids[i], &a))
			continue;
		s22a_read_agreement(ids[i], &a, true);
		check_shape(rel, &a);
	}
	SPI_finish();
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}

/*
 * withdrawal_notice: BEFORE INSERT OR UPDATE ON withdrawal.  A party leaves
 * on the notice its agreement requires (Single Online Home: "at least 12
 * months written notice to the host Force", seed 003 para 4.5).
 */
PG_FUNCTION_INFO_V1(s22a_withdrawal_notice);
Datum
s22a_withdrawal_notice(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "withdrawal_notice", true);
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
		return PointerGetDatum(new);	/* NOT NULL reports it (triggers.c) */
	notice_given_on = DatumGetDateADT(column(rel, new, "notice_given_on", &isnull));
	if (isnull)
		return PointerGetDatum(new);	/* NOT NULL reports it */
	effective_on = DatumGetDateADT(column(rel, new, "effective_on", &isnull));
	if (isnull)
		return PointerGetDatum(new);
	party = TextDatumGetCString(column(rel, new, "party_code", &isnull));

	SPI_connect();
	s22a_read_agreement(DatumGetInt64(column(rel, new, "agreement_id", &isnull)), &a, true);
	earliest = withdrawal_earliest(notice_given_on, a.has_notice ? &a.notice : NULL);
	if (effective_on < earliest)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("withdrawal of %s from agreement \"%s\" cannot take effect on %s: earliest effective date is %s",
						party, a.ref, iso_date(effective_on), iso_date(earliest)),
				 a.has_notice ?
				 errdetail("Notice was given on %s and the agreement requires a notice period of %s (withdrawal_notice).",
						   iso_date(notice_given_on), notice_text(&a.notice)) :
				 errdetail("Notice was given on %s; the agreement states no notice period, so the earliest is the day after.",
						   iso_date(notice_given_on)),
				 errhint("Set effective_on to %s or later.", iso_date(earliest)),
				 errtableconstraint(rel, "withdrawal_notice")));
	SPI_finish();
	return PointerGetDatum(new);
}

static SPIPlanPtr force_withdrawals_plan;

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
	TriggerData *td = trigger_data(fcinfo, "withdrawal_pairing", false);
	Relation	rel = td->tg_relation;
	HeapTuple	new = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	bool		isnull;
	AgreementRow a;
	DateADT		notice_given_on;
	char	   *party;
	Member	   *m;
	int			n,
				me = -1;
	char		force[PARTY_CODE_MAXLEN + 1];
	Oid			types[2] = {INT8OID, TEXTOID};
	Datum		args[2];
	int			ndates;
	DateADT    *dates;

	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		return PointerGetDatum(NULL);
	notice_given_on = DatumGetDateADT(column(rel, new, "notice_given_on", &isnull));
	party = TextDatumGetCString(column(rel, new, "party_code", &isnull));

	s22a_see_statement_result();
	SPI_connect();
	s22a_read_agreement(DatumGetInt64(column(rel, new, "agreement_id", &isnull)), &a, true);

	/* a member on the day it gives notice */
	n = s22a_members_on(a.id, notice_given_on, &m);
	for (int i = 0; i < n; i++)
		if (strcmp(m[i].code, party) == 0)
			me = i;
	if (me < 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s is not a party to agreement \"%s\" on %s, the day its notice is given",
						party, a.ref, iso_date(notice_given_on)),
				 errdetail("Parties on %s: %s.", iso_date(notice_given_on), join_codes(n, m, NULL)),
				 errhint("Only a member party can withdraw: give notice on a day between its joining and leaving days."),
				 errtableconstraint(rel, "withdrawal_member")));
	if (m[me].kind == PARTY_OTHER)
	{
		SPI_finish();
		PopActiveSnapshot();
		return PointerGetDatum(NULL);
	}
	strlcpy(force, m[me].force, sizeof(force));

	/* every day a party of this force withdraws with effect */
	args[0] = Int64GetDatum(a.id);
	args[1] = CStringGetTextDatum(force);
	run_plan(prepare_kept(&force_withdrawals_plan,
						  "SELECT DISTINCT w.effective_on FROM s22a.withdrawal w"
						  "  JOIN s22a.party p ON p.code = w.party_code"
						  " WHERE w.agreement_id = $1 AND p.force_code = $2"
						  " ORDER BY 1", 2, types),
			 args, NULL);
	ndates = (int) SPI_processed;
	dates = palloc(sizeof(DateADT) * Max(ndates, 1));
	for (int i = 0; i < ndates; i++)
		dates[i] = DatumGetDateADT(SPI_getbinval(SPI_tuptable->vals[i],
												 SPI_tuptable->tupdesc, 1, &isnull));
	for (int i = 0; i < ndates; i++)
	{
		Member	   *before,
				   *after;
		int			nbefore = s22a_members_on(a.id, dates[i] - 1, &before);
		int			nafter = s22a_members_on(a.id, dates[i], &after);

		if (chief_left_without_body(nbefore, before, nafter, after, force))
		{
			const char *chief = before[member_index(nbefore, before, force, PARTY_CHIEF_OFFICER)].code;
			const char *body = before[member_index(nbefore, before, force, PARTY_POLICING_BODY)].code;
			char	   *day = iso_date(dates[i]);

			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("withdrawal of %s from agreement \"%s\" with effect from %s would leave chief officer %s without the policing body that maintains its force",
							body, a.ref, day, chief),
					 errdetail("%s is still a party on %s. Police Act 1996 s22A(5), s23C(6): a chief officer is party only with its policing body.",
							   chief, day),
					 errhint("Give notice for %s with the same effective_on (%s), in the same statement (or in the same transaction after SET CONSTRAINTS ALL DEFERRED), or let %s withdraw no earlier than %s.",
							 chief, day, body, chief),
					 errtableconstraint(rel, "withdrawal_pairing")));
		}
	}
	SPI_finish();
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}
