/*
 * triggers/decision_children.c — what the row triggers on the tables that
 * hang off a decision share (consent, vote and decision_impact: their own
 * files in triggers/ name what differs).  Once a decision is made its
 * consents, votes and impacts no longer change; only a party that is a
 * member of the agreement on the decision date consents or votes (Seven
 * Force agreement, Schedule A), only a party with a voting weight votes
 * (Single Online Home paper, 4.3-4.4), and consents are never deleted.
 *
 * These triggers fire for every row of a bulk insert (a benchmark inserts
 * 20,000 consents), so each decision is looked up once per statement, not
 * once per row, and each agreement's membership rows once per statement,
 * not once per decision: the per-statement cache below, which also pins
 * search_path only around its cache-miss queries.
 */
#include "postgres.h"

#include "access/htup_details.h"
#include "access/xact.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "storage/proc.h"
#include "utils/date.h"
#include "utils/hsearch.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "s22a.h"

/* ---------- the per-statement decision cache ---------------------------- */

/*
 * A bulk INSERT of thousands of consents looks up each decision (state,
 * decision date, members) once, not once per row.  The tag (local
 * transaction, command, statement start) changes whenever the data the
 * entries came from could have changed.
 */
typedef struct DecisionEntry
{
	int64		id;				/* hash key */
	DecisionFacts f;
	DateADT		on;				/* the day whose parties it binds */
	DateADT		today;			/* s22a_rule_today(): fixed for the transaction */
	int			nmembers;
	const char **members;		/* on that day, sorted */
	int			nweighted;		/* -1 = not loaded */
	const char **weighted;		/* parties with a voting weight, sorted */
	bool		host_half;		/* loaded with weighted: the host keeps half */
} DecisionEntry;

/*
 * The membership rows of each agreement the statement's decisions belong
 * to, loaded once per statement: a bulk insert of consents to a thousand
 * decisions of one agreement reads its parties once, and the members on
 * each decision's date are then worked out by the membership rule
 * (membership_members_on) over the kept rows.
 */
typedef struct MembershipEntry
{
	int64		agreement_id;	/* hash key */
	AgreementMembership m;
} MembershipEntry;

static HTAB *decision_cache = NULL;
static HTAB *membership_cache = NULL;
static MemoryContext decision_cache_cxt = NULL;
static LocalTransactionId cache_lxid = InvalidLocalTransactionId;
static CommandId cache_cid = InvalidCommandId;
static TimestampTz cache_stmt = 0;

