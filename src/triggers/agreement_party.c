/*
 * triggers/agreement_party.c — the trigger functions of the membership:
 *
 *   membership_sealed  BEFORE INSERT OR UPDATE OR DELETE ON agreement_party:
 *                      the membership of an executed agreement changes only
 *                      by a made membership decision cited in authorised_by
 *                      (rules membership_sealed, membership_no_delete);
 *   statutory_shape    AFTER ... constraint trigger: Police Act 1996
 *                      s22A(1), (3), (5) and s23C(6) on every day of an
 *                      executed agreement (rule statutory_shape).
 *
 * statutory_shape is one trigger function on two tables: agreement_party
 * (trigger agreement_party_statutory_shape) and withdrawal (trigger
 * withdrawal_statutory_shape), since a withdrawal changes the membership
 * as a leaves_on does.  It lives here, once, with
 * s22a_check_statutory_shape(), which agreement_execution
 * (triggers/agreement.c) also calls when an agreement is executed;
 * triggers/withdrawal.c has no copy of it.
 *
 * The rules are rules/statutory_shape.c and rules/authority.c; the rows
 * come from data/.  The shape check runs in AFTER ROW constraint triggers
 * (DEFERRABLE INITIALLY IMMEDIATE): they fire once the whole statement is
 * done, so one INSERT may add a chief officer together with its policing
 * body, and SET CONSTRAINTS ... DEFERRED moves them to commit when a change
 * takes several statements.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "lib/stringinfo.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"

#include "s22a.h"

/* the columns of a membership row that need a membership decision */
static const char *const membership_columns[] = {
	"party_code", "joins_on", "leaves_on", "signed_on", "declared_on"
};

/* ======================================================================
 * The statutory shape over the agreement's membership days
 * ====================================================================== */

/*
 * Checks the statutory shape of agreement *a, whose membership is *m, on
 * each day its membership changes (membership_change_days): that covers
 * every day of it.  On commencement the agreement must have its parties; on
 * a later day nobody left means every party has gone and the agreement has
 * ended, which is not a fault of shape.
 */
void
s22a_check_statutory_shape(Relation rel, const AgreementRow *a, const AgreementMembership *m)
{
	DateADT    *days = palloc(sizeof(DateADT) * (1 + 2 * m->n));
	int			ndays = membership_change_days(m, days);
	Member	   *members = palloc(sizeof(Member) * Max(m->n, 1));
	bool	   *orphan = palloc(sizeof(bool) * Max(m->n, 1));

	for (int i = 0; i < ndays; i++)
	{
		int			n = membership_members_on(m, days[i], members);
		char	   *day;

		if (n == 0 && days[i] != m->commences_on)
			continue;
		switch (statutory_shape_fault(n, members, orphan))
		{
			case SHAPE_OK:
				break;
			case SHAPE_NO_POLICING_BODY:
				day = s22a_iso_date(days[i]);
				ereport(ERROR,
						(s22a_rule_error(rel, S22A_RULE_STATUTORY_SHAPE),
						 errmsg("agreement \"%s\" would have no policing body as a party on %s",
								a->ref, day),
						 errdetail("Parties on %s: %s. Police Act 1996 s22A(1) needs at least one policing body.",
								   day, s22a_member_list(n, members, NULL, "none")),
						 errhint("Add the policing body that maintains each party's force as a party from the same day.")));
				break;
			case SHAPE_ONE_POLICING_BODY:
				{
					int			b = 0;

					while (members[b].kind != PARTY_POLICING_BODY)
						b++;
					day = s22a_iso_date(days[i]);
					ereport(ERROR,
							(s22a_rule_error(rel, S22A_RULE_STATUTORY_SHAPE),
							 errmsg("agreement \"%s\" would have only one policing body (%s) and no other party on %s",
									a->ref, members[b].code, day),
							 errdetail("Parties on %s: %s. Police Act 1996 s22A needs two or more policing bodies, or one policing body with another person (s22A(6)).",
									   day, s22a_member_list(n, members, NULL, "none")),
							 errhint("Add a second policing body, or a party of kind other, from the same day.")));
				}
				break;
			case SHAPE_CHIEF_WITHOUT_BODY:
				{
					StringInfoData bodies;

					initStringInfo(&bodies);
					for (int j = 0; j < n; j++)
						if (orphan[j])
						{
							char	   *body = s22a_read_policing_body(members[j].force);

							appendStringInfo(&bodies, "%s%s", bodies.len ? ", " : "",
											 body ? body : psprintf("the policing body for %s", members[j].force));
						}
					day = s22a_iso_date(days[i]);
					ereport(ERROR,
							(s22a_rule_error(rel, S22A_RULE_STATUTORY_SHAPE),
							 errmsg("chief officer %s would be a party to agreement \"%s\" on %s without %s, the policing body that maintains its force",
									s22a_member_list(n, members, orphan, "none"), a->ref, day, bodies.data),
							 errdetail("Parties on %s: %s. Police Act 1996 s22A(5) and s23C(6): a chief officer is party to a collaboration agreement only with the policing body that maintains its force.",
									   day, s22a_member_list(n, members, NULL, "none")),
							 errhint("Add %s to the agreement from the same day, in the same statement (or defer the checks to commit with SET CONSTRAINTS ALL DEFERRED).",
									 bodies.data)));
				}
				break;
		}
	}
}

/* ======================================================================
 * Trigger functions
 * ====================================================================== */

