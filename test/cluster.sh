# test/cluster.sh — sourced by test/run.sh, examples/run.sh and bench/run.sh.
#
# Gives each run what it needs and nothing that outlives it:
#   s22a_need_packages PKG...   install missing Debian packages (apt-get as
#                               root, sudo apt-get otherwise)
#   s22a_cluster_start          build s22a, install it into a private copy of
#                               the PostgreSQL tree (so nothing under /usr or
#                               in the cache changes and parallel runs do not
#                               collide), initdb a throwaway cluster in a
#                               temporary directory and start it on a Unix
#                               socket only; exports PGHOST, PGPORT, PGUSER,
#                               PGDATABASE, and puts that version's client
#                               programs (psql, pg_dump, pgbench, pg_config)
#                               first in PATH
#   s22a_cluster_stop           stop it and remove the directory (also on exit)
#
# The server version is S22A_PG (`make test PG=17` sets it), default 15:
#   15      Debian 12's own, /usr/lib/postgresql/15 (postgresql-server-dev-15)
#   17, 18  built once from Debian's source package into a cache outside the
#           repository by test/pg_source.sh, and reused
# S22A_PG_PACKAGES names the Debian packages the chosen server needs.
#
# initdb refuses to run as root, so as root the server runs as the `postgres`
# user that Debian's postgresql package creates.

set -euo pipefail

S22A_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
S22A_PG_MAJOR=${S22A_PG:-15}
case $S22A_PG_MAJOR in
15) S22A_PG_PACKAGES=(postgresql-15 postgresql-server-dev-15) ;;
*) S22A_PG_PACKAGES=(postgresql-15) ;;	# test/pg_source.sh installs its own tools
esac

s22a_log() { printf '%s\n' "-- $*" >&2; }

s22a_need_packages() {
	local missing=() pkg
	for pkg in "$@"; do
		dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
			|| missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	s22a_log "installing ${missing[*]}"
	local sudo=()
	[ "$(id -u)" -eq 0 ] || sudo=(sudo)
	export DEBIAN_FRONTEND=noninteractive
	"${sudo[@]}" apt-get update -qq >&2
	"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The PostgreSQL tree of S22A_PG_MAJOR: sets S22A_PG_PREFIX (the directory
# copied into the private install, which stays where the binaries expect
# it), S22A_PG_BINDIR, and exports PG_CONFIG for every make that follows.
s22a_pg_tree() {
	if [ "$S22A_PG_MAJOR" = 15 ]; then
		S22A_PG_PREFIX=
		S22A_PG_BINDIR=/usr/lib/postgresql/15/bin
	else
		S22A_PG_PREFIX=$(bash "$S22A_TOP/test/pg_source.sh" "$S22A_PG_MAJOR" | tail -1)
		S22A_PG_BINDIR=$S22A_PG_PREFIX/bin
	fi
	export PG_CONFIG=$S22A_PG_BINDIR/pg_config
	# client programs of the same version as the server, from their own tree
	# (a pg_config copied elsewhere would report paths that do not exist)
	export PATH=$S22A_PG_BINDIR:$PATH
	s22a_log "PostgreSQL $("$PG_CONFIG" --version | sed 's/^PostgreSQL //') from $S22A_PG_BINDIR"
}

s22a_build() {
	local llvm=()
	# JIT bitcode needs the clang that built the server; skip it when absent.
	local clang
	clang=$(sed -n 's/^CLANG *= *//p' "$("$PG_CONFIG" --pgxs | xargs dirname)/../Makefile.global" 2>/dev/null || true)
	[ -n "$clang" ] && [ -x "$clang" ] || llvm=(with_llvm=no)
	make -C "$S22A_TOP" -s "${llvm[@]}" >&2
	S22A_MAKE_FLAGS=("${llvm[@]}")
}

s22a_cluster_start() {
	S22A_RUN=()
	S22A_TMP=$(mktemp -d "${TMPDIR:-/tmp}/s22a.XXXXXX")
	trap s22a_cluster_stop EXIT
	local root=$S22A_TMP/install
	s22a_pg_tree
	s22a_build

	# a private, relocatable copy of the server: binaries find share/ and lib/
	# relative to their own location, so `make install DESTDIR` lands where
	# this copy looks and the system's (or the cache's) extension directory
	# is left alone.
	if [ -z "$S22A_PG_PREFIX" ]; then
		mkdir -p "$root/usr/lib/postgresql" "$root/usr/share/postgresql"
		cp -a "/usr/lib/postgresql/$S22A_PG_MAJOR" "$root/usr/lib/postgresql/"
		cp -a "/usr/share/postgresql/$S22A_PG_MAJOR" "$root/usr/share/postgresql/"
	else
		mkdir -p "$root$(dirname "$S22A_PG_PREFIX")"
		cp -a "$S22A_PG_PREFIX" "$root$S22A_PG_PREFIX"
	fi
	make -C "$S22A_TOP" -s "${S22A_MAKE_FLAGS[@]}" install DESTDIR="$root" >/dev/null
	S22A_BIN=$root${S22A_PG_BINDIR}

	local run=()
	if [ "$(id -u)" -eq 0 ]; then
		chown -R postgres: "$S22A_TMP"
		run=(runuser -u postgres --)
	fi
	S22A_RUN=("${run[@]}")
	"${run[@]}" "$S22A_BIN/initdb" -D "$S22A_TMP/data" -U postgres -A trust \
		--no-sync -E UTF8 --locale=C.UTF-8 >"$S22A_TMP/initdb.log" 2>&1 \
		|| { cat "$S22A_TMP/initdb.log" >&2; return 1; }
	export PGHOST=$S22A_TMP PGPORT=${S22A_PORT:-54329} PGUSER=postgres PGDATABASE=postgres
	"${run[@]}" "$S22A_BIN/pg_ctl" -D "$S22A_TMP/data" -l "$S22A_TMP/server.log" -w \
		-o "-c listen_addresses='' -k $S22A_TMP -p $PGPORT -c fsync=off -c max_prepared_transactions=10" \
		start >/dev/null \
		|| { cat "$S22A_TMP/server.log" >&2; return 1; }
	s22a_log "throwaway cluster up in $S22A_TMP"
}

s22a_cluster_stop() {
	[ -n "${S22A_TMP:-}" ] && [ -d "$S22A_TMP" ] || return 0
	[ -f "$S22A_TMP/data/postmaster.pid" ] &&
		"${S22A_RUN[@]}" "$S22A_BIN/pg_ctl" -D "$S22A_TMP/data" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$S22A_TMP"
	S22A_TMP=
}