/* the agreement's membership rows, kept in the cache's context */
static const AgreementMembership *
cached_membership(int64 agreement_id)
{
	MembershipEntry *me = hash_search(membership_cache, &agreement_id, HASH_FIND, NULL);

	if (me == NULL)
	{
		AgreementMembership m;
		bool		found;
		MemoryContext old;

		/* load first: an error must not leave a half-filled entry behind */
		old = MemoryContextSwitchTo(decision_cache_cxt);
		s22a_load_membership(agreement_id, &m);
		MemoryContextSwitchTo(old);
		me = hash_search(membership_cache, &agreement_id, HASH_ENTER, &found);
		me->m = m;
	}
	return &me->m;
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
		ctl.entrysize = sizeof(MembershipEntry);
		membership_cache = hash_create("s22a memberships", 8, &ctl,
									   HASH_ELEM | HASH_BLOBS | HASH_CONTEXT);
		cache_lxid = S22A_MY_LXID;
		cache_cid = GetCurrentCommandId(false);
		cache_stmt = GetCurrentStatementStartTimestamp();
	}

	e = hash_search(decision_cache, &id, HASH_FIND, NULL);
	if (e == NULL)
	{
		DecisionFacts f;
		const AgreementMembership *m;
		DateADT		on;
		Member	   *rows;
		int			n;
		MemoryContext old;
		int			pin = s22a_pin_search_path();

		/* load first: an error must not leave a half-filled entry behind */
		s22a_read_decision(id, &f, true);
		m = cached_membership(f.agreement_id);
		if (!f.has_commences)
			f.commences_on = m->commences_on;
		on = decision_parties_date(&f, f.commences_on);
		rows = palloc0(sizeof(Member) * Max(m->n, 1));
		n = membership_members_on(m, on, rows);
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
		e->f.title = NULL;		/* not kept: allocated outside the cache */
		e->on = on;
		e->today = s22a_rule_today();
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

/* the parties with a voting weight in the decision's agreement, loaded once */
static void
load_weighted(DecisionEntry *e)
{
	MemoryContext old;
	VotingWeight *weights;
	const char **codes;
	int			n;
	int			pin;

	AgreementRow agreement;

	if (e->nweighted >= 0)
		return;
	pin = s22a_pin_search_path();
	old = MemoryContextSwitchTo(decision_cache_cxt);
	s22a_read_agreement(e->f.agreement_id, &agreement, true);
	e->host_half = agreement.host_half;
	if (agreement.host_half)
	{
		/*
		 * host_half: every member of a force on the decision date holds a
		 * share of its force's weight (rules/vote.c), in code order
		 */
		Member	   *rows;
		int			nrows = s22a_members_on(e->f.agreement_id, e->on, &rows);

		codes = palloc(sizeof(char *) * Max(nrows, 1));
		n = 0;
		for (int i = 0; i < nrows; i++)
			if (rows[i].kind != PARTY_OTHER && rows[i].force[0] != '\0')
				codes[n++] = pstrdup(rows[i].code);
	}
	else
	{
		n = s22a_load_voting_weights(e->f.agreement_id, &weights);
		codes = palloc(sizeof(char *) * Max(n, 1));
		for (int i = 0; i < n; i++)
			codes[i] = weights[i].party;
	}
	MemoryContextSwitchTo(old);
	s22a_unpin_search_path(pin);
	e->weighted = codes;
	e->nweighted = n;
}

/* ---------- the rules ---------------------------------------------------- */

/* the agreement's ref, for a refusal (read under the pinned search_path) */
static char *
agreement_ref(int64 agreement_id)
{
	int			pin = s22a_pin_search_path();
	char	   *ref = s22a_agreement_ref(agreement_id);

	s22a_unpin_search_path(pin);
	return ref ? ref : psprintf("%lld", (long long) agreement_id);
}

static void
refuse_if_made(Relation rel, const DecisionEntry *e, const char *what)
{
	if (e->f.is_made)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_DECISION_FINAL),
				 errmsg("decision %lld is made and final: its %s no longer change",
						(long long) e->f.id, what),
				 errdetail("A made decision, its consents, votes and impacts no longer change."),
				 errhint("Propose a new decision instead.")));
}

static void
refuse_non_member(Relation rel, const DecisionEntry *e, const char *party,
				  const DecisionChildTable *table)
{
	if (party_codes_find(e->members, e->nmembers, party) < 0)
		ereport(ERROR,
				(s22a_rule_error(rel, (S22aRuleId) table->member_rule),
				 errmsg("%s is not a party to agreement \"%s\" on %s and cannot %s decision %lld",
						party, agreement_ref(e->f.agreement_id),
						s22a_iso_date(e->on), table->act, (long long) e->f.id),
				 errdetail("Only a party that is a member on the decision date (the meeting, or the day proposed; for a change to the agreement dated before it commences, the commencement date) may consent or vote."),
				 errhint("The members on that day are %s.",
						 s22a_code_list(e->members, e->nmembers, " and ", "none"))));
}

static void
refuse_unweighted(Relation rel, DecisionEntry *e, const char *party)
{
	load_weighted(e);
	if (party_codes_find(e->weighted, e->nweighted, party) < 0)
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_VOTE_WEIGHT),
				 errmsg("%s has no voting weight in agreement \"%s\" and cannot vote on decision %lld",
						party, agreement_ref(e->f.agreement_id), (long long) e->f.id),
				 e->host_half
				 ? errdetail("Under host_half the weight is held by the forces with a member party on the decision date, split among their parties; a party of no force holds none (Single Online Home paper, 4.3-4.4).")
				 : errdetail("Only parties with a weight in s22a.voting_weight vote (Single Online Home paper, 4.3-4.4)."),
				 e->host_half
				 ? errhint("Only the chief officers and policing bodies of the member forces vote.")
				 : errhint("Add the party's weight to s22a.voting_weight first.")));
}

