/*
 * compat.h — every PG_VERSION_NUM shim in one place.
 *
 * s22a is tested on PostgreSQL 15, 17 and 18 (make test).  Later majors add
 * soft input errors (ereturn/escontext, PG 16) which the type input
 * functions use when present so that pg_input_is_valid() works.
 */
#ifndef S22A_COMPAT_H
#define S22A_COMPAT_H

#if PG_VERSION_NUM < 150000
#error "s22a needs PostgreSQL 15 or later"
#endif

#if PG_VERSION_NUM >= 160000
#include "nodes/miscnodes.h"
/* VARDATA_ANY and friends left postgres.h for varatt.h in PG 16 */
#include "varatt.h"
#define S22A_ESCONTEXT(fcinfo) ((fcinfo)->context)
#else
/* Before PG 16 there is no soft-error context: every error is thrown. */
#define S22A_ESCONTEXT(fcinfo) ((Node *) NULL)
#define ereturn(context, dummy_value, ...) \
	do { (void) (context); ereport(ERROR, __VA_ARGS__); } while (0)
#endif

/*
 * The backend's local transaction id, which the per-statement caches key on
 * (triggers/decision_children.c, data/costs.c); PG 17 moved it into
 * MyProc->vxid.  Used where
 * storage/proc.h is included.
 */
#if PG_VERSION_NUM >= 170000
#define S22A_MY_LXID (MyProc->vxid.lxid)
#else
#define S22A_MY_LXID (MyProc->lxid)
#endif

/*
 * Parameters that gained const in PG 16, for test/fuzz/shim.c, which
 * defines these server functions itself: the data of
 * appendBinaryStringInfo and pq_sendbytes, the values and nulls of
 * tuplestore_putvalues.
 */
#if PG_VERSION_NUM >= 160000
#define S22A_SHIM_BYTES const void
#define S22A_SHIM_CONST const
#else
#define S22A_SHIM_BYTES const char
#define S22A_SHIM_CONST
#endif

#endif							/* S22A_COMPAT_H */
