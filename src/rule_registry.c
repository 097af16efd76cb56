/*
 * rule_registry.c — every rule s22a enforces, in one table.
 *
 * A refusal names its rule (the constraint name of the error, so a client
 * can tell which rule refused without parsing the message), carries the
 * rule's SQLSTATE and is explained in doc/ under the rule's name.  Each
 * rule is written here once; refusals use s22a_rule_error(), so a rule
 * cannot be refused under two names or two SQLSTATEs.  s22a.rules() lists
 * the table, and a test checks each doc page names its rules.
 *
 * The second table binds each C trigger function to the tables and events
 * it is written for: s22a_trigger_context() (util.c) refuses any other.
 */
#include "postgres.h"

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/elog.h"
#include "utils/rel.h"

#include "s22a.h"

#define CHECK ERRCODE_CHECK_VIOLATION

static const S22aRuleDef rules[] = {
	/* the register: doc/register.md */
	[S22A_RULE_EXECUTION_SIGNATURES] = {"execution_signatures", CHECK, "agreement", "doc/register.md"},
	[S22A_RULE_EXECUTION_LEAD_FORCE] = {"execution_lead_force", CHECK, "agreement", "doc/register.md"},
	[S22A_RULE_EXECUTION_FINAL] = {"execution_final", CHECK, "agreement", "doc/register.md"},
	[S22A_RULE_STATUTORY_SHAPE] = {"statutory_shape", CHECK, "agreement_party", "doc/register.md"},
	[S22A_RULE_AGREEMENT_SEALED] = {"agreement_sealed", CHECK, "agreement", "doc/register.md"},
	[S22A_RULE_MEMBERSHIP_SEALED] = {"membership_sealed", CHECK, "agreement_party", "doc/register.md"},
	[S22A_RULE_AGREEMENT_NO_DELETE] = {"agreement_no_delete", CHECK, "agreement", "doc/register.md"},
	[S22A_RULE_MEMBERSHIP_NO_DELETE] = {"membership_no_delete", CHECK, "agreement_party", "doc/register.md"},
	[S22A_RULE_WITHDRAWAL_NOTICE] = {"withdrawal_notice", CHECK, "withdrawal", "doc/register.md"},
	[S22A_RULE_WITHDRAWAL_MEMBER] = {"withdrawal_member", CHECK, "withdrawal", "doc/register.md"},
	[S22A_RULE_WITHDRAWAL_PAIRING] = {"withdrawal_pairing", CHECK, "withdrawal", "doc/register.md"},
	[S22A_RULE_WITHDRAWAL_NOTICE_DATE] = {"withdrawal_notice_date", CHECK, "withdrawal", "doc/register.md"},
	[S22A_RULE_WITHDRAWAL_COMMITTED] = {"withdrawal_committed", CHECK, "withdrawal", "doc/register.md"},
	[S22A_RULE_WITHDRAWAL_CLOSED_YEAR] = {"withdrawal_closed_year", CHECK, "withdrawal", "doc/register.md"},
	[S22A_RULE_PARTY_SEALED] = {"party_sealed", CHECK, "party", "doc/register.md"},
	/* decisions: doc/decisions.md */
	[S22A_RULE_CONSENT] = {"consent", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_WRITTEN_FORM] = {"written_form", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_NOTICE] = {"notice", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_NEW_EXPIRY] = {"new_expiry", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_TERM_CHANGE_IN_TIME] = {"term_change_in_time", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_VOTE] = {"vote", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_DECISION_FINAL] = {"decision_final", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_DECISION_KEPT] = {"decision_kept", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_CONSENT_KEPT] = {"consent_kept", CHECK, "consent", "doc/decisions.md"},
	[S22A_RULE_CONSENT_BY_MEMBER] = {"consent_by_member", CHECK, "consent", "doc/decisions.md"},
	[S22A_RULE_VOTE_BY_MEMBER] = {"vote_by_member", CHECK, "vote", "doc/decisions.md"},
	[S22A_RULE_VOTE_WEIGHT] = {"vote_weight", CHECK, "vote", "doc/decisions.md"},
	[S22A_RULE_MADE_ON] = {"made_on", CHECK, "decision", "doc/decisions.md"},
	[S22A_RULE_CONSENT_DATE] = {"consent_date", CHECK, "consent", "doc/decisions.md"},
	[S22A_RULE_VOTE_DATE] = {"vote_date", CHECK, "vote", "doc/decisions.md"},
	/* costs: doc/costs.md */
	[S22A_RULE_COST_BASIS_WEIGHTS_ADD_UP] = {"cost_basis_weights_add_up", CHECK, "cost_basis", "doc/costs.md"},
	[S22A_RULE_COST_OVERRIDE_COVERS_MEMBERS] = {"cost_override_covers_members", CHECK, "cost_override", "doc/costs.md"},
	/* budget, cost_basis and cost_override: no one table */
	[S22A_RULE_COST_TERMS_SEALED] = {"cost_terms_sealed", CHECK, NULL, "doc/costs.md"},
	/* budget and cost_override (and spend): no one table */
	[S22A_RULE_BUDGET_TERM] = {"budget_term", CHECK, NULL, "doc/costs.md"},
	[S22A_RULE_VOTING_WEIGHTS_SEALED] = {"voting_weights_sealed", CHECK, "voting_weight", "doc/decisions.md"},
	[S22A_RULE_CLOSED_YEAR_DRIVERS_SEALED] = {"closed_year_drivers_sealed", CHECK, "force_measure", "doc/costs.md"},
	/* spend, benefits and who is paid: doc/costs.md */
	[S22A_RULE_SPEND_IN_TERM] = {"spend_in_term", CHECK, "spend", "doc/costs.md"},
	[S22A_RULE_BENEFIT_FORCE_PARTY] = {"benefit_force_party", CHECK, "benefit", "doc/costs.md"},
	[S22A_RULE_PAYEE_FORCE_PARTY] = {"payee_force_party", CHECK, "agreement", "doc/costs.md"},
	/* DROP EXTENSION: doc/reliability.md */
	[S22A_RULE_REGISTER_NO_DROP] = {"register_no_drop", ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST, NULL, "doc/reliability.md"},
	/* the audit log: doc/reports.md */
	[S22A_RULE_AUDIT_LOG_APPEND_ONLY] = {"audit_log_append_only", CHECK, "audit_log", "doc/reports.md"},
	[S22A_RULE_REGISTER_NO_TRUNCATE] = {"register_no_truncate", CHECK, NULL, "doc/reports.md"},
	/* governance records: doc/governance.md */
	[S22A_RULE_PUBLICATION_DATE] = {"publication_date", CHECK, "decision", "doc/governance.md"},
	[S22A_RULE_LOCAL_DECISION_IN_PRINCIPLE] = {"local_decision_in_principle", CHECK, "local_decision", "doc/governance.md"},
	[S22A_RULE_LOCAL_DECISION_PARTY] = {"local_decision_party", CHECK, "local_decision", "doc/governance.md"},
	[S22A_RULE_LOCAL_DECISION_DATE] = {"local_decision_date", CHECK, "local_decision", "doc/governance.md"},
	[S22A_RULE_LOCAL_DECISION_KEPT] = {"local_decision_kept", CHECK, "local_decision", "doc/governance.md"},
	/* decisions again (0.3, issue 9): doc/decisions.md */
	[S22A_RULE_DECISION_DATES] = {"decision_dates", CHECK, "decision", "doc/decisions.md"},
};