/* whether the table has the column (tables of 0.1 and 0.2 lack 0.3's) */
static bool
has_column(Relation rel, const char *column)
{
	return SPI_fnumber(RelationGetDescr(rel), column) > 0;
}

/*
 * A date column of a row; *has false when NULL, or when the table is of a
 * version before the column (the library serves every version's tables
 * until ALTER EXTENSION UPDATE).
 */
static DateADT
row_date(Relation rel, HeapTuple tup, const char *column, bool *has)
{
	TupleDesc	desc = RelationGetDescr(rel);
	int			attno = SPI_fnumber(desc, column);
	bool		isnull;
	Datum		d;

	if (attno <= 0)
	{
		*has = false;
		return 0;
	}
	d = heap_getattr(tup, attno, desc, &isnull);
	*has = !isnull;
	return isnull ? 0 : DatumGetDateADT(d);
}

/*
 * A consent or vote is dated between the day the decision was proposed and
 * today; one given again after it was voided is dated on or after the day
 * it was voided (rules/consent.c).  oldtup: the row before an UPDATE, or
 * NULL.
 */
static void
refuse_implausible_date(Relation rel, const DecisionEntry *e, const char *party,
						HeapTuple newtup, HeapTuple oldtup, const DecisionChildTable *table)
{
	DateADT		today = e->today;
	bool		dated,
				was_void = false,
				now_void;
	DateADT		on = row_date(rel, newtup, table->date_column, &dated);
	DateADT		old_void = 0;
	DateADT		voided_on = row_date(rel, newtup, "voided_on", &now_void);
	long long	id = (long long) e->f.id;

	if (oldtup != NULL)
		old_void = row_date(rel, oldtup, "voided_on", &was_void);
	switch (evidence_date_fault(dated, on, e->f.proposed_on, today, was_void && !now_void, old_void))
	{
		case EVIDENCE_DATE_OK:
			break;
		case EVIDENCE_DATE_MISSING:
			ereport(ERROR,
					(s22a_rule_error(rel, (S22aRuleId) table->date_rule),
					 errmsg("%s of %s to decision %lld has no %s", table->one, party, id, table->date_column),
					 errdetail("Every %s is dated, so that one given after the decision was made does not count.", table->one),
					 errhint("Set %s to the day it was given, or leave it to default to today.", table->date_column)));
			break;
		case EVIDENCE_DATE_AFTER_TODAY:
			ereport(ERROR,
					(s22a_rule_error(rel, (S22aRuleId) table->date_rule),
					 errmsg("%s of %s to decision %lld dated %s is after today, %s",
							table->one, party, id, s22a_iso_date(on), s22a_iso_date(today)),
					 errdetail("A %s is recorded once it has been given, not ahead of it.", table->one),
					 errhint("Record it when it is given, dated no later than today.")));
			break;
		case EVIDENCE_DATE_BEFORE_PROPOSED:
			ereport(ERROR,
					(s22a_rule_error(rel, (S22aRuleId) table->date_rule),
					 errmsg("%s of %s to decision %lld dated %s is before the decision was proposed on %s",
							table->one, party, id, s22a_iso_date(on), s22a_iso_date(e->f.proposed_on)),
					 errdetail("A party can only %s a decision once it has been proposed.", table->act),
					 errhint("Date it from %s to today.", s22a_iso_date(e->f.proposed_on))));
			break;
		case EVIDENCE_DATE_BEFORE_VOID:
			ereport(ERROR,
					(s22a_rule_error(rel, (S22aRuleId) table->date_rule),
					 errmsg("%s of %s to decision %lld was voided on %s and cannot count again as given on %s",
							table->one, party, id, s22a_iso_date(old_void), s22a_iso_date(on)),
					 errdetail("A void %s (withdrawn, or given before the decision changed) counts again only when given anew.", table->one),
					 errhint("Set %s to the day it was given again, on or after %s.",
							 table->date_column, s22a_iso_date(old_void))));
			break;
	}
	if (now_void && (voided_on > today || (dated && voided_on < on)))
		ereport(ERROR,
				(s22a_rule_error(rel, (S22aRuleId) table->date_rule),
				 errmsg("%s of %s to decision %lld cannot be voided on %s",
						table->one, party, id, s22a_iso_date(voided_on)),
				 errdetail("A %s is voided on or after the day it was given and no later than today.", table->one),
				 errhint("Set voided_on to today.")));
}

