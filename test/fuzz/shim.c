/*
 * shim.c — the few PostgreSQL server functions the fuzzed sources call,
 * so the real parsers (src/types/fiscal_year.c, src/types/apportionment.c) and rule
 * cores (src/rules/) run under libFuzzer outside the server.
 *
 * - Memory: palloc and friends come from malloc and are all freed after
 *   each input (shim_reset), so LeakSanitizer sees no leak.
 * - Errors: ereport(ERROR) longjmps back to the harness (shim_try), which
 *   records the SQLSTATE; the harness checks it is one the docs promise.
 * - Message reads: pq_getmsg* past the end traps.  The real server would
 *   raise 08P01 there; s22a promises 22P03 for bad binary input, so its
 *   recv functions must check lengths first and this must never happen.
 * - Everything the fuzzed paths must not reach aborts.
 */
#include "postgres.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/errcodes.h"
#include "utils/numeric.h"
#include "utils/tuplestore.h"
#include "funcapi.h"

#include "s22a.h"
#include "compat.h"
#include "shim.h"

/* ---------- memory ------------------------------------------------------ */

#define SHIM_MAX_ALLOCS 65536
static void *allocs[SHIM_MAX_ALLOCS];
static int	nallocs;

typedef struct
{
	size_t		slot;
	size_t		pad;			/* keep MAXALIGN */
} AllocHeader;

static void *
shim_alloc(Size size, bool zero)
{
	AllocHeader *h;

	if (nallocs == SHIM_MAX_ALLOCS)
		abort();
	h = zero ? calloc(1, sizeof(AllocHeader) + size) : malloc(sizeof(AllocHeader) + size);
	if (h == NULL)
		abort();
	h->slot = nallocs;
	allocs[nallocs++] = h;
	return h + 1;
}

void *palloc(Size size) { return shim_alloc(size, false); }
void *palloc0(Size size) { return shim_alloc(size, true); }
void *palloc_extended(Size size, int flags) { return shim_alloc(size, (flags & MCXT_ALLOC_ZERO) != 0); }
void *MemoryContextAlloc(MemoryContext c, Size size) { return shim_alloc(size, false); }
void *MemoryContextAllocZero(MemoryContext c, Size size) { return shim_alloc(size, true); }

void *
repalloc(void *p, Size size)
{
	AllocHeader *h = ((AllocHeader *) p) - 1;
	size_t		slot = h->slot;

	h = realloc(h, sizeof(AllocHeader) + size);
	if (h == NULL)
		abort();
	allocs[slot] = h;
	return h + 1;
}

void
pfree(void *p)
{
	AllocHeader *h = ((AllocHeader *) p) - 1;

	allocs[h->slot] = NULL;
	free(h);
}

void
shim_reset(void)
{
	for (int i = 0; i < nallocs; i++)
		free(allocs[i]);
	nallocs = 0;
}

char *
psprintf(const char *fmt,...)
{
	va_list		ap;
	char	   *buf;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	buf = palloc(n + 1);
	va_start(ap, fmt);
	vsnprintf(buf, n + 1, fmt, ap);
	va_end(ap);
	return buf;
}

/* ---------- errors ------------------------------------------------------ */

jmp_buf    *shim_error_jump;
int			shim_sqlstate;
static int	shim_elevel;

bool errstart(int elevel, const char *domain) { shim_elevel = elevel; return true; }
bool errstart_cold(int elevel, const char *domain) { return errstart(elevel, domain); }
int errcode(int sqlerrcode) { shim_sqlstate = sqlerrcode; return 0; }
int errmsg(const char *fmt,...) { return 0; }
int errdetail(const char *fmt,...) { return 0; }
int errhint(const char *fmt,...) { return 0; }

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	if (shim_elevel >= ERROR)
	{
		if (shim_error_jump == NULL)
			abort();
		longjmp(*shim_error_jump, 1);
	}
}

