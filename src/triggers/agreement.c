/*
 * triggers/agreement.c — the trigger functions of the agreement itself:
 *
 *   agreement_sealed     BEFORE UPDATE OR DELETE ON agreement: the terms of
 *                        an executed agreement change only with a made
 *                        variation, renewal or termination decision, its
 *                        execution day is final and it is never deleted
 *                        (rules agreement_sealed, execution_final,
 *                        agreement_no_delete);
 *   agreement_execution  AFTER INSERT OR UPDATE ON agreement, constraint
 *                        trigger: executing checks the signatures, the lead
 *                        force and the statutory shape (rules
 *                        execution_signatures, execution_lead_force,
 *                        statutory_shape);
 *   payee_force_party    AFTER INSERT OR UPDATE ON agreement, constraint
 *                        trigger deferred to commit: the force that is paid
 *                        has a party to the agreement (rule
 *                        payee_force_party, doc/costs.md).
 *
 * The rules are rules/execution.c, rules/authority.c and
 * rules/statutory_shape.c; the rows come from data/.  Every refusal is
 * SQLSTATE 23514 with the rule's name as the constraint name (the rule
 * registry), a message naming the parties and dates, and a HINT saying what
 * would satisfy the rule.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "s22a.h"

/*
 * the columns of an executed agreement that are its terms; published_at is
 * sealed once set: publishing is not a change of terms, so setting it from
 * NULL needs no decision, but moving it does (doc/governance.md)
 */
static const char *const term_columns[] = {
	"title", "ref", "parent_id", "lead_force", "commences_on", "expires_on",
	"review_on", "withdrawal_notice", "voting", "host_force",
	"charging",					/* how a part year is charged (0.3) */
	"payee_force"				/* who is paid (0.3) */
};
static const char *const publication_column[] = {"published_at"};


/* ======================================================================
 * Execution
 * ====================================================================== */

/*
 * Every party on the commencement date signed and declared by executed_on,
 * and the lead force is one of the forces with a party on that date.
 */
static void
check_execution(Relation rel, const AgreementRow *a, const AgreementMembership *m)
{
	Member	   *members = palloc(sizeof(Member) * Max(m->n, 1));
	int		   *faults = palloc(sizeof(int) * Max(m->n, 1));
	int			n = execution_signature_faults(m, a->executed_on, members, faults);
	bool	   *unsigned_ = palloc0(sizeof(bool) * Max(n, 1));
	bool	   *undeclared = palloc0(sizeof(bool) * Max(n, 1));
	bool		any_unsigned = false,
				any_undeclared = false;
	char	   *executed = s22a_iso_date(a->executed_on);
	char	   *commences = s22a_iso_date(a->commences_on);

	if (n == 0)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_EXECUTION_SIGNATURES),
				 errmsg("agreement \"%s\" cannot be executed: it has no parties on its commencement date %s",
						a->ref, commences),
				 errhint("Record its parties in agreement_party with signed_on and declared_on, then set executed_on.")));

	for (int i = 0; i < n; i++)
	{
		unsigned_[i] = (faults[i] & SIGNATURE_UNSIGNED) != 0;
		undeclared[i] = (faults[i] & SIGNATURE_UNDECLARED) != 0;
		any_unsigned |= unsigned_[i];
		any_undeclared |= undeclared[i];
	}
	if (any_unsigned || any_undeclared)
	{
		StringInfoData msg;

		initStringInfo(&msg);
		if (any_unsigned)
			appendStringInfo(&msg, "not signed by %s", s22a_member_list(n, members, unsigned_, "none"));
		if (any_undeclared)
			appendStringInfo(&msg, "%sno declaration from %s", any_unsigned ? "; " : "",
							 s22a_member_list(n, members, undeclared, "none"));
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_EXECUTION_SIGNATURES),
				 errmsg("agreement \"%s\" cannot be executed on %s: %s on or before that day",
						a->ref, executed, msg.data),
				 errdetail("Every party on the commencement date %s must sign the agreement (signed_on) and record that it is in the interests of efficiency or effectiveness (declared_on, Police Act 1996 s22A(3)) on or before the execution day.",
						   commences),
				 errhint("Record signed_on and declared_on on or before %s for those parties, or execute on a later day.",
						 executed)));
	}

	if (a->lead_force != NULL)
	{
		const char **forces = palloc(sizeof(char *) * n);
		int			nforces = execution_forces(n, members, forces);
		bool		found = false;

		for (int i = 0; i < nforces; i++)
			found |= strcmp(forces[i], a->lead_force) == 0;
		if (!found)
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_EXECUTION_LEAD_FORCE),
					 errmsg("lead force %s of agreement \"%s\" has no party to the agreement on its commencement date %s",
							a->lead_force, a->ref, commences),
					 errdetail("Forces with a party on %s: %s.", commences,
							   s22a_code_list(forces, nforces, ", ", "none")),
					 errhint("Choose one of those forces as lead_force, or add the force's chief officer and policing body as parties.")));
	}
}

