#!/usr/bin/env bash
# test/rule_registry.sh — the rule registry against the code and doc/.
#
# Runs inside test/run.sh's cluster (PGHOST/PGPORT/PGUSER set).  Checks that
#   - every rule s22a.rules() lists is explained on its doc page, under its
#     name in backquotes (`consent`);
#   - no C file names a rule as a string in errtableconstraint(): every
#     refusal goes through s22a_rule_error() and the registry, so a rule has
#     one name and one SQLSTATE;
#   - every C trigger function begins with s22a_trigger_context(), so none
#     runs on a table the registry does not bind it to;
#   - no tracked file cites a paper by the name of a file outside this
#     repository: papers are named by title and clause.
# Prints one "ok - ..." or "not ok - ..." line per check.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
db=s22a_registry
psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db" >/dev/null
trap 'psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1' EXIT
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION s22a" >/dev/null

rows=$(psql -X -A -t -F ' ' -v ON_ERROR_STOP=1 -d "$db" -c "SELECT rule, sqlstate, split_part(doc, '#', 1) FROM s22a.rules() ORDER BY rule")
n=0 missing=()
while read -r rule sqlstate page; do
	[ -n "$rule" ] || continue
	n=$((n + 1))
	if [ ! -f "$top/$page" ] || ! grep -qF "\`$rule\`" "$top/$page"; then
		missing+=("$rule ($page)")
	fi
	case $sqlstate in
	[0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z][0-9A-Z]) ;;
	*) missing+=("$rule: SQLSTATE '$sqlstate'") ;;
	esac
done <<<"$rows"
if [ "$n" -gt 0 ] && [ ${#missing[@]} -eq 0 ]; then
	echo "ok - registry: each of the $n rules of s22a.rules() is explained on its doc page"
else
	echo "not ok - registry: $n rules; not explained where the registry says: ${missing[*]:-no rules listed}"
fi

literal=$(grep -rn 'errtableconstraint([^,]*, *"' "$top/src" || true)
if [ -z "$literal" ]; then
	echo "ok - registry: no refusal names its rule outside the registry (errtableconstraint with a string)"
else
	echo "not ok - registry: refusals that name a rule as a string:"; echo "$literal" | sed 's/^/#   /'
fi

# no C file but util.c takes a trigger's context itself: every trigger
# function gets it from s22a_trigger_context(), which checks the table and
# events against the registry (test/trigger_context.sql fires each one on a
# table that is not its own).  A line marked trigger-context-ok reads the
# context only to refuse earlier with its own message (the audit's schema
# check), and then takes it from s22a_trigger_context() all the same.
direct=$(grep -rn --include='*.c' 'CALLED_AS_TRIGGER\|(TriggerData \*) *fcinfo->context' "$top/src" | grep -v "^$top/src/util.c:" | grep -v 'trigger-context-ok' || true)
if [ -z "$direct" ]; then
	echo "ok - registry: no trigger function takes its context but through s22a_trigger_context()"
else
	echo "not ok - registry: trigger functions that take their context themselves:"
	echo "$direct" | sed 's/^/#   /'
fi

# papers are cited by title and clause ("Seven Force agreement, clause 6.2"),
# never by the name of a file outside this repository (the numbered source
# files, the design notes).  Only tracked files count (git ls-files, so build
# products do not), and not the shipped scripts of 0.1 and 0.2 (never
# edited) or CHANGELOG.md (history).  The pattern is spelt so that it does
# not match itself.
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	cited=$(cd "$top" && git ls-files -z \
		| grep -zv -e '^sql/s22a--0\.1\.sql$' -e '^sql/s22a--0\.1--0\.2\.sql$' -e '^CHANGELOG\.md$' \
		| xargs -0 grep -nHiE 'seeds? 00[0-9]|DESIGN[.]md|DESIGN[ ]§|DESIGN[ ](says|states)|shared/seed[s]' -- 2>/dev/null || true)
	if [ -z "$cited" ]; then
		echo "ok - citations: every tracked file cites papers by title, not by a source file or the design notes"
	else
		echo "not ok - citations: $(echo "$cited" | wc -l) lines cite a source file or the design notes, not a paper by title:"
		echo "$cited" | sed 's/^/#   /'
	fi
else
	echo "ok - citations # SKIP not a git checkout"
fi
