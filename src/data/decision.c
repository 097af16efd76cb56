/*
 * data/decision.c — the queries of the decision rules: a decision row (read
 * plainly, or locked FOR SHARE as the table's owner by the triggers that
 * change what the rules read), the parties it materially affects, the
 * consents given, the voting weights of its agreement and the votes cast.
 * Each table is read by one kept query; rows come back in the caller's
 * memory context, party codes sorted in COLLATE "C" (strcmp) order, the
 * order rules/party_codes.c searches.  Callable inside or outside SPI.
 * The rules themselves (Seven Force agreement, Schedule A; Single Online
 * Home paper, 4.3-4.4) are in rules/decision.c, consent.c, notice.c, vote.c.
 */
#include "postgres.h"

#include "access/xact.h"
#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "catalog/namespace.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/date.h"
#include "utils/numeric.h"
#include "utils/snapmgr.h"

#include "s22a.h"

static SPIPlanPtr decision_plan;
static SPIPlanPtr decision_lock_plan;
static SPIPlanPtr impact_plan;
static SPIPlanPtr consent_plan;
static SPIPlanPtr weight_plan;
static SPIPlanPtr vote_plan;
static SPIPlanPtr void_consent_plan;
static SPIPlanPtr void_vote_plan;
static SPIPlanPtr unvoided_plan;

/* Reads a decision's columns from a tuple of s22a.decision (row or trigger NEW). */
void
s22a_decision_facts(HeapTuple tup, TupleDesc desc, DecisionFacts *f)
{
	bool		isnull;
	char	   *kind;
	char	   *state;

	memset(f, 0, sizeof(*f));
	f->id = DatumGetInt64(SPI_getbinval(tup, desc, SPI_fnumber(desc, "id"), &isnull));
	f->agreement_id = DatumGetInt64(SPI_getbinval(tup, desc, SPI_fnumber(desc, "agreement_id"), &isnull));
	kind = SPI_getvalue(tup, desc, SPI_fnumber(desc, "kind"));
	if (kind == NULL || !decision_kind_parse(kind, &f->kind))
		elog(ERROR, "s22a: unknown decision kind \"%s\"", kind ? kind : "(null)");
	f->proposed_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "proposed_on"), &isnull));
	f->meeting_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "meeting_on"), &isnull));
	f->at_meeting = !isnull;
	f->notice_given_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "notice_given_on"), &isnull));
	f->has_notice = !isnull;
	f->new_expiry = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "new_expiry"), &isnull));
	f->has_new_expiry = !isnull;
	f->made_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "made_on"), &isnull));
	f->has_made_on = !isnull;
	f->title = SPI_getvalue(tup, desc, SPI_fnumber(desc, "title"));
	/* the locking query below reads the agreement's commencement with it */
	if (SPI_fnumber(desc, "agreement_commences_on") > 0)
	{
		f->commences_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "agreement_commences_on"), &isnull));
		f->has_commences = !isnull;
	}
	state = SPI_getvalue(tup, desc, SPI_fnumber(desc, "state"));
	f->is_made = state != NULL && strcmp(state, "made") == 0;
}

/*
 * The decision row by id; 22023 when there is none.
 *
 * lock: for the triggers on consent, vote and decision_impact, which
 * change what the rules read.  FOR SHARE conflicts with the row lock an
 * UPDATE making the decision holds, so the two serialise on the decision
 * row: a writer that comes second waits for the maker and then reads the
 * decision as made (READ COMMITTED: the latest row version, so the write
 * is refused as decision_final; REPEATABLE READ: 40001, retry), and a
 * maker that comes second waits for the writer to commit and then reads
 * its rows (decision_rules evaluates on a fresh snapshot).  Without it a
 * consent could be added to a decision made at the same moment, or an
 * impact, a consent's form or a vote changed under a decision being made,
 * and the decision would end made with a rule failing.  The query is run
 * read-write, as row locks need.
 */
void
s22a_read_decision(int64 id, DecisionFacts *f, bool lock)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(id)};
	int			rc;

	SPI_connect();
	if (lock)
	{
		S22aUserContext saved;

		/*
		 * A row lock needs UPDATE privilege, which a party's role rightly
		 * lacks on decision (doc/security.md): the lock is the rule's, so it
		 * is taken as the table's owner (util.c).
		 */
		s22a_keep_plan(&decision_lock_plan,
					   "SELECT d.*, a.commences_on AS agreement_commences_on"
					   "  FROM s22a.decision d JOIN s22a.agreement a ON a.id = d.agreement_id"
					   " WHERE d.id = $1 FOR SHARE OF d", 1, types);
		s22a_become_owner("decision", &saved);
		rc = SPI_execute_plan(decision_lock_plan, args, NULL, false, 1);
		s22a_restore_user(&saved);
	}
	else
	{
		s22a_keep_plan(&decision_plan, "SELECT * FROM s22a.decision WHERE id = $1", 1, types);
		rc = SPI_execute_plan(decision_plan, args, NULL, true, 1);
	}
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "s22a: decision query failed");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("decision %lld does not exist", (long long) id)));
	s22a_decision_facts(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, f);
	SPI_finish();
}

