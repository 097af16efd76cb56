#!/usr/bin/env bash
# test/run.sh — `make test`: the whole suite on a throwaway cluster.
#
# pg_regress (sql/ + expected/) for output a person reads, every pgTAP file
# in test/ through pg_prove, and a short libFuzzer run of each target in
# test/fuzz/.  The last line counts all three:
#   N passed, M failed
# and the exit status is non-zero when anything failed.
source "$(dirname "$0")/cluster.sh"

s22a_need_packages postgresql-server-dev-$S22A_PG_MAJOR postgresql-$S22A_PG_MAJOR-pgtap \
	libtap-parser-sourcehandler-pgtap-perl make gcc clang libclang-rt-14-dev
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
r_ok=$(grep -cE '^(test| ) +[a-z0-9_]+ +\.\.\. ok' "$out/regress.log" || true)
r_bad=$(grep -cE '\.\.\. FAILED' "$out/regress.log" || true)
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

# --- whole-database checks: dump and restore ------------------------------
echo "== dump and restore"
set +e
bash "$S22A_TOP/test/dump_restore.sh" >"$out/dump.log" 2>&1
set -e
cat "$out/dump.log"
d_ok=$(grep -cE '^ok - ' "$out/dump.log" || true)
d_bad=$(grep -cE '^not ok - ' "$out/dump.log" || true)
[ "$d_ok" -gt 0 ] || [ "$d_bad" -gt 0 ] || d_bad=1
passed=$((passed + d_ok)); failed=$((failed + d_bad))

# --- fuzzing: a few seconds per target here; `make fuzz` runs it longer --
echo "== fuzz (${S22A_TEST_FUZZ_SECONDS:=5}s per target)"
set +e
bash "$S22A_TOP/test/fuzz/run.sh" "$S22A_TEST_FUZZ_SECONDS" >"$out/fuzz.log" 2>&1
set -e
cat "$out/fuzz.log"
f_ok=$(grep -cE '^ok - fuzz' "$out/fuzz.log" || true)
f_bad=$(grep -cE '^not ok - fuzz' "$out/fuzz.log" || true)
[ "$f_ok" -gt 0 ] || [ "$f_bad" -gt 0 ] || f_bad=1
passed=$((passed + f_ok)); failed=$((failed + f_bad))

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
