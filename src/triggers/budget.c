/*
 * triggers/budget.c — the trigger on s22a.budget, and the glue every
 * sealed cost or voting table shares: rules cost_terms_sealed (budget,
 * cost_basis, cost_override, spend, benefit) and voting_weights_sealed
 * (voting_weight).
 *
 * After execution a change to an agreement's cost or voting terms cites a
 * made decision of the agreement in authorised_by (rules/cost_sealing.c
 * says which changes, which kinds, and in what order the faults are
 * reported; data/citation.c reads the cited decision and whether it is
 * spent).  The refusals are worded here once for the four tables; those of
 * a citation that does not fit are shared with the register's sealing
 * (s22a_refuse_citation, data/citation.c).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rel.h"

#include "s22a.h"

/* who wrote the version of the row an UPDATE or DELETE found */
static SealedRowOrigin
row_origin(HeapTuple old)
{
	HeapTupleHeader h = old->t_data;

	if (!TransactionIdIsCurrentTransactionId(HeapTupleHeaderGetXmin(h)))
		return SEALED_ROW_COMMITTED;
	return (h->t_infomask & HEAP_UPDATED) ? SEALED_ROW_UPDATED_HERE : SEALED_ROW_INSERTED_HERE;
}

/* does any column but authorised_by differ between the two versions? */
static bool
terms_changed(Relation rel, HeapTuple old, HeapTuple new)
{
	TupleDesc	desc = RelationGetDescr(rel);

	for (int i = 0; i < desc->natts; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || strcmp(NameStr(att->attname), "authorised_by") == 0)
			continue;
		if (s22a_column_changed(rel, old, new, NameStr(att->attname)))
			return true;
	}
	return false;
}

/*
 * A budget or variation decision cited to change the cost terms of a year
 * binds every force charged in that year: each has a party among those the
 * decision needed the consent of (or that consented; rules/authority.c,
 * authority_unbound_force).  A decision made by the parties of 2019 cannot
 * double what a force that joined later pays for 2020/21.
 */
static void
require_charged_forces_bound(Relation rel, S22aRuleId rule, const AgreementRow *a,
							 int64 decision_id, HeapTuple row, const char *what)
{
	CostKey		key;
	AgreementMembership m;
	const char **charged;
	const char **bound;
	int			ncharged,
				nbound;
	const char *missing;
	DateADT		first,
				last;

	s22a_read_cost_key(rel, row, &key);
	first = fiscal_year_first_day_number(key.fy);
	last = fiscal_year_last_day_number(key.fy);
	s22a_load_membership(a->id, &m);
	charged = palloc(sizeof(char *) * Max(m.n, 1));
	ncharged = authority_forces_charged(&m, first, last, charged);
	nbound = s22a_read_decision_forces(decision_id, &bound);
	missing = authority_unbound_force(ncharged, charged, nbound, bound);
	if (missing == NULL)
		return;
	ereport(ERROR,
			(s22a_rule_error(rel, rule),
			 errmsg("decision %lld cannot authorise a change to %s: force %s, charged in %s, was not a party to it",
					(long long) decision_id, what, missing, s22a_fiscal_year_text(key.fy)),
			 errdetail("Forces charged in %s (a party on some day from %s to %s): %s. Forces whose parties the decision needed the consent of: %s.",
					   s22a_fiscal_year_text(key.fy), s22a_iso_date(first), s22a_iso_date(last),
					   s22a_code_list(charged, ncharged, ", ", "none"),
					   s22a_code_list(bound, nbound, ", ", "none")),
			 errhint("Cite a made budget or variation decision of agreement \"%s\" that %s's parties consented to (Seven Force agreement, clause 5.1: a variance must be agreed).",
					 a->ref, missing)));
}

/*
 * The check of one row change on a sealed table: refuses it unless it
 * needs no decision or cites one that authorises it.  `describe` names the
 * row for the messages ("budget line \"programme\" of agreement ...").
 * Returns the tuple the BEFORE ROW trigger returns.
 */
HeapTuple
s22a_sealed_change(TriggerData *td, S22aRuleId rule, SealedTerms terms,
				   SealedInserts inserts, char *(*describe) (Relation rel, HeapTuple tup))
{
	return s22a_sealed_change_except(td, rule, terms, inserts, describe, NULL);
}

