/*
 * consent.c — the rules for making a governance decision (DESIGN §5):
 * who must consent, in what form, with how much notice, and, under
 * weighted governance, whether the vote carried; the triggers that refuse
 * to record a decision as made while a rule fails, keep made decisions
 * final and keep decisions and consents from disappearing.
 *
 * The rules come from the Seven Force Strategic Collaboration agreement
 * (seed 003, the agreement text; the board paper repeats the same clauses
 * as 3.7-3.9):
 *   3.3  an "in principle" decision at the Summit that would materially
 *        affect a Party needs the consent of the Party or Parties concerned;
 *   3.4  business needing an in principle decision is advised to all
 *        Parties in writing with no less than two clear working days' notice;
 *   3.5  a decision outside the programme of meetings needs the written
 *        agreement of all the Parties (a letter, memo or email);
 *   6.2  the agreement terminates unless renewed in writing by all the
 *        Parties (and so too its variation, termination and membership,
 *        which change what every Party signed);
 * and from the Single Online Home paper (seed 003, SOH report 4.3-4.4):
 * the host force holds 50% of all decision making, the other 50% is
 * divided among the other forces.
 *
 * Layout: pure rule code over sorted C string arrays first, then the
 * gathering of rows (SPI, kept plans), then the SQL functions and the
 * triggers.  Party codes are compared with strcmp throughout; every list
 * is sorted in that (COLLATE "C") order.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/numeric.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/timestamp.h"

#include "s22a.h"

/* the notice the agreements require before a meeting (seed 003, clause 3.4) */
#define NOTICE_CLEAR_WORKING_DAYS 2

/* ========================================================================
 * Pure rules
 * ======================================================================== */

/*
 * Renewal, variation, termination and membership change what every party
 * signed: all of them must consent, in writing (clause 6.2).  Any decision
 * outside a meeting needs the written agreement of all the parties (clause
 * 3.5).  Otherwise (an in principle or budget decision at a meeting) only
 * the parties it materially affects must consent (clause 3.3), and a
 * consent given at the meeting counts.
 */
bool
decision_needs_every_party(DecisionKind kind, bool at_meeting)
{
	if (!at_meeting)
		return true;
	switch (kind)
	{
		case DECISION_RENEWAL:
		case DECISION_VARIATION:
		case DECISION_TERMINATION:
		case DECISION_MEMBERSHIP:
			return true;
		case DECISION_IN_PRINCIPLE:
		case DECISION_BUDGET:
			return false;
	}
	return true;
}

/* the same decisions need their consents in writing */
bool
decision_needs_writing(DecisionKind kind, bool at_meeting)
{
	return decision_needs_every_party(kind, at_meeting);
}

/* a renewal moves the expiry and a termination sets the last day: both need new_expiry */
bool
decision_needs_new_expiry(DecisionKind kind)
{
	return kind == DECISION_RENEWAL || kind == DECISION_TERMINATION;
}

/* the decision date: the meeting when there is one, else the day proposed */
DateADT
decision_date(const DecisionFacts *f)
{
	return f->at_meeting ? f->meeting_on : f->proposed_on;
}

static int
find_code(const char *const *codes, int n, const char *code)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = strcmp(codes[mid], code);

		if (c == 0)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/*
 * Who must consent: the members on the decision date, or (when not every
 * party is needed) those of them the decision materially affects.  Both
 * inputs sorted; the result, in out (room for nmembers), is sorted too.
 */
int
consent_required_codes(const char *const *members, int nmembers,
					   const char *const *impacted, int nimpacted,
					   bool every_party, const char **out)
{
	int			n = 0;

	for (int i = 0; i < nmembers; i++)
		if (every_party || find_code(impacted, nimpacted, members[i]) >= 0)
			out[n++] = members[i];
	return n;
}

/*
 * Sorts the required parties without a counting consent into those with
 * none at all (missing) and, when writing is needed, those whose only
 * consent was given at a meeting (not_written).  consents sorted;
 * written[i] says whether consents[i] is in writing.
 */
void
consent_shortfall(const char *const *required, int nrequired,
				  const char *const *consents, const bool *written, int nconsents,
				  bool needs_writing,
				  const char **missing, int *nmissing,
				  const char **not_written, int *nnot_written)
{
	*nmissing = 0;
	*nnot_written = 0;
	for (int i = 0; i < nrequired; i++)
	{
		int			c = find_code(consents, nconsents, required[i]);

		if (c < 0)
			missing[(*nmissing)++] = required[i];
		else if (needs_writing && !written[c])
			not_written[(*nnot_written)++] = required[i];
	}
}

/* ========================================================================
 * Gathering the rows
 * ======================================================================== */

