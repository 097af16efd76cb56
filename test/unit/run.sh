#!/usr/bin/env bash
# test/unit/run.sh — the pure rules of src/rules/, tested outside the server.
#
# Builds each test/unit/test_*.c against every src/rules/*.c and the shim
# (test/fuzz/shim.c) with the server's headers, runs it, and passes its TAP
# lines through ("ok - ..." / "not ok - ...").  A test that does not build
# or dies prints one "not ok" line.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-unit.XXXXXX")
trap 'rm -rf "$work"' EXIT
cc=${UNIT_CC:-${CC:-gcc}}
flags=(-g -O0 -D_GNU_SOURCE -Wall -Wno-unused-function -I"$(pg_config --includedir-server)"
       -I"$top/src" -I"$top/test/fuzz" -I"$here")
rules=("$top"/src/rules/*.c)
status=0
for t in "$here"/test_*.c; do
	name=$(basename "$t" .c)
	if ! "$cc" "${flags[@]}" "$t" "${rules[@]}" "$top/test/fuzz/shim.c" -o "$work/$name" 2>"$work/$name.build"; then
		echo "not ok - unit $name: does not build"; head -20 "$work/$name.build"; status=1; continue
	fi
	"$work/$name"
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "not ok - unit $name: exited with status $rc"; status=1
	fi
done
exit $status