/*
 * Runs one of the queries below on one id; the caller reads SPI_tuptable
 * (column 1 the party code) and must SPI_finish().
 */
static int
select_by_id(SPIPlanPtr *slot, const char *sql, int64 id)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(id)};

	SPI_connect();
	s22a_select(s22a_keep_plan(slot, sql, 1, types), args, NULL, 0);
	return (int) SPI_processed;
}

/* party code of row i of the last query, copied into cxt */
static const char *
party_at(int i, MemoryContext cxt)
{
	return MemoryContextStrdup(cxt, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
}

/* column col (bool or varlena) of row i of the last query */
static Datum
column_at(int i, int col)
{
	bool		isnull;

	return SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, col, &isnull);
}

/* The parties a decision materially affects (s22a.decision_impact). */
int
s22a_load_decision_impacts(int64 decision_id, const char ***codes)
{
	MemoryContext caller = CurrentMemoryContext;
	int			n = select_by_id(&impact_plan,
								 "SELECT party_code::text FROM s22a.decision_impact WHERE decision_id = $1"
								 " ORDER BY party_code COLLATE \"C\"", decision_id);

	*codes = MemoryContextAlloc(caller, sizeof(char *) * Max(n, 1));
	for (int i = 0; i < n; i++)
		(*codes)[i] = party_at(i, caller);
	SPI_finish();
	return n;
}

/* column col of row i of the last query as a date; *has false when NULL */
static DateADT
date_at(int i, int col, bool *has)
{
	bool		isnull;
	Datum		d = SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, col, &isnull);

	*has = !isnull;
	return isnull ? 0 : DatumGetDateADT(d);
}

/*
 * The consents given to a decision, void or not: party, whether in writing
 * (not a consent given at a meeting), given_on and whether voided
 * (rules/consent.c says which count).
 */
int
s22a_load_consents(int64 decision_id, ConsentGiven **given)
{
	MemoryContext caller = CurrentMemoryContext;
	int			n = select_by_id(&consent_plan,
								 "SELECT party_code::text, form <> 'meeting', given_on, c.*"
								 "  FROM s22a.consent c WHERE decision_id = $1"
								 " ORDER BY party_code COLLATE \"C\"", decision_id);
	int			voided_col = SPI_fnumber(SPI_tuptable->tupdesc, "voided_on");

	*given = MemoryContextAlloc(caller, sizeof(ConsentGiven) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		bool		has;

		(*given)[i].party = party_at(i, caller);
		(*given)[i].written = DatumGetBool(column_at(i, 2));
		(*given)[i].given_on = date_at(i, 3, &has);
		/* voided_on is 0.3's: c.* has it only on tables updated to 0.3 */
		(*given)[i].voided = false;
		if (voided_col > 0)
			(void) date_at(i, voided_col, &(*given)[i].voided);
	}
	SPI_finish();
	return n;
}

/* The voting weights of an agreement (s22a.voting_weight); weights are Numeric. */
int
s22a_load_voting_weights(int64 agreement_id, VotingWeight **weights)
{
	MemoryContext caller = CurrentMemoryContext;
	int			n = select_by_id(&weight_plan,
								 "SELECT party_code::text, weight FROM s22a.voting_weight WHERE agreement_id = $1"
								 " ORDER BY party_code COLLATE \"C\"", agreement_id);

	*weights = MemoryContextAlloc(caller, sizeof(VotingWeight) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);

		(*weights)[i].party = party_at(i, caller);
		(*weights)[i].weight = DatumGetNumericCopy(column_at(i, 2));
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();
	return n;
}