/*
 * The same, where free_update (when not NULL) names the UPDATEs of a row
 * that need no decision although they change it: a benefit's realised
 * figure recorded the first time (triggers/benefit.c).
 */
HeapTuple
s22a_sealed_change_except(TriggerData *td, S22aRuleId rule, SealedTerms terms,
						  SealedInserts inserts, char *(*describe) (Relation rel, HeapTuple tup),
						  bool (*free_update) (Relation rel, HeapTuple old, HeapTuple new))
{
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	bool		deleting = TRIGGER_FIRED_BY_DELETE(td->tg_event);
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;
	HeapTuple	new = inserting ? td->tg_trigtuple : deleting ? NULL : td->tg_newtuple;
	HeapTuple	row = new ? new : old;
	HeapTuple	result = deleting ? old : new;
	const char *kinds = sealed_kinds_text(terms);
	SealedEvent event = inserting ? SEALED_INSERT : deleting ? SEALED_DELETE : SEALED_UPDATE;
	SealedRowOrigin origin = old ? row_origin(old) : SEALED_ROW_INSERTED_HERE;
	HeapTuple	cite_row = deleting ? old : new;
	AgreementRow a;
	bool		isnull;
	bool		cited;
	int64		decision_id = 0;
	Datum		d;
	SealedNeed	need;
	SealedInsertReason reason = SEALED_INSERT_FREE;
	CostKey		key;
	SealedCitation c;
	AuthorityFault fault;
	char	   *what;

	if (new && s22a_row_breaks_not_null(rel, new))
		return new;				/* NOT NULL reports it */

	if (inserts == SEALED_CLOSED_YEARS_ONLY)
	{
		/* contributions: only a closed year's rows are sealed, whatever the agreement */
		DateADT		today = GetSQLCurrentDate();
		CostKey		k;
		bool		old_closed = false,
					new_closed = false;

		if (old)
		{
			s22a_read_cost_key(rel, old, &k);
			old_closed = fiscal_year_closed(k.fy, today);
		}
		if (new)
		{
			s22a_read_cost_key(rel, new, &k);
			new_closed = fiscal_year_closed(k.fy, today);
		}
		if (!sealed_change_in_scope(inserts, old_closed, new_closed))
			return result;
	}

	if (event == SEALED_UPDATE && s22a_column_changed(rel, old, new, "agreement_id"))
	{
		AgreementRow b;
		bool		old_exec = s22a_read_agreement(DatumGetInt64(s22a_column(rel, old, "agreement_id", &isnull)), &a, false) && a.executed;
		bool		new_exec = s22a_read_agreement(DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull)), &b, false) && b.executed;

		if (old_exec || new_exec)
			ereport(ERROR,
					(s22a_rule_error(rel, rule),
					 errmsg("%s cannot move to agreement \"%s\"", describe(rel, old), b.ref ? b.ref : "?"),
					 errdetail("Agreement \"%s\" is executed: its %s terms change only by its own decisions.",
							   old_exec ? a.ref : b.ref, terms == SEALED_COST_TERMS ? "cost" : "voting"),
					 errhint("Remove the row from one agreement and add it to the other, each citing a made %s decision of that agreement where it is executed.",
							 kinds)));
		return result;
	}

	if (!s22a_read_agreement(DatumGetInt64(s22a_column(rel, row, "agreement_id", &isnull)), &a, false))
		return result;			/* the foreign key reports it */
	if (event == SEALED_UPDATE && free_update != NULL && free_update(rel, old, new))
		return result;

	d = s22a_column(rel, cite_row, "authorised_by", &isnull);
	cited = !isnull;
	if (cited)
		decision_id = DatumGetInt64(d);
	if (inserting && a.executed && inserts != SEALED_INSERTS_NEVER)
	{
		/* a new year's rows are free; a closed year's, or an override beside the basis, are not */
		bool		beside = false;

		if (inserts != SEALED_INSERTS_ALWAYS)
			s22a_read_cost_key(rel, row, &key);
		if (inserts == SEALED_INSERTS_BESIDE_BASIS)
			beside = s22a_cost_basis_exists(key.agreement_id, key.fy, key.area);
		reason = sealed_insert_reason(inserts, inserts == SEALED_INSERTS_ALWAYS ? 0 : key.fy,
									  s22a_rule_today(), beside);
	}
	need = sealed_change_need(a.executed, reason != SEALED_INSERT_FREE, event, origin,
							  event == SEALED_UPDATE && terms_changed(rel, old, new),
							  event == SEALED_UPDATE && s22a_column_changed(rel, old, new, "authorised_by"),
							  cited);
	if (need == SEALED_FREE)
		return result;

	what = describe(rel, row);
	if (need == SEALED_DELETE_NOT_CITED)
		ereport(ERROR,
				(s22a_rule_error(rel, rule),
				 errmsg("agreement \"%s\" was executed on %s: %s cannot be removed without a decision",
						a.ref, s22a_iso_date(a.executed_on), what),
				 errdetail("A DELETE cannot cite a decision itself; the row must first cite one in authorised_by in the same transaction."),
				 errhint("UPDATE the row setting authorised_by to a made %s decision of agreement \"%s\", then DELETE it in the same transaction.",
						 kinds, a.ref)));
	if (need == SEALED_NOT_CITED && reason == SEALED_INSERT_CLOSED_YEAR)
		ereport(ERROR,
				(s22a_rule_error(rel, rule),
				 errmsg("agreement \"%s\" was executed on %s: %s cannot be added without a decision",
						a.ref, s22a_iso_date(a.executed_on), what),
				 errdetail("%s ended on %s: a row added to a closed year changes figures the parties have already borne, as a change to its terms would.",
						   s22a_fiscal_year_text(key.fy),
						   s22a_iso_date(fiscal_year_last_day_number(key.fy))),
				 errhint("Set authorised_by to a made %s decision of agreement \"%s\" in the same statement.",
						 kinds, a.ref)));
	if (need == SEALED_NOT_CITED && reason == SEALED_INSERT_BESIDE_BASIS)
		ereport(ERROR,
				(s22a_rule_error(rel, rule),
				 errmsg("agreement \"%s\" was executed on %s: %s cannot be added without a decision",
						a.ref, s22a_iso_date(a.executed_on), what),
				 errdetail("Fixed percentages win over the cost basis of %s, which is part of the executed agreement: they would replace the agreed formula.",
						   s22a_cost_key_text(&key)),
				 errhint("Set authorised_by to a made %s decision of agreement \"%s\" in the same statement.",
						 kinds, a.ref)));
	if (need == SEALED_NOT_CITED)
		ereport(ERROR,
				(s22a_rule_error(rel, rule),
				 errmsg("agreement \"%s\" was executed on %s: %s cannot %s without a decision",
						a.ref, s22a_iso_date(a.executed_on), what,
						inserting ? "be added" : "change"),
				 errdetail("After execution every change to its %s terms must cite its own made decision in authorised_by; an UPDATE that leaves authorised_by as it was cites none.",
						   terms == SEALED_COST_TERMS ? "cost" : "voting"),
				 errhint("Set authorised_by to a made %s decision of agreement \"%s\" in the same statement.",
						 kinds, a.ref)));

	/* SEALED_CHECK_CITATION */
	{
		bool		found = s22a_read_citation(decision_id, &c);

		fault = sealed_citation_fault(found, a.id, c.agreement_id,
									  found && strcmp(c.state, "made") == 0,
									  found && sealed_kind_fits(terms, c.kind),
									  c.spent);
	}
	switch (fault)
	{
		case AUTHORITY_OK:
			if (terms == SEALED_COST_TERMS)
			{
				/* the decision binds the forces charged in the row's year(s) */
				require_charged_forces_bound(rel, rule, &a, decision_id, row, what);
				if (old && new && s22a_column_changed(rel, old, new, "fiscal_year"))
					require_charged_forces_bound(rel, rule, &a, decision_id, old, what);
			}
			/* the decision is spent from now on (data/authority.c) */
			s22a_record_citation(decision_id, RelationGetRelationName(rel), what);
			break;
		case AUTHORITY_NOT_CITED:	/* not returned by sealed_citation_fault */
			break;
		default:
			s22a_refuse_citation(rel, rule, fault, decision_id, a.ref, c.agreement_ref,
								 c.state, c.kind,
								 fault == AUTHORITY_SPENT ? psprintf("a change to %s", what) : what,
								 kinds);
			break;
	}
	return result;
}

