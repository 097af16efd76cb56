/*
 * module.c — the module entry point of s22a: the magic block that tells
 * the server which PostgreSQL version the library was built for.  The
 * code lives in src/rules, src/data, src/types, src/functions and
 * src/triggers (see s22a.h).
 */
#include "postgres.h"

#include "fmgr.h"

#include "s22a.h"

PG_MODULE_MAGIC;
