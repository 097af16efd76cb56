/*
 * triggers/benefit.c — the triggers on s22a.benefit, the savings and other
 * benefits a collaboration plans and realises by financial year (ICT
 * collaboration business case, 4.2(5) and 4.5; Single Online Home paper,
 * 6.4 and 9):
 *
 *   benefit_force_party  BEFORE INSERT OR UPDATE: a benefit credited to a
 *                        force names a force with a party to the agreement
 *                        (rule benefit_force_party);
 *   benefit_sealed       BEFORE UPDATE OR DELETE: once the agreement is
 *                        executed the plan changes only by a made budget or
 *                        variation decision, as a budget line does (rule
 *                        cost_terms_sealed, triggers/budget.c); the realised
 *                        figure may be recorded once without one
 *                        (rules/benefit.c).
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/rel.h"

#include "s22a.h"

/* `cashable benefit of agreement "BCH-ICT" for 2016/17 (payroll savings)` */
static char *
describe_benefit(Relation rel, HeapTuple tup)
{
	bool		isnull;
	char	   *ref = s22a_agreement_ref(DatumGetInt64(s22a_column(rel, tup, "agreement_id", &isnull)));
	char	   *force = s22a_column_text(rel, tup, "force_code");
	char	   *description = s22a_column_text(rel, tup, "description");

	return psprintf("%s benefit%s%s of agreement \"%s\" for %s%s%s%s",
					s22a_column_text(rel, tup, "kind"),
					force ? " to " : "", force ? force : "",
					ref ? ref : "?",
					s22a_column_text(rel, tup, "fiscal_year"),
					description ? " (" : "", description ? description : "",
					description ? ")" : "");
}

/* the realised figure recorded the first time, nothing else changed */
static bool
realised_first_time(Relation rel, HeapTuple old, HeapTuple new)
{
	TupleDesc	desc = RelationGetDescr(rel);
	bool		was_null,
				is_null,
				others = false;

	(void) s22a_column(rel, old, "realised", &was_null);
	(void) s22a_column(rel, new, "realised", &is_null);
	for (int i = 0; i < desc->natts && !others; i++)
	{
		Form_pg_attribute att = TupleDescAttr(desc, i);

		if (att->attisdropped || strcmp(NameStr(att->attname), "realised") == 0)
			continue;
		others = s22a_column_changed(rel, old, new, NameStr(att->attname));
	}
	return benefit_first_realised(was_null, is_null, others);
}

/*
 * benefit_force_party: BEFORE INSERT OR UPDATE.  force_code NULL is a
 * benefit of the collaboration as a whole.  A force with a party to the
 * agreement on any day of it qualifies: savings are planned and realised
 * across years, some before a force joins or after it leaves (the ICT
 * business case counts 2014/15 savings made before the agreement).
 */
PG_FUNCTION_INFO_V1(s22a_benefit_force_party);
Datum
s22a_benefit_force_party(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_BENEFIT_FORCE_PARTY);
	Relation	rel = td->tg_relation;
	bool		inserting = TRIGGER_FIRED_BY_INSERT(td->tg_event);
	HeapTuple	new = inserting ? td->tg_trigtuple : td->tg_newtuple;
	HeapTuple	old = inserting ? NULL : td->tg_trigtuple;
	bool		isnull;
	int64		agreement_id;
	char	   *force;
	AgreementRow a;
	AgreementMembership m;
	const char **forces;
	int			nforces = 0;

	if (s22a_row_breaks_not_null(rel, new))
		return PointerGetDatum(new);	/* NOT NULL reports it (util.c) */
	force = s22a_column_text(rel, new, "force_code");
	if (force == NULL)
		return PointerGetDatum(new);
	if (!inserting && !s22a_column_changed(rel, old, new, "force_code") &&
		!s22a_column_changed(rel, old, new, "agreement_id"))
		return PointerGetDatum(new);
	agreement_id = DatumGetInt64(s22a_column(rel, new, "agreement_id", &isnull));
	if (!s22a_read_agreement(agreement_id, &a, false))
		return PointerGetDatum(new);	/* the foreign key reports it */
	s22a_load_membership(agreement_id, &m);
	if (execution_lead_force_has_party(&m, force))
		return PointerGetDatum(new);

	/* the forces that do have a party, in code order, for the DETAIL */
	forces = palloc(sizeof(char *) * Max(m.n, 1));
	for (int i = 0; i < m.n; i++)
	{
		bool		listed = m.parties[i].force[0] == '\0';

		for (int j = 0; j < nforces && !listed; j++)
			listed = strcmp(forces[j], m.parties[i].force) == 0;
		if (!listed)
			forces[nforces++] = m.parties[i].force;
	}
	qsort(forces, nforces, sizeof(char *), s22a_cstring_cmp);
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_BENEFIT_FORCE_PARTY),
			 errmsg("force \"%s\" has no party to agreement \"%s\": a benefit cannot be credited to it",
					force, a.ref),
			 errdetail("Forces with a party to the agreement: %s.",
					   s22a_code_list(forces, nforces, ", ", "none")),
			 errhint("Credit the benefit to one of those forces, or set force_code NULL for the collaboration as a whole.")));
	return PointerGetDatum(new);
}

/*
 * cost_terms_sealed on benefit: BEFORE UPDATE OR DELETE.  Adding a year's
 * plan needs no decision (like a budget); recording realised the first time
 * needs none either.
 */
PG_FUNCTION_INFO_V1(s22a_benefit_sealed);
Datum
s22a_benefit_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_BENEFIT_SEALED);

	return PointerGetDatum(s22a_sealed_change_except(td, S22A_RULE_COST_TERMS_SEALED,
													 SEALED_COST_TERMS, SEALED_INSERTS_NEVER,
													 describe_benefit, realised_first_time));
}