/* The votes cast on a decision (s22a.vote), void or not. */
int
s22a_load_votes(int64 decision_id, VoteCast **votes)
{
	MemoryContext caller = CurrentMemoryContext;
	int			n = select_by_id(&vote_plan,
								 "SELECT party_code::text, in_favour, v.*"
								 "  FROM s22a.vote v WHERE decision_id = $1"
								 " ORDER BY party_code COLLATE \"C\"", decision_id);
	int			cast_col = SPI_fnumber(SPI_tuptable->tupdesc, "cast_on");
	int			voided_col = SPI_fnumber(SPI_tuptable->tupdesc, "voided_on");

	*votes = MemoryContextAlloc(caller, sizeof(VoteCast) * Max(n, 1));
	for (int i = 0; i < n; i++)
	{
		(*votes)[i].party = party_at(i, caller);
		(*votes)[i].in_favour = DatumGetBool(column_at(i, 2));
		/* cast_on and voided_on are 0.3's: v.* has them only on tables updated to 0.3 */
		(*votes)[i].dated = false;
		(*votes)[i].cast_on = 0;
		(*votes)[i].voided = false;
		if (cast_col > 0)
			(*votes)[i].cast_on = date_at(i, cast_col, &(*votes)[i].dated);
		if (voided_col > 0)
			(void) date_at(i, voided_col, &(*votes)[i].voided);
	}
	SPI_finish();
	return n;
}

/*
 * Voids the consents and votes given to a decision before what it decides
 * changed (decision_rules): they were given to something else.  Rows are
 * kept, marked voided_on = on (the audit log has them as they were).  Run
 * as the tables' owner: the change is the rule's, and row-level security
 * would hide other parties' rows from whoever changed the decision.
 */
void
s22a_void_decision_evidence(int64 decision_id, DateADT on)
{
	Oid			types[2] = {INT8OID, DATEOID};
	Datum		args[2] = {Int64GetDatum(decision_id), DateADTGetDatum(on)};
	Oid			schema = get_namespace_oid(S22A_SCHEMA, false);
	S22aUserContext saved;

	/* tables of 0.1 and 0.2 have no voided_on: nothing to void there */
	if (get_attnum(get_relname_relid("consent", schema), "voided_on") == InvalidAttrNumber ||
		get_attnum(get_relname_relid("vote", schema), "voided_on") == InvalidAttrNumber)
		return;
	SPI_connect();
	s22a_keep_plan(&void_consent_plan,
				   "UPDATE s22a.consent SET voided_on = $2 WHERE decision_id = $1 AND voided_on IS NULL",
				   2, types);
	s22a_keep_plan(&void_vote_plan,
				   "UPDATE s22a.vote SET voided_on = $2 WHERE decision_id = $1 AND voided_on IS NULL",
				   2, types);
	s22a_become_owner("consent", &saved);
	if (SPI_execute_plan(void_consent_plan, args, NULL, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "s22a: voiding consents failed");
	s22a_restore_user(&saved);
	s22a_become_owner("vote", &saved);
	if (SPI_execute_plan(void_vote_plan, args, NULL, false, 0) != SPI_OK_UPDATE)
		elog(ERROR, "s22a: voiding votes failed");
	s22a_restore_user(&saved);
	SPI_finish();
}

/*
 * The consents and votes of a decision left standing after
 * s22a_void_decision_evidence, read on a fresh snapshot: under REPEATABLE
 * READ or SERIALIZABLE the voiding UPDATE sees only the rows of the
 * transaction's snapshot, so a consent or vote committed by another
 * session after that snapshot (its writer held FOR SHARE on the decision
 * and has committed; a later one waits for our row lock) is missed and
 * would count for the changed decision.  Such rows are the only ones
 * still unvoided on a fresh snapshot (this transaction's voided versions
 * are seen there, CommandCounterIncrement first).  Run as the tables'
 * owner, so row-level security hides none of them.  Callable inside or
 * outside SPI.
 */
int64
s22a_count_unvoided_evidence(int64 decision_id)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(decision_id)};
	S22aUserContext saved;
	bool		isnull;
	int64		n;

	SPI_connect();
	CommandCounterIncrement();
	s22a_keep_plan(&unvoided_plan,
				   "SELECT (SELECT count(*) FROM s22a.consent WHERE decision_id = $1 AND voided_on IS NULL)"
				   "     + (SELECT count(*) FROM s22a.vote WHERE decision_id = $1 AND voided_on IS NULL)",
				   1, types);
	s22a_become_owner("consent", &saved);
	if (SPI_execute_snapshot(unvoided_plan, args, NULL, GetLatestSnapshot(), InvalidSnapshot,
							 true, false, 1) != SPI_OK_SELECT)
		elog(ERROR, "s22a: could not count the consents and votes of decision %lld",
			 (long long) decision_id);
	s22a_restore_user(&saved);
	n = DatumGetInt64(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	SPI_finish();
	return n;
}
