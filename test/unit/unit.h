/*
 * unit.h — a small TAP harness for the pure rules of src/rules/, built and
 * run outside the server by test/unit/run.sh.
 *
 * Each test_*.c is its own program: it links every C file of src/rules/ and the
 * shim (test/fuzz/shim.c: palloc from malloc, ereport(ERROR) as a longjmp
 * that records the SQLSTATE), calls the rule on plain C values and prints
 * one TAP line per check:
 *
 *     ok - calendar: Easter Sunday 2016 is 27 March
 *     not ok - ...
 *
 * UNIT_OK(cond, fmt, ...) is the one check; UNIT_RAISES(sqlstate, body, ...)
 * checks that body raises that SQLSTATE; UNIT_DONE() ends main with the
 * number of failures as the exit status.
 */
#ifndef S22A_UNIT_H
#define S22A_UNIT_H

#include "postgres.h"

#include "s22a.h"
#include "shim.h"

/* port.h maps printf to libpgport's; the harness uses the C library's */
#undef printf

static int	unit_failed;

#define UNIT_OK(cond, ...) \
	do { \
		bool ok_ = (cond); \
		printf("%s - ", ok_ ? "ok" : "not ok"); \
		printf(__VA_ARGS__); \
		printf("\n"); \
		if (!ok_) { unit_failed++; printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); } \
	} while (0)

#define UNIT_RAISES(sqlstate, body, ...) \
	do { \
		bool completed_; \
		shim_sqlstate = 0; \
		SHIM_TRY(completed_, body); \
		UNIT_OK(!completed_ && shim_sqlstate == (sqlstate), __VA_ARGS__); \
	} while (0)

/* a day number (DateADT) from ISO parts */
#define UNIT_DAY(y, m, d) calendar_day_number((y), (m), (d))

#define UNIT_DONE() \
	do { shim_reset(); return unit_failed == 0 ? 0 : 1; } while (0)

#endif