/*
 * A lead force changed after execution (by a variation) must have a party
 * to the agreement on some day of it.
 */
static void
check_lead_force_later(Relation rel, const AgreementRow *a, const AgreementMembership *m)
{
	if (a->lead_force == NULL || execution_lead_force_has_party(m, a->lead_force))
		return;
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_EXECUTION_LEAD_FORCE),
			 errmsg("lead force %s of agreement \"%s\" never has a party to the agreement",
					a->lead_force, a->ref),
			 errhint("Choose a force with a party to the agreement as lead_force.")));
}

/* ======================================================================
 * What the cited decision authorises
 * ====================================================================== */

/*
 * The cited decision (already found to be a newly cited, made, unspent
 * variation, renewal or termination of the agreement) authorises only what
 * its kind changes: a renewal or termination moves expires_on, to its
 * new_expiry, and nothing else (rules/authority.c).  A renewal cited to
 * move the commencement or rename the agreement is refused, naming the
 * column and the kind.
 */
static void
check_decision_scope(Relation rel, const AgreementRow *a, HeapTuple old, HeapTuple new)
{
	bool		isnull;
	int64		decision_id = DatumGetInt64(s22a_column(rel, new, "authorised_by", &isnull));
	CitedDecision d;
	Datum		expires;

	if (isnull || !s22a_read_cited_decision(decision_id, &d))
		return;					/* s22a_require_authority refused it already */
	for (int i = 0; i < (int) lengthof(term_columns) + 1; i++)
	{
		const char *column = i < (int) lengthof(term_columns) ? term_columns[i] : publication_column[0];

		if (SPI_fnumber(RelationGetDescr(rel), column) <= 0)
			continue;			/* a column of 0.3 on a register not yet updated */
		if (!s22a_column_changed(rel, old, new, column) ||
			authority_column_in_scope(d.kind, column))
			continue;
		if (column == publication_column[0])
		{
			(void) s22a_column(rel, old, column, &isnull);
			if (isnull)
				continue;		/* publishing is not a change of terms */
		}
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_AGREEMENT_SEALED),
				 errmsg("decision %lld is a %s decision and cannot change %s of agreement \"%s\"",
						(long long) decision_id, d.kind, column, a->ref),
				 errdetail("A %s decision changes %s.", d.kind, authority_kind_scope_text(d.kind)),
				 errhint("Make a variation decision of agreement \"%s\" to change %s.", a->ref, column)));
	}
	if (!authority_sets_expiry(d.kind) || !d.has_new_expiry)
		return;
	expires = s22a_column(rel, new, "expires_on", &isnull);
	if (isnull || DatumGetDateADT(expires) != d.new_expiry)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_AGREEMENT_SEALED),
				 errmsg("decision %lld is a %s to %s: expires_on of agreement \"%s\" cannot be %s",
						(long long) decision_id, d.kind, s22a_iso_date(d.new_expiry), a->ref,
						isnull ? "NULL" : s22a_iso_date(DatumGetDateADT(expires))),
				 errdetail("A %s sets the last day in force to its new_expiry.", d.kind),
				 errhint("Set expires_on = '%s' in the statement that cites it.", s22a_iso_date(d.new_expiry))));
}

