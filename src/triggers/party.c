/*
 * triggers/party.c — the trigger function of the parties:
 *
 *   party_sealed  BEFORE UPDATE OR DELETE ON party: the kind and force of a
 *                 party that is or was a member of an executed agreement
 *                 are sealed, and such a party is never deleted (rule
 *                 party_sealed).
 *
 * The statutory shape of an executed agreement (Police Act 1996 s22A(1),
 * (5), s23C(6)) rests on each party's kind and force, and the cost shares
 * of past years are attributed through each party's force: changing either
 * would leave a chief officer without its policing body in an agreement
 * the parties executed, or move past years' shares between forces, without
 * any decision.  Sealing them, as the agreement's own terms are sealed, is
 * simpler than re-checking every agreement and protects the past too.  The
 * title stays editable (a commissioner's office renamed).
 *
 * The agreements are read by data/membership.c on a fresh snapshot, so an
 * agreement executed by a transaction that committed while this UPDATE
 * waited for the party's row counts.
 */
#include "postgres.h"

#include "commands/trigger.h"
#include "lib/stringinfo.h"
#include "utils/rel.h"

#include "s22a.h"

/* the columns of a party the rules of executed agreements rest on */
static const char *const sealed_columns[] = {"kind", "force_code"};

PG_FUNCTION_INFO_V1(s22a_party_sealed);
Datum
s22a_party_sealed(PG_FUNCTION_ARGS)
{
	TriggerData *td = s22a_trigger_context(fcinfo, S22A_TRIGGER_PARTY_SEALED);
	Relation	rel = td->tg_relation;
	bool		deleting = TRIGGER_FIRED_BY_DELETE(td->tg_event);
	HeapTuple	old = td->tg_trigtuple;
	HeapTuple	new = deleting ? NULL : td->tg_newtuple;
	HeapTuple	result = deleting ? old : new;
	char	   *changed = NULL;
	char	   *party;
	char	  **refs;
	int			n;
	StringInfoData list;

	if (!deleting)
	{
		if (s22a_row_breaks_not_null(rel, new))
			return PointerGetDatum(new);	/* NOT NULL reports it (util.c) */
		changed = s22a_sealed_columns_changed(rel, old, new, sealed_columns,
											  lengthof(sealed_columns));
		if (changed == NULL)
			return PointerGetDatum(new);	/* title only: free */
	}
	party = s22a_column_text(rel, old, "code");
	n = s22a_read_executed_agreements_of_party(party, &refs);
	if (n == 0)
		return PointerGetDatum(result);

	initStringInfo(&list);
	for (int i = 0; i < n; i++)
		appendStringInfo(&list, "%s\"%s\"", i ? ", " : "", refs[i]);
	if (deleting)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_PARTY_SEALED),
				 errmsg("party %s cannot be deleted: it is a party to executed agreement%s %s",
						party, n == 1 ? "" : "s", list.data),
				 errdetail("The register keeps every party to an executed agreement."),
				 errhint("Record the party leaving each agreement (leaves_on by a made membership decision, or a withdrawal on notice) and keep its row.")));
	ereport(ERROR,
			(s22a_rule_error(rel, S22A_RULE_PARTY_SEALED),
			 errmsg("party %s is a party to executed agreement%s %s: its %s cannot change",
					party, n == 1 ? "" : "s", list.data, changed),
			 errdetail("The statutory shape of an executed agreement and the cost shares of its past years rest on each party's kind and force (Police Act 1996 s22A(5), s23C(6))."),
			 errhint("Record a new party with the new kind or force, and let it join the agreements by a made membership decision.")));
	PG_RETURN_NULL();			/* not reached */
}
