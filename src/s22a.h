/*
 * s22a.h — the one internal header of the s22a C sources.
 *
 * src/ has three layers (doc/architecture.md):
 *   - src/rules/: pure rule code over plain C values, no SPI and no fmgr,
 *     unit-tested outside the server (test/unit/);
 *   - src/data/: data access, each table read by one kept query;
 *   - src/types/, src/functions/, src/triggers/: the glue that unpacks
 *     arguments and rows, calls the rules and reports;
 * and two modules every layer shares: util.c and rule_registry.c.
 *
 * The header follows the rule families (types, working days, membership,
 * decisions, costs, term, register rules), each section naming its files
 * layer by layer; the utility module and the registry come last.
 */
#ifndef S22A_H
#define S22A_H

#include "fmgr.h"
#include "utils/date.h"
#include "utils/numeric.h"

#include "compat.h"

/* ---------- fiscal_year: a 1 April – 31 March year, stored as its start --- */

typedef int32 FiscalYear;

#define FISCAL_YEAR_MIN 1900	/* 1900/01 */
#define FISCAL_YEAR_MAX 9998	/* 9998/99 */

#define DatumGetFiscalYear(d)	((FiscalYear) DatumGetInt32(d))
#define FiscalYearGetDatum(fy)	Int32GetDatum(fy)
#define PG_GETARG_FISCAL_YEAR(n)	DatumGetFiscalYear(PG_GETARG_DATUM(n))
#define PG_RETURN_FISCAL_YEAR(fy)	return FiscalYearGetDatum(fy)

/* rules/fiscal_year.c: what a financial year is, over plain C values */
typedef enum FiscalYearFault
{
	FISCAL_YEAR_OK,
	FISCAL_YEAR_NO_START_YEAR,	/* no four-digit start year */
	FISCAL_YEAR_NO_SEPARATOR,	/* neither "/" nor "-" after it */
	FISCAL_YEAR_BAD_END_YEAR,	/* end year not of 2 or 4 digits */
	FISCAL_YEAR_LOOKS_LIKE_DATE,	/* 2016-03-31 */
	FISCAL_YEAR_TRAILING_TEXT,
	FISCAL_YEAR_END_NOT_NEXT,	/* 2016/18 */
	FISCAL_YEAR_OUT_OF_RANGE,	/* before 1900/01 or after 9998/99 */
	FISCAL_YEAR_DATE_INFINITE,	/* a date of no year */
	FISCAL_YEAR_DATE_OUT_OF_RANGE,	/* a date outside those years */
	FISCAL_YEAR_SHIFT_OUT_OF_RANGE	/* a sum outside those years */
} FiscalYearFault;

extern bool fiscal_year_in_range(int64 start);
extern FiscalYearFault fiscal_year_parse(const char *str, FiscalYear *out);
extern FiscalYearFault fiscal_year_of_day(DateADT day, FiscalYear *out);
extern FiscalYearFault fiscal_year_shift(FiscalYear fy, int64 years, FiscalYear *out);
extern int32 fiscal_year_first_day_number(FiscalYear fy);
extern int32 fiscal_year_last_day_number(FiscalYear fy);
extern char *fiscal_year_label(FiscalYear fy);
extern int	fiscal_year_fault_sqlstate(FiscalYearFault fault);

/* ---------- apportionment: exact division of 100% among parties ---------- */

#define PARTY_CODE_MAXLEN	16
#define SHARE_DECIMALS_MAX	4
#define SHARE_DECIMALS_DEFAULT 1

/* One party's share, in units of 10^-decimals percent (27.4% at 1dp = 274). */
typedef struct ApportionEntry
{
	int32		units;
	char		code[PARTY_CODE_MAXLEN + 1];	/* NUL-terminated */
} ApportionEntry;

/*
 * On-disk form.  Entries are sorted by code in ascending byte order (strcmp)
 * and their units add up to exactly 100 * 10^decimals.
 */
typedef struct Apportionment
{
	int32		vl_len_;		/* varlena header: do not touch directly */
	int16		decimals;		/* 0 .. SHARE_DECIMALS_MAX */
	int16		reserved;		/* always 0; room for flags */
	int32		nparties;
	ApportionEntry entries[FLEXIBLE_ARRAY_MEMBER];
} Apportionment;

#define APPORTIONMENT_SIZE(n) \
	(offsetof(Apportionment, entries) + (Size) (n) * sizeof(ApportionEntry))

#define DatumGetApportionmentP(d)	((Apportionment *) PG_DETOAST_DATUM(d))
#define PG_GETARG_APPORTIONMENT_P(n) DatumGetApportionmentP(PG_GETARG_DATUM(n))
#define PG_RETURN_APPORTIONMENT_P(p) PG_RETURN_POINTER(p)

/* rules/apportion.c: 10^d for d in 0..18 */
extern const int64 s22a_pow10[19];

/* units that make 100% at the given decimals: 100 * 10^d */
#define SHARE_TOTAL_UNITS(d)	(100 * s22a_pow10[(d)])

/* rules/apportion.c: pure rule code ---------------------------------------- */

/*
 * Orders candidates for the leftover units of a largest-remainder
 * distribution: negative when a should come before b.
 */
typedef int (*lr_priority_cmp) (int a, int b, void *arg);

extern void lr_distribute(int n, int64 *units, int64 leftover,
						  lr_priority_cmp cmp, void *arg);
extern bool party_code_valid(const char *code, int len);

extern void split_units(int n, const int32 *share_units, const char *const *codes,
						int32 share_total, int64 amount_units, int64 *parts);

/*
 * Exact weights below this (1e31) leave room to rescale to a common scale
 * and multiply by 100 * 10^SHARE_DECIMALS_MAX within 128 bits.
 */
#define APPORTION_WEIGHT_LIMIT	((int128) 1000000000000000000LL * 10000000000000LL)
extern bool apportion_units(int n, const int128 *weights, const char *const *codes,
							int64 total_units, int64 *units);

/* types/numeric_digits.c: the one reader of numeric's on-disk digits */
typedef enum NumericDigitsForm
{
	NUMERIC_DIGITS_FIT,			/* *mantissa and *scale are exact */
	NUMERIC_DIGITS_TOO_BIG,		/* finite, but not below the limit */
	NUMERIC_DIGITS_SPECIAL		/* NaN or an infinity */
} NumericDigitsForm;

extern NumericDigitsForm numeric_digits_read(struct varlena *num, int128 limit,
											 int128 *mantissa, int *scale);
extern Numeric numeric_digits_to_numeric(int128 mantissa, int scale);

/* types/apportionment.c */
extern Apportionment *apportionment_build(int n, const char *const *codes,
										  const int64 *units, int decimals);


/* ---------- working days (rules/calendar.c, data/bank_holiday.c,
 *            functions/working_days.c, triggers/bank_holiday.c) ---------- */


