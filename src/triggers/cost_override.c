/*
 * triggers/cost_override.c — the trigger on s22a.cost_override and the
 * wording of its rule, cost_override_covers_members: stated percentages
 * give a share (possibly 0.0) to exactly the forces party to the agreement
 * on 1 April of the year.
 *
 * Where an agreement states fixed percentages (JPS umbrella agreement,
 * Section 13: each business area's split is set in its service
 * specification) they win over the blend; the costs are still borne by the
 * forces party in the year (Seven Force Strategic Collaboration agreement,
 * clause 5.2).  The rule itself is rules/cost_override_covers_members.c.
 * It is checked when an override is written (23514, the registered rule)
 * and again when the cost shares read it (22023), since membership can
 * change after the override is written.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/date.h"

#include "s22a.h"

/*
 * Raises unless the override names exactly the member forces (sorted,
 * distinct): as the registered rule when rel is set (written), 22023 when
 * not (read).
 */
void
s22a_check_override_members(const CostKey *key, DateADT on, const Apportionment *o,
							int nforces, const char *const *forces, Relation rel)
{
	const char **codes = palloc(sizeof(char *) * Max(o->nparties, 1));
	const char *extra,
			   *missing;

	for (int i = 0; i < o->nparties; i++)
		codes[i] = o->entries[i].code;	/* already in code order */
	if (cost_override_covers_members(o->nparties, codes, nforces, forces, &extra, &missing))
		return;
	if (extra)
		ereport(ERROR,
				(rel ? s22a_rule_error(rel, S22A_RULE_COST_OVERRIDE_COVERS_MEMBERS) :
				 errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("the cost override of %s gives a share to \"%s\", which is not a force party to it on %s",
						s22a_cost_key_text(key), extra, s22a_iso_date(on)),
				 errdetail("Shares go to the forces party to the agreement on 1 April of the year."),
				 errhint("Give shares to exactly the member forces, or add the force to the agreement first.")));
	ereport(ERROR,
			(rel ? s22a_rule_error(rel, S22A_RULE_COST_OVERRIDE_COVERS_MEMBERS) :
			 errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("the cost override of %s gives no share to \"%s\", a force party to it on %s",
					s22a_cost_key_text(key), missing, s22a_iso_date(on)),
			 errdetail("Every force party to the agreement on 1 April of the year pays a share, even 0.0."),
			 errhint("Add \"%s\" to the override's shares (it may be 0).", missing)));
}

/* cost_override_covers_members, when an override is written */
PG_FUNCTION_INFO_V1(s22a_cost_override_check);
Datum
s22a_cost_override_check(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_COST_OVERRIDE_CHECK);
	Relation	rel = td->tg_relation;
	HeapTuple	tup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	bool		isnull;
	CostKey		key;
	DateADT		first;
	Apportionment *o;
	AgreementMembership m;
	const char **forces;
	int			nforces;

	s22a_read_cost_key(rel, tup, &key);
	o = DatumGetApportionmentP(s22a_column(rel, tup, "shares", &isnull));
	first = DatumGetDateADT(DirectFunctionCall1(fiscal_year_first_day, FiscalYearGetDatum(key.fy)));

	/* the forces party on 1 April of the year */
	s22a_load_membership(key.agreement_id, &m);
	nforces = membership_forces_on(&m, first, &forces);
	s22a_check_override_members(&key, first, o, nforces, forces, rel);
	return PointerGetDatum(NULL);
}

/* `the cost override of agreement "JPS" for 2016/17` */
static char *
describe_override(Relation rel, HeapTuple tup)
{
	CostKey		key;

	s22a_read_cost_key(rel, tup, &key);
	return psprintf("the cost override of %s", s22a_cost_key_text(&key));
}

/*
 * cost_terms_sealed on cost_override: BEFORE INSERT OR UPDATE OR DELETE
 * (triggers/budget.c).  Adding a year's override needs no decision, unless
 * the year has ended or the agreement has a cost basis for the same year
 * and business area: fixed percentages win over it and would replace the
 * agreed formula.
 */
PG_FUNCTION_INFO_V1(s22a_cost_override_sealed);
Datum
s22a_cost_override_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_COST_OVERRIDE_SEALED);

	return PointerGetDatum(s22a_sealed_change(td, S22A_RULE_COST_TERMS_SEALED,
											  SEALED_COST_TERMS, SEALED_INSERTS_BESIDE_BASIS, describe_override));
}