/*
 * membership_sealed: BEFORE INSERT OR UPDATE OR DELETE ON agreement_party.
 * The membership of an executed agreement changes only by a made
 * membership decision cited in authorised_by (CPCC2019-008, CTC paper:
 * British Transport Police joins the Chiltern Transport Consortium by
 * decision), and its rows are never deleted.
 */
PG_FUNCTION_INFO_V1(s22a_membership_sealed);
Datum
s22a_membership_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_MEMBERSHIP_SEALED);
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	bool		deleting = TRIGGER_FIRED_BY_DELETE(td->tg_event);
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;
	HeapTuple	new = inserting ? td->tg_trigtuple : deleting ? NULL : td->tg_newtuple;
	HeapTuple	row = new ? new : old;
	HeapTuple	result = deleting ? old : new;
	bool		isnull;
	AgreementRow a;
	char	   *party;
	char	   *what;

	if (new && s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it (util.c) */
	party = s22a_column_text(rel, row, "party_code");

	/*
	 * Serialise with every other change to the agreement's membership and
	 * with its execution: lock its row, then read it on a fresh snapshot
	 * (an execution that committed while this waited counts).
	 */
	if (!deleting && !inserting &&
		s22a_column_changed(rel, old, new, "agreement_id"))
		s22a_lock_agreement(DatumGetInt64(s22a_column(rel, old, "agreement_id", &isnull)));
	s22a_lock_agreement(DatumGetInt64(s22a_column(rel, row, "agreement_id", &isnull)));
	s22a_see_latest();
	if (!deleting && !inserting &&
		s22a_column_changed(rel, old, new, "agreement_id"))
	{
		AgreementRow from,
					to;
		bool		from_found = s22a_read_agreement(DatumGetInt64(s22a_column(rel, old, "agreement_id", &isnull)), &from, false);
		bool		to_found = s22a_read_agreement(DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull)), &to, false);

		if ((from_found && from.executed) || (to_found && to.executed))
			ereport(ERROR,
					(s22a_rule_error(rel, S22A_RULE_MEMBERSHIP_SEALED),
					 errmsg("membership of %s cannot move from agreement \"%s\" to \"%s\"",
							party, from_found ? from.ref : "?", to_found ? to.ref : "?"),
					 errdetail("Agreement \"%s\" is executed.",
							   from_found && from.executed ? from.ref : to.ref),
					 errhint("Record the party leaving one agreement (leaves_on) and joining the other, each by a made membership decision of that agreement.")));
	}
	/* an unknown agreement: the foreign key reports it; a draft: free */
	if (!s22a_read_agreement(DatumGetInt64(s22a_column(rel, row, "agreement_id", &isnull)), &a, false) ||
		!a.executed)
	{
		PopActiveSnapshot();
		return PointerGetDatum(result);
	}

	if (deleting)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_MEMBERSHIP_NO_DELETE),
				 errmsg("%s cannot be deleted from agreement \"%s\", executed on %s",
						party, a.ref, s22a_iso_date(a.executed_on)),
				 errdetail("The register keeps the membership of every executed agreement."),
				 errhint("Set its leaves_on, citing a made membership decision in authorised_by, or record a withdrawal on notice; to end the whole agreement, make a termination decision.")));

	if (inserting)
		what = psprintf("its membership (%s joining)", party);
	else
	{
		char	   *changed = s22a_sealed_columns_changed(rel, old, new, membership_columns,
														  lengthof(membership_columns));

		if (changed == NULL && !s22a_column_changed(rel, old, new, "authorised_by"))
		{
			PopActiveSnapshot();
			return PointerGetDatum(new);	/* nothing changes */
		}
		what = psprintf("the membership of %s (%s)", party, changed ? changed : "authorised_by");
	}
	s22a_require_authority(rel, S22A_RULE_MEMBERSHIP_SEALED, &a, old, new,
						   AUTHORITY_FOR_MEMBERSHIP, what);
	PopActiveSnapshot();
	return PointerGetDatum(new);
}

/*
 * statutory_shape: AFTER INSERT OR UPDATE OR DELETE ON agreement_party and
 * ON withdrawal, constraint trigger.  Checks the shape of every executed
 * agreement whose membership the row touches (the old and the new
 * agreement of a row that moves).
 */
PG_FUNCTION_INFO_V1(s22a_statutory_shape);
Datum
s22a_statutory_shape(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_STATUTORY_SHAPE);
	Relation	rel = td->tg_relation;
	int64		ids[2];
	int			nids = 0;
	bool		isnull;

	if (!TRIGGER_FIRED_BY_DELETE(td->tg_event))
	{
		HeapTuple	new = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

		ids[nids++] = DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull));
	}
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		int64		id = DatumGetInt64(s22a_column(rel, td->tg_trigtuple, "agreement_id", &isnull));

		if (nids == 0 || ids[0] != id)
			ids[nids++] = id;
	}

	/*
	 * The shape reads every party row of the agreement: lock its row (the
	 * BEFORE triggers of agreement_party and withdrawal have already taken
	 * it), then read on a fresh snapshot, so two changes to one agreement
	 * at once are checked one after the other (s22a_lock_agreement).
	 */
	for (int i = 0; i < nids; i++)
		s22a_lock_agreement(ids[i]);
	s22a_see_latest();
	for (int i = 0; i < nids; i++)
	{
		AgreementRow a;
		AgreementMembership m;

		if (!s22a_read_agreement(ids[i], &a, false) || !a.executed)
			continue;
		s22a_load_membership(ids[i], &m);
		s22a_check_statutory_shape(rel, &a, &m);
	}
	PopActiveSnapshot();
	return PointerGetDatum(NULL);
}