#define CALENDAR_FIRST_SHIPPED_YEAR 1990
#define CALENDAR_LAST_SHIPPED_YEAR	2060
#define CALENDAR_MAX_HOLIDAYS_PER_YEAR 12

/* one statutory bank holiday: a day number (as DateADT) and a static name */
typedef struct StatutoryHoliday
{
	int32		day;
	const char *name;
} StatutoryHoliday;

/* holidays that fall on a weekday, sorted ascending, no duplicates */
typedef struct HolidayCalendar
{
	int			n;
	const int32 *days;
} HolidayCalendar;

/* rules/calendar.c: pure rule code (day numbers count from 2000-01-01, as DateADT) */
extern int32 calendar_day_number(int y, int m, int d);
extern void calendar_civil_date(int64 day, int *y, int *m, int *d);
extern int	calendar_weekday(int64 day);	/* 0 = Sunday .. 6 = Saturday */
extern int32 calendar_easter_sunday(int year);
extern int	calendar_statutory_holidays(int year, StatutoryHoliday *out);
extern bool calendar_is_working_day(const HolidayCalendar *cal, int64 day);
extern int64 calendar_working_days_between(const HolidayCalendar *cal, int64 a, int64 b);
extern int64 calendar_add_working_days(const HolidayCalendar *cal, int64 d, int64 n);
extern int64 calendar_notice_deadline(const HolidayCalendar *cal, int64 meeting, int64 clear_days);

/*
 * data/bank_holiday.c: the weekday bank holidays, sorted, cached per
 * backend and invalidated when s22a.bank_holiday changes; the trigger
 * (triggers/bank_holiday.c) forgets the cache at once.
 */
extern const HolidayCalendar *s22a_load_bank_holidays(void);
extern void s22a_forget_bank_holidays(void);

/*
 * functions/working_days.c: the C API over the bank holidays.  Infinite or
 * out-of-range dates raise 22008.  May be called inside or outside SPI.
 */
extern bool s22a_is_working_day(DateADT d);
extern int32 s22a_working_days_between(DateADT a, DateADT b);
extern DateADT s22a_add_working_days(DateADT d, int32 n);
extern DateADT s22a_notice_deadline(DateADT meeting, int32 clear_days);


/* ---------- membership (rules/membership.c, data/membership.c) ----------- */

typedef enum PartyKind
{
	PARTY_CHIEF_OFFICER,
	PARTY_POLICING_BODY,
	PARTY_OTHER
} PartyKind;

/* A member of an agreement on some date. */
typedef struct Member
{
	char		code[PARTY_CODE_MAXLEN + 1];	/* party code */
	char		force[PARTY_CODE_MAXLEN + 1];	/* its force; "" for kind other */
	PartyKind	kind;
} Member;

/*
 * A party's row of one agreement: the dates member_on() decides by, its
 * withdrawal, and its signature and declaration (for the execution rule).
 */
typedef struct PartyMembership
{
	char		code[PARTY_CODE_MAXLEN + 1];
	char		force[PARTY_CODE_MAXLEN + 1];	/* "" for kind other */
	PartyKind	kind;
	bool		has_joins;		/* false: from commencement */
	DateADT		joins_on;
	DateADT		leaves_on;		/* earlier of leaves_on and a withdrawal's
								 * effective_on; DATEVAL_NOEND if neither */
	bool		withdraws;		/* it has given notice (a withdrawal row) */
	DateADT		withdraws_on;	/* that withdrawal's effective_on */
	bool		has_signed;
	DateADT		signed_on;
	bool		has_declared;
	DateADT		declared_on;
} PartyMembership;

/* Every party row of one agreement, in code order. */
typedef struct AgreementMembership
{
	DateADT		commences_on;
	int			n;
	PartyMembership *parties;
} AgreementMembership;

/* rules/membership.c: pure rule code */
extern bool member_on(DateADT commences_on, bool has_joins, DateADT joins_on,
					  DateADT leaves_on, DateADT on);
extern bool membership_party_on(const AgreementMembership *m, int i, DateADT on);
extern int	membership_members_on(const AgreementMembership *m, DateADT on, Member *out);
extern int	membership_forces_on(const AgreementMembership *m, DateADT on,
								 const char ***forces);
extern int	membership_change_days(const AgreementMembership *m, DateADT *out);
extern int	membership_sort_days(DateADT *days, int n);
extern int	membership_party_index(const AgreementMembership *m, const char *code);
extern int	membership_member_index(int n, const Member *m, const char *force, PartyKind kind);

/* ---------- decisions and consent ------------------------------------------
 * Pure rules: rules/decision.c, rules/consent.c, rules/notice.c,
 * rules/vote.c, rules/party_codes.c.  Every list of party codes is sorted in
 * byte (strcmp, COLLATE "C") order.
 */

typedef enum DecisionKind
{
	DECISION_IN_PRINCIPLE,
	DECISION_RENEWAL,
	DECISION_VARIATION,
	DECISION_TERMINATION,
	DECISION_BUDGET,
	DECISION_MEMBERSHIP
} DecisionKind;

/* the columns of an s22a.decision row the rules read */
typedef struct DecisionFacts
{
	int64		id;
	int64		agreement_id;
	DecisionKind kind;
	DateADT		proposed_on;
	bool		at_meeting;		/* meeting_on is set */
	DateADT		meeting_on;
	bool		has_notice;		/* notice_given_on is set */
	DateADT		notice_given_on;
	bool		has_new_expiry;
	DateADT		new_expiry;
	bool		has_made_on;	/* made_on is set */
	DateADT		made_on;
	const char *title;
	bool		is_made;
	bool		has_commences;	/* read with its agreement's commences_on */
	DateADT		commences_on;
} DecisionFacts;

/* rules/decision.c: whether made_on is a plausible day to have made it */
typedef enum MadeOnFault
{
	MADE_ON_OK,
	MADE_ON_AFTER_TODAY,
	MADE_ON_BEFORE_PROPOSED,
	MADE_ON_BEFORE_MEETING
} MadeOnFault;

/* rules/decision.c: whether a decision's meeting and notice are plausibly dated */
typedef enum DecisionDatesFault
{
	DECISION_DATES_OK,
	DECISION_DATES_MEETING_BEFORE_PROPOSED,
	DECISION_DATES_NOTICE_BEFORE_PROPOSED,
	DECISION_DATES_NOTICE_AFTER_MEETING
} DecisionDatesFault;

/* rules/consent.c: whether a consent or vote is plausibly dated */
typedef enum EvidenceDateFault
{
	EVIDENCE_DATE_OK,
	EVIDENCE_DATE_MISSING,		/* a vote without its date */
	EVIDENCE_DATE_AFTER_TODAY,
	EVIDENCE_DATE_BEFORE_PROPOSED,
	EVIDENCE_DATE_BEFORE_VOID	/* given again, but dated before it was voided */
} EvidenceDateFault;