static const char *const decision_kind_names[] = {
	[DECISION_IN_PRINCIPLE] = "in_principle",
	[DECISION_RENEWAL] = "renewal",
	[DECISION_VARIATION] = "variation",
	[DECISION_TERMINATION] = "termination",
	[DECISION_BUDGET] = "budget",
	[DECISION_MEMBERSHIP] = "membership",
};

static DecisionKind
decision_kind_from_name(const char *name)
{
	for (int i = 0; i < lengthof(decision_kind_names); i++)
		if (strcmp(decision_kind_names[i], name) == 0)
			return (DecisionKind) i;
	elog(ERROR, "s22a: unknown decision kind \"%s\"", name);
	return DECISION_IN_PRINCIPLE;	/* keep compiler quiet */
}

static char *
date_text(DateADT d)
{
	return DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)));
}

static char *
numeric_text(Numeric n)
{
	return DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(n)));
}

/* "A, B and C" */
static char *
code_list(const char *const *codes, int n)
{
	StringInfoData s;

	initStringInfo(&s);
	for (int i = 0; i < n; i++)
	{
		if (i > 0)
			appendStringInfoString(&s, i == n - 1 ? " and " : ", ");
		appendStringInfoString(&s, codes[i]);
	}
	return s.data;
}

/* Reads a decision's columns from a tuple of s22a.decision (row or trigger NEW). */
static void
facts_from_tuple(HeapTuple tup, TupleDesc desc, DecisionFacts *f)
{
	bool		isnull;
	char	   *kind;
	char	   *state;

	memset(f, 0, sizeof(*f));
	f->id = DatumGetInt64(SPI_getbinval(tup, desc, SPI_fnumber(desc, "id"), &isnull));
	f->agreement_id = DatumGetInt64(SPI_getbinval(tup, desc, SPI_fnumber(desc, "agreement_id"), &isnull));
	kind = SPI_getvalue(tup, desc, SPI_fnumber(desc, "kind"));
	f->kind = decision_kind_from_name(kind);
	f->proposed_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "proposed_on"), &isnull));
	f->meeting_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "meeting_on"), &isnull));
	f->at_meeting = !isnull;
	f->notice_given_on = DatumGetDateADT(SPI_getbinval(tup, desc, SPI_fnumber(desc, "notice_given_on"), &isnull));
	f->has_notice = !isnull;
	(void) SPI_getbinval(tup, desc, SPI_fnumber(desc, "new_expiry"), &isnull);
	f->has_new_expiry = !isnull;
	state = SPI_getvalue(tup, desc, SPI_fnumber(desc, "state"));
	f->is_made = state != NULL && strcmp(state, "made") == 0;
}

static SPIPlanPtr decision_plan = NULL;
static SPIPlanPtr decision_lock_plan = NULL;
static SPIPlanPtr impact_plan = NULL;
static SPIPlanPtr consent_plan = NULL;
static SPIPlanPtr weight_plan = NULL;

static SPIPlanPtr
keep_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *types)
{
	if (*slot == NULL)
	{
		SPIPlanPtr	p = SPI_prepare(sql, nargs, types);

		if (p == NULL || SPI_keepplan(p) != 0)
			elog(ERROR, "s22a: could not prepare \"%s\": %s", sql,
				 SPI_result_code_string(SPI_result));
		*slot = p;
	}
	return *slot;
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
static void
load_decision(int64 id, DecisionFacts *f, bool lock)
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
		 * is taken as the table's owner (triggers.c).
		 */
		keep_plan(&decision_lock_plan, "SELECT * FROM s22a.decision WHERE id = $1 FOR SHARE", 1, types);
		s22a_become_owner("decision", &saved);
		rc = SPI_execute_plan(decision_lock_plan, args, NULL, false, 1);
		s22a_restore_user(&saved);
	}
	else
	{
		keep_plan(&decision_plan, "SELECT * FROM s22a.decision WHERE id = $1", 1, types);
		rc = SPI_execute_plan(decision_plan, args, NULL, true, 1);
	}
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "s22a: decision query failed");
	if (SPI_processed == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("decision %lld does not exist", (long long) id)));
	facts_from_tuple(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, f);
	SPI_finish();
}

/*
 * Everything the rules need about one decision, gathered once: its
 * members on the decision date, the parties it affects, the consents and,
 * under weighted governance, the weights and votes.
 */
typedef struct Evaluation
{
	DecisionFacts f;
	DateADT		on;				/* the decision date */
	bool		every_party;
	bool		needs_writing;

	int			nmembers;
	const char **members;
	int			nrequired;
	const char **required;
	int			nmissing;
	const char **missing;
	int			nnot_written;
	const char **not_written;

	bool		notice_ok;
	int32		clear_days;		/* when at a meeting with notice */
	DateADT		notice_deadline;	/* when at a meeting */

	bool		weighted;
	Numeric		weight_for;
	Numeric		weight_against;
	Numeric		weight_total;
	bool		carried;
} Evaluation;