StaticAssertDecl(lengthof(rules) == S22A_RULE_COUNT,
				 "every rule id has an entry in the registry");

const S22aRuleDef *
s22a_rule_def(S22aRuleId id)
{
	Assert(id >= 0 && id < S22A_RULE_COUNT);
	return &rules[id];
}

/*
 * For ereport's list: the rule's SQLSTATE and, when the refusal concerns a
 * table, the table and the rule as its constraint.
 *
 *   ereport(ERROR, (s22a_rule_error(rel, S22A_RULE_CONSENT), errmsg(...)));
 */
int
s22a_rule_error(Relation rel, S22aRuleId id)
{
	const S22aRuleDef *r = s22a_rule_def(id);

	errcode(r->sqlstate);
	if (rel != NULL)
		errtableconstraint(rel, r->name);
	return 0;
}

#define BR S22A_TG_BEFORE_ROW
#define AR S22A_TG_AFTER_ROW
#define BS S22A_TG_BEFORE_STATEMENT
#define AS S22A_TG_AFTER_STATEMENT

static const S22aTriggerDef triggers[] = {
	[S22A_TRIGGER_AGREEMENT_SEALED] = {"agreement_sealed", BR, {"agreement"}},
	[S22A_TRIGGER_AGREEMENT_EXECUTION] = {"agreement_execution", AR, {"agreement"}},
	[S22A_TRIGGER_MEMBERSHIP_SEALED] = {"membership_sealed", BR, {"agreement_party"}},
	[S22A_TRIGGER_STATUTORY_SHAPE] = {"statutory_shape", AR, {"agreement_party", "withdrawal"}},
	[S22A_TRIGGER_WITHDRAWAL_NOTICE] = {"withdrawal_notice", BR, {"withdrawal"}},
	[S22A_TRIGGER_WITHDRAWAL_PAIRING] = {"withdrawal_pairing", AR, {"withdrawal"}},
	[S22A_TRIGGER_PARTY_SEALED] = {"party_sealed", BR, {"party"}},
	[S22A_TRIGGER_DECISION_RULES] = {"decision_rules", BR | BS, {"decision"}},
	[S22A_TRIGGER_CONSENT_RULES] = {"consent_rules", BR | BS, {"consent"}},
	[S22A_TRIGGER_VOTE_RULES] = {"vote_rules", BR | BS, {"vote"}},
	[S22A_TRIGGER_DECISION_IMPACT_RULES] = {"decision_impact_rules", BR | BS, {"decision_impact"}},
	[S22A_TRIGGER_COST_BASIS_CHECK] = {"cost_basis_check", AR, {"cost_basis"}},
	[S22A_TRIGGER_COST_OVERRIDE_CHECK] = {"cost_override_check", AR, {"cost_override"}},
	[S22A_TRIGGER_BUDGET_SEALED] = {"budget_sealed", BR, {"budget"}},
	[S22A_TRIGGER_BUDGET_TERM] = {"budget_term", BR, {"budget", "cost_override"}},
	[S22A_TRIGGER_COST_BASIS_SEALED] = {"cost_basis_sealed", BR, {"cost_basis"}},
	[S22A_TRIGGER_COST_OVERRIDE_SEALED] = {"cost_override_sealed", BR, {"cost_override"}},
	[S22A_TRIGGER_VOTING_WEIGHT_SEALED] = {"voting_weight_sealed", BR, {"voting_weight"}},
	[S22A_TRIGGER_FORCE_MEASURE_SEALED] = {"force_measure_sealed", BR, {"force_measure"}},
	[S22A_TRIGGER_SPEND_IN_TERM] = {"spend_in_term", BR, {"spend"}},
	[S22A_TRIGGER_SPEND_SEALED] = {"spend_sealed", BR, {"spend"}},
	[S22A_TRIGGER_BENEFIT_FORCE_PARTY] = {"benefit_force_party", BR, {"benefit"}},
	[S22A_TRIGGER_BENEFIT_SEALED] = {"benefit_sealed", BR, {"benefit"}},
	[S22A_TRIGGER_PAYEE_FORCE_PARTY] = {"payee_force_party", AR, {"agreement"}},
	[S22A_TRIGGER_BANK_HOLIDAY_CHANGED] = {"bank_holiday_changed", AS, {"bank_holiday"}},
	/* the audit triggers serve every table of the register: no list */
	[S22A_TRIGGER_AUDIT_ROW] = {"audit_row", AR, {NULL}},
	[S22A_TRIGGER_AUDIT_INSERT] = {"audit_insert", AS, {NULL}},
	[S22A_TRIGGER_AUDIT_REFUSE] = {"audit_refuse", BR | BS, {NULL}},
	[S22A_TRIGGER_LOCAL_DECISION_RULES] = {"local_decision_rules", BR | BS, {"local_decision"}},
	[S22A_TRIGGER_CONTRIBUTION_SEALED] = {"contribution_sealed", BR, {"contribution"}},
};

StaticAssertDecl(lengthof(triggers) == S22A_TRIGGER_COUNT,
				 "every trigger id has an entry in the registry");

const S22aTriggerDef *
s22a_trigger_def(S22aTriggerId id)
{
	Assert(id >= 0 && id < S22A_TRIGGER_COUNT);
	return &triggers[id];
}

/* s22a.rules() → TABLE(rule text, sqlstate text, table_name text, doc text) */
PG_FUNCTION_INFO_V1(s22a_rules);
Datum
s22a_rules(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, 0);
	for (int i = 0; i < S22A_RULE_COUNT; i++)
	{
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		values[0] = CStringGetTextDatum(rules[i].name);
		values[1] = CStringGetTextDatum(unpack_sql_state(rules[i].sqlstate));
		if (rules[i].table != NULL)
			values[2] = CStringGetTextDatum(rules[i].table);
		else
			nulls[2] = true;
		values[3] = CStringGetTextDatum(psprintf("%s#%s", rules[i].doc, rules[i].name));
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