/* a consent row as the rules read it */
typedef struct ConsentGiven
{
	const char *party;
	bool		written;		/* not a consent given at a meeting */
	DateADT		given_on;
	bool		voided;			/* voided_on is set */
} ConsentGiven;

/* rules/party_codes.c: the index of code in a sorted list, -1 if absent */
extern int	party_codes_find(const char *const *codes, int n, const char *code);

/* rules/decision.c */
extern const char *decision_kind_name(DecisionKind kind);
extern bool decision_kind_parse(const char *name, DecisionKind *kind);
extern bool decision_needs_every_party(DecisionKind kind, bool at_meeting, bool by_vote);
extern bool decision_needs_writing(DecisionKind kind, bool at_meeting);
extern bool decision_needs_new_expiry(DecisionKind kind);
extern DateADT decision_date(const DecisionFacts *f);
extern bool decision_changes_agreement(DecisionKind kind);
extern bool decision_binds_every_party(DecisionKind kind);
extern DateADT decision_parties_date(const DecisionFacts *f, DateADT commences_on);
extern bool decision_without_parties(DecisionKind kind, bool at_meeting, int nmembers);
extern MadeOnFault decision_made_on_fault(const DecisionFacts *f, DateADT made_on, DateADT today);
extern DecisionDatesFault decision_dates_fault(const DecisionFacts *f);
extern bool decision_decides_same(const DecisionFacts *a, const DecisionFacts *b);

/* rules/local_decision.c: whether a party's local decision after an
 * in-principle decision may be recorded */
typedef enum LocalDecisionFault
{
	LOCAL_DECISION_OK,
	LOCAL_DECISION_NOT_MADE_IN_PRINCIPLE,	/* not a made in_principle decision */
	LOCAL_DECISION_PARTY_NOT_BOUND, /* not among consent_required() */
	LOCAL_DECISION_BEFORE_MADE,	/* decided before the decision was made */
	LOCAL_DECISION_AFTER_TODAY
} LocalDecisionFault;

extern LocalDecisionFault local_decision_fault(const DecisionFacts *f,
											   const char *const *required, int nrequired,
											   const char *party, DateADT decided_on,
											   DateADT today);

/* rules/consent.c */
extern int	consent_required_codes(const char *const *members, int nmembers,
								   const char *const *impacted, int nimpacted,
								   bool every_party, const char **out);
extern void consent_shortfall(const char *const *required, int nrequired,
							  const char *const *consents, const bool *written, int nconsents,
							  bool needs_writing,
							  const char **missing, int *nmissing,
							  const char **not_written, int *nnot_written);
extern int	consent_counting(const ConsentGiven *given, int n, DateADT made_on,
							 const char **codes, bool *written);
extern EvidenceDateFault evidence_date_fault(bool dated, DateADT on, DateADT proposed_on,
											 DateADT today, bool revived, DateADT voided_on);

/* rules/notice.c: notice of a meeting (Seven Force agreement, clause 3.4) */
#define NOTICE_CLEAR_WORKING_DAYS 2

typedef enum NoticeFault
{
	NOTICE_OK,
	NOTICE_NOT_NEEDED,			/* the decision is outside a meeting */
	NOTICE_NONE,				/* at a meeting, no notice given */
	NOTICE_SHORT				/* fewer clear working days than needed */
} NoticeFault;

extern NoticeFault notice_fault(bool at_meeting, bool has_notice, int32 clear_days);

/* rules/vote.c: weighted voting (Single Online Home paper, 4.3-4.4) */

/*
 * The arithmetic of weights, so the rule stays exact over whatever holds
 * them: numeric in the server (functions/decision_check.c), integers in the
 * unit tests.  A weight is an opaque pointer; add returns a new one.
 */
typedef struct VoteArithmetic
{
	const void *zero;
	const void *(*add) (const void *a, const void *b);
	int			(*cmp) (const void *a, const void *b);
} VoteArithmetic;

typedef struct VotingWeight
{
	const char *party;
	const void *weight;
} VotingWeight;

typedef struct VoteCast
{
	const char *party;
	bool		in_favour;
	bool		dated;			/* cast_on is set (NULL: cast before 0.3) */
	DateADT		cast_on;
	bool		voided;			/* voided_on is set */
} VoteCast;

typedef struct VoteTally
{
	bool		weighted;		/* the agreement has voting weights */
	const void *in_favour;
	const void *against;
	const void *total;			/* of the members on the decision date */
	bool		carried;
} VoteTally;

extern void vote_tally(const VotingWeight *weights, int nweights,
					   const VoteCast *votes, int nvotes,
					   const char *const *members, int nmembers,
					   const VoteArithmetic *arith, VoteTally *out);
extern int	vote_counting(const VoteCast *votes, int n, DateADT made_on, VoteCast *out);

/* rules/vote.c: host_half, exact in whole units of a common denominator */
typedef struct HostHalfTally
{
	int64		in_favour;
	int64		against;
	int64		total;			/* 0: nobody holds a weight */
	int			host_parties;	/* the host force's member parties */
	bool		carried;
} HostHalfTally;

extern int64 vote_host_half_units(const Member *members, int nmembers, const char *host_force,
								  int64 *units);
extern bool vote_tally_host_half(const Member *members, int nmembers, const char *host_force,
								 const VoteCast *votes, int nvotes, HostHalfTally *out);

/* ---------- term validity (rules/term.c, data/term.c) -------------------- */

typedef enum TermState
{
	TERM_DRAFT,					/* not executed on that date */
	TERM_PENDING,				/* executed, before commencement */
	TERM_IN_FORCE,
	TERM_EXPIRED,				/* after the effective expiry */
	TERM_TERMINATED				/* after the last day set by a termination */
} TermState;

/* A made renewal or termination, in the order made (made_on, id). */
typedef struct TermEvent
{
	bool		termination;	/* false: renewal */
	bool		has_last_day;	/* false: open ended (renewal) / no day */
	DateADT		last_day;		/* new_expiry */
	DateADT		made_on;		/* the order made: made_on, then id */
	int64		id;
} TermEvent;

typedef struct TermExpiry
{
	bool		open_ended;		/* no expiry */
	DateADT		last_day;		/* the last day in force, when !open_ended */
	bool		terminated;		/* last_day was set by a termination */
} TermExpiry;

typedef struct AgreementTerm
{
	DateADT		commences_on;
	bool		executed;
	DateADT		executed_on;
	TermExpiry	expiry;
} AgreementTerm;

/* rules/term.c: pure rule code */
extern void term_effective_expiry(bool has_expires, DateADT expires_on,
								  int nevents, const TermEvent *events,
								  TermExpiry *out);
