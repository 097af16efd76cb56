#!/usr/bin/env bash
# test/run.sh — `make test`: the suite on throwaway clusters.
#
# pg_regress (sql/ + expected/) for output a person reads, every pgTAP file
# in test/ through pg_prove, the unit tests of the pure rules (test/unit/),
# the whole-cluster checks (registry, META.json, dump and restore, upgrade,
# reporting clients, concurrency, crash recovery, the Debian package, the
# pg_upgrade from 15 to 18), the doc test (every example of README.md and
# doc/ against the demo register, in both suites) and a short libFuzzer run
# of each target in test/fuzz/.  The last line counts them all:
#   N passed, M failed
# and the exit status is non-zero when anything failed.
#
# Which servers:
#   S22A_PG unset (`make test`, what CI runs): the version matrix
#       S22A_MATRIX (default "15 17 18"): the full suite on 15, Debian's own,
#       then the functional suite (pg_regress and pgTAP) on each other
#       version, each in a section of its own; the last line sums them all.
#       `S22A_MATRIX=15 make test` runs 15 only.  test/pg_upgrade.sh (15 to
#       18) runs in the 15 suite when 18 is already built, else after the
#       matrix has built it.
#   S22A_PG=N (`make test PG=17`): the full suite on that version only.
# S22A_SUITE=full|functional overrides the suite of a single version.
# Versions other than 15 are built once by test/pg_source.sh (see there).
set -euo pipefail

if [ -z "${S22A_PG:-}" ]; then
	matrix_log=$(mktemp -d "${TMPDIR:-/tmp}/s22a-matrix.XXXXXX")
	trap 'rm -rf "$matrix_log"' EXIT
	total_passed=0 total_failed=0 summary=()
	for v in ${S22A_MATRIX:-15 17 18}; do
		suite=functional
		[ "$v" = 15 ] && suite=full
		echo "=========== PostgreSQL $v: $suite suite ==========="
		started=$SECONDS
		set +e
		S22A_PG=$v S22A_SUITE=$suite bash "$0" 2>&1 | tee "$matrix_log/$v.log"
		set -e
		counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$matrix_log/$v.log" | tail -1 || true)
		# a run that ended without its count (a failed build, a cluster that
		# did not start) is one failure
		[ -n "$counts" ] || counts="0 passed, 1 failed"
		read -r p _ f _ <<<"${counts//,/}"
		total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
		summary+=("PostgreSQL $v, $suite suite, $((SECONDS - started)) s: $counts")
	done
	# pg_upgrade from 15 to 18 (test/pg_upgrade.sh) needs the 18 build: the
	# 15 suite runs it when 18 was already cached; otherwise it runs here,
	# once the matrix has built 18 (a fresh machine, CI)
	if [[ " ${S22A_MATRIX:-15 17 18} " == *" 15 "* ]] && ! grep -q '^== pg_upgrade' "$matrix_log/15.log"; then
		echo "=========== pg_upgrade 15 -> 18 ==========="
		started=$SECONDS
		if [[ " ${S22A_MATRIX:-15 17 18} " == *" 18 "* ]]; then
			bash "$(dirname "$0")/pg_upgrade.sh" 2>&1 | tee "$matrix_log/pg_upgrade.log"
		else
			echo "ok - # skip pg_upgrade 15 -> 18: PostgreSQL 18 is not built and S22A_MATRIX leaves it out (make test PG=18, or test/pg_source.sh 18, builds it once)" \
				| tee "$matrix_log/pg_upgrade.log"
		fi
		p=$(grep -cE '^ok - ' "$matrix_log/pg_upgrade.log" || true)
		f=$(grep -cE '^not ok - ' "$matrix_log/pg_upgrade.log" || true)
		[ "$p" -gt 0 ] || [ "$f" -gt 0 ] || f=1
		total_passed=$((total_passed + p)); total_failed=$((total_failed + f))
		summary+=("pg_upgrade 15 -> 18, $((SECONDS - started)) s: $p passed, $f failed")
	fi
	echo "=========== summary ==========="
	printf '%s\n' "${summary[@]}"
	echo "$total_passed passed, $total_failed failed"
	[ "$total_failed" -eq 0 ]
	exit
fi

source "$(dirname "$0")/cluster.sh"
S22A_SUITE=${S22A_SUITE:-full}

tools=(libtap-parser-sourcehandler-pgtap-perl make gcc python3)	# python3: test/doc_test.py
[ "$S22A_SUITE" = full ] && tools+=(clang libclang-rt-14-dev)
s22a_need_packages "${S22A_PG_PACKAGES[@]}" postgresql-15-pgtap "${tools[@]}"
s22a_cluster_start

out=$S22A_TMP/out
mkdir -p "$out"
chmod 777 "$out"
passed=0 failed=0