static Numeric
num_add(Numeric a, Numeric b)
{
	return DatumGetNumeric(DirectFunctionCall2(numeric_add, NumericGetDatum(a), NumericGetDatum(b)));
}

static void
evaluate(const DecisionFacts *f, Evaluation *ev)
{
	MemoryContext caller = CurrentMemoryContext;
	Member	   *rows;
	const char **impacted;
	const char **consents;
	bool	   *written;
	int			nimpacted = 0,
				nconsents = 0;
	Oid			types[2] = {INT8OID, INT8OID};
	Datum		args[2];
	Numeric		zero = int64_to_numeric(0);

	memset(ev, 0, sizeof(*ev));
	ev->f = *f;
	ev->on = decision_date(f);
	ev->every_party = decision_needs_every_party(f->kind, f->at_meeting);
	ev->needs_writing = decision_needs_writing(f->kind, f->at_meeting);

	/* members on the decision date, in code order (membership.c) */
	ev->nmembers = s22a_members_on(f->agreement_id, ev->on, &rows);
	ev->members = palloc(sizeof(char *) * Max(ev->nmembers, 1));
	for (int i = 0; i < ev->nmembers; i++)
		ev->members[i] = rows[i].code;

	args[0] = Int64GetDatum(f->id);
	args[1] = Int64GetDatum(f->agreement_id);
	SPI_connect();

	keep_plan(&impact_plan,
			  "SELECT party_code::text FROM s22a.decision_impact WHERE decision_id = $1"
			  " ORDER BY party_code COLLATE \"C\"", 1, types);
	if (SPI_execute_plan(impact_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: impact query failed");
	impacted = MemoryContextAlloc(caller, sizeof(char *) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
		impacted[nimpacted++] = MemoryContextStrdup(caller,
													SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));

	keep_plan(&consent_plan,
			  "SELECT party_code::text, form <> 'meeting' FROM s22a.consent WHERE decision_id = $1"
			  " ORDER BY party_code COLLATE \"C\"", 1, types);
	if (SPI_execute_plan(consent_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: consent query failed");
	consents = MemoryContextAlloc(caller, sizeof(char *) * Max(SPI_processed, 1));
	written = MemoryContextAlloc(caller, sizeof(bool) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
	{
		bool		isnull;

		consents[nconsents] = MemoryContextStrdup(caller,
												  SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
		written[nconsents] = DatumGetBool(SPI_getbinval(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2, &isnull));
		nconsents++;
	}

	/*
	 * Weighted governance: every party with a voting weight that is a
	 * member on the decision date makes up the total; a vote for adds its
	 * weight to weight_for, a vote against to weight_against.
	 */
	keep_plan(&weight_plan,
			  "SELECT w.party_code::text, w.weight, v.in_favour"
			  "  FROM s22a.voting_weight w"
			  "  LEFT JOIN s22a.vote v ON v.decision_id = $1 AND v.party_code = w.party_code"
			  " WHERE w.agreement_id = $2", 2, types);
	if (SPI_execute_plan(weight_plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: voting weight query failed");
	{
		MemoryContext spi = MemoryContextSwitchTo(caller);
		Numeric		wfor = zero,
					wagainst = zero,
					wtotal = zero;

		ev->weighted = SPI_processed > 0;
		for (uint64 i = 0; i < SPI_processed; i++)
		{
			HeapTuple	tup = SPI_tuptable->vals[i];
			TupleDesc	desc = SPI_tuptable->tupdesc;
			bool		isnull,
						vote_null;
			char	   *code = SPI_getvalue(tup, desc, 1);
			Numeric		w = DatumGetNumeric(SPI_getbinval(tup, desc, 2, &isnull));
			bool		in_favour = DatumGetBool(SPI_getbinval(tup, desc, 3, &vote_null));

			if (find_code(ev->members, ev->nmembers, code) < 0)
				continue;		/* not a member on the decision date */
			wtotal = num_add(wtotal, w);
			if (!vote_null)
			{
				if (in_favour)
					wfor = num_add(wfor, w);
				else
					wagainst = num_add(wagainst, w);
			}
		}
		ev->weight_for = wfor;
		ev->weight_against = wagainst;
		ev->weight_total = wtotal;
		/* carried: more than half the total weight in favour (SOH 4.3-4.4) */
		ev->carried = ev->weighted &&
			DatumGetInt32(DirectFunctionCall2(numeric_cmp,
											  NumericGetDatum(num_add(wfor, wfor)),
											  NumericGetDatum(wtotal))) > 0;
		MemoryContextSwitchTo(spi);
	}
	SPI_finish();

	ev->required = palloc(sizeof(char *) * Max(ev->nmembers, 1));
	ev->nrequired = consent_required_codes(ev->members, ev->nmembers,
										   impacted, nimpacted, ev->every_party,
										   ev->required);
	ev->missing = palloc(sizeof(char *) * Max(ev->nrequired, 1));
	ev->not_written = palloc(sizeof(char *) * Max(ev->nrequired, 1));
	consent_shortfall(ev->required, ev->nrequired, consents, written, nconsents,
					  ev->needs_writing, ev->missing, &ev->nmissing,
					  ev->not_written, &ev->nnot_written);

	/* notice: two clear working days before a meeting (clause 3.4) */
	if (f->at_meeting)
	{
		ev->notice_deadline = s22a_notice_deadline(f->meeting_on, NOTICE_CLEAR_WORKING_DAYS);
		if (f->has_notice)
		{
			ev->clear_days = s22a_working_days_between(f->notice_given_on, f->meeting_on);
			ev->notice_ok = ev->clear_days >= NOTICE_CLEAR_WORKING_DAYS;
		}
		else
			ev->notice_ok = false;
	}
	else
		ev->notice_ok = true;
}

/* ========================================================================
 * The rules as rows, and as refusals
 * ======================================================================== */

typedef enum Rule
{
	RULE_CONSENT,
	RULE_WRITTEN_FORM,
	RULE_NOTICE,
	RULE_NEW_EXPIRY,
	RULE_VOTE,
	NUM_RULES
} Rule;

static const char *const rule_names[NUM_RULES] = {
	"consent", "written_form", "notice", "new_expiry", "vote"
};

/* Whether the rule holds, and a sentence saying why or why not. */
static bool
rule_holds(const Evaluation *ev, Rule rule, char **detail)
{
	const char *kind = decision_kind_names[ev->f.kind];

	switch (rule)
	{
		case RULE_CONSENT:
			if (ev->nmissing > 0)
			{
				*detail = psprintf("no consent from %s", code_list(ev->missing, ev->nmissing));
				return false;
			}
			if (ev->nrequired == 0)
				*detail = pstrdup("no member is materially affected: no consent needed");
			else
				*detail = ev->every_party
				? psprintf("all %d parties on %s consented", ev->nrequired, date_text(ev->on))
				: psprintf("%d materially affected part%s consented", ev->nrequired,
						   ev->nrequired == 1 ? "y" : "ies");
			return true;
		case RULE_WRITTEN_FORM:
			if (!ev->needs_writing)
			{
				*detail = pstrdup("not needed: an in principle or budget decision at a meeting");
				return true;
			}
			if (ev->nnot_written > 0)
			{
				*detail = psprintf("consent of %s given only at a meeting; this %s%s needs it in writing",
								   code_list(ev->not_written, ev->nnot_written), kind,
								   ev->f.at_meeting ? "" : " outside a meeting");
				return false;
			}
			*detail = psprintf("every consent is in writing (letter, memo, email or decision notice)");
			return true;
		case RULE_NOTICE:
			if (!ev->f.at_meeting)
			{
				*detail = pstrdup("not needed: the decision is outside a meeting");
				return true;
			}
			if (!ev->f.has_notice)
			{
				*detail = psprintf("no notice given of the meeting on %s; it must be given on or before %s",
								   date_text(ev->f.meeting_on), date_text(ev->notice_deadline));
				return false;
			}
			*detail = psprintf("notice on %s leaves %d clear working day%s before the meeting on %s%s",
							   date_text(ev->f.notice_given_on), ev->clear_days,
							   ev->clear_days == 1 ? "" : "s", date_text(ev->f.meeting_on),
							   ev->notice_ok ? "" : psprintf("; 2 needed, so notice by %s",
															 date_text(ev->notice_deadline)));
			return ev->notice_ok;
		case RULE_NEW_EXPIRY:
			if (!decision_needs_new_expiry(ev->f.kind))
			{
				*detail = psprintf("not needed: a decision of kind %s does not change the term", kind);
				return true;
			}
			*detail = ev->f.has_new_expiry
				? psprintf("a %s with its new_expiry", kind)
				: psprintf("a %s needs new_expiry", kind);
			return ev->f.has_new_expiry;
		case RULE_VOTE:
			if (!ev->weighted)
			{
				*detail = pstrdup("not needed: the agreement has no voting weights");
				return true;
			}
			*detail = psprintf("%s for, %s against, of a total weight of %s: %s",
							   numeric_text(ev->weight_for), numeric_text(ev->weight_against),
							   numeric_text(ev->weight_total),
							   ev->carried ? "carried" : "not carried (more than half needed)");
			return ev->carried;
		case NUM_RULES:
			break;
	}
	return false;
}

/* 23514 naming the rule, as the decision trigger reports a failed rule */
static void
refuse_rule(Relation rel, const Evaluation *ev, Rule rule)
{
	const char *kind = decision_kind_names[ev->f.kind];
	long long	id = (long long) ev->f.id;

	switch (rule)
	{
		case RULE_CONSENT:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld cannot be made: no consent from %s",
							id, code_list(ev->missing, ev->nmissing)),
					 ev->every_party
					 ? errdetail("A %s %s needs the consent of every party to the agreement on %s (seed 003, Seven Force agreement clauses 3.5 and 6.2).",
								 kind, ev->f.at_meeting ? "decision" : "outside a meeting", date_text(ev->on))
					 : errdetail("An in principle decision at a meeting needs the consent of the parties it materially affects (seed 003, Seven Force agreement clause 3.3)."),
					 errhint("Record the consent of %s in s22a.consent.",
							 code_list(ev->missing, ev->nmissing)),
					 errtableconstraint(rel, "consent")));
			break;
		case RULE_WRITTEN_FORM:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld cannot be made: the consent of %s was given only at a meeting",
							id, code_list(ev->not_written, ev->nnot_written)),
					 errdetail("A %s%s needs written consent; a meeting consent does not count (seed 003, Seven Force agreement clauses 3.5 and 6.2).",
							   kind, ev->f.at_meeting ? "" : " outside a meeting"),
					 errhint("Record their consent in writing: form letter, memo, email or decision_notice."),
					 errtableconstraint(rel, "written_form")));
			break;
		case RULE_NOTICE:
			if (!ev->f.has_notice)
				ereport(ERROR,
						(errcode(ERRCODE_CHECK_VIOLATION),
						 errmsg("decision %lld cannot be made: no notice was given of the meeting on %s",
								id, date_text(ev->f.meeting_on)),
						 errdetail("Business for a meeting must be advised to all parties in writing with no less than two clear working days' notice (seed 003, Seven Force agreement clause 3.4)."),
						 errhint("notice must be given on or before %s", date_text(ev->notice_deadline)),
						 errtableconstraint(rel, "notice")));
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld cannot be made: notice given on %s leaves %d clear working day%s before the meeting on %s, 2 are needed",
							id, date_text(ev->f.notice_given_on), ev->clear_days,
							ev->clear_days == 1 ? "" : "s", date_text(ev->f.meeting_on)),
					 errdetail("Business for a meeting must be advised to all parties in writing with no less than two clear working days' notice (seed 003, Seven Force agreement clause 3.4); weekends and bank holidays do not count."),
					 errhint("notice must be given on or before %s", date_text(ev->notice_deadline)),
					 errtableconstraint(rel, "notice")));
			break;
		case RULE_NEW_EXPIRY:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld cannot be made: a %s needs new_expiry", id, kind),
					 errdetail("A made renewal moves the agreement's expiry to new_expiry; a made termination ends it after new_expiry."),
					 errhint("Set new_expiry to the %s.",
							 ev->f.kind == DECISION_RENEWAL ? "new last day of the term" : "last day in force"),
					 errtableconstraint(rel, "new_expiry")));
			break;
		case RULE_VOTE:
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld cannot be made: the vote is not carried, %s for and %s against of a total weight of %s",
							id, numeric_text(ev->weight_for), numeric_text(ev->weight_against),
							numeric_text(ev->weight_total)),
					 errdetail("Under weighted governance a decision needs more than half the total weight of the members on %s in favour (seed 003, Single Online Home paper 4.3-4.4).",
							   date_text(ev->on)),
					 errhint("Record votes in s22a.vote until more than half of %s is in favour.",
							 numeric_text(ev->weight_total)),
					 errtableconstraint(rel, "vote")));
			break;
		case NUM_RULES:
			break;
	}
}

