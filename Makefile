# s22a — PGXS build.  `make && make install` installs into the server that
# pg_config names; `make test`, `make demo` and `make bench` each start their
# own throwaway cluster (see test/cluster.sh) and need nothing running.
# PG=17 or PG=18 runs them against that version (built once from Debian's
# source by test/pg_source.sh); `make test` without PG runs the version
# matrix (test/run.sh).

EXTENSION = s22a
EXTVERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)

MODULE_big = s22a
OBJS = \
	src/module.o \
	src/fiscal_year.o \
	src/apportion_core.o \
	src/apportion.o \
	src/apportionment.o \
	src/membership.o \
	src/triggers.o \
	src/calendar.o \
	src/working_days.o \
	src/term.o \
	src/register_rules.o \
	src/consent.o \
	src/costs.o \
	src/audit.o

DATA = $(wildcard sql/$(EXTENSION)--*.sql)

# pg_regress inputs, in order (sql/NAME.sql, expected/NAME.out)
REGRESS = \
	fiscal_year \
	apportionment \
	working_days \
	register \
	decisions \
	costs \
	reports
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

PG_CPPFLAGS = -I$(srcdir)/src
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers -Wno-clobbered

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# Objects compiled against another version's headers (make test PG=17, the
# version matrix) are rebuilt: they depend on a stamp holding the version of
# the server being built for, rewritten only when that changes.
PG_VERSION_STAMP = .build/pg_version
$(shell mkdir -p .build; v='$(shell $(PG_CONFIG) --version)'; [ "$$(cat $(PG_VERSION_STAMP) 2>/dev/null)" = "$$v" ] || echo "$$v" >$(PG_VERSION_STAMP))
$(OBJS) $(OBJS:.o=.bc): $(PG_VERSION_STAMP)

.PHONY: test demo bench fuzz
FUZZ_SECONDS ?= 60
S22A_PG_ENV = $(if $(PG),S22A_PG=$(PG))
test:
	$(S22A_PG_ENV) bash test/run.sh
demo:
	$(S22A_PG_ENV) bash examples/run.sh
bench:
	$(S22A_PG_ENV) bash bench/run.sh
fuzz:
	bash test/fuzz/run.sh $(FUZZ_SECONDS)
