#!/usr/bin/env bash
# test/pg_upgrade.sh — a major-version upgrade, PostgreSQL 15 to 18, of a
# cluster holding the demo register with s22a installed in both.
#
# The old cluster runs Debian 12's PostgreSQL 15, the new one the 18 built
# by test/pg_source.sh (cached; built here when missing); each is a private
# copy of its server tree with s22a built for it and installed into the copy
# (`make install DESTDIR`, as test/cluster.sh does), so nothing under /usr
# or in the cache changes.  On the 15 cluster: CREATE EXTENSION s22a, the
# demo register (examples/demo.sql), create_roles(); then pg_upgrade to a
# fresh 18 cluster (initdb with the same encoding, locale and checksum
# setting), and on both sides, with s22a.today fixed, test/lib/
# upgrade_fingerprint.sql: every table of schema s22a (row count and an md5
# of its sorted rows), every view's output, upcoming(), cost_shares,
# term_status and decision_check over the whole register, the privileges of
# every relation, the extension's version and dump registrations, and a
# sample of statements the rules refuse with their SQLSTATEs, constraint
# names and messages.  Each must be the same after the upgrade, and each
# refusal must be the expected one on both sides.
#
# pg_upgrade refuses to run as root, so as root the clusters and pg_upgrade
# run as the `postgres` user (as test/cluster.sh's initdb does).  Ports:
# PG_UPGRADE_PORT (default S22A_PORT + 3) for the old cluster and the next
# one for the new.  Prints TAP-style lines (ok - ... / not ok - ...); when
# PostgreSQL 18 cannot be built here, one "ok - # skip" line saying why.
# test/run.sh runs it after the version matrix (which builds 18 first).
set -uo pipefail
source "$(dirname "$0")/cluster.sh"
set +e
top=$S22A_TOP
old_major=15 new_major=18
old_port=${PG_UPGRADE_PORT:-$(( ${S22A_PORT:-54329} + 3 ))}
new_port=$((old_port + 1))
source "$top/test/lib/progress.sh"
s22a_progress_start "pg_upgrade $old_major -> $new_major"
progress() { s22a_progress "$@"; }

s22a_need_packages postgresql-15 postgresql-server-dev-15 make gcc || {
	echo "not ok - pg_upgrade: the PostgreSQL 15 packages cannot be installed"; exit 1; }
progress "PostgreSQL $new_major from test/pg_source.sh (built once, then cached)"
new_prefix=$(bash "$top/test/pg_source.sh" "$new_major" 2>"${TMPDIR:-/tmp}/s22a-pg_upgrade-source.$$.log" | tail -1)
if [ -z "$new_prefix" ] || [ ! -x "$new_prefix/bin/pg_upgrade" ]; then
	echo "ok - # skip pg_upgrade $old_major -> $new_major: PostgreSQL $new_major cannot be built here (test/pg_source.sh $new_major failed):"
	tail -5 "${TMPDIR:-/tmp}/s22a-pg_upgrade-source.$$.log" | sed 's/^/#   /'
	rm -f "${TMPDIR:-/tmp}/s22a-pg_upgrade-source.$$.log"
	exit 0
fi
rm -f "${TMPDIR:-/tmp}/s22a-pg_upgrade-source.$$.log"

