#!/usr/bin/env bash
# test/fuzz/run.sh [SECONDS] — build each libFuzzer target (clang,
# -fsanitize=fuzzer,address,undefined) against the real sources and shim.c,
# run it for SECONDS (default 60) from the committed seed corpus — or, with
# FUZZ_RUNS=N, for N executions whatever the time — and print
# one line per target:  ok|not ok - fuzz TARGET: N executions, ...
# Exit status non-zero if any target crashed or a sanitizer reported.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
seconds=${1:-${FUZZ_SECONDS:-60}}
work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
cc=${FUZZ_CC:-clang}
flags=(-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
       -I"$(pg_config --includedir-server)" -I"$top/src" -I"$here" -w)
# the type I/O under test, with every pure rule it calls
sources=("$top/src/types/fiscal_year.c" "$top/src/types/apportionment.c"
         "$top"/src/rules/*.c "$here/shim.c")
status=0
source "$top/test/lib/progress.sh"
s22a_progress_start fuzz
targets=(fiscal_year apportionment split working_days)
n=0
for target in "${targets[@]}"; do
	n=$((n + 1))
	s22a_progress "target $n of ${#targets[@]}, $target: building"
	bin=$work/fuzz_$target
	if ! "$cc" "${flags[@]}" "$here/fuzz_$target.c" "${sources[@]}" -o "$bin" 2>"$work/$target.build"; then
		echo "not ok - fuzz $target: does not build"; head -20 "$work/$target.build"; status=1; continue
	fi
	mkdir -p "$work/corpus_$target"
	cp "$here/corpus/$target"/* "$work/corpus_$target/"
	started=$SECONDS
	left=$seconds
	[ -n "${FUZZ_RUNS:-}" ] && left=
	what="for $seconds s"
	[ -n "${FUZZ_RUNS:-}" ] && what="for $FUZZ_RUNS runs"
	s22a_progress "target $n of ${#targets[@]}, $target: fuzzing $what" $left
	limit=(-max_total_time="$seconds")
	[ -n "${FUZZ_RUNS:-}" ] && limit=(-runs="$FUZZ_RUNS")
	(cd "$work" && "$bin" "${limit[@]}" -print_final_stats=1 -rss_limit_mb=2048 \
		"$work/corpus_$target" >"$work/$target.log" 2>&1)
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$target.log")
	if [ $rc -eq 0 ]; then
		echo "ok - fuzz $target: ${runs:-0} executions in $((SECONDS - started))s, 0 crashes, 0 sanitizer reports"
	else
		echo "not ok - fuzz $target: crashed after ${runs:-?} executions (exit $rc)"
		grep -E "ERROR|SUMMARY|runtime error|Test unit written" "$work/$target.log" | head -10
		cp "$work"/crash-* "$work"/leak-* "$here/" 2>/dev/null
		status=1
	fi
done
exit $status