/* ========================================================================
 * SQL functions
 * ======================================================================== */

static void
put_codes(FunctionCallInfo fcinfo, const char *const *codes, int n)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;

	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int i = 0; i < n; i++)
	{
		Datum		value = CStringGetTextDatum(codes[i]);
		bool		isnull = false;

		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, &value, &isnull);
	}
}

static void
evaluate_by_id(int64 id, Evaluation *ev)
{
	DecisionFacts f;

	load_decision(id, &f, false);
	evaluate(&f, ev);
}

PG_FUNCTION_INFO_V1(s22a_consent_required);
Datum
s22a_consent_required(PG_FUNCTION_ARGS)
{
	Evaluation	ev;

	evaluate_by_id(PG_GETARG_INT64(0), &ev);
	put_codes(fcinfo, ev.required, ev.nrequired);
	return (Datum) 0;
}

/* required parties without a counting consent: none at all, or only at a meeting when writing is needed */
PG_FUNCTION_INFO_V1(s22a_consent_missing);
Datum
s22a_consent_missing(PG_FUNCTION_ARGS)
{
	Evaluation	ev;
	const char **codes;
	int			n = 0;

	evaluate_by_id(PG_GETARG_INT64(0), &ev);
	codes = palloc(sizeof(char *) * Max(ev.nrequired, 1));
	/* merge the two sorted lists, so the result is in code order */
	for (int i = 0, j = 0; i < ev.nmissing || j < ev.nnot_written;)
	{
		if (j >= ev.nnot_written ||
			(i < ev.nmissing && strcmp(ev.missing[i], ev.not_written[j]) < 0))
			codes[n++] = ev.missing[i++];
		else
			codes[n++] = ev.not_written[j++];
	}
	put_codes(fcinfo, codes, n);
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(s22a_decision_check);
Datum
s22a_decision_check(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	Evaluation	ev;

	evaluate_by_id(PG_GETARG_INT64(0), &ev);
	InitMaterializedSRF(fcinfo, MAT_SRF_USE_EXPECTED_DESC);
	for (int r = 0; r < NUM_RULES; r++)
	{
		char	   *detail;
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[1] = BoolGetDatum(rule_holds(&ev, (Rule) r, &detail));
		values[0] = CStringGetTextDatum(rule_names[r]);
		values[2] = CStringGetTextDatum(detail);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}

PG_FUNCTION_INFO_V1(s22a_vote_result);
Datum
s22a_vote_result(PG_FUNCTION_ARGS)
{
	Evaluation	ev;
	TupleDesc	desc;
	Datum		values[3];
	bool		nulls[3] = {false, false, false};

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "s22a: vote_result must return a composite");
	evaluate_by_id(PG_GETARG_INT64(0), &ev);
	values[0] = NumericGetDatum(ev.weight_for);
	values[1] = NumericGetDatum(ev.weight_against);
	values[2] = BoolGetDatum(ev.carried);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}

/* ========================================================================
 * Triggers
 * ======================================================================== */

static TriggerData *
trigger_data(FunctionCallInfo fcinfo, const char *name)
{
	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("%s() must be called as a trigger", name)));
	return (TriggerData *) fcinfo->context;
}

