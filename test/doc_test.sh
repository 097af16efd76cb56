#!/usr/bin/env bash
# test/doc_test.sh — the docs that run: every ```sql example in README.md and
# doc/*.md against the demo register, its output compared with the ```text
# block the doc shows after it (the format: doc/architecture.md, "Docs that
# run"; the comparison: test/doc_test.py).
#
# Builds the demo register (examples/demo.sql, as `make demo` does) once in
# a database, then gives each doc file a fresh copy of it (CREATE DATABASE
# ... TEMPLATE) and one psql session with s22a.today = '2026-11-29', the
# demo's fixed today.  Runs inside test/run.sh's cluster (PGHOST/PGPORT/
# PGUSER set, a superuser: the demo and some examples need one); prints one
# TAP-style line per doc file: ok - ... / not ok - ..., and a unified diff
# with the doc file and line for each example whose output differs.
#
# S22A_DOC_ACCEPT=1 rewrites the ```text blocks from what psql printed (for
# refreshing the docs after a change to the demo or the output; review
# with git diff).  Files to check can be named as arguments (default:
# README.md doc/*.md).
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-doc.XXXXXX")
demo_db=s22a_doc_demo copy_db=s22a_doc_copy
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $copy_db" \
		-c "DROP DATABASE IF EXISTS $demo_db" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT
# the server may run as another user (postgres, as root): \copy examples
# write into this directory
chmod 777 "$work"

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "SET client_min_messages = warning" -c "DROP DATABASE IF EXISTS $copy_db" -c "DROP DATABASE IF EXISTS $demo_db" \
	-c "CREATE DATABASE $demo_db" >/dev/null || { echo "not ok - doc test: cannot create the demo database"; exit 1; }
if ! q -d "$demo_db" -c "CREATE EXTENSION s22a" -f "$top/examples/demo.sql" >"$work/demo.log" 2>&1; then
	echo "not ok - doc test: the demo register loads"; tail -20 "$work/demo.log"; exit 1
fi

files=("$@")
if [ ${#files[@]} -eq 0 ]; then
	files=("$top/README.md" "$top"/doc/*.md)
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3
S22A_TOP=$top PGOPTIONS="${PGOPTIONS:-} -c s22a.today=2026-11-29" \
	"$python" "$top/test/doc_test.py" "$demo_db" "$copy_db" "$work" "${files[@]}" \
	|| echo "not ok - doc test: test/doc_test.py failed (exit $?)"
