#!/usr/bin/env bash
# test/pg_source.sh MAJOR — a PostgreSQL server of that major version, built
# once from Debian's source package into a cache outside the repository and
# reused by every later run.  Prints the install prefix (the cache entry) as
# its last line on stdout; progress goes to stderr.
#
#   cache entry   ${S22A_PG_CACHE:-/var/cache/s22a/pg}/MAJOR  (--prefix of the
#                 build; bin/pg_config, bin/postgres, share/postgresql/...)
#   complete when MAJOR/.s22a-complete exists: written last, after the
#                 install and pgTAP; a cache entry without it is rebuilt
#   private apt   ${S22A_PG_CACHE}/apt/MAJOR: its own sources.list (deb-src
#                 lines only), lists and archive cache, passed to apt-get
#                 with -o; the system's apt sources and lists are never
#                 touched.  Removed, with the build tree, once installed.
#
# Where a major comes from: 17 from Debian 13 (trixie, and trixie-security
# where Debian publishes its point updates), 18 from Debian unstable (sid).
# `apt-get source --download-only` fetches the current .dsc and tarballs
# (checked against the signed index) and `dpkg-source -x --skip-patches`
# unpacks the upstream release tarball, each file checked against the .dsc.
# Debian's patches are left out: they are packaging (one of them pins the
# library directory to /usr/lib/postgresql/MAJOR/lib whatever the prefix,
# which would write under /usr), and nothing else is applied.  When the
# archive mirror lists a version whose files it does not (yet) have, the
# pinned fallback below is fetched from the same archive by its SHA-256.
#
# The server is configured with what the extension and its tests need and
# no more: no ICU, readline, zlib or LLVM (JIT); of contrib, dblink only.
# bison and flex (needed by release tarballs since PostgreSQL 17), dpkg-dev,
# gcc and make are installed when missing.  pgTAP comes from Debian's
# postgresql-15-pgtap: it is SQL only, and its extension files (pgTAP 1.2.0)
# are copied into the new tree.
#
# Concurrent runs (other worktrees) wait on a lock instead of building twice.
set -euo pipefail
source "$(dirname "$0")/cluster.sh"

major=${1:?usage: test/pg_source.sh MAJOR}
cache=${S22A_PG_CACHE:-/var/cache/s22a/pg}
prefix=$cache/$major
stamp=$prefix/.s22a-complete

# distribution suites a major is taken from, and its pinned fallback:
# "VERSION SHA256-of-.dsc" in pool/main of the first URI (each pinned .dsc
# carried a good signature of Debian's PostgreSQL maintainers when pinned)
case $major in
17)
	suites=("http://deb.debian.org/debian trixie main"
		"http://deb.debian.org/debian-security trixie-security main")
	fallback="17.11-0+deb13u1 bf148ae423a982707c3f60672c3a072ef62b701bd9f5df847d9f4b8c9b3e3b18"
	;;
18)
	suites=("http://deb.debian.org/debian sid main")
	fallback="18.6-3 a4254c4548ebeea683832de193460ee8a9f1271418e884803b44ded1aead1776"
	;;
*)
	echo "test/pg_source.sh: no Debian source configured for PostgreSQL $major (15 is Debian 12's own)" >&2
	exit 2
	;;
esac

if [ -f "$stamp" ]; then
	printf '%s\n' "$prefix"
	exit 0
fi

mkdir -p "$cache"
exec {lock}>"$cache/.lock-$major"
if ! flock -n "$lock"; then
	s22a_log "PostgreSQL $major: another run is building it; waiting"
	flock "$lock"
fi
if [ -f "$stamp" ]; then
	printf '%s\n' "$prefix"
	exit 0
fi

started=$SECONDS
s22a_need_packages bison flex dpkg-dev gcc make perl bzip2 xz-utils
elapsed() { local s=$((SECONDS - started)); printf '%dm%02ds' $((s / 60)) $((s % 60)); }

# --- source -------------------------------------------------------------------
work=$cache/.build-$major
rm -rf "$work" "$prefix"
mkdir -p "$work/src"

apt_dir=$cache/apt/$major
mkdir -p "$apt_dir/lists/partial" "$apt_dir/archives/partial"
: >"$apt_dir/sources.list"
for s in "${suites[@]}"; do
	echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $s" >>"$apt_dir/sources.list"
done
apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/sources.list" -o "Dir::Etc::SourceParts=-"
	-o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir"
	-o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
	-o "APT::Sandbox::User=root" -o "Acquire::Languages=none")
s22a_log "PostgreSQL $major: fetching the source package ($(elapsed))"
apt-get -q "${apt_opts[@]}" update >"$work/apt.log" 2>&1 \
	|| { cat "$work/apt.log" >&2; exit 1; }
