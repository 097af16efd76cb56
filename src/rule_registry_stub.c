/*
 * rule_registry_stub.c — TEMPORARY stand-in for the rule registry.
 *
 * s22a.rules() (sql/install/78_rules.sql, sql/s22a--0.2--0.3.sql) is
 * declared AS 'MODULE_PATHNAME', 's22a_rules', and CREATE FUNCTION ...
 * LANGUAGE C fails when the library lacks the symbol.  The registry itself
 * (rule name, SQLSTATE, table, doc anchor: CONVENTIONS.md, "src/") is
 * written on another branch; until it is merged, this stub returns no rows
 * so that the extension installs and the tests run.  Delete this file and
 * its line in the Makefile's OBJS when the real s22a_rules lands.
 */
#include "postgres.h"

#include "fmgr.h"
#include "funcapi.h"

PG_FUNCTION_INFO_V1(s22a_rules);
Datum
s22a_rules(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;

	if (SRF_IS_FIRSTCALL())
		SRF_FIRSTCALL_INIT();
	funcctx = SRF_PERCALL_SETUP();
	SRF_RETURN_DONE(funcctx);
}