/*
 * Soft errors (ereturn, PG 16 and later): the fuzzed functions are called
 * without an ErrorSaveContext, so each error is thrown as above.
 */
bool
errsave_start(struct Node *context, const char *domain)
{
	if (context != NULL)
		abort();
	return errstart(ERROR, domain);
}

void
errsave_finish(struct Node *context, const char *filename, int lineno, const char *funcname)
{
	errfinish(filename, lineno, funcname);
}

/* ---------- strings ----------------------------------------------------- */

void
initStringInfo(StringInfo str)
{
	str->maxlen = 1024;
	str->data = palloc(str->maxlen);
	str->len = 0;
	str->data[0] = '\0';
	str->cursor = 0;
}

void
enlargeStringInfo(StringInfo str, int needed)
{
	needed += str->len + 1;
	if (needed <= str->maxlen)
		return;
	while (needed > str->maxlen)
		str->maxlen *= 2;
	str->data = repalloc(str->data, str->maxlen);
}

void
appendStringInfo(StringInfo str, const char *fmt,...)
{
	va_list		ap;
	int			n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	enlargeStringInfo(str, n);
	va_start(ap, fmt);
	vsnprintf(str->data + str->len, n + 1, fmt, ap);
	va_end(ap);
	str->len += n;
}

void
appendStringInfoString(StringInfo str, const char *s)
{
	appendBinaryStringInfo(str, s, strlen(s));
}

void
appendBinaryStringInfo(StringInfo str, S22A_SHIM_BYTES *data, int datalen)
{
	enlargeStringInfo(str, datalen);
	memcpy(str->data + str->len, data, datalen);
	str->len += datalen;
	str->data[str->len] = '\0';
}