/* `budget line "programme" of agreement "JPS" for 2016/17` */
static char *
describe_budget(Relation rel, HeapTuple tup)
{
	CostKey		key;

	s22a_read_cost_key(rel, tup, &key);
	return psprintf("budget line \"%s\" of %s", s22a_column_text(rel, tup, "line"),
					s22a_cost_key_text(&key));
}

/*
 * cost_terms_sealed on budget: BEFORE INSERT OR UPDATE OR DELETE.  Adding
 * a year's lines needs no decision (the board sets each year's budget),
 * unless the year has ended.
 */
PG_FUNCTION_INFO_V1(s22a_budget_sealed);
Datum
s22a_budget_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_BUDGET_SEALED);

	return PointerGetDatum(s22a_sealed_change(td, S22A_RULE_COST_TERMS_SEALED,
											  SEALED_COST_TERMS, SEALED_INSERTS_CLOSED_YEAR, describe_budget));
}

/* ======================================================================
 * budget_term: costs only for a year of the agreement's term
 * ====================================================================== */

/*
 * Refuses (23514, budget_term) a row whose financial year has no day from
 * the agreement's commencement to its effective expiry (rules/budget_term.c;
 * Seven Force agreement, clauses 5.2 and 6.1-6.2).  For any cost table of a
 * year with agreement_id and fiscal_year columns.
 */
