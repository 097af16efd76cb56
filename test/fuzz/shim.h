/* shim.h — what the fuzz harnesses need from shim.c */
#ifndef S22A_FUZZ_SHIM_H
#define S22A_FUZZ_SHIM_H

#include <setjmp.h>
#include <stdio.h>

/* port.h maps these to libpgport's; the shim uses the C library's */
#undef vsnprintf
#undef snprintf
#undef qsort

extern jmp_buf *shim_error_jump;
extern int	shim_sqlstate;		/* the last ereport's errcode */
extern void shim_reset(void);
extern void shim_fuzz_parser(const uint8_t *data, size_t size, PGFunction in,
							 PGFunction recv, void (*check) (Datum value));

/*
 * Runs `body`; true if it completed, false if it raised an ERROR (the
 * SQLSTATE is then in shim_sqlstate).
 */
#define SHIM_TRY(ok, body) \
	do { \
		jmp_buf		jb_; \
		shim_error_jump = &jb_; \
		if (setjmp(jb_) == 0) { body; (ok) = true; } \
		else (ok) = false; \
		shim_error_jump = NULL; \
	} while (0)

/* Calls a one-argument fmgr function the way the server would. */
#define CALL1(fn, arg) \
	({ LOCAL_FCINFO(fc_, 1); \
	   InitFunctionCallInfoData(*fc_, NULL, 1, InvalidOid, NULL, NULL); \
	   fc_->args[0].value = (arg); fc_->args[0].isnull = false; \
	   fn(fc_); })
#define CALL2(fn, a, b) \
	({ LOCAL_FCINFO(fc_, 2); \
	   InitFunctionCallInfoData(*fc_, NULL, 2, InvalidOid, NULL, NULL); \
	   fc_->args[0].value = (a); fc_->args[0].isnull = false; \
	   fc_->args[1].value = (b); fc_->args[1].isnull = false; \
	   fn(fc_); })

/* Copies fuzz bytes into a NUL-terminated StringInfo, as pq_getmessage would. */
#define SHIM_MESSAGE(buf, bytes, n) \
	do { \
		(buf)->data = palloc((n) + 1); \
		memcpy((buf)->data, (bytes), (n)); \
		(buf)->len = (n); \
		(buf)->data[(n)] = '\0'; \
		(buf)->cursor = 0; \
	} while (0)

/* The fuzz bytes as a C string (cut at the first NUL, as cstring input is). */
#define SHIM_CSTRING(s, bytes, n) \
	do { \
		(s) = palloc((n) + 1); \
		memcpy((s), (bytes), (n)); \
		(s)[(n)] = '\0'; \
	} while (0)

#define CHECK(cond) do { if (!(cond)) __builtin_trap(); } while (0)

#endif