static void
refuse_removal(Relation rel, const char *what, const char *constraint, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_CHECK_VIOLATION),
			 errmsg("%s are never deleted", what),
			 errdetail("The register keeps every decision and consent (DESIGN: data never disappears)."),
			 errhint("%s", hint),
			 errtableconstraint(rel, constraint)));
}

/*
 * s22a.decision: BEFORE INSERT OR UPDATE OR DELETE FOR EACH ROW and BEFORE
 * TRUNCATE.  A made decision is final; a decision is never deleted; it is
 * made (state = 'made') only when every rule holds.  made_on defaults to
 * the day it is recorded as made.
 */
PG_FUNCTION_INFO_V1(decision_rules);
Datum
decision_rules(PG_FUNCTION_ARGS)
{
	TriggerData *td = trigger_data(fcinfo, "decision_rules");
	Relation	rel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	HeapTuple	newtup;
	DecisionFacts f,
				old;
	Evaluation	ev;
	int			made_on_col;
	bool		isnull;

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event) || TRIGGER_FIRED_BY_DELETE(td->tg_event))
		refuse_removal(rel, "decisions", "decision_kept",
					   "Set state = 'withdrawn' (or 'rejected') instead.");

	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	if (s22a_row_breaks_not_null(rel, newtup))
		return PointerGetDatum(newtup);	/* NOT NULL reports it (triggers.c) */
	if (TRIGGER_FIRED_BY_UPDATE(td->tg_event))
	{
		facts_from_tuple(td->tg_trigtuple, desc, &old);
		if (old.is_made)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("decision %lld is made and final", (long long) old.id),
					 errdetail("A made decision, its consents, votes and impacts no longer change."),
					 errhint("Propose a new decision (a variation) instead."),
					 errtableconstraint(rel, "decision_final")));
		newtup = td->tg_newtuple;
	}
	else
		newtup = td->tg_trigtuple;

	facts_from_tuple(newtup, desc, &f);
	if (!f.is_made)
		return PointerGetDatum(newtup);

	/*
	 * Read the consents, impacts, votes and members on a snapshot taken
	 * now, not the statement's: the UPDATE holds this decision's row lock,
	 * so every writer of its consents, votes or impacts has either
	 * committed (it held FOR SHARE, see load_decision, and we waited for
	 * it) or will wait for us and then find the decision made.  The
	 * statement's snapshot could predate such a commit and miss its rows.
	 */
	PushActiveSnapshot(GetLatestSnapshot());
	evaluate(&f, &ev);
	PopActiveSnapshot();
	for (int r = 0; r < NUM_RULES; r++)
	{
		char	   *detail;

		if (!rule_holds(&ev, (Rule) r, &detail))
			refuse_rule(rel, &ev, (Rule) r);
	}

	made_on_col = SPI_fnumber(desc, "made_on");
	(void) SPI_getbinval(newtup, desc, made_on_col, &isnull);
	if (isnull)
	{
		Datum		value = DateADTGetDatum(GetSQLCurrentDate());
		bool		null = false;

		newtup = heap_modify_tuple_by_cols(newtup, desc, 1, &made_on_col, &value, &null);
	}
	return PointerGetDatum(newtup);
}