extern TermState term_state_on(const AgreementTerm *t, DateADT on);
extern void term_expiry_before(bool has_expires, DateADT expires_on,
							   int nevents, const TermEvent *events,
							   DateADT made_on, int64 id, TermExpiry *out);

/* rules/term.c: term_change_in_time */
typedef enum TermChangeFault
{
	TERM_CHANGE_OK,
	TERM_CHANGE_RENEWAL_AFTER_EXPIRY,	/* made after the expiry it extends */
	TERM_CHANGE_TERMINATION_BACKDATED	/* last day before the day made */
} TermChangeFault;

extern TermChangeFault term_change_fault(DecisionKind kind, bool has_new_expiry,
										 DateADT new_expiry, DateADT made_on,
										 const TermExpiry *before);
extern const char *term_state_label(TermState s);

/*
 * Data access: data/decision.c.  Each table read by one kept query, rows
 * in the caller's memory context, party codes sorted.
 */
#include "access/htup.h"
#include "access/tupdesc.h"
#include "commands/trigger.h"
#include "utils/relcache.h"

extern void s22a_decision_facts(HeapTuple tup, TupleDesc desc, DecisionFacts *f);
extern void s22a_read_decision(int64 id, DecisionFacts *f, bool lock);
extern int	s22a_load_decision_impacts(int64 decision_id, const char ***codes);
extern int	s22a_load_consents(int64 decision_id, ConsentGiven **given);
extern void s22a_void_decision_evidence(int64 decision_id, DateADT on);
extern int64 s22a_count_unvoided_evidence(int64 decision_id);
extern int	s22a_load_voting_weights(int64 agreement_id, VotingWeight **weights);
extern int	s22a_load_votes(int64 decision_id, VoteCast **votes);

/*
 * Glue: functions/decision_check.c evaluates the five rules for making a
 * decision and words them (decision_check rows, decision_rules refusals);
 * functions/decisions.c and triggers/decision.c call it.
 */
typedef enum DecisionRule
{
	DECISION_RULE_CONSENT,
	DECISION_RULE_WRITTEN_FORM,
	DECISION_RULE_NOTICE,
	DECISION_RULE_NEW_EXPIRY,
	DECISION_RULE_TERM_CHANGE_IN_TIME,
	DECISION_RULE_VOTE,
	DECISION_RULE_COUNT
} DecisionRule;

/* Everything the rules need about one decision, gathered once. */
typedef struct DecisionEvaluation
{
	DecisionFacts f;
	DateADT		on;				/* the day whose parties the decision binds */
	DateADT		made_on;		/* made_on, or today: later consents and votes do not count */
	bool		no_parties;		/* it changes the agreement, which has no parties on that day */
	char	   *agreement_ref;
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

	NoticeFault notice;
	int32		clear_days;		/* when at a meeting with notice */
	DateADT		notice_deadline;	/* when at a meeting */

	TermExpiry	expiry_before;	/* renewal, termination: the expiry it changes */
	TermChangeFault term_change;	/* term_change_in_time */

	VoteTally	vote;			/* weights are Numeric */
	bool		host_half;		/* the agreement votes under host_half */
	const char *host_force;
	HostHalfTally host_tally;	/* under host_half: the exact count */
} DecisionEvaluation;

extern void s22a_evaluate_decision(const DecisionFacts *f, DecisionEvaluation *ev);
extern void s22a_evaluate_decision_id(int64 id, DecisionEvaluation *ev);
extern const char *s22a_decision_rule_name(DecisionRule rule);
extern bool s22a_decision_rule_holds(const DecisionEvaluation *ev, DecisionRule rule,
									 char **detail);
extern void s22a_refuse_decision_rule(Relation rel, const DecisionEvaluation *ev,
									  DecisionRule rule);

/*
 * Glue: triggers/decision_children.c, the row triggers on the tables that
 * hang off a decision (consent, vote, decision_impact).
 */
typedef struct DecisionChildTable
{
	const char *what;			/* "consents": the rows, in messages */
	const char *act;			/* "consent to": what a party does */
	bool		members_only;	/* the party must be a member on the decision date */
	int			member_rule;	/* S22aRuleId refusing a non-member */
	bool		weighted_only;	/* and hold a voting weight */
	bool		kept;			/* rows are never deleted (consent_kept) */
	const char *one;			/* "consent": one row, in messages */
	const char *date_column;	/* "given_on", "cast_on"; NULL: undated rows */
	int			date_rule;		/* S22aRuleId refusing an implausible date */
} DecisionChildTable;

extern Datum s22a_decision_child_rules(TriggerData *td, const DecisionChildTable *table);

/* triggers/decision.c: "decisions are never deleted"; rule is an S22aRuleId */
extern void s22a_refuse_removal(Relation rel, int rule, const char *what, const char *hint);

/* ---------- term: budget_term and charging (rules/budget_term.c, rules/charging.c) */

/* rules/budget_term.c: the days of a financial year inside the term */
extern bool term_days_in_year(FiscalYear fy, DateADT commences_on, const TermExpiry *expiry,
							  DateADT *from, DateADT *to);
extern bool budget_term_fits(FiscalYear fy, DateADT commences_on, const TermExpiry *expiry);

/* rules/charging.c: who is charged for a year, for how many days */
typedef enum ChargingRule
{
	CHARGING_PRO_RATA_DAYS,		/* value x days a party while in force */
	CHARGING_FIRST_DAY			/* parties on greatest(1 April, commences_on) */
} ChargingRule;

extern int	charging_forces(const AgreementMembership *m, ChargingRule rule, FiscalYear fy,
							const TermExpiry *expiry, const char ***forces, int64 **days,
							DateADT *from, DateADT *to);
extern const char *charging_rule_label(ChargingRule rule);
extern bool charging_rule_parse(const char *label, ChargingRule *out);

/* ---------- costs: rules/cost_blend.c, rules/cost_override_covers_members.c */

/*
 * The blend works over opaque exact values through the two operations it
 * needs (rules/cost_blend.c says why): the cost shares pass Numerics, the
 * unit test exact fractions.  Results may be new values or the operands.
 */
typedef const void *CostValue;

typedef struct CostArithmetic
{
	CostValue	(*mul) (CostValue a, CostValue b, void *arg);
	CostValue	(*add) (CostValue a, CostValue b, void *arg);
	CostValue	zero;
	CostValue	one;
	void	   *arg;
} CostArithmetic;

/*
 * blended[f] = Σ_m weights[m] × values[f][m] × Π_{k≠m} totals[k], each
 * force's exact share scaled by Π totals, to hand to the apportion rule.
 * values is nforces × nmeasures, row-major.
 */
extern void cost_blend(const CostArithmetic *ar, int nforces, int nmeasures,
					   const CostValue *weights, const CostValue *values,
					   const CostValue *totals, CostValue *blended);
