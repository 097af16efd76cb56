#!/usr/bin/env bash
# test/deb.sh — the Debian package, installed and used: builds
# postgresql-15-s22a with `make deb` (into a temporary directory, without
# the build-time tests: the package is tested here instead), unpacks it with
# `dpkg -x` over a private copy of the PostgreSQL 15 tree (nothing is
# installed into the system; any s22a files the system tree holds are
# removed from the copy first, so everything s22a comes from the package),
# starts a throwaway cluster from that copy (Unix socket in the temporary
# directory, port $S22A_PORT, as the postgres user when root) and runs the
# functional suite, `make installcheck` (pg_regress and the pgTAP files),
# from the packaged source against it.
#
#   S22A_DEB=path/to/postgresql-15-s22a_*.deb   test this package, build none
#
# Prints one TAP-style line per check: ok - ... / not ok - ...
set -uo pipefail
source "$(dirname "$0")/cluster.sh"
set +e
top=$S22A_TOP
v=$S22A_PG_MAJOR
pkg=postgresql-$v-s22a

s22a_need_packages dpkg-dev make postgresql-$v-pgtap libtap-parser-sourcehandler-pgtap-perl || exit 1

work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-deb.XXXXXX")
root=$work/root bin=$work/root/usr/lib/postgresql/$v/bin
run=()
stop() {
	[ -f "$work/data/postmaster.pid" ] &&
		"${run[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$work"
}
trap stop EXIT
bail() { echo "not ok - deb: $1"; [ -f "${2:-}" ] && tail -${3:-30} "$2"; exit 1; }

# --- build ------------------------------------------------------------------
source "$top/test/lib/progress.sh"
s22a_progress_start deb
s22a_progress "make deb: dpkg-buildpackage in a copy under .build/deb"
if [ -n "${S22A_DEB:-}" ]; then
	deb=$S22A_DEB
	[ -f "$deb" ] || bail "S22A_DEB=$deb does not exist"
else
	start=$SECONDS
	if DEB_BUILD_OPTIONS="nocheck ${DEB_BUILD_OPTIONS:-}" S22A_DEB_DIR=$work/deb \
		make -C "$top" -s deb >"$work/make-deb.log" 2>&1; then
		deb=$(ls "$work"/deb/"$pkg"_*.deb 2>/dev/null | head -1)
		[ -n "$deb" ] || bail "make deb built no $pkg package" "$work/make-deb.log"
		echo "ok - deb: make deb builds ${deb##*/} ($((SECONDS - start)) s)"
	else
		bail "make deb" "$work/make-deb.log" 60
	fi
fi

name=$(dpkg-deb -f "$deb" Package) depends=$(dpkg-deb -f "$deb" Depends)
if [ "$name" = "$pkg" ] && [[ ",$depends" == *", postgresql-$v "* || ",$depends" == *",postgresql-$v "* ]]; then
	echo "ok - deb: the package is $pkg and depends on postgresql-$v ($depends)"
else
	echo "not ok - deb: package $name, Depends: $depends"
fi
dpkg-deb -c "$deb" | awk '{print $6}' >"$work/contents"
ext=usr/share/postgresql/$v/extension lib=usr/lib/postgresql/$v/lib
if grep -qx "./$lib/s22a.so" "$work/contents" && grep -qx "./$ext/s22a.control" "$work/contents" &&
	grep -qE "^\./$ext/s22a--[^-]+\.sql$" "$work/contents"; then
	echo "ok - deb: it ships s22a.so, s22a.control and $(grep -cE "^\./$ext/s22a--.*\.sql$" "$work/contents") SQL scripts in the $v tree"
else
	echo "not ok - deb: s22a.so, s22a.control or an install script missing from the package"
fi
if grep -vE "^\./($|usr/$|usr/lib/$|usr/lib/postgresql/$|usr/lib/postgresql/$v/|usr/share/$|usr/share/postgresql/$|usr/share/postgresql/$v/|usr/share/doc/)" \
	"$work/contents" >"$work/stray"; then
	echo "not ok - deb: files outside the PostgreSQL $v tree and the docs:"; head "$work/stray"
else
	echo "ok - deb: every file is under PostgreSQL $v's lib/ and share/ or /usr/share/doc"
fi

# --- a private PostgreSQL tree with the package unpacked over it -------------
s22a_progress "dpkg -x into a private PostgreSQL tree, a throwaway cluster"
mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql"
cp -a "/usr/lib/postgresql/$v" "$root/usr/lib/postgresql/"
cp -a "/usr/share/postgresql/$v" "$root/usr/share/postgresql/"
rm -rf "$root/$ext"/s22a.control "$root/$ext"/s22a--* "$root/$lib/s22a.so" "$root/$lib/bitcode/s22a" "$root/$lib/bitcode/s22a.index.bc"
dpkg -x "$deb" "$root" || bail "dpkg -x ${deb##*/}"