/* ======================================================================
 * Trigger functions
 * ====================================================================== */

/*
 * agreement_sealed: BEFORE UPDATE OR DELETE ON agreement.  Once executed an
 * agreement's terms change only by a made decision cited in authorised_by
 * (Seven Force agreement, clause 6.2: renewal "in writing by all the
 * Parties"), its execution day is final, and it is never deleted.
 */
PG_FUNCTION_INFO_V1(s22a_agreement_sealed);
Datum
s22a_agreement_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_AGREEMENT_SEALED);
	Relation	rel = td->tg_relation;
	HeapTuple	old = td->tg_trigtuple;
	HeapTuple	new = td->tg_newtuple;
	bool		isnull;
	AgreementRow a;
	char	   *changed;

	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) && s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it (util.c) */
	(void) s22a_column(rel, old, "executed_on", &isnull);
	if (isnull)					/* a draft is freely editable */
		return PointerGetDatum(TRIGGER_FIRED_BY_DELETE(td->tg_event) ? old : new);

	/* the row as it was: this statement has not changed it yet */
	memset(&a, 0, sizeof(a));
	a.id = DatumGetInt64(s22a_column(rel, old, "id", &isnull));
	a.ref = s22a_column_text(rel, old, "ref");
	a.executed_on = DatumGetDateADT(s22a_column(rel, old, "executed_on", &isnull));
	a.executed = true;

	if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_AGREEMENT_NO_DELETE),
				 errmsg("agreement \"%s\" was executed on %s and cannot be deleted",
						a.ref, s22a_iso_date(a.executed_on)),
				 errdetail("The register keeps every executed agreement."),
				 errhint("End it with a made termination decision (its new_expiry is the last day in force).")));
	if (!TRIGGER_FIRED_BY_UPDATE(td->tg_event))
		return PointerGetDatum(new);

	if (s22a_column_changed(rel, old, new, "executed_on"))
	{
		Datum		now = s22a_column(rel, new, "executed_on", &isnull);

		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_EXECUTION_FINAL),
				 errmsg("agreement \"%s\" was executed on %s; its execution day cannot be %s",
						a.ref, s22a_iso_date(a.executed_on),
						isnull ? "cleared" :
						psprintf("changed to %s", s22a_iso_date(DatumGetDateADT(now)))),
				 errhint("Execution is final: record changes to the agreement as decisions (variation, renewal, termination).")));
	}

	changed = s22a_sealed_columns_changed(rel, old, new, term_columns, lengthof(term_columns));
	(void) s22a_column(rel, old, "published_at", &isnull);
	if (!isnull && s22a_column_changed(rel, old, new, "published_at"))
		changed = changed ? psprintf("%s, published_at", changed)
			: s22a_sealed_columns_changed(rel, old, new, publication_column, 1);
	if (changed == NULL && !s22a_column_changed(rel, old, new, "authorised_by"))
		return PointerGetDatum(new);	/* nothing changes */

	s22a_require_authority(rel, S22A_RULE_AGREEMENT_SEALED, &a, old, new, AUTHORITY_FOR_TERMS,
						   changed ? psprintf("its terms (%s)", changed) : "authorised_by");
	check_decision_scope(rel, &a, old, new);
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
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_AGREEMENT_EXECUTION);
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	HeapTuple	new = inserting ? td->tg_trigtuple : td->tg_newtuple;
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;
	bool		isnull;
	bool		executing,
				commencement_moved = false,
				lead_moved = false;
	AgreementRow a;
	AgreementMembership m;

	(void) s22a_column(rel, new, "executed_on", &isnull);
	if (isnull)
		return PointerGetDatum(NULL);
	if (inserting)
		executing = true;
	else
	{
		(void) s22a_column(rel, old, "executed_on", &isnull);
		executing = isnull;
		commencement_moved = s22a_column_changed(rel, old, new, "commences_on");
		lead_moved = s22a_column_changed(rel, old, new, "lead_force");
	}
	if (!executing && !commencement_moved && !lead_moved)
		return PointerGetDatum(NULL);

	/*
	 * The UPDATE holds the agreement's row lock (NO KEY UPDATE), the lock a
	 * membership change or withdrawal takes before its checks
	 * (s22a_lock_agreement): one in flight when this UPDATE began has
	 * committed by now, so read on a fresh snapshot, not the statement's.
	 */
	s22a_see_latest();
	s22a_read_agreement(DatumGetInt64(s22a_column(rel, new, "id", &isnull)), &a, true);
	if (executing && a.executed_on > s22a_rule_today())
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_EXECUTION_FINAL),
				 errmsg("agreement \"%s\" cannot be executed on %s, a day after today (%s)",
						a.ref, s22a_iso_date(a.executed_on), s22a_iso_date(s22a_rule_today())),
				 errdetail("executed_on records the day the parties executed the agreement, and once set it is final: a day to come would seal the agreement from now on."),
				 errhint("Set executed_on on or after the day it is executed, to that day.")));
	s22a_load_membership(a.id, &m);
	if (executing || commencement_moved)
		check_execution(rel, &a, &m);
	else
		check_lead_force_later(rel, &a, &m);
	s22a_check_statutory_shape(rel, &a, &m);
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}

