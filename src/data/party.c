/*
 * data/party.c — the one query that reads a force's policing body.
 *
 * For messages: a chief officer without its policing body is told which
 * party to add (triggers/agreement_party.c).
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "utils/builtins.h"

#include "s22a.h"

static SPIPlanPtr body_plan;

/*
 * The code of the policing body that maintains the force, in the caller's
 * memory context; NULL when the register has none.  Callable inside or
 * outside SPI.
 */
char *
s22a_read_policing_body(const char *force)
{
	MemoryContext caller = CurrentMemoryContext;
	Oid			types[1] = {TEXTOID};
	Datum		args[1] = {CStringGetTextDatum(force)};
	char	   *code = NULL;

	SPI_connect();
	s22a_select(s22a_keep_plan(&body_plan,
							   "SELECT code::text FROM s22a.party"
							   " WHERE force_code = $1 AND kind = 'policing_body'"
							   " ORDER BY code COLLATE \"C\"", 1, types),
				args, NULL, 1);
	if (SPI_processed > 0)
	{
		char	   *text = SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1);

		code = MemoryContextStrdup(caller, text);
	}
	SPI_finish();
	return code;
}