# --- pg_regress -------------------------------------------------------------
echo "== pg_regress"
set +e
make -C "$S22A_TOP" -s "${S22A_MAKE_FLAGS[@]}" installcheck >"$out/regress.log" 2>&1
set -e
cat "$out/regress.log"
# PostgreSQL 15 prints "test NAME ... ok"; 16 and later print TAP lines,
# "ok 1 - NAME  12 ms" / "not ok 2 - NAME  15 ms"
r_ok=$(grep -cE '^(test| ) +[a-z0-9_]+ +\.\.\. ok|^ok [0-9]+ +[-+] ' "$out/regress.log" || true)
r_bad=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' "$out/regress.log" || true)
if [ "$r_ok" -eq 0 ] && [ "$r_bad" -eq 0 ]; then
	r_bad=1	# pg_regress itself failed to run
fi
[ -f "$S22A_TOP/regression.diffs" ] && [ "$r_bad" -gt 0 ] && head -200 "$S22A_TOP/regression.diffs"
passed=$((passed + r_ok)); failed=$((failed + r_bad))

# --- pgTAP ------------------------------------------------------------------
echo "== pgTAP"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE s22a_test" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -d s22a_test \
	-c "CREATE EXTENSION pgtap" -c "CREATE EXTENSION s22a" >/dev/null
set +e
(cd "$S22A_TOP" && pg_prove -v -d s22a_test test/*.sql) >"$out/tap.log" 2>&1
set -e
grep -vE '^ok ' "$out/tap.log" || true
t_ok=$(grep -cE '^ok ' "$out/tap.log" || true)
t_bad=$(grep -cE '^not ok ' "$out/tap.log" || true)
# pg_prove counts a file that died or broke its plan as "Failed N/M
# subtests" without a "not ok" line for each; take the larger count, and
# at least one failure when pg_prove itself failed.
t_planned_bad=$(sed -n 's/^Failed \([0-9]*\)\/[0-9]* subtests.*/\1/p' "$out/tap.log" | awk '{s+=$1} END {print s+0}')
[ "$t_planned_bad" -gt "$t_bad" ] && t_bad=$t_planned_bad
grep -q '^Result: PASS' "$out/tap.log" || [ "$t_bad" -gt 0 ] || t_bad=1
passed=$((passed + t_ok)); failed=$((failed + t_bad))

# --- whole-database checks and fuzzing: scripts printing "ok - ..." lines --
# Runs a script, shows its output and counts its ok / not ok lines; a script
# that prints neither counts as one failure.
tap_script() {
	local title=$1 log=$out/$2.log
	shift 2
	echo "== $title"
	# shown as it runs, so the progress lines of a long section (test/lib/
	# progress.sh) appear while it runs; counted from the log afterwards
	set +e
	"$@" 2>&1 | tee "$log"
	set -e
	local ok bad
	ok=$(grep -cE '^ok - ' "$log" || true)
	bad=$(grep -cE '^not ok - ' "$log" || true)
	[ "$ok" -gt 0 ] || [ "$bad" -gt 0 ] || bad=1
	passed=$((passed + ok)); failed=$((failed + bad))
}
# the docs that run: every ```sql example of README.md and doc/*.md against
# the demo register, one line per doc file (both suites)
tap_script "doc test (README.md, doc/*.md against the demo register)" doc \
	bash "$S22A_TOP/test/doc_test.sh"
if [ "$S22A_SUITE" = full ]; then
	tap_script "unit tests of the pure rules (src/rules/)" unit bash "$S22A_TOP/test/unit/run.sh"
	tap_script "rule registry against doc/ and the code" registry bash "$S22A_TOP/test/rule_registry.sh"
	tap_script "META.json" meta bash "$S22A_TOP/test/meta.sh"
	tap_script "dump and restore" dump bash "$S22A_TOP/test/dump_restore.sh"
	tap_script "upgrade 0.1 -> 0.2 -> 0.3" upgrade bash "$S22A_TOP/test/upgrade.sh"
	tap_script "reporting clients (psycopg 2 and 3, pgJDBC)" clients bash "$S22A_TOP/test/clients.sh"
	# 8 clients for 5 s a phase here; CONCURRENCY_SECONDS=30 bash test/concurrency.sh for the full run
	tap_script "concurrency (${S22A_TEST_CONCURRENCY_SECONDS:=5}s a phase)" concurrency \
		bash "$S22A_TOP/test/concurrency.sh" "$S22A_TEST_CONCURRENCY_SECONDS"
	tap_script "crash recovery" crash bash "$S22A_TOP/test/crash.sh"
	# a major-version upgrade, when 18 is built already (else the matrix
	# runs it after building 18; see the top of this file)
	if [ "$S22A_PG_MAJOR" = 15 ] && [ -f "${S22A_PG_CACHE:-/var/cache/s22a/pg}/18/.s22a-complete" ]; then
		tap_script "pg_upgrade 15 -> 18 (the demo register)" pg_upgrade bash "$S22A_TOP/test/pg_upgrade.sh"
	fi
	tap_script "Debian package (make deb, dpkg -x, installcheck)" deb bash "$S22A_TOP/test/deb.sh"
	# a few seconds per fuzz target here; `make fuzz` runs them longer
	tap_script "fuzz (${S22A_TEST_FUZZ_SECONDS:=5}s per target)" fuzz \
		bash "$S22A_TOP/test/fuzz/run.sh" "$S22A_TEST_FUZZ_SECONDS"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