if [ "$(id -u)" -eq 0 ]; then
	chown -R postgres: "$work"
	run=(runuser -u postgres --)
fi
"${run[@]}" "$bin/initdb" -D "$work/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
	>"$work/initdb.log" 2>&1 || bail "initdb from the private tree" "$work/initdb.log"
export PGHOST=$work PGPORT=${S22A_PORT:-54329} PGUSER=postgres PGDATABASE=postgres
"${run[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
	-o "-c listen_addresses='' -k $work -p $PGPORT -c fsync=off" start >/dev/null \
	|| bail "the cluster starts from the private tree" "$work/server.log"
export PATH=$bin:$PATH

q() { psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }
default=$(sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$root/$ext/s22a.control")
q -c "CREATE DATABASE s22a_deb" >/dev/null
got=$(q -d s22a_deb -c "CREATE EXTENSION s22a" -c "SELECT extversion FROM pg_extension WHERE extname = 's22a'" 2>&1)
if [ -n "$default" ] && [ "$got" = "$default" ]; then
	echo "ok - deb: CREATE EXTENSION s22a installs version $got from the package"
else
	echo "not ok - deb: CREATE EXTENSION s22a: $got (default_version '$default')"
fi
# the library is the package's: the copy had none before dpkg -x
got=$(q -d s22a_deb -c "SELECT s22a.apportion(f, w) FROM (VALUES ('BED', 27.4), ('CAM', 31.2), ('HER', 41.4)) v(f, w)" 2>&1)
if [ "$got" = "BED=27.4, CAM=31.2, HER=41.4" ]; then
	echo "ok - deb: the packaged s22a.so loads and computes (apportion: $got)"
else
	echo "not ok - deb: apportion from the packaged library: $got"
fi
# the upgrade scripts are packaged too: the oldest version updates to the default
oldest=$(ls "$root/$ext" | sed -n 's/^s22a--\([^-]*\)\.sql$/\1/p' | sort -V | head -1)
if [ -n "$oldest" ] && [ "$oldest" != "$default" ]; then
	q -c "CREATE DATABASE s22a_deb_up" >/dev/null
	got=$(q -d s22a_deb_up -c "CREATE EXTENSION s22a VERSION '$oldest'" -c "ALTER EXTENSION s22a UPDATE" \
		-c "SELECT extversion FROM pg_extension WHERE extname = 's22a'" 2>&1)
	if [ "$got" = "$default" ]; then
		echo "ok - deb: ALTER EXTENSION s22a UPDATE goes from $oldest to $default with the packaged scripts"
	else
		echo "not ok - deb: updating from $oldest: $got"
	fi
fi

# --- the functional suite: make installcheck from the packaged source ---------
s22a_progress "make installcheck (pg_regress and pgTAP) against the installed package"
# in a copy (pg_regress writes results/ beside the sources): of the orig
# tarball make deb made, or of the working tree when S22A_DEB was given
src=$work/src
mkdir "$src"
orig=$(ls "$work"/deb/*.orig.tar.* 2>/dev/null | head -1)
if [ -n "$orig" ]; then
	tar -C "$src" --strip-components=1 -xf "$orig"
else
	tar -C "$top" --exclude=./.git --exclude=./.build -cf - . | tar -C "$src" -xf -
fi || bail "a copy of the sources for make installcheck"
start=$SECONDS
make -C "$src" -s installcheck PG_CONFIG="$bin/pg_config" TAP_DB=s22a_deb_tap >"$work/installcheck.log" 2>&1
rc=$?
secs=$((SECONDS - start))
r_ok=$(grep -cE '^(test| ) +[a-z0-9_]+ +\.\.\. ok' "$work/installcheck.log")
r_bad=$(grep -cE '\.\.\. FAILED' "$work/installcheck.log")
if [ "$r_ok" -gt 0 ] && [ "$r_bad" -eq 0 ]; then
	echo "ok - deb: pg_regress against the package: $r_ok tests pass"
else
	echo "not ok - deb: pg_regress against the package: $r_ok pass, $r_bad fail"
	grep -E '\.\.\. FAILED' "$work/installcheck.log"
	[ -f "$src/regression.diffs" ] && head -60 "$src/regression.diffs"
fi
tap=$(grep -E '^Files=[0-9]+, Tests=[0-9]+' "$work/installcheck.log" | sed 's/,  *[0-9]* wallclock.*//')
if [ "$rc" -eq 0 ] && grep -q '^Result: PASS' "$work/installcheck.log"; then
	echo "ok - deb: pgTAP against the package: ${tap:-pass} (make installcheck: ${secs} s)"
else
	echo "not ok - deb: pgTAP against the package (make installcheck exit $rc): ${tap:-did not run}"
	grep -E '^(not ok|Failed|# +Failed|Result)' "$work/installcheck.log" | head -30
	grep -q '^Result:' "$work/installcheck.log" || tail -20 "$work/installcheck.log"
fi
