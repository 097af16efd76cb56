# s22a — PGXS build.  `make && make install` installs into the server that
# pg_config names; `make test`, `make demo` and `make bench` each start their
# own throwaway cluster (see test/cluster.sh) and need nothing running.
# PG=17 or PG=18 runs them against that version (built once from Debian's
# source by test/pg_source.sh); `make test` without PG runs the version
# matrix (test/run.sh).

EXTENSION = s22a
EXTVERSION = $(shell sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" $(EXTENSION).control)

MODULE_big = s22a
# src/ in three layers (doc/architecture.md): rules/ pure rule code, data/
# the kept queries, functions/ triggers/ types/ the SQL-callable glue; and
# the utility module and rule registry every layer shares.
S22A_LAYERS = rules data types functions triggers
OBJS = src/module.o src/util.o src/rule_registry.o \
	$(patsubst %.c,%.o,$(sort $(foreach d,$(S22A_LAYERS),$(wildcard src/$(d)/*.c))) \
	$(filter-out src/module.o src/util.o src/rule_registry.o,$(patsubst %.c,%.o,$(wildcard src/*.c))))

# The install script of the current version is generated: the parts in
# sql/install/, in name order, joined by cat (pg_partman's way).  The scripts
# of released versions and the upgrades are files in sql/, shipped as they
# are; DATA lists them once each whether or not the generated one exists yet.
S22A_SCRIPT = sql/$(EXTENSION)--$(EXTVERSION).sql
S22A_PARTS = $(sort $(wildcard sql/install/*.sql))
DATA = $(filter-out $(S22A_SCRIPT),$(wildcard sql/$(EXTENSION)--*.sql)) $(S22A_SCRIPT)
EXTRA_CLEAN = $(S22A_SCRIPT) $(S22A_SCRIPT).tmp

# pg_regress inputs, in order (sql/NAME.sql, expected/NAME.out)
REGRESS = \
	fiscal_year \
	apportionment \
	working_days \
	register \
	decisions \
	costs \
	reports \
	sealing_and_drop \
	spend_sealing
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

PG_CPPFLAGS = -I$(srcdir)/src
PG_CFLAGS = -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wno-clobbered

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# `make` and so `make install` (which depends on all) build the script.  The
# rule writes one file in sql/ and nothing else: stop if the name is anything
# but sql/s22a--VERSION.sql (a variable of PGXS or of the command line by the
# same name would otherwise make it overwrite whatever that names).
ifneq ($(words $(EXTVERSION)),1)
$(error no single default_version in $(EXTENSION).control: "$(EXTVERSION)")
endif
ifneq ($(S22A_SCRIPT),sql/$(EXTENSION)--$(EXTVERSION).sql)
$(error S22A_SCRIPT is "$(S22A_SCRIPT)", not sql/$(EXTENSION)--$(EXTVERSION).sql)
endif
all: $(S22A_SCRIPT)
$(S22A_SCRIPT): $(S22A_PARTS)
	cat $^ >$@.tmp && mv $@.tmp $@

.PHONY: test demo bench fuzz installcheck-tap

# every object depends on the internal headers
$(OBJS): src/s22a.h src/compat.h

# `make installcheck` is the functional suite against the installed server:
# pg_regress (REGRESS, above) and the pgTAP files of test/ (test/tap.sh).
installcheck: installcheck-tap
installcheck-tap:
	bash test/tap.sh

# Objects compiled against another version's headers (make test PG=17, the
# version matrix) are rebuilt: they depend on a stamp holding the version of
# the server being built for, rewritten only when that changes.
PG_VERSION_STAMP = .build/pg_version
$(shell mkdir -p .build; v='$(shell $(PG_CONFIG) --version)'; [ "$$(cat $(PG_VERSION_STAMP) 2>/dev/null)" = "$$v" ] || echo "$$v" >$(PG_VERSION_STAMP))
$(OBJS) $(OBJS:.o=.bc): $(PG_VERSION_STAMP)

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

# `make deb`: the Debian package postgresql-15-s22a (debian/, built in a
# copy under .build/deb/ where the .deb is left; debian/make-deb.sh)
.PHONY: deb
deb:
	bash debian/make-deb.sh