/*
 * Whether an UPDATE only voids the row (withdraws the consent, or the
 * decision changed): voided_on goes from NULL to a day, and the decision,
 * the party and the date stay.  Allowed while the decision is proposed,
 * whatever else holds.
 */
static bool
voids_only(Relation rel, HeapTuple oldtup, HeapTuple newtup, const DecisionChildTable *table)
{
	bool		was_void,
				now_void;

	(void) row_date(rel, oldtup, "voided_on", &was_void);
	(void) row_date(rel, newtup, "voided_on", &now_void);
	return !was_void && now_void &&
		!s22a_column_changed(rel, oldtup, newtup, "decision_id") &&
		!s22a_column_changed(rel, oldtup, newtup, "party_code") &&
		!s22a_column_changed(rel, oldtup, newtup, table->date_column);
}

static int64
row_decision(Relation rel, HeapTuple tup)
{
	bool		isnull;

	return DatumGetInt64(s22a_column(rel, tup, "decision_id", &isnull));
}

/*
 * The row trigger of consent, vote or decision_impact (BEFORE INSERT OR
 * UPDATE OR DELETE FOR EACH ROW, and BEFORE TRUNCATE), for the table
 * described by *table.  td is what the trigger function of that table
 * (triggers/consent.c, vote.c, decision_impact.c) got from
 * s22a_trigger_context(), so it fires on its own table.
 */
Datum
s22a_decision_child_rules(TriggerData *td, const DecisionChildTable *table)
{
	Relation	rel = td->tg_relation;
	DecisionEntry *e;
	HeapTuple	newtup;
	char	   *party;

	if (TRIGGER_FIRED_BY_TRUNCATE(td->tg_event))
	{
		if (table->kept)
			s22a_refuse_removal(rel, S22A_RULE_CONSENT_KEPT, table->what,
								"Set the decision's state to 'withdrawn' instead.");
		ereport(ERROR,
				(s22a_rule_error(rel, S22A_RULE_DECISION_FINAL),
				 errmsg("%s of made decisions no longer change, so the table cannot be truncated",
						table->what)));
	}

	newtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_newtuple : td->tg_trigtuple;
	if (!TRIGGER_FIRED_BY_DELETE(td->tg_event) && s22a_row_breaks_not_null(rel, newtup))
		return PointerGetDatum(newtup);	/* NOT NULL reports it (util.c) */

	/* the old row's decision: a made one keeps its rows, and nothing is deleted where kept */
	if (!TRIGGER_FIRED_BY_INSERT(td->tg_event))
	{
		e = cached_decision(row_decision(rel, td->tg_trigtuple));
		refuse_if_made(rel, e, table->what);
		if (TRIGGER_FIRED_BY_DELETE(td->tg_event))
		{
			if (table->kept)
				s22a_refuse_removal(rel, S22A_RULE_CONSENT_KEPT, table->what,
									"Set the decision's state to 'withdrawn' instead.");
			return PointerGetDatum(td->tg_trigtuple);
		}
	}

	e = cached_decision(row_decision(rel, newtup));
	refuse_if_made(rel, e, table->what);
	party = s22a_column_text(rel, newtup, "party_code");
	if (table->date_column != NULL && has_column(rel, table->date_column) &&
		has_column(rel, "voided_on"))
	{
		HeapTuple	oldtup = TRIGGER_FIRED_BY_UPDATE(td->tg_event) ? td->tg_trigtuple : NULL;

		if (oldtup != NULL && voids_only(rel, oldtup, newtup, table))
		{
			refuse_implausible_date(rel, e, party, newtup, oldtup, table);
			return PointerGetDatum(newtup);
		}
		if (oldtup == NULL ||
			s22a_column_changed(rel, oldtup, newtup, table->date_column) ||
			s22a_column_changed(rel, oldtup, newtup, "decision_id") ||
			s22a_column_changed(rel, oldtup, newtup, "voided_on"))
			refuse_implausible_date(rel, e, party, newtup, oldtup, table);
	}
	if (table->members_only)
		refuse_non_member(rel, e, party, table);
	if (table->weighted_only)
		refuse_unweighted(rel, e, party);
	return PointerGetDatum(newtup);
}