work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-pg_upgrade.XXXXXX")
run=()
[ "$(id -u)" -eq 0 ] && run=(runuser -u postgres --)
old_bin=$work/old/usr/lib/postgresql/$old_major/bin
new_bin=$work/new$new_prefix/bin
cleanup() {
	[ -f "$work/old-data/postmaster.pid" ] && "${run[@]}" "$old_bin/pg_ctl" -D "$work/old-data" -m immediate stop >/dev/null 2>&1
	[ -f "$work/new-data/postmaster.pid" ] && "${run[@]}" "$new_bin/pg_ctl" -D "$work/new-data" -m immediate stop >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT

# s22a for each server, built in a copy of the source tree (the worktree's
# objects stay those of whatever it was last built for)
build() {	# build MAJOR PG_CONFIG DESTDIR
	local src=$work/src-$1 llvm=() clang
	mkdir -p "$src"
	# with the objects and the version stamp: objects built for another
	# server are rebuilt (Makefile, PG_VERSION_STAMP), the others reused
	(cd "$top" && tar cf - --exclude=.git . ) | (cd "$src" && tar xf -)
	clang=$(sed -n 's/^CLANG *= *//p' "$("$2" --pgxs | xargs dirname)/../Makefile.global" 2>/dev/null)
	[ -n "$clang" ] && [ -x "$clang" ] || llvm=(with_llvm=no)
	make -C "$src" -s -j2 PG_CONFIG="$2" "${llvm[@]}" >"$work/build-$1.log" 2>&1 &&
		make -C "$src" -s PG_CONFIG="$2" "${llvm[@]}" install DESTDIR="$3" >>"$work/build-$1.log" 2>&1
}
progress "building s22a for $old_major and $new_major into private copies of their trees"
mkdir -p "$work/old/usr/lib/postgresql" "$work/old/usr/share/postgresql" "$work/new$(dirname "$new_prefix")"
cp -a "/usr/lib/postgresql/$old_major" "$work/old/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$old_major" "$work/old/usr/share/postgresql/"
cp -a "$new_prefix" "$work/new$new_prefix"
if ! build "$old_major" "/usr/lib/postgresql/$old_major/bin/pg_config" "$work/old"; then
	echo "not ok - pg_upgrade: s22a builds and installs for PostgreSQL $old_major"; tail -20 "$work/build-$old_major.log"; exit 1
fi
if ! build "$new_major" "$new_prefix/bin/pg_config" "$work/new"; then
	echo "not ok - pg_upgrade: s22a builds and installs for PostgreSQL $new_major"; tail -20 "$work/build-$new_major.log"; exit 1
fi
echo "ok - pg_upgrade: s22a built for PostgreSQL $old_major and $new_major ($("$new_prefix/bin/pg_config" --version))"

mkdir -p "$work/run"
[ "$(id -u)" -eq 0 ] && chown -R postgres: "$work"
export PGHOST=$work PGUSER=postgres
unset PGDATABASE PGPORT
initdb_() {	# initdb_ BIN DATA [options]
	local bin=$1 data=$2
	shift 2
	"${run[@]}" "$bin/initdb" -D "$data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 "$@" \
		>"$work/initdb-$(basename "$data").log" 2>&1 || { cat "$work/initdb-$(basename "$data").log"; return 1; }
}
start_() {	# start_ BIN DATA PORT
	"${run[@]}" "$1/pg_ctl" -D "$2" -l "$work/$(basename "$2").log" -w \
		-o "-c listen_addresses='' -k $work -p $3 -c fsync=off" start >/dev/null \
		|| { cat "$work/$(basename "$2").log"; return 1; }
}
stop_() { "${run[@]}" "$1/pg_ctl" -D "$2" -w stop >/dev/null; }

# --- the old cluster: 15 with the demo register ------------------------------
progress "the old cluster: initdb, the demo register"
initdb_ "$old_bin" "$work/old-data" && start_ "$old_bin" "$work/old-data" "$old_port" \
	|| { echo "not ok - pg_upgrade: a PostgreSQL $old_major cluster starts"; exit 1; }
old_psql=("$old_bin/psql" -X -q -v ON_ERROR_STOP=1 -p "$old_port")
"${old_psql[@]}" -d postgres -c "CREATE DATABASE register" >/dev/null &&
	"${old_psql[@]}" -d register -c "CREATE EXTENSION s22a" -f "$top/examples/demo.sql" \
		-c "SELECT s22a.create_roles()" >"$work/demo.log" 2>&1
if [ $? -ne 0 ]; then
	echo "not ok - pg_upgrade: the demo register loads into PostgreSQL $old_major"; tail -20 "$work/demo.log"; exit 1
fi
fingerprint() {	# fingerprint PSQL PORT OUT
	PGOPTIONS='-c s22a.today=2026-11-29' "$1" -X -At -v ON_ERROR_STOP=1 -p "$2" -d register \
		-f "$top/test/lib/upgrade_fingerprint.sql" >"$3" 2>"$3.err"
}
if ! fingerprint "$old_bin/psql" "$old_port" "$work/before.txt"; then
	echo "not ok - pg_upgrade: the fingerprint of the register on $old_major"; cat "$work/before.txt.err"; exit 1
fi
echo "ok - pg_upgrade: the demo register on PostgreSQL $old_major: $(grep -c '^table|' "$work/before.txt") tables, $(grep -c '^view|' "$work/before.txt") views, $(grep -c '^refusal|' "$work/before.txt") refusals sampled"

# --- the new cluster, and what its server accepts ------------------------------
progress "initdb $new_major"
# 18's initdb turns data checksums on by default; pg_upgrade needs the old
# cluster's setting (15's default: off)
checksums=()
"$new_bin/initdb" --help | grep -q -- --no-data-checksums && checksums=(--no-data-checksums)
initdb_ "$new_bin" "$work/new-data" "${checksums[@]}" \
	|| { echo "not ok - pg_upgrade: a PostgreSQL $new_major cluster initialises"; exit 1; }
# Debian 12's PostgreSQL 15.20 (November 2026) stamps every column of every
# table with an attribute option, pg_attver; pg_upgrade carries attribute
# options over, and a server of an older minor release, such as the 18.6
# test/pg_source.sh pins, refuses them ("unrecognized parameter"), so
# pg_upgrade fails for ANY database with a table, s22a or not.  When the new
# server refuses an option the old cluster holds, say so (a skipped check:
# the unmodified upgrade cannot be tested with this pair of servers), and
# take the options off the old cluster's user columns so that the rest of
# the test can still check what it is for: s22a across the major version.
start_ "$new_bin" "$work/new-data" "$new_port" || { echo "not ok - pg_upgrade: the $new_major cluster starts"; exit 1; }
refused_options=
for opt in $("${old_psql[@]}" -At -d register -c "
	SELECT DISTINCT split_part(o, '=', 1) FROM pg_attribute, unnest(attoptions) o
	WHERE attrelid >= 16384 ORDER BY 1"); do
	"$new_bin/psql" -X -q -p "$new_port" -d postgres -c "CREATE TEMP TABLE t (a int)" \
		-c "ALTER TABLE t ALTER COLUMN a SET ($opt = 1)" >/dev/null 2>&1 || refused_options+=" $opt"
done
stop_ "$new_bin" "$work/new-data"
if [ -n "$refused_options" ]; then
	old_v=$("${old_psql[@]}" -At -d postgres -c "SHOW server_version")
	new_v=$("$new_bin/postgres" --version | sed 's/.* //')
	echo "ok - # skip pg_upgrade of an unmodified $old_v cluster: PostgreSQL $new_v refuses the column option(s)${refused_options} that $old_v puts on every column, so pg_upgrade fails for any table (s22a's or not); it needs an $new_major release at least as new as $old_v. Taken off the old cluster's user columns (UPDATE pg_attribute) for the checks that follow"
	for db in $("${old_psql[@]}" -At -d postgres -c "SELECT datname FROM pg_database WHERE datallowconn ORDER BY 1"); do
		for opt in $refused_options; do
			"${old_psql[@]}" -d "$db" -c "
				UPDATE pg_catalog.pg_attribute
				SET attoptions = NULLIF(ARRAY(SELECT o FROM unnest(attoptions) o WHERE o NOT LIKE '$opt=%'), '{}')
				WHERE attrelid >= 16384 AND attoptions::text LIKE '%$opt=%'" >/dev/null \
				|| { echo "not ok - pg_upgrade: taking $opt off the columns of $db"; exit 1; }
		done
	done
fi
stop_ "$old_bin" "$work/old-data"

# --- pg_upgrade to 18 -----------------------------------------------------------
progress "pg_upgrade --check, pg_upgrade"
upgrade=(env -C "$work/run" "$new_bin/pg_upgrade" -b "$old_bin" -B "$new_bin" -d "$work/old-data" -D "$work/new-data"
	-p "$old_port" -P "$new_port" -U postgres -s "$work")
if "${run[@]}" "${upgrade[@]}" --check >"$work/check.log" 2>&1; then
	echo "ok - pg_upgrade: pg_upgrade --check passes ($old_major -> $new_major, s22a's library found in the new tree)"
else
	echo "not ok - pg_upgrade: pg_upgrade --check fails"; tail -30 "$work/check.log"
	for f in "$work"/new-data/pg_upgrade_output.d/*/*.txt "$work"/new-data/pg_upgrade_output.d/*/log/*.log; do
		[ -f "$f" ] && { echo "# $(basename "$f"):"; grep -B2 -A3 -i "error" "$f" | head -30; tail -5 "$f"; }
	done
	exit 1
fi
if "${run[@]}" "${upgrade[@]}" >"$work/upgrade.log" 2>&1; then
	echo "ok - pg_upgrade: the cluster is upgraded from $old_major to $new_major"
else
	echo "not ok - pg_upgrade: pg_upgrade fails"; tail -30 "$work/upgrade.log"
	for f in "$work"/new-data/pg_upgrade_output.d/*/log/*.log; do
		[ -f "$f" ] && { echo "# $(basename "$f"):"; grep -B2 -A3 -i "error" "$f" | head -30; tail -5 "$f"; }
	done
	exit 1
fi

# --- the new cluster: the same register, reports and refusals -----------------
progress "the new cluster: comparing"
start_ "$new_bin" "$work/new-data" "$new_port" || { echo "not ok - pg_upgrade: the upgraded cluster starts"; exit 1; }
v=$("$new_bin/psql" -X -At -p "$new_port" -d register -c "SHOW server_version_num")
[ "${v:0:2}" = "$new_major" ] && echo "ok - pg_upgrade: the upgraded cluster runs PostgreSQL $v" \
	|| echo "not ok - pg_upgrade: the upgraded cluster runs '$v', not $new_major"
if ! fingerprint "$new_bin/psql" "$new_port" "$work/after.txt"; then
	echo "not ok - pg_upgrade: the fingerprint of the register on $new_major"; cat "$work/after.txt.err"; exit 1
fi
for kind in extension table view report privileges refusal; do
	grep "^$kind|" "$work/before.txt" >"$work/before.$kind"
	grep "^$kind|" "$work/after.txt" >"$work/after.$kind"
	n=$(wc -l <"$work/before.$kind")
	if [ "$n" -gt 0 ] && cmp -s "$work/before.$kind" "$work/after.$kind"; then
		echo "ok - pg_upgrade: $kind lines identical before and after ($n)"
	else
		echo "not ok - pg_upgrade: $kind lines differ before and after ($n before)"
		diff -u "$work/before.$kind" "$work/after.$kind" | head -40
	fi
done
# every sampled statement is refused as expected (on 15, and so on 18)
bad=$(awk -F'|' '$1 == "refusal" && $3 != $4' "$work/after.txt")
if [ -z "$bad" ]; then
	echo "ok - pg_upgrade: each of the $(grep -c '^refusal|' "$work/after.txt") sampled statements is refused with its SQLSTATE on $new_major"
else
	echo "not ok - pg_upgrade: statements not refused as expected on $new_major:"; echo "$bad"
fi
# the upgraded register still takes a change the rules allow (a consent to
# the proposed decision), and then the decision can be made
"$new_bin/psql" -X -q -v ON_ERROR_STOP=1 -p "$new_port" -d register >"$work/write.log" 2>&1 <<'SQL'
INSERT INTO s22a.consent (decision_id, party_code, given_on, form)
SELECT id, 'CC-HER', '2016-03-29', 'meeting' FROM s22a.decision WHERE title = 'Proceed to business case: joint ICT';
UPDATE s22a.decision SET notice_given_on = '2016-03-22' WHERE title = 'Proceed to business case: joint ICT';
UPDATE s22a.decision SET state = 'made', made_on = '2016-03-29' WHERE title = 'Proceed to business case: joint ICT';
SQL
if [ $? -eq 0 ] && [ "$("$new_bin/psql" -X -At -p "$new_port" -d register -c \
	"SELECT state FROM s22a.decision WHERE title = 'Proceed to business case: joint ICT'")" = made ]; then
	echo "ok - pg_upgrade: on $new_major the register records a consent and makes the decision it completes"
else
	echo "not ok - pg_upgrade: on $new_major the register does not take an allowed change"; cat "$work/write.log"
fi
# and the comparison notices a change: the consent just recorded
if fingerprint "$new_bin/psql" "$new_port" "$work/changed.txt" \
	&& ! cmp -s <(grep '^table|consent|' "$work/after.txt") <(grep '^table|consent|' "$work/changed.txt"); then
	echo "ok - pg_upgrade: positive control: the consent table's line changes with the consent recorded on $new_major"
else
	echo "not ok - pg_upgrade: positive control: the fingerprint does not notice a new consent"
fi
progress "checked; removing the clusters and the copies of the trees"