/*
 * payee_force_party: AFTER INSERT OR UPDATE ON agreement, constraint trigger,
 * DEFERRABLE INITIALLY DEFERRED (so an agreement, its parties and its payee
 * may be recorded in one transaction).  The payee receives the other forces'
 * payments (Single Online Home paper, 3.5: the forces pay the host force), so
 * it is one of the agreement's own forces: a force with a party to it on
 * some day of it, as for a lead force changed after execution.  Checked
 * when payee_force is set or changed, and again when the agreement is
 * executed (its parties may have changed while it was a draft).
 */
PG_FUNCTION_INFO_V1(s22a_payee_force_party);
Datum
s22a_payee_force_party(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_PAYEE_FORCE_PARTY);
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	HeapTuple	new = inserting ? td->tg_trigtuple : td->tg_newtuple;
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;
	char	   *payee = s22a_column_text(rel, new, "payee_force");
	bool		isnull;
	AgreementRow a;
	AgreementMembership m;

	if (payee == NULL)
		return PointerGetDatum(NULL);	/* the lead force is paid */
	if (!inserting && !s22a_column_changed(rel, old, new, "payee_force") &&
		!s22a_column_changed(rel, old, new, "executed_on"))
		return PointerGetDatum(NULL);
	/*
	 * Read on a fresh snapshot: the statement's own would not see the row
	 * an INSERT just added, nor parties added since when fired at commit.
	 */
	s22a_see_latest();
	if (!s22a_read_agreement(DatumGetInt64(s22a_column(rel, new, "id", &isnull)), &a, false))
	{
		PopActiveSnapshot();
		return PointerGetDatum(NULL);	/* deleted in the same transaction */
	}
	s22a_load_membership(a.id, &m);
	PopActiveSnapshot();
	if (execution_lead_force_has_party(&m, payee))
		return PointerGetDatum(NULL);
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_PAYEE_FORCE_PARTY),
			 errmsg("payee force %s of agreement \"%s\" has no party to the agreement", payee, a.ref),
			 errdetail("The payee receives the other forces' payments (Single Online Home paper, 3.5: the forces pay the host force), so it is one of the agreement's forces."),
			 errhint("Record the force's chief officer and policing body as parties in the same transaction, choose a force with a party as payee_force, or set it NULL to pay the lead force.")));
	return PointerGetDatum(NULL);
}
