/*
 * triggers/cost_override.c — the trigger on s22a.cost_override and the
 * wording of its rule, cost_override_covers_members: stated percentages
 * give a share (possibly 0.0) to exactly the forces the agreement's
 * charging rule charges for the year (rules/charging.c).
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
 * Unless the override names exactly the forces charged for its year (sorted,
 * distinct): raises as the registered rule when rel is set (written); when
 * not (read by the cost shares) fills *fault (22023) and returns false.
 * `charged` says who is charged, e.g. "party to it on 2016-04-01" (first_day)
 * or "party to it between 2019-04-01 and 2020-03-31" (pro_rata_days).
 */
bool
s22a_check_override_members(const CostKey *key, const char *charged, ChargingRule rule,
							const Apportionment *o, int nforces, const char *const *forces,
							Relation rel, CostFault *fault)
{
	const char **codes = palloc(sizeof(char *) * Max(o->nparties, 1));
	const char *extra,
			   *missing;
	char	   *message;
	char	   *detail;
	const char *hint;

	for (int i = 0; i < o->nparties; i++)
		codes[i] = o->entries[i].code;	/* already in code order */
	if (cost_override_covers_members(o->nparties, codes, nforces, forces, &extra, &missing))
		return true;
	detail = psprintf("Under the agreement's charging rule %s, shares go to %s.",
					  charging_rule_label(rule),
					  rule == CHARGING_FIRST_DAY ?
					  "the forces party to it on the first day of the year it is in force" :
					  "the forces party to it on at least one day of the year while it is in force");
	if (extra)
	{
		message = psprintf("the cost override of %s gives a share to \"%s\", which is not a force %s",
						   s22a_cost_key_text(key), extra, charged);
		hint = "Give shares to exactly the forces charged that year, or add the force to the agreement first.";
	}
	else
	{
		message = psprintf("the cost override of %s gives no share to \"%s\", a force %s",
						   s22a_cost_key_text(key), missing, charged);
		hint = psprintf("Add \"%s\" to the override's shares (it may be 0).", missing);
	}
	if (rel == NULL)
	{
		fault->sqlstate = ERRCODE_INVALID_PARAMETER_VALUE;
		fault->message = message;
		fault->detail = detail;
		fault->hint = (char *) hint;
		return false;
	}
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_COST_OVERRIDE_COVERS_MEMBERS),
			 errmsg_internal("%s", message),
			 errdetail_internal("%s", detail),
			 errhint("%s", hint)));
	return false;
}

/*
 * The forces charged for the key's year under the agreement's charging rule
 * (rules/charging.c), with the words that name them in messages.
 */
int
s22a_charged_forces(const AgreementMembership *m, ChargingRule rule, const TermExpiry *expiry,
					FiscalYear fy, const char ***forces, int64 **days, char **charged)
{
	DateADT		from,
				to;
	int			n = charging_forces(m, rule, fy, expiry, forces, days, &from, &to);

	if (rule == CHARGING_FIRST_DAY)
		*charged = psprintf("party to it on %s", s22a_iso_date(from));
	else
		*charged = psprintf("party to it between %s and %s", s22a_iso_date(from), s22a_iso_date(to));
	return n;
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
	Apportionment *o;
	AgreementMembership m;
	AgreementTerm term;
	ChargingRule charging;
	const char **forces;
	int64	   *days;
	char	   *charged;
	int			nforces;

	s22a_read_cost_key(rel, tup, &key);
	o = DatumGetApportionmentP(s22a_column(rel, tup, "shares", &isnull));

	/* the forces charged for the year under the agreement's charging rule */
	s22a_load_membership(key.agreement_id, &m);
	s22a_load_term(key.agreement_id, &term);
	charging = s22a_read_charging(key.agreement_id);
	nforces = s22a_charged_forces(&m, charging, &term.expiry, key.fy, &forces, &days, &charged);
	s22a_check_override_members(&key, charged, charging, o, nforces, forces, rel, NULL);
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