extern bool cost_override_covers_members(int nshares, const char *const *shares,
										 int nforces, const char *const *forces,
										 const char **extra, const char **missing);


/* ---------- costs: data/costs.c (cost_basis, cost_override, force_measure) */

#include "access/htup.h"
#include "utils/relcache.h"

/* one row of cost_basis (measure set) or cost_override (override set) */
typedef struct CostRuleRow
{
	FiscalYear	fy;
	char	   *area;
	char	   *measure;		/* NULL for an override */
	Numeric		weight;			/* NULL for an override */
	Apportionment *override;	/* NULL for a cost_basis row */
} CostRuleRow;

/* an agreement's parties and cost rules, as the cost shares read them */
typedef struct CostAgreement
{
	int64		id;				/* hash key */
	char	   *ref;
	AgreementMembership membership;	/* s22a_load_membership's rows */
	ChargingRule charging;		/* agreement.charging */
	TermExpiry	expiry;			/* the effective expiry (rules/term.c) */
	int			nrules;
	CostRuleRow *rules;			/* by year, area, override first, measure */
} CostAgreement;

/* what cost_basis / cost_override say for one (agreement, year, area) */
typedef struct CostRule
{
	Apportionment *override;	/* NULL when none */
	int			nmeasures;
	char	  **measures;		/* in code order */
	Numeric    *weights;
} CostRule;

/* every force's value of one measure in one year, in force code order */
typedef struct MeasureColumn
{
	FiscalYear	fy;
	char	   *measure;
	int			n;
	char	  **forces;
	Numeric    *values;
} MeasureColumn;

/*
 * The (agreement, year, business area) a cost rule is about; named in
 * messages by ref (looked up by id, only for a message, when ref is NULL).
 */
typedef struct CostKey
{
	int64		agreement_id;
	const char *ref;
	FiscalYear	fy;
	const char *area;			/* "" for the whole agreement */
} CostKey;

extern void s22a_read_cost_key(Relation rel, HeapTuple tup, CostKey *key);

/* the rows the cost shares read, kept for one statement (fn_extra) */
typedef struct CostCache CostCache;

extern CostCache *s22a_cost_cache(FunctionCallInfo fcinfo);
extern CostAgreement *s22a_load_cost_agreement(CostCache *c, int64 agreement_id);
extern MeasureColumn *s22a_load_measure_column(CostCache *c, FiscalYear fy, const char *measure);
extern void s22a_read_cost_rule(const CostAgreement *ag, FiscalYear fy, const char *area,
								CostRule *rule);
extern int	s22a_read_cost_basis_weights(int64 agreement_id, FiscalYear fy, const char *area,
										 char ***measures, Numeric **weights);

/* data/costs.c: what the sealing of cost terms and closed years reads */
extern bool s22a_cost_basis_exists(int64 agreement_id, FiscalYear fy, const char *area);
extern char *s22a_executed_agreement_using_measure(FiscalYear fy, const char *measure);

/* ---------- costs: functions/costs.c, triggers/cost_basis.c, triggers/cost_override.c */

/*
 * Why the shares of a group cannot be computed, worded as cost_shares()
 * raises it; the reports show the message as the group's problem instead.
 */
typedef struct CostFault
{
	int			sqlstate;
	char	   *message;
	char	   *detail;			/* NULL when none */
	char	   *hint;			/* NULL when none */
} CostFault;

/* `agreement "JPS" for 2016/17, business area "firearms"` */
extern char *s22a_cost_key_text(const CostKey *key);

/*
 * The refusals of the two cost rules, worded once for both times they are
 * checked: with rel (when written) as the registered rule, 23514; without
 * (when read by the cost shares) as 22023.
 */
extern bool s22a_check_cost_weights(const CostKey *key, int n, char *const *measures,
									const Numeric *weights, Relation rel,
									CostFault *fault);	/* triggers/cost_basis.c */
extern bool s22a_check_override_members(const CostKey *key, const char *charged,
										ChargingRule rule, const Apportionment *o,
										int nforces, const char *const *forces,
										Relation rel, CostFault *fault);	/* triggers/cost_override.c */
extern int	s22a_charged_forces(const AgreementMembership *m, ChargingRule rule,
								const TermExpiry *expiry, FiscalYear fy,
								const char ***forces, int64 **days, char **charged);
/* triggers/cost_override.c */

/* called by the cost shares through DirectFunctionCall: one rule, one place */
extern Datum apportion_arrays(PG_FUNCTION_ARGS);	/* apportion.c */
extern Datum fiscal_year_first_day(PG_FUNCTION_ARGS);	/* fiscal_year.c */

/* ---------- sealed cost and voting terms: rules/cost_sealing.c,
 *            data/citation.c, triggers/budget.c ------------------------ */

typedef enum SealedTerms
{
	SEALED_COST_TERMS,			/* budget, cost_basis, cost_override */
	SEALED_VOTING_TERMS			/* voting_weight */
} SealedTerms;

typedef enum SealedEvent
{
	SEALED_INSERT,
	SEALED_UPDATE,
	SEALED_DELETE
} SealedEvent;

/* who wrote the row version an UPDATE or DELETE finds */
typedef enum SealedRowOrigin
{
	SEALED_ROW_COMMITTED,		/* an earlier transaction */
	SEALED_ROW_INSERTED_HERE,	/* inserted by this transaction */
	SEALED_ROW_UPDATED_HERE		/* updated by this transaction */
} SealedRowOrigin;

typedef enum SealedNeed
{
	SEALED_FREE,				/* no decision needed */
	SEALED_CHECK_CITATION,		/* authorised_by must authorise it */
	SEALED_NOT_CITED,			/* a decision is needed and none is cited */
	SEALED_DELETE_NOT_CITED		/* a DELETE of a row no UPDATE here cited */
} SealedNeed;

extern SealedNeed sealed_change_need(bool executed, bool seal_inserts, SealedEvent event,
									 SealedRowOrigin origin, bool terms_changed,
									 bool citation_changed, bool cited);
extern bool sealed_kind_fits(SealedTerms terms, const char *kind);
extern const char *sealed_kinds_text(SealedTerms terms);

/* which inserts into a sealed table need a decision (s22a_sealed_change) */
typedef enum SealedInserts
{
	SEALED_INSERTS_NEVER,		/* spend, benefit: new rows are the course of business */
	SEALED_INSERTS_ALWAYS,		/* voting_weight: every new weight */
	SEALED_INSERTS_CLOSED_YEAR, /* budget, cost_basis: rows for an ended year */
	SEALED_INSERTS_BESIDE_BASIS,	/* cost_override: an ended year, or beside a cost basis */
	SEALED_CLOSED_YEARS_ONLY	/* contribution: only rows of an ended year, added,
								 * changed or removed */
} SealedInserts;

