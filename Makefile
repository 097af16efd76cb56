# s22a — PGXS build.  `make && make install` installs into the server that
# pg_config names; `make test`, `make demo` and `make bench` each start their
# own throwaway cluster (see test/cluster.sh) and need nothing running.

EXTENSION = s22a
EXTVERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)

MODULE_big = s22a
# src/rule_registry_stub.o is temporary: s22a.rules() returning no rows
# until the rule registry is merged (delete it then)
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
	src/audit.o \
	src/rule_registry_stub.o

# The install script of the current version is generated: the parts in
# sql/install/, in name order, joined by cat (pg_partman's way).  The scripts
# of released versions and the upgrades are files in sql/, shipped as they
# are; DATA lists them once each whether or not the generated one exists yet.
CURRENT_SCRIPT = sql/$(EXTENSION)--$(EXTVERSION).sql
INSTALL_PARTS = $(sort $(wildcard sql/install/*.sql))
DATA = $(filter-out $(CURRENT_SCRIPT),$(wildcard sql/$(EXTENSION)--*.sql)) $(CURRENT_SCRIPT)
EXTRA_CLEAN = $(CURRENT_SCRIPT)

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

# `make` and so `make install` (which depends on all) build the script
all: $(CURRENT_SCRIPT)
$(CURRENT_SCRIPT): $(INSTALL_PARTS)
	cat $^ >$@.tmp && mv $@.tmp $@

.PHONY: test demo bench fuzz
FUZZ_SECONDS ?= 60
test:
	bash test/run.sh
demo:
	bash examples/run.sh
bench:
	bash bench/run.sh
fuzz:
	bash test/fuzz/run.sh $(FUZZ_SECONDS)
