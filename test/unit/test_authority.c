/*
 * test_authority.c — unit tests of src/rules/authority.c: what authorises a
 * change to an executed agreement.
 */
#include "register_fixture.h"

int
main(void)
{
	/* authority_fits(newly_cited, found, agreement, decision's agreement, made, kind_fits, spent) */
	UNIT_OK(authority_fits(true, true, 7, 7, true, true, false) == AUTHORITY_OK,
			"authority: a newly cited, made decision of the agreement, of a fitting kind, unspent");
	UNIT_OK(authority_fits(false, true, 7, 7, true, true, false) == AUTHORITY_NOT_CITED,
			"authority: a change that leaves authorised_by as it was cites nothing");
	UNIT_OK(authority_fits(false, false, 7, 0, false, false, true) == AUTHORITY_NOT_CITED,
			"authority: not citing is reported before anything about the decision");
	UNIT_OK(authority_fits(true, false, 7, 0, false, false, false) == AUTHORITY_NOT_FOUND,
			"authority: a decision that does not exist");
	UNIT_OK(authority_fits(true, true, 7, 8, true, true, false) == AUTHORITY_OTHER_AGREEMENT,
			"authority: a decision of another agreement");
	UNIT_OK(authority_fits(true, true, 7, 8, false, false, true) == AUTHORITY_OTHER_AGREEMENT,
			"authority: another agreement's decision is reported before its state, kind or use");
	UNIT_OK(authority_fits(true, true, 7, 7, false, true, false) == AUTHORITY_NOT_MADE,
			"authority: a proposed decision is not made");
	UNIT_OK(authority_fits(true, true, 7, 7, false, false, true) == AUTHORITY_NOT_MADE,
			"authority: not made is reported before the kind");
	UNIT_OK(authority_fits(true, true, 7, 7, true, false, false) == AUTHORITY_WRONG_KIND,
			"authority: a made decision of the wrong kind");
	UNIT_OK(authority_fits(true, true, 7, 7, true, false, true) == AUTHORITY_WRONG_KIND,
			"authority: the wrong kind is reported before spent");
	UNIT_OK(authority_fits(true, true, 7, 7, true, true, true) == AUTHORITY_SPENT,
			"authority: a decision an earlier transaction cited is spent (each change cites its own)");

	/* which kinds authorise what */
	UNIT_OK(authority_kind_fits(AUTHORITY_FOR_TERMS, "variation") &&
			authority_kind_fits(AUTHORITY_FOR_TERMS, "renewal") &&
			authority_kind_fits(AUTHORITY_FOR_TERMS, "termination"),
			"authority: a variation, renewal or termination changes the terms");
	UNIT_OK(!authority_kind_fits(AUTHORITY_FOR_TERMS, "membership") &&
			!authority_kind_fits(AUTHORITY_FOR_TERMS, "budget") &&
			!authority_kind_fits(AUTHORITY_FOR_TERMS, "in_principle"),
			"authority: a membership, budget or in-principle decision does not");
	UNIT_OK(authority_kind_fits(AUTHORITY_FOR_MEMBERSHIP, "membership"),
			"authority: a membership decision changes the membership (CPCC2019-008)");
	UNIT_OK(!authority_kind_fits(AUTHORITY_FOR_MEMBERSHIP, "variation") &&
			!authority_kind_fits(AUTHORITY_FOR_MEMBERSHIP, "renewal"),
			"authority: a variation or renewal does not");
	UNIT_OK(authority_kind_fits(AUTHORITY_FOR_WITHDRAWAL, "membership") &&
			authority_kind_fits(AUTHORITY_FOR_WITHDRAWAL, "variation"),
			"authority: a withdrawal that needs a decision takes a membership or variation decision");
	UNIT_OK(!authority_kind_fits(AUTHORITY_FOR_WITHDRAWAL, "renewal") &&
			!authority_kind_fits(AUTHORITY_FOR_WITHDRAWAL, "termination") &&
			!authority_kind_fits(AUTHORITY_FOR_WITHDRAWAL, "budget"),
			"authority: ... not a renewal, termination or budget decision");
	UNIT_OK(strcmp(authority_kinds_text(AUTHORITY_FOR_WITHDRAWAL), "membership or variation") == 0,
			"authority: the kinds a withdrawal takes, in words");
	UNIT_OK(!authority_kind_fits(AUTHORITY_FOR_TERMS, "Variation") &&
			!authority_kind_fits(AUTHORITY_FOR_TERMS, ""),
			"authority: kinds are enum labels, matched exactly");
	UNIT_OK(strcmp(authority_kinds_text(AUTHORITY_FOR_TERMS), "variation, renewal or termination") == 0 &&
			strcmp(authority_kinds_text(AUTHORITY_FOR_MEMBERSHIP), "membership") == 0,
			"authority: the kinds named in messages");

	/* what each kind changes of the agreement's own row (issue 9) */
	UNIT_OK(authority_column_in_scope("variation", "commences_on") &&
			authority_column_in_scope("variation", "title") &&
			authority_column_in_scope("variation", "expires_on"),
			"authority: a variation changes any term");
	UNIT_OK(authority_column_in_scope("renewal", "expires_on") &&
			authority_column_in_scope("termination", "expires_on"),
			"authority: a renewal or termination moves the expiry");
	UNIT_OK(!authority_column_in_scope("renewal", "commences_on") &&
			!authority_column_in_scope("renewal", "withdrawal_notice") &&
			!authority_column_in_scope("renewal", "lead_force") &&
			!authority_column_in_scope("renewal", "title") &&
			!authority_column_in_scope("termination", "review_on"),
			"authority: and nothing else (a renewal cited to move the commencement to 2016)");
	UNIT_OK(!authority_column_in_scope("budget", "expires_on") &&
			!authority_column_in_scope("membership", "expires_on"),
			"authority: a budget or membership decision changes no column of the agreement");
	UNIT_OK(authority_sets_expiry("renewal") && authority_sets_expiry("termination") &&
			!authority_sets_expiry("variation"),
			"authority: a renewal or termination sets the expiry to its new_expiry");

	/* the forces charged in a year, and whether a decision bound them */
	{
		PartyMembership p[4];
		AgreementMembership m = {UNIT_DAY(2016, 12, 16), 4, p};
		const char *charged[4];
		const char *bound_2019[] = {"BED", "CAM"};
		const char *bound_2020[] = {"BED", "BTP", "CAM"};
		int			n;

		memset(p, 0, sizeof(p));
		strcpy(p[0].code, "CC-BED");
		strcpy(p[0].force, "BED");
		p[0].leaves_on = DATEVAL_NOEND;
		strcpy(p[1].code, "PCC-BED");
		strcpy(p[1].force, "BED");
		p[1].leaves_on = DATEVAL_NOEND;
		strcpy(p[2].code, "CC-BTP");
		strcpy(p[2].force, "BTP");
		p[2].has_joins = true;
		p[2].joins_on = UNIT_DAY(2019, 5, 1);
		p[2].leaves_on = DATEVAL_NOEND;
		strcpy(p[3].code, "CC-CAM");
		strcpy(p[3].force, "CAM");
		p[3].leaves_on = UNIT_DAY(2020, 4, 1);	/* left on 1 April 2020: last day 31 March */

		n = authority_forces_charged(&m, UNIT_DAY(2018, 4, 1), UNIT_DAY(2019, 3, 31), charged);
		UNIT_OK(n == 2 && strcmp(charged[0], "BED") == 0 && strcmp(charged[1], "CAM") == 0,
				"authority: 2018/19 charges BED and CAM, each once (BTP joins later)");
		n = authority_forces_charged(&m, UNIT_DAY(2019, 4, 1), UNIT_DAY(2020, 3, 31), charged);
		UNIT_OK(n == 3 && strcmp(charged[1], "BTP") == 0,
				"authority: 2019/20 charges BTP too: a party from 1 May 2019, a day of the year");
		n = authority_forces_charged(&m, UNIT_DAY(2020, 4, 1), UNIT_DAY(2021, 3, 31), charged);
		UNIT_OK(n == 2 && strcmp(charged[0], "BED") == 0 && strcmp(charged[1], "BTP") == 0,
				"authority: 2020/21 does not charge CAM, which left on 1 April 2020");
		UNIT_OK(strcmp(authority_unbound_force(n, charged, 2, bound_2019), "BTP") == 0,
				"authority: a decision of the 2019 parties does not bind BTP for 2020/21");
		UNIT_OK(authority_unbound_force(n, charged, 3, bound_2020) == NULL,
				"authority: one BTP consented to does");
		UNIT_OK(strcmp(authority_unbound_force(n, charged, 0, NULL), "BED") == 0,
				"authority: a decision that bound nobody binds no charged force");
	}
	UNIT_DONE();
}
