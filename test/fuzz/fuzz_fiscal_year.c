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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	bool		ok;
	Datum		v;

	if (size < 1)
		return 0;
	if ((data[0] & 1) == 0)
	{
		char	   *s;

		SHIM_CSTRING(s, data + 1, size - 1);
		SHIM_TRY(ok, v = CALL1(fiscal_year_in, CStringGetDatum(s)));
		if (ok)
			check_value(DatumGetFiscalYear(v));
		else
			CHECK(shim_sqlstate == ERRCODE_INVALID_TEXT_REPRESENTATION);
	}
	else
	{
		StringInfoData buf;

		SHIM_MESSAGE(&buf, data + 1, size - 1);
		SHIM_TRY(ok, v = CALL1(fiscal_year_recv, PointerGetDatum(&buf)));
		if (ok)
			check_value(DatumGetFiscalYear(v));
		else
			CHECK(shim_sqlstate == ERRCODE_INVALID_BINARY_REPRESENTATION);
	}
	shim_reset();
	return 0;
}
