/*
 * costs.c — placeholder; filled in by the work on issues 3 and 4.
 */
#include "postgres.h"