/*
 * Per-statement cache for the row triggers on consent, vote and
 * decision_impact: a bulk INSERT of thousands of consents looks up each
 * decision (state, decision date, members) once, not once per row.  The
 * tag (local transaction, command, statement start) changes whenever the
 * data the entries came from could have changed.
 */
typedef struct DecisionEntry
{
	int64		id;				/* hash key */
	DecisionFacts f;
	int			nmembers;
	char	  **members;		/* on the decision date, sorted */
	int			nweighted;
	char	  **weighted;		/* parties with a voting weight, sorted; -1 = not loaded */
} DecisionEntry;

static HTAB *decision_cache = NULL;
static MemoryContext decision_cache_cxt = NULL;
static LocalTransactionId cache_lxid = InvalidLocalTransactionId;
static CommandId cache_cid = InvalidCommandId;
static TimestampTz cache_stmt = 0;

static int
cstring_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static DecisionEntry *
cached_decision(int64 id)
{
	DecisionEntry *e;
	bool		found;

	if (decision_cache == NULL || cache_lxid != S22A_MY_LXID ||
		cache_cid != GetCurrentCommandId(false) ||
		cache_stmt != GetCurrentStatementStartTimestamp())
	{
		HASHCTL		ctl;

		if (decision_cache_cxt == NULL)
			decision_cache_cxt = AllocSetContextCreate(TopMemoryContext, "s22a decision cache",
													   ALLOCSET_SMALL_SIZES);
		else
			MemoryContextReset(decision_cache_cxt);
		ctl.keysize = sizeof(int64);
		ctl.entrysize = sizeof(DecisionEntry);
		ctl.hcxt = decision_cache_cxt;
		decision_cache = hash_create("s22a decisions", 64, &ctl,
									 HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		cache_lxid = S22A_MY_LXID;
		cache_cid = GetCurrentCommandId(false);
		cache_stmt = GetCurrentStatementStartTimestamp();
	}

	e = hash_search(decision_cache, &id, HASH_FIND, NULL);
	if (e == NULL)
	{
		DecisionFacts f;
		Member	   *rows;
		int			n;
		MemoryContext old;
		int			pin = s22a_pin_search_path();	/* triggers.c */

		/* load first: an error must not leave a half-filled entry behind */
		load_decision(id, &f, true);
		n = s22a_members_on(f.agreement_id, decision_date(&f), &rows);
		s22a_unpin_search_path(pin);

		/*
		 * The locking query is read-write, so SPI advanced the command
		 * counter; that is our own doing, not a change to the rows cached
		 * here, and must not empty the cache at the next row (it would
		 * look every decision up again for each of a bulk insert's rows).
		 */
		cache_cid = GetCurrentCommandId(false);
		e = hash_search(decision_cache, &id, HASH_ENTER, &found);
		e->f = f;
		old = MemoryContextSwitchTo(decision_cache_cxt);
		e->nmembers = n;
		e->members = palloc(sizeof(char *) * Max(n, 1));
		for (int i = 0; i < n; i++)
			e->members[i] = pstrdup(rows[i].code);
		e->nweighted = -1;
		e->weighted = NULL;
		MemoryContextSwitchTo(old);
	}
	return e;
}

static void
load_weighted(DecisionEntry *e)
{
	Oid			types[1] = {INT8OID};
	Datum		args[1] = {Int64GetDatum(e->f.agreement_id)};
	static SPIPlanPtr plan = NULL;
	MemoryContext old;

	int			pin;

	if (e->nweighted >= 0)
		return;
	pin = s22a_pin_search_path();	/* triggers.c */
	SPI_connect();
	keep_plan(&plan, "SELECT party_code::text FROM s22a.voting_weight WHERE agreement_id = $1", 1, types);
	if (SPI_execute_plan(plan, args, NULL, true, 0) != SPI_OK_SELECT)
		elog(ERROR, "s22a: voting weight query failed");
	old = MemoryContextSwitchTo(decision_cache_cxt);
	e->weighted = palloc(sizeof(char *) * Max(SPI_processed, 1));
	for (uint64 i = 0; i < SPI_processed; i++)
		e->weighted[i] = pstrdup(SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	e->nweighted = (int) SPI_processed;
	qsort(e->weighted, e->nweighted, sizeof(char *), cstring_cmp);
	MemoryContextSwitchTo(old);
	SPI_finish();
	s22a_unpin_search_path(pin);
}

static void
refuse_if_made(Relation rel, const DecisionEntry *e, const char *what)
{
	if (e->f.is_made)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("decision %lld is made and final: its %s no longer change",
						(long long) e->f.id, what),
				 errdetail("A made decision, its consents, votes and impacts no longer change."),
				 errhint("Propose a new decision instead."),
				 errtableconstraint(rel, "decision_final")));
}