if ! (cd "$work/src" && apt-get -q "${apt_opts[@]}" --download-only source "postgresql-$major") >>"$work/apt.log" 2>&1; then
	read -r fb_version fb_sha256 <<<"$fallback"
	s22a_log "PostgreSQL $major: the archive lists $(apt-cache "${apt_opts[@]}" showsrc "postgresql-$major" 2>/dev/null \
		| sed -n 's/^Version: //p' | head -1) but does not serve its files; taking $fb_version"
	grep -E '^(E|W):' "$work/apt.log" | head -3 >&2 || true
	rm -f "$work"/src/*
	read -r base _ <<<"${suites[0]}"
	dsc=postgresql-${major}_$fb_version.dsc
	/usr/lib/apt/apt-helper "${apt_opts[@]}" download-file \
		"$base/pool/main/p/postgresql-$major/${dsc//+/%2b}" "$work/src/$dsc" "SHA256:$fb_sha256" >>"$work/apt.log" 2>&1 \
		|| { tail -5 "$work/apt.log" >&2; exit 1; }
	# the .dsc (checked above) names each tarball with its SHA-256
	sed -n '/^Checksums-Sha256:/,/^[^ ]/s/^ \([0-9a-f]\{64\}\) [0-9]* \(.*\)$/\1 \2/p' "$work/src/$dsc" |
	while read -r sum file; do
		/usr/lib/apt/apt-helper "${apt_opts[@]}" download-file \
			"$base/pool/main/p/postgresql-$major/${file//+/%2b}" "$work/src/$file" "SHA256:$sum" >>"$work/apt.log" 2>&1 \
			|| { tail -5 "$work/apt.log" >&2; exit 1; }
	done
fi
dsc=$(ls "$work"/src/*.dsc)
version=$(sed -n 's/^Version: //p' "$dsc")
s22a_log "PostgreSQL $major: unpacking $(basename "$dsc") ($(elapsed))"
# dpkg-source checks each tarball against the .dsc's checksums
(cd "$work" && dpkg-source --skip-patches -x "$dsc" tree) >"$work/dpkg-source.log" 2>&1 \
	|| { cat "$work/dpkg-source.log" >&2; exit 1; }
rm -f "$work"/src/*.orig.tar.*

# --- build --------------------------------------------------------------------
# Under `make test` this runs inside make: PostgreSQL's own makefiles would
# take themselves for sub-makes (MAKELEVEL 1 skips generating the headers)
unset MAKELEVEL MAKEFLAGS MFLAGS MAKEFILES
# Runs a step with its output in a log, printing a progress line every 30 s
# so that a CI log is not silent for minutes; on failure shows the log's end.
step() {
	local name=$1 log=$work/$1.log
	shift
	s22a_log "PostgreSQL $major: $name ($(elapsed))"
	("$@") >"$log" 2>&1 &
	local pid=$! n=0
	trap "kill $pid 2>/dev/null" EXIT
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		n=$((n + 1))
		if [ $((n % 30)) -eq 0 ]; then
			s22a_log "PostgreSQL $major: $name ... $(elapsed), $(find "$work/tree" -name '*.o' | wc -l) objects"
		fi
	done
	wait "$pid" || { tail -40 "$log" >&2; s22a_log "PostgreSQL $major: $name failed (log: $log)"; exit 1; }
	trap - EXIT
}
cd "$work/tree"
step configure ./configure --prefix="$prefix" --without-icu --without-readline --without-zlib --without-llvm
# every directory `make install` writes to must lie under the prefix
dirs=$(printf 'top_builddir = .\ninclude src/Makefile.global\nshow:\n\t@echo $(bindir) $(pkglibdir) $(libdir) $(datadir) $(includedir_server) $(pgxsdir)\n' \
	| make -s --no-print-directory -f - show)
for dir in $dirs; do
	case $dir in
	"$prefix"/*) ;;
	*) s22a_log "PostgreSQL $major: configure would install into $dir, outside $prefix"; exit 1 ;;
	esac
done
# The server is compiled with COPT (default -Og): about a third of the
# compiler time of configure's -O2, which keeps the first run of the matrix
# well inside CI's time on 2 cores.  COPT is not recorded in the installed
# Makefile.global, so extensions built against the tree (s22a) still get
# -O2 and the warnings that come with it.  S22A_PG_COPT= builds at -O2.
copt=${S22A_PG_COPT--Og}
step make make -j2 COPT="$copt"
# contrib: dblink only (test/working_days.sql opens other sessions with it)
step contrib make -j2 -C contrib/dblink COPT="$copt"
step install sh -c 'make install && make -C contrib/dblink install'

# pgTAP: Debian's postgresql-15-pgtap is plain SQL, the same for every major
s22a_need_packages postgresql-15-pgtap
cp /usr/share/postgresql/15/extension/pgtap* "$prefix/share/postgresql/extension/"

printf '%s from Debian source package %s (COPT=%s), built in %ds on %s\n' \
	"$("$prefix/bin/pg_config" --version)" "$version" "$copt" $((SECONDS - started)) "$(date -u +%FT%TZ)" >"$stamp.tmp"
mv "$stamp.tmp" "$stamp"
cd "$cache"
rm -rf "$work" "$apt_dir"
rmdir "$cache/apt" 2>/dev/null || true
s22a_log "PostgreSQL $major: $version installed in $prefix ($(elapsed))"
printf '%s\n' "$prefix"
