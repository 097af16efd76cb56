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
	UNIT_DONE();
}