size_t
strlcpy(char *dst, const char *src, size_t siz)
{
	size_t		len = strlen(src);

	if (siz > 0)
	{
		size_t		n = len < siz - 1 ? len : siz - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

text *
cstring_to_text(const char *s)
{
	int			len = strlen(s);
	text	   *t = palloc(len + VARHDRSZ);

	SET_VARSIZE(t, len + VARHDRSZ);
	memcpy(VARDATA(t), s, len);
	return t;
}

char *
text_to_cstring(const text *t)
{
	int			len = VARSIZE_ANY_EXHDR(t);
	char	   *s = palloc(len + 1);

	memcpy(s, VARDATA_ANY(t), len);
	s[len] = '\0';
	return s;
}

struct varlena *pg_detoast_datum(struct varlena *d) { return d; }
struct varlena *pg_detoast_datum_packed(struct varlena *d) { return d; }

/* ---------- binary messages ---------------------------------------------- */

static void
need(StringInfo msg, int n)
{
	if (n < 0 || msg->cursor + n > msg->len)
		__builtin_trap();		/* would be 08P01 in the server: see above */
}

int
pq_getmsgbyte(StringInfo msg)
{
	need(msg, 1);
	return (unsigned char) msg->data[msg->cursor++];
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	unsigned char buf[4];

	need(msg, b);
	memcpy(buf, msg->data + msg->cursor, b);
	msg->cursor += b;
	if (b == 1)
		return buf[0];
	if (b == 2)
		return (buf[0] << 8) | buf[1];
	return ((unsigned) buf[0] << 24) | (buf[1] << 16) | (buf[2] << 8) | buf[3];
}

const char *
pq_getmsgbytes(StringInfo msg, int datalen)
{
	const char *p;

	need(msg, datalen);
	p = msg->data + msg->cursor;
	msg->cursor += datalen;
	return p;
}

void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	appendBinaryStringInfo(buf, "\0\0\0\0", 4);
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	SET_VARSIZE(result, buf->len);
	return result;
}

void
pq_sendbytes(StringInfo buf, S22A_SHIM_BYTES *data, int datalen)
{
	appendBinaryStringInfo(buf, data, datalen);
}

/* ---------- sorting ------------------------------------------------------ */

void
pg_qsort(void *base, size_t nel, size_t elsize, int (*cmp) (const void *, const void *))
{
	qsort(base, nel, elsize, cmp);
}

void
qsort_arg(void *base, size_t nel, size_t elsize, qsort_arg_comparator cmp, void *arg)
{
	qsort_r(base, nel, elsize, cmp, arg);
}

/* ---------- the parser harnesses' shared input ----------------------------- */

/*
 * The first byte chooses: even = text input (the rest as a C string), odd =
 * binary input (the rest as a message).  A refusal must carry the SQLSTATE
 * the docs promise (22P02 text, 22P03 binary); an accepted value goes to
 * check, which asserts the type's own properties.
 */
void
shim_fuzz_parser(const uint8_t *data, size_t size, PGFunction in, PGFunction recv,
				 void (*check) (Datum value))
{
	bool		ok;
	Datum		v;

	if (size < 1)
		return;
	if ((data[0] & 1) == 0)
	{
		char	   *s;

		SHIM_CSTRING(s, data + 1, size - 1);
		SHIM_TRY(ok, v = CALL1(in, CStringGetDatum(s)));
		if (ok)
			check(v);
		else
			CHECK(shim_sqlstate == ERRCODE_INVALID_TEXT_REPRESENTATION);
	}
	else
	{
		StringInfoData buf;

		SHIM_MESSAGE(&buf, data + 1, size - 1);
		SHIM_TRY(ok, v = CALL1(recv, PointerGetDatum(&buf)));
		if (ok)
			check(v);
		else
			CHECK(shim_sqlstate == ERRCODE_INVALID_BINARY_REPRESENTATION);
	}
	shim_reset();
}

/* ---------- not reached by the fuzzed paths ------------------------------ */

#define NOT_REACHED(decl) decl { abort(); }
NOT_REACHED(Datum DirectFunctionCall1Coll(PGFunction f, Oid c, Datum a))
NOT_REACHED(Datum DirectFunctionCall2Coll(PGFunction f, Oid c, Datum a, Datum b))
NOT_REACHED(Datum DirectFunctionCall3Coll(PGFunction f, Oid c, Datum a, Datum b, Datum d))
NOT_REACHED(void InitMaterializedSRF(FunctionCallInfo fcinfo, bits32 flags))
NOT_REACHED(int date2j(int y, int m, int d))
NOT_REACHED(void j2date(int jd, int *year, int *month, int *day))
NOT_REACHED(char *s22a_iso_date(DateADT d))
NOT_REACHED(char *s22a_numeric_text(Numeric n))
NOT_REACHED(uint32 hash_bytes_uint32(uint32 k))
NOT_REACHED(uint64 hash_bytes_uint32_extended(uint32 k, uint64 seed))
NOT_REACHED(uint64 hash_bytes_extended(const unsigned char *k, int keylen, uint64 seed))
NOT_REACHED(Numeric int64_div_fast_to_numeric(int64 val1, int log10val2))
NOT_REACHED(Numeric int64_to_numeric(int64 val))
NOT_REACHED(Datum numeric_cmp(PG_FUNCTION_ARGS))
NOT_REACHED(Datum numeric_int8(PG_FUNCTION_ARGS))
NOT_REACHED(bool numeric_is_inf(Numeric num))
NOT_REACHED(bool numeric_is_nan(Numeric num))
NOT_REACHED(Numeric numeric_mul_opt_error(Numeric num1, Numeric num2, bool *have_error))
NOT_REACHED(Datum numeric_out(PG_FUNCTION_ARGS))
NOT_REACHED(Datum numeric_trunc(PG_FUNCTION_ARGS))
NOT_REACHED(void tuplestore_putvalues(Tuplestorestate *state, TupleDesc tdesc, S22A_SHIM_CONST Datum *values, S22A_SHIM_CONST bool *isnull))