/* why an insert into an executed agreement's cost terms needs a decision */
typedef enum SealedInsertReason
{
	SEALED_INSERT_FREE,			/* a year to come, or this year: the board sets it */
	SEALED_INSERT_ALWAYS,		/* every insert is sealed (voting weights) */
	SEALED_INSERT_CLOSED_YEAR,	/* the year ended before today */
	SEALED_INSERT_BESIDE_BASIS	/* fixed percentages would replace the agreed formula */
} SealedInsertReason;

extern bool fiscal_year_closed(FiscalYear fy, DateADT today);
extern SealedInsertReason sealed_insert_reason(SealedInserts inserts, FiscalYear fy,
											   DateADT today, bool basis_exists);
extern bool sealed_change_in_scope(SealedInserts inserts, bool old_year_closed,
								   bool new_year_closed);
extern bool closed_year_driver_sealed(FiscalYear fy, DateADT today,
									  bool used_by_executed_agreement);

/* rules/spend.c: spend_in_term, an actual inside its year and the term */
typedef enum SpendDateFault
{
	SPEND_DATE_OK,
	SPEND_DATE_OUTSIDE_YEAR,	/* not in its fiscal_year */
	SPEND_DATE_BEFORE_TERM,		/* before commences_on */
	SPEND_DATE_AFTER_TERM		/* after the effective expiry */
} SpendDateFault;

extern SpendDateFault spend_date_fault(FiscalYear fy, DateADT spent_on,
									   DateADT commences_on, const TermExpiry *expiry);

/* rules/benefit.c: recording a realised figure the first time is free */
extern bool benefit_first_realised(bool realised_was_null, bool realised_is_null,
								   bool other_columns_changed);

/* ---------- register rules (src/rules/: statutory_shape.c, execution.c,
 * authority.c, withdrawal.c) ---------------------------------------------- */

/* rules/statutory_shape.c: Police Act 1996 s22A(1), (3), (5), s23C(6) */
typedef enum ShapeFault
{
	SHAPE_OK,
	SHAPE_NO_POLICING_BODY,		/* no policing body at all */
	SHAPE_ONE_POLICING_BODY,	/* one policing body and no "other" party */
	SHAPE_CHIEF_WITHOUT_BODY	/* a chief officer without its policing body */
} ShapeFault;

extern ShapeFault statutory_shape_fault(int n, const Member *m, bool *orphan);
extern bool chief_left_without_body(int nbefore, const Member *before,
									int nafter, const Member *after,
									const char *force);

/* rules/execution.c: execution_signatures, execution_lead_force */
#define SIGNATURE_UNSIGNED		0x01
#define SIGNATURE_UNDECLARED	0x02

extern int	execution_party_faults(bool has_signed, DateADT signed_on,
							 bool has_declared, DateADT declared_on,
							 DateADT executed_on);
extern int	execution_signature_faults(const AgreementMembership *m, DateADT executed_on,
									   Member *members, int *faults);
extern int	execution_forces(int n, const Member *m, const char **forces);
extern bool execution_lead_force_has_party(const AgreementMembership *m, const char *lead_force);

/* rules/authority.c: agreement_sealed, membership_sealed */
typedef enum AuthorityFault
{
	AUTHORITY_OK,
	AUTHORITY_NOT_CITED,		/* authorised_by unchanged or NULL */
	AUTHORITY_NOT_FOUND,
	AUTHORITY_OTHER_AGREEMENT,
	AUTHORITY_NOT_MADE,
	AUTHORITY_WRONG_KIND,
	AUTHORITY_SPENT				/* already cited by an earlier transaction */
} AuthorityFault;

/* what a change to an executed agreement touches */
typedef enum AuthorityScope
{
	AUTHORITY_FOR_TERMS,		/* the agreement's own terms */
	AUTHORITY_FOR_MEMBERSHIP,	/* its membership rows */
	AUTHORITY_FOR_WITHDRAWAL	/* a withdrawal that needs a decision */
} AuthorityScope;

extern AuthorityFault authority_fits(bool newly_cited, bool found,
									 int64 agreement_id, int64 decision_agreement_id,
									 bool made, bool kind_fits,
									 bool spent);
extern bool authority_kind_fits(AuthorityScope scope, const char *decision_kind);
extern const char *authority_kinds_text(AuthorityScope scope);
extern bool authority_column_in_scope(const char *decision_kind, const char *column);
extern bool authority_sets_expiry(const char *decision_kind);
extern const char *authority_kind_scope_text(const char *decision_kind);
extern int	authority_forces_charged(const AgreementMembership *m, DateADT first,
									 DateADT last, const char **out);
extern const char *authority_unbound_force(int ncharged, const char *const *charged,
										   int nbound, const char *const *bound);

/* rules/withdrawal.c: withdrawal_committed, withdrawal_closed_year */
typedef enum WithdrawalNeed
{
	WITHDRAWAL_NEEDS_NO_DECISION,
	WITHDRAWAL_NEEDS_DECISION_COMMITTED,	/* withdrawal_notice NULL */
	WITHDRAWAL_NEEDS_DECISION_CLOSED_YEAR	/* effective in an ended year */
} WithdrawalNeed;

extern WithdrawalNeed withdrawal_needs_decision(bool has_notice, DateADT effective_on,
												DateADT today_year_start);

/* rules/withdrawal.c: withdrawal_notice, withdrawal_pairing */
extern bool withdrawal_notice_end(DateADT given_on, const Interval *notice, DateADT *end);
extern bool withdrawal_earliest(DateADT notice_given_on, const Interval *notice,
								DateADT *earliest);
extern int	withdrawal_days_of_force(const AgreementMembership *m, const char *force,
									 DateADT *days);
extern bool withdrawal_pairing_fault(const AgreementMembership *m, const char *force,
									 DateADT *day, Member *chief, Member *body);

/* rules/cost_sealing.c: authority_fits for a citation already known to be new */
extern AuthorityFault sealed_citation_fault(bool found, int64 agreement_id,
											int64 decision_agreement_id,
											bool made, bool kind_fits, bool spent);

/* rules/withdrawal.c: withdrawal_notice_date */
typedef enum NoticeDateFault
{
	NOTICE_DATE_OK,
	NOTICE_DATE_FUTURE,			/* given after today */
	NOTICE_DATE_PAST_BY_PARTY	/* a party's own role dates it before today */
} NoticeDateFault;

extern NoticeDateFault withdrawal_notice_date_fault(DateADT notice_given_on, DateADT today,
													bool by_party_role);


/* ======================================================================
 * Data access (src/data/): each table read by one kept query
 * ====================================================================== */

#include "utils/timestamp.h"