void
s22a_require_budget_term(Relation rel, HeapTuple tup, const char *what)
{
	bool		isnull;
	int64		agreement_id;
	AgreementRow a;
	AgreementTerm term;
	FiscalYear	fy;

	agreement_id = DatumGetInt64(s22a_column(rel, tup, "agreement_id", &isnull));
	if (isnull || !s22a_read_agreement(agreement_id, &a, false))
		return;					/* NOT NULL or the foreign key reports it */
	fy = DatumGetFiscalYear(s22a_column(rel, tup, "fiscal_year", &isnull));
	if (isnull)
		return;
	s22a_load_term(agreement_id, &term);
	if (budget_term_fits(fy, term.commences_on, &term.expiry))
		return;
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_BUDGET_TERM),
			 errmsg("%s of agreement \"%s\" is for %s, a year with no day in the agreement's term (%s)",
					what, a.ref, s22a_fiscal_year_text(fy),
					term.expiry.open_ended ?
					psprintf("from %s, open ended", s22a_iso_date(term.commences_on)) :
					psprintf("%s to %s", s22a_iso_date(term.commences_on),
							 s22a_iso_date(term.expiry.last_day))),
			 errdetail("Costs are set for the financial years with at least one day from commencement to the effective expiry."),
			 errhint("Set it for a year of the term, or renew the agreement first (a made renewal decision).")));
}

/* `budget line "programme"` / `the cost override for business area "firearms"` */
static char *
describe_year_row(Relation rel, HeapTuple tup)
{
	char	   *area = s22a_column_text(rel, tup, "business_area");
	char	   *where = (area && area[0]) ? psprintf(", business area \"%s\"", area) : "";

	if (strcmp(RelationGetRelationName(rel), "budget") == 0)
		return psprintf("budget line \"%s\"%s", s22a_column_text(rel, tup, "line"), where);
	return psprintf("the %s row%s", RelationGetRelationName(rel), where);
}

/*
 * budget_term on budget and cost_override: BEFORE INSERT OR UPDATE.  An
 * UPDATE is checked only when it moves the row to another agreement or
 * year, so a row the term has since left behind can still be corrected or,
 * citing a decision, removed.
 */
PG_FUNCTION_INFO_V1(s22a_budget_term);
Datum
s22a_budget_term(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_BUDGET_TERM);
	Relation	rel = td->tg_relation;
	HeapTuple	new = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;

	if (s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event) &&
		!s22a_column_changed(rel, td->tg_trigtuple, new, "agreement_id") &&
		!s22a_column_changed(rel, td->tg_trigtuple, new, "fiscal_year"))
		return PointerGetDatum(new);
	s22a_require_budget_term(rel, new, describe_year_row(rel, new));
	return PointerGetDatum(new);
}
