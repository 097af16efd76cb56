/*
 * triggers/authority.c — the refusal of a change to an executed agreement
 * that its cited decision does not authorise.
 *
 * Not a trigger function itself: agreement_sealed (triggers/agreement.c,
 * the agreement's terms) and membership_sealed (triggers/agreement_party.c,
 * its membership rows) both call s22a_require_authority(), so the two rules
 * refuse with the same messages (those of a citation that does not fit are
 * shared with the cost and voting terms: s22a_refuse_citation, data/citation.c).  The rule is authority_fits()
 * (rules/authority.c), the decision and the audit log are read by
 * data/authority.c.
 */
#include "postgres.h"

#include "executor/spi.h"

#include "lib/stringinfo.h"
#include "executor/spi.h"
#include "utils/rel.h"

#include "s22a.h"

/*
 * Which of the sealed columns[] the change of row `old` to `new` touches,
 * as "a, b"; NULL when none.  A column the table does not have (a table of
 * 0.1 or 0.2 not yet updated) is not a change.
 */
char *
s22a_sealed_columns_changed(Relation rel, HeapTuple old, HeapTuple new,
							const char *const *columns, int ncolumns)
{
	StringInfoData changed;

	initStringInfo(&changed);
	for (int i = 0; i < ncolumns; i++)
		/* a column of 0.3 is absent from a database still at 0.1 or 0.2 */
		if (SPI_fnumber(RelationGetDescr(rel), columns[i]) > 0 &&
			s22a_column_changed(rel, old, new, columns[i]))
			appendStringInfo(&changed, "%s%s", changed.len ? ", " : "", columns[i]);
	return changed.len ? changed.data : NULL;
}

/*
 * Refuses the change of row `old` (NULL: an insert) to `new`, under `rule`
 * (S22A_RULE_AGREEMENT_SEALED or S22A_RULE_MEMBERSHIP_SEALED), unless its
 * authorised_by newly cites a made decision of agreement *a of a kind that
 * fits `scope`, not cited by an earlier transaction.  `what` says what is
 * being changed, for the message.
 */
void
s22a_require_authority(Relation rel, S22aRuleId rule, const AgreementRow *a,
					   HeapTuple old, HeapTuple new,
					   AuthorityScope scope, const char *what)
{
	const char *kinds_text = authority_kinds_text(scope);
	bool		auth_null;
	Datum		auth = s22a_column(rel, new, "authorised_by", &auth_null);
	int64		decision_id = auth_null ? 0 : DatumGetInt64(auth);
	bool		newly_cited = !auth_null &&
		(old == NULL || s22a_column_changed(rel, old, new, "authorised_by"));
	CitedDecision d;
	AuthorityFault fault;
	bool		found = false,
				made = false,
				kind_fits = false,
				spent = false;

	memset(&d, 0, sizeof(d));
	if (newly_cited)
	{
		found = s22a_read_cited_decision(decision_id, &d);
		if (found)
		{
			made = strcmp(d.state, "made") == 0;
			kind_fits = authority_kind_fits(scope, d.kind);
			spent = s22a_read_decision_spent(decision_id);
		}
	}
	fault = authority_fits(newly_cited, found, a->id, d.agreement_id, made, kind_fits, spent);
	switch (fault)
	{
		case AUTHORITY_OK:
			{
				/* the decision is spent from now on (data/authority.c) */
				const char *table = RelationGetRelationName(rel);
				char	   *key = strcmp(table, "agreement") == 0 ?
					psprintf("id=%lld", (long long) a->id) :
					psprintf("agreement_id=%lld, party_code=%s", (long long) a->id,
							 s22a_column_text(rel, new, "party_code"));

				s22a_record_citation(decision_id, table, key);
			}
			return;
		case AUTHORITY_NOT_CITED:
			ereport(ERROR,
					(s22a_rule_error(rel, rule),
					 errmsg("agreement \"%s\" was executed on %s: %s cannot change without a decision",
							a->ref, s22a_iso_date(a->executed_on), what),
					 errdetail("After execution every change must cite its own made decision in authorised_by; an UPDATE that leaves authorised_by as it was cites none."),
					 errhint("Set authorised_by to a made %s decision of agreement \"%s\" in the same statement.",
							 kinds_text, a->ref)));
			break;
		default:
			s22a_refuse_citation(rel, rule, fault, decision_id, a->ref,
								 fault == AUTHORITY_OTHER_AGREEMENT ? s22a_agreement_ref(d.agreement_id) : NULL,
								 d.state, d.kind, what, kinds_text);
			break;
	}
}