/* data/agreement.c: an agreement's own columns */
typedef struct AgreementRow
{
	int64		id;
	char	   *ref;
	DateADT		commences_on;
	bool		has_expires;	/* expires_on is set (else open ended) */
	DateADT		expires_on;
	bool		executed;		/* executed_on is set */
	DateADT		executed_on;
	char	   *lead_force;		/* NULL when none */
	bool		has_notice;		/* withdrawal_notice is set */
	Interval	notice;
	bool		host_half;		/* voting = 'host_half' */
	char	   *host_force;		/* under host_half; else NULL */
} AgreementRow;

extern bool s22a_read_agreement(int64 id, AgreementRow *a, bool must_exist);
extern ChargingRule s22a_read_charging(int64 id);

/* data/citation.c: the decision a sealed cost or voting row cites */
typedef struct SealedCitation
{
	int64		id;
	int64		agreement_id;
	char	   *agreement_ref;
	char	   *kind;
	char	   *state;
	bool		spent;			/* cited by an earlier, committed transaction */
} SealedCitation;

extern bool s22a_read_citation(int64 id, SealedCitation *d);
extern char *s22a_agreement_ref(int64 id);

/*
 * data/membership.c: an agreement's party rows (agreement_party, with each
 * party's force and kind and its withdrawal), and its members on a day
 */
extern void s22a_load_membership(int64 agreement_id, AgreementMembership *m);
extern int	s22a_members_on(int64 agreement_id, DateADT on, Member **rows);
extern void s22a_lock_agreement(int64 agreement_id);
extern void s22a_see_latest(void);
extern int	s22a_read_executed_agreements_of_party(const char *party_code, char ***refs);

/* data/term.c: the made renewals and terminations, and the term they give */
extern int	s22a_read_term_events(int64 agreement_id, TermEvent **events);
extern void s22a_load_term(int64 agreement_id, AgreementTerm *t);
/* one agreement's term, as agreements_in_force() reads them all at once */
typedef struct AgreementTermRow
{
	int64		id;
	char	   *ref;
	AgreementTerm term;
} AgreementTermRow;

extern int	s22a_load_terms_on(DateADT on, AgreementTermRow **rows);
extern void s22a_load_expiry_before(int64 agreement_id, DateADT made_on, int64 decision_id,
									TermExpiry *out);

/* data/party.c: the policing body that maintains a force (NULL: none) */
extern char *s22a_read_policing_body(const char *force);

/* data/authority.c: the decision an authorised_by cites */
typedef struct CitedDecision
{
	int64		agreement_id;
	char	   *kind;			/* decision_kind, as text */
	char	   *state;			/* decision_state, as text */
	bool		has_new_expiry;
	DateADT		new_expiry;		/* a renewal's or termination's */
} CitedDecision;

extern bool s22a_read_cited_decision(int64 decision_id, CitedDecision *d);
extern bool s22a_read_decision_spent(int64 decision_id);
extern void s22a_record_citation(int64 decision_id, const char *table_name, const char *row_key);
extern int	s22a_read_decision_forces(int64 decision_id, const char ***forces);

/* ======================================================================
 * The utility module (util.c) and the rule registry (rule_registry.c)
 * ====================================================================== */

#include "access/htup.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "utils/relcache.h"

/* the extension's schema (s22a.control: schema = s22a, not relocatable) */
#define S22A_SCHEMA "s22a"

/* Every rule a refusal can name; rule_registry.c holds their facts. */
typedef enum S22aRuleId
{
	S22A_RULE_EXECUTION_SIGNATURES,
	S22A_RULE_EXECUTION_LEAD_FORCE,
	S22A_RULE_EXECUTION_FINAL,
	S22A_RULE_STATUTORY_SHAPE,
	S22A_RULE_AGREEMENT_SEALED,
	S22A_RULE_MEMBERSHIP_SEALED,
	S22A_RULE_AGREEMENT_NO_DELETE,
	S22A_RULE_MEMBERSHIP_NO_DELETE,
	S22A_RULE_WITHDRAWAL_NOTICE,
	S22A_RULE_WITHDRAWAL_MEMBER,
	S22A_RULE_WITHDRAWAL_PAIRING,
	S22A_RULE_WITHDRAWAL_NOTICE_DATE,
	S22A_RULE_WITHDRAWAL_COMMITTED,
	S22A_RULE_WITHDRAWAL_CLOSED_YEAR,
	S22A_RULE_PARTY_SEALED,
	S22A_RULE_CONSENT,
	S22A_RULE_WRITTEN_FORM,
	S22A_RULE_NOTICE,
	S22A_RULE_NEW_EXPIRY,
	S22A_RULE_TERM_CHANGE_IN_TIME,
	S22A_RULE_VOTE,
	S22A_RULE_DECISION_FINAL,
	S22A_RULE_DECISION_KEPT,
	S22A_RULE_CONSENT_KEPT,
	S22A_RULE_CONSENT_BY_MEMBER,
	S22A_RULE_VOTE_BY_MEMBER,
	S22A_RULE_VOTE_WEIGHT,
	S22A_RULE_MADE_ON,
	S22A_RULE_CONSENT_DATE,
	S22A_RULE_VOTE_DATE,
	S22A_RULE_COST_BASIS_WEIGHTS_ADD_UP,
	S22A_RULE_COST_OVERRIDE_COVERS_MEMBERS,
	S22A_RULE_COST_TERMS_SEALED,
	S22A_RULE_BUDGET_TERM,
	S22A_RULE_VOTING_WEIGHTS_SEALED,
	S22A_RULE_CLOSED_YEAR_DRIVERS_SEALED,
	S22A_RULE_SPEND_IN_TERM,
	S22A_RULE_BENEFIT_FORCE_PARTY,
	S22A_RULE_PAYEE_FORCE_PARTY,
	S22A_RULE_REGISTER_NO_DROP,
	S22A_RULE_AUDIT_LOG_APPEND_ONLY,
	S22A_RULE_REGISTER_NO_TRUNCATE,
	S22A_RULE_PUBLICATION_DATE,
	S22A_RULE_LOCAL_DECISION_IN_PRINCIPLE,
	S22A_RULE_LOCAL_DECISION_PARTY,
	S22A_RULE_LOCAL_DECISION_DATE,
	S22A_RULE_LOCAL_DECISION_KEPT,
	S22A_RULE_DECISION_DATES,
	S22A_RULE_COUNT
} S22aRuleId;

typedef struct S22aRuleDef
{
	const char *name;			/* the constraint name of its refusals */
	int			sqlstate;		/* ERRCODE_... */
	const char *table;			/* the table it guards; NULL: every table */
	const char *doc;			/* the doc page that explains it */
} S22aRuleDef;

extern const S22aRuleDef *s22a_rule_def(S22aRuleId id);
/* in an ereport list: the rule's SQLSTATE and constraint (rel may be NULL) */
extern int	s22a_rule_error(Relation rel, S22aRuleId id);

