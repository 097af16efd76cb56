/*
 * fuzz_apportionment.c — the apportionment text and binary parsers.
 *
 * First byte chooses: even = text input, odd = binary input.  Properties:
 * a refusal is 22P02 (text) or 22P03 (binary); an accepted value keeps the
 * invariant (valid codes in strictly ascending byte order, shares
 * non-negative and adding up to exactly 100 at 0-4 decimals), prints in a
 * form that reads back equal and prints the same, and survives a binary
 * round trip.
 */
#include "postgres.h"

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "utils/errcodes.h"

#include "s22a.h"
#include "shim.h"

extern Datum apportionment_in(PG_FUNCTION_ARGS);
extern Datum apportionment_out(PG_FUNCTION_ARGS);
extern Datum apportionment_send(PG_FUNCTION_ARGS);
extern Datum apportionment_recv(PG_FUNCTION_ARGS);
extern Datum apportionment_eq(PG_FUNCTION_ARGS);

static void
check_value(Apportionment *a)
{
	int64		total = 0;
	char	   *text,
			   *text2;
	bool		ok;
	Datum		again;
	bytea	   *wire;
	StringInfoData buf;

	CHECK(a->decimals >= 0 && a->decimals <= SHARE_DECIMALS_MAX);
	CHECK(a->nparties >= 1);
	for (int i = 0; i < a->nparties; i++)
	{
		CHECK(party_code_valid(a->entries[i].code, strlen(a->entries[i].code)));
		CHECK(a->entries[i].units >= 0);
		CHECK(i == 0 || strcmp(a->entries[i - 1].code, a->entries[i].code) < 0);
		total += a->entries[i].units;
	}
	CHECK(total == SHARE_TOTAL_UNITS(a->decimals));

	text = DatumGetCString(CALL1(apportionment_out, PointerGetDatum(a)));
	SHIM_TRY(ok, again = CALL1(apportionment_in, CStringGetDatum(text)));
	CHECK(ok);
	CHECK(DatumGetBool(CALL2(apportionment_eq, PointerGetDatum(a), again)));
	text2 = DatumGetCString(CALL1(apportionment_out, again));
	CHECK(strcmp(text, text2) == 0);

	wire = DatumGetByteaPP(CALL1(apportionment_send, PointerGetDatum(a)));
	buf.data = VARDATA_ANY(wire);
	buf.len = VARSIZE_ANY_EXHDR(wire);
	buf.cursor = 0;
	SHIM_TRY(ok, again = CALL1(apportionment_recv, PointerGetDatum(&buf)));
	CHECK(ok && buf.cursor == buf.len);
	CHECK(DatumGetBool(CALL2(apportionment_eq, PointerGetDatum(a), again)));
}

static void
check_datum(Datum v)
{
	check_value((Apportionment *) DatumGetPointer(v));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	shim_fuzz_parser(data, size, apportionment_in, apportionment_recv, check_datum);
	return 0;
}
