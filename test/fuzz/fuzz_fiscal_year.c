/*
 * fuzz_fiscal_year.c — the fiscal_year text and binary parsers.
 *
 * First byte chooses: even = text input, odd = binary input.  Properties:
 * a refusal is 22P02 (text) or 22P03 (binary), never anything else; an
 * accepted value is in range, prints canonically, reads back as itself, and
 * survives a binary round trip.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/errcodes.h"

#include "s22a.h"
#include "shim.h"

extern Datum fiscal_year_in(PG_FUNCTION_ARGS);
extern Datum fiscal_year_out(PG_FUNCTION_ARGS);
extern Datum fiscal_year_send(PG_FUNCTION_ARGS);
extern Datum fiscal_year_recv(PG_FUNCTION_ARGS);

static void
check_value(FiscalYear fy)
{
	char	   *text;
	bytea	   *wire;
	StringInfoData buf;
	bool		ok;
	Datum		again;

	CHECK(fy >= FISCAL_YEAR_MIN && fy <= FISCAL_YEAR_MAX);
	text = DatumGetCString(CALL1(fiscal_year_out, FiscalYearGetDatum(fy)));
	CHECK(strlen(text) == 7 && text[4] == '/');
	SHIM_TRY(ok, again = CALL1(fiscal_year_in, CStringGetDatum(text)));
	CHECK(ok && DatumGetFiscalYear(again) == fy);

	wire = DatumGetByteaPP(CALL1(fiscal_year_send, FiscalYearGetDatum(fy)));
	buf.data = VARDATA_ANY(wire);
	buf.len = VARSIZE_ANY_EXHDR(wire);
	buf.cursor = 0;
	SHIM_TRY(ok, again = CALL1(fiscal_year_recv, PointerGetDatum(&buf)));
	CHECK(ok && DatumGetFiscalYear(again) == fy && buf.cursor == buf.len);
}

static void
check_datum(Datum v)
{
	check_value(DatumGetFiscalYear(v));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	shim_fuzz_parser(data, size, fiscal_year_in, fiscal_year_recv, check_datum);
	return 0;
}