static void
refuse_non_member(Relation rel, const DecisionEntry *e, const char *party, const char *act,
				  const char *constraint)
{
	if (find_code((const char *const *) e->members, e->nmembers, party) < 0)
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s is not a party to agreement %lld on %s and cannot %s decision %lld",
						party, (long long) e->f.agreement_id, date_text(decision_date(&e->f)),
						act, (long long) e->f.id),
				 errdetail("Only a party that is a member on the decision date (the meeting, or the day proposed) may consent or vote."),
				 errhint("The members on that day are %s.",
						 e->nmembers > 0 ? code_list((const char *const *) e->members, e->nmembers) : "none"),
				 errtableconstraint(rel, constraint)));
}

static char *
tuple_text(HeapTuple tup, TupleDesc desc, const char *col)
{
	return SPI_getvalue(tup, desc, SPI_fnumber(desc, col));
}

static int64
tuple_decision(HeapTuple tup, TupleDesc desc)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, SPI_fnumber(desc, "decision_id"), &isnull);

	return DatumGetInt64(d);
}

/*
 * Shared by the row triggers on consent, vote and decision_impact.
 * members_only: the party must be a member on the decision date;
 * weighted_only: and hold a voting weight; keep: rows are never deleted.
 */
static Datum
decision_child_rules(FunctionCallInfo fcinfo, const char *name, const char *what,
					 const char *act, const char *member_constraint,
					 bool members_only, bool weighted_only, bool keep)
{
	TriggerData *td = trigger_data(fcinfo, name);
	Relation	rel = td->tg_relation;
	TupleDesc	desc = RelationGetDescr(rel);
	DecisionEntry *e;
	HeapTuple	newtup;
	char	   *party;

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (keep)
			refuse_removal(rel, what, "consent_kept",
						   "Set the decision's state to 'withdrawn' instead.");
		ereport(ERROR,
				(errcode(ERRCODE_CHECK_VIOLATION),
				 errmsg("%s of made decisions no longer change, so the table cannot be truncated", what),
				 errtableconstraint(rel, "decision_final")));
	}

	if (!TRIGGER_FIRED_BY_DELETE(td->tg_event) &&
		s22a_row_breaks_not_null(rel, TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple))
		return PointerGetDatum(TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple);

	/* the old row's decision: a made one keeps its rows, and nothing is deleted where kept */
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		e = cached_decision(tuple_decision(td->tg_trigtuple, desc));
		refuse_if_made(rel, e, what);
		if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		{
			if (keep)
				refuse_removal(rel, what, "consent_kept",
							   "Set the decision's state to 'withdrawn' instead.");
			return PointerGetDatum(td->tg_trigtuple);
		}
	}

	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	e = cached_decision(tuple_decision(newtup, desc));
	refuse_if_made(rel, e, what);
	party = tuple_text(newtup, desc, "party_code");
	if (members_only)
		refuse_non_member(rel, e, party, act, member_constraint);
	if (weighted_only)
	{
		load_weighted(e);
		if (find_code((const char *const *) e->weighted, e->nweighted, party) < 0)
			ereport(ERROR,
					(errcode(ERRCODE_CHECK_VIOLATION),
					 errmsg("%s has no voting weight in agreement %lld and cannot vote on decision %lld",
							party, (long long) e->f.agreement_id, (long long) e->f.id),
					 errdetail("Only parties with a weight in s22a.voting_weight vote (seed 003, Single Online Home paper 4.3-4.4)."),
					 errhint("Add the party's weight to s22a.voting_weight first."),
					 errtableconstraint(rel, "vote_weight")));
	}
	return PointerGetDatum(newtup);
}

PG_FUNCTION_INFO_V1(consent_rules);
Datum
consent_rules(PG_FUNCTION_ARGS)
{
	return decision_child_rules(fcinfo, "consent_rules", "consents", "consent to",
								"consent_by_member", true, false, true);
}

PG_FUNCTION_INFO_V1(vote_rules);
Datum
vote_rules(PG_FUNCTION_ARGS)
{
	return decision_child_rules(fcinfo, "vote_rules", "votes", "vote on",
								"vote_by_member", true, true, false);
}

PG_FUNCTION_INFO_V1(decision_impact_rules);
Datum
decision_impact_rules(PG_FUNCTION_ARGS)
{
	return decision_child_rules(fcinfo, "decision_impact_rules", "impacts", "be affected by",
								NULL, false, false, false);
}