/* when a trigger function may fire */
#define S22A_TG_BEFORE_ROW			0x01
#define S22A_TG_AFTER_ROW			0x02
#define S22A_TG_BEFORE_STATEMENT	0x04
#define S22A_TG_AFTER_STATEMENT		0x08

/* Every C trigger function; rule_registry.c binds each to its tables. */
typedef enum S22aTriggerId
{
	S22A_TRIGGER_AGREEMENT_SEALED,
	S22A_TRIGGER_AGREEMENT_EXECUTION,
	S22A_TRIGGER_MEMBERSHIP_SEALED,
	S22A_TRIGGER_STATUTORY_SHAPE,
	S22A_TRIGGER_WITHDRAWAL_NOTICE,
	S22A_TRIGGER_WITHDRAWAL_PAIRING,
	S22A_TRIGGER_PARTY_SEALED,
	S22A_TRIGGER_DECISION_RULES,
	S22A_TRIGGER_CONSENT_RULES,
	S22A_TRIGGER_VOTE_RULES,
	S22A_TRIGGER_DECISION_IMPACT_RULES,
	S22A_TRIGGER_COST_BASIS_CHECK,
	S22A_TRIGGER_COST_OVERRIDE_CHECK,
	S22A_TRIGGER_BUDGET_SEALED,
	S22A_TRIGGER_BUDGET_TERM,
	S22A_TRIGGER_COST_BASIS_SEALED,
	S22A_TRIGGER_COST_OVERRIDE_SEALED,
	S22A_TRIGGER_VOTING_WEIGHT_SEALED,
	S22A_TRIGGER_FORCE_MEASURE_SEALED,
	S22A_TRIGGER_SPEND_IN_TERM,
	S22A_TRIGGER_SPEND_SEALED,
	S22A_TRIGGER_BENEFIT_FORCE_PARTY,
	S22A_TRIGGER_BENEFIT_SEALED,
	S22A_TRIGGER_PAYEE_FORCE_PARTY,
	S22A_TRIGGER_BANK_HOLIDAY_CHANGED,
	S22A_TRIGGER_AUDIT_ROW,
	S22A_TRIGGER_AUDIT_INSERT,
	S22A_TRIGGER_AUDIT_REFUSE,
	S22A_TRIGGER_LOCAL_DECISION_RULES,
	S22A_TRIGGER_CONTRIBUTION_SEALED,
	S22A_TRIGGER_COUNT
} S22aTriggerId;

typedef struct S22aTriggerDef
{
	const char *function;		/* its SQL name */
	int			events;			/* S22A_TG_* it may fire on */
	const char *tables[3];		/* its tables in s22a; {NULL}: any of them */
} S22aTriggerDef;

extern const S22aTriggerDef *s22a_trigger_def(S22aTriggerId id);

/* util.c: kept plans */
extern SPIPlanPtr s22a_keep_plan(SPIPlanPtr *slot, const char *sql, int nargs, Oid *argtypes);
extern void s22a_select(SPIPlanPtr plan, Datum *args, const char *nulls, long limit);

/* util.c: trigger context and rows */
extern TriggerData *s22a_trigger_context(FunctionCallInfo fcinfo, S22aTriggerId id);
extern bool s22a_row_breaks_not_null(Relation rel, HeapTuple tuple);
extern void s22a_see_statement_result(void);
extern Datum s22a_column(Relation rel, HeapTuple tup, const char *name, bool *isnull);
extern char *s22a_column_text(Relation rel, HeapTuple tup, const char *name);
extern bool s22a_column_changed(Relation rel, HeapTuple a, HeapTuple b, const char *name);

/* util.c: running a rule's query as a table's owner */
typedef struct S22aUserContext
{
	Oid			userid;
	int			sec_context;
} S22aUserContext;
extern void s22a_become_owner(const char *relname, S22aUserContext *saved);
extern void s22a_restore_user(const S22aUserContext *saved);
extern int	s22a_pin_search_path(void);
extern void s22a_unpin_search_path(int level);

/* util.c: message formatting */
/* the rules' today: the transaction start's date in Europe/London (util.c) */
extern DateADT s22a_rule_today(void);
extern char *s22a_iso_date(DateADT d);
extern char *s22a_numeric_text(Numeric n);
extern char *s22a_fiscal_year_text(FiscalYear fy);
extern char *s22a_code_list(const char *const *codes, int n,
							const char *last_separator, const char *none);
extern int	s22a_cstring_cmp(const void *a, const void *b);
/* util.c: the rows of a SETOF text function */
extern void s22a_return_codes(FunctionCallInfo fcinfo, const char *const *codes, int n);

/* util.c, added for the register's triggers */
extern char *s22a_member_list(int n, const Member *m, const bool *pick, const char *none);

/* ===============================================================
 * Glue shared by the register's trigger functions (src/triggers/)
 * ====================================================================== */

/* triggers/authority.c: refuses a change an executed agreement's cited
 * decision does not authorise (rule: agreement_sealed or membership_sealed) */
extern void s22a_require_authority(Relation rel, S22aRuleId rule, const AgreementRow *a,
								   HeapTuple old, HeapTuple new,
								   AuthorityScope scope, const char *what);

extern char *s22a_sealed_columns_changed(Relation rel, HeapTuple old, HeapTuple new,
										 const char *const *columns, int ncolumns);

/* triggers/agreement_party.c: refuses a membership day of bad statutory shape */
extern void s22a_check_statutory_shape(Relation rel, const AgreementRow *a,
							 const AgreementMembership *m);
/* data/citation.c: the refusal of a citation that does not authorise a change */
extern void s22a_refuse_citation(Relation rel, S22aRuleId rule, AuthorityFault fault,
								 int64 decision_id, const char *agreement_ref,
								 const char *cited_agreement_ref, const char *cited_state,
								 const char *cited_kind, const char *what, const char *kinds);
/*
 * triggers/budget.c: rule budget_term (rules/budget_term.c) for a row with
 * agreement_id and fiscal_year columns (budget, cost_override, and any cost
 * table of a year: call it from its BEFORE INSERT OR UPDATE row trigger).
 * `what` names the row for the message, e.g. "budget line \"programme\"".
 */
extern void s22a_require_budget_term(Relation rel, HeapTuple tup, const char *what);

/* triggers/budget.c: the check every sealed cost or voting table shares */
extern HeapTuple s22a_sealed_change(TriggerData *td, S22aRuleId rule, SealedTerms terms,
									SealedInserts inserts,
									char *(*describe) (Relation rel, HeapTuple tup));
/* the same, with the UPDATEs free_update says need no decision (benefit) */
extern HeapTuple s22a_sealed_change_except(TriggerData *td, S22aRuleId rule, SealedTerms terms,
										   SealedInserts inserts,
										   char *(*describe) (Relation rel, HeapTuple tup),
										   bool (*free_update) (Relation rel, HeapTuple old,
																HeapTuple new));

#endif							/* S22A_H */
