#!/usr/bin/env bash
# test/dump_restore.sh — pg_dump the demo register and restore it into a
# fresh database; every table of schema s22a must come back row for row,
# every view must show the same, and the shipped bank holidays must not be
# doubled.  Runs inside test/run.sh's cluster (PGHOST/PGPORT set); prints
# one TAP-style line per check: ok - ... / not ok - ...
#
# The restore runs with session_replication_role = replica (superuser), in
# one transaction: the register's rule triggers checked every row when it
# was first recorded, and replaying history through them again would refuse
# it (an executed agreement arrives before its parties, a made decision
# before its consents).  See doc/reliability.md.
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-dump.XXXXXX")
trap 'rm -rf "$work"; psql -X -q -d postgres -c "DROP DATABASE IF EXISTS s22a_dump_src" -c "DROP DATABASE IF EXISTS s22a_dump_dst" >/dev/null 2>&1' EXIT

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "CREATE DATABASE s22a_dump_src" -c "CREATE DATABASE s22a_dump_dst" >/dev/null
q -d s22a_dump_src -c "CREATE EXTENSION s22a" >/dev/null
if ! q -d s22a_dump_src -f "$top/examples/demo.sql" >"$work/demo.log" 2>&1; then
	echo "not ok - dump/restore: the demo register loads"; tail -5 "$work/demo.log"; exit 1
fi
# an administrator's changes to the shipped calendar must survive too
q -d s22a_dump_src -c "
	DELETE FROM s22a.bank_holiday WHERE day = '2060-12-27';
	UPDATE s22a.bank_holiday SET name = 'Christmas Day (renamed)' WHERE day = '2059-12-25';
	UPDATE s22a.bank_holiday SET day = '2058-05-09' WHERE day = '2058-05-06';
	INSERT INTO s22a.bank_holiday (day, name) VALUES ('2061-07-01', 'Announced holiday');" >/dev/null
pg_dump -d s22a_dump_src >"$work/dump.sql" 2>"$work/dump.log"
if PGOPTIONS='-c session_replication_role=replica' \
	psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d s22a_dump_dst -f "$work/dump.sql" >"$work/restore.log" 2>&1; then
	echo "ok - dump/restore: the dump restores into a fresh database"
else
	echo "not ok - dump/restore: the dump restores into a fresh database"; tail -5 "$work/restore.log"; exit 1
fi

# one fingerprint per relation: its rows, sorted, hashed
fingerprints() {
	q -d "$1" -At -c "
		SELECT c.relname, c.relkind
		FROM pg_class c
		WHERE c.relnamespace = 's22a'::regnamespace AND c.relkind IN ('r', 'v')
		ORDER BY c.relname" | while IFS='|' read -r rel kind; do
		printf '%s|%s|%s\n' "$rel" "$kind" "$(q -d "$1" -At -c \
			"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '') FROM s22a.\"$rel\" t")"
	done
}
fingerprints s22a_dump_src >"$work/src.txt"
fingerprints s22a_dump_dst >"$work/dst.txt"
while IFS='|' read -r rel kind fp; do
	other=$(grep "^$rel|" "$work/dst.txt" | cut -d'|' -f3)
	what=$([ "$kind" = r ] && echo table || echo view)
	# an empty fingerprint is a query that failed: never "identical"
	if [ -n "${fp#*:}" ] || [ "${fp%%:*}" = 0 ]; then :; else fp=; fi
	if [ -n "$fp" ] && [ "$fp" = "$other" ]; then
		echo "ok - dump/restore: $what $rel identical (${fp%%:*} rows)"
	else
		echo "not ok - dump/restore: $what $rel differs (before ${fp%%:*} rows, after ${other%%:*} rows)"
	fi
done <"$work/src.txt"

calendar() {
	q -d "$1" -At -c "SELECT sum(s22a.working_days_between(d::date, d::date + 40)) FROM generate_series(date '1990-01-01', '2061-12-31', '9 days') d"
}
before=$(calendar s22a_dump_src) after=$(calendar s22a_dump_dst)
if [ -n "$before" ] && [ "$before" = "$after" ]; then
	echo "ok - dump/restore: working-day counts 1990-2061 unchanged, administrators' calendar changes kept"
else
	echo "not ok - dump/restore: working-day counts differ after restore"
fi
shipped=$(q -d s22a_dump_dst -At -c "SELECT count(*) FROM s22a.bank_holiday WHERE shipped")
fresh=$(q -d s22a_dump_dst -At -c "SELECT count(*) - 3 FROM s22a.statutory_bank_holidays(1990, 2060)")  # 3 changed above
if [ "$shipped" = "$fresh" ]; then
	echo "ok - dump/restore: shipped bank holidays not duplicated ($shipped)"
else
	echo "not ok - dump/restore: shipped bank holidays $shipped, expected $fresh"
fi
