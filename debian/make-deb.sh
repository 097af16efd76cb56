#!/usr/bin/env bash
# debian/make-deb.sh — `make deb`: build the binary package
# postgresql-<v>-s22a (one per version debian/pgversions names and the
# machine supports; on Debian 12 that is 15) with dpkg-buildpackage -us -uc -b.
#
# The build runs in a copy of the source tree under .build/deb/ (gitignored),
# so debhelper's files, the `make clean` that pg_buildext runs and the
# dpkg-buildpackage outputs (.deb, .buildinfo, .changes, written to the
# parent of the build directory) never touch the working tree.  The copy is
# what git would commit: tracked files and untracked ones not ignored, as
# they are now in the working tree (build products are ignored, so they are
# left out).  The orig tarball s22a_<upstream>.orig.tar.gz (format 3.0
# (quilt)) is made from the same copy without debian/.
#
# Missing build dependencies are installed with apt-get build-dep (as root;
# with sudo otherwise).  DEB_BUILD_OPTIONS=nocheck skips the build-time
# `make installcheck` (and so needs no pgTAP).  The build-time test starts a
# pg_virtualenv cluster on localhost, port $S22A_PORT when that is set, else
# the first free one.
#
#   S22A_DEB_DIR   where the results go (default .build/deb)
#
# The last line printed is the path of each .deb built.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
out=${S22A_DEB_DIR:-$top/.build/deb}
log() { printf '%s\n' "-- $*" >&2; }

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
apt_updated=
apt_install() {
	[ -n "$apt_updated" ] || { "${sudo[@]}" apt-get update -qq >&2; apt_updated=1; }
	"${sudo[@]}" apt-get "$@" >&2
}

# dpkg-buildpackage and dpkg-checkbuilddeps
command -v dpkg-buildpackage >/dev/null || apt_install install -y -qq --no-install-recommends dpkg-dev

profiles=()
case " ${DEB_BUILD_OPTIONS:-} " in
*" nocheck "*) profiles=(-P nocheck); export DEB_BUILD_PROFILES="${DEB_BUILD_PROFILES:+$DEB_BUILD_PROFILES }nocheck" ;;
esac

version=$(cd "$top" && dpkg-parsechangelog -S Version)
source=$(cd "$top" && dpkg-parsechangelog -S Source)
upstream=${version%-*}
build=$out/$source-$upstream

# a fresh copy of the tree; old results removed so exactly this build's remain
mkdir -p "$out"
rm -rf "$build"
rm -f "$out"/*.deb "$out"/*.ddeb "$out"/*.buildinfo "$out"/*.changes "$out"/*.orig.tar.*
mkdir -p "$build"
if git -C "$top" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$top" && git ls-files -z --cached --others --exclude-standard |
		while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
		tar --null -T - -cf -) | tar -C "$build" -xf -
else
	# not a git checkout (an unpacked tarball): everything but the outputs
	tar -C "$top" --exclude=./.build --exclude='*.o' --exclude='*.so' --exclude='*.bc' -cf - . |
		tar -C "$build" -xf -
fi
tar -C "$out" --sort=name --owner=0 --group=0 --numeric-owner \
	--exclude="$source-$upstream/debian" \
	-czf "$out/${source}_$upstream.orig.tar.gz" "$source-$upstream"

cd "$build"
if ! dpkg-checkbuilddeps >/dev/null 2>&1; then
	log "installing the build dependencies of $source"
	apt_install build-dep -y -qq --no-install-recommends "${profiles[@]}" ./
fi

# the build-time test cluster (pg_virtualenv): our port, or a free one
if [ -n "${S22A_PORT:-}" ]; then
	export PGPORT=$S22A_PORT
else
	unset PGPORT
fi
log "dpkg-buildpackage -us -uc -b in $build"
dpkg-buildpackage -us -uc -b >"$out/build.log" 2>&1 || {
	tail -60 "$out/build.log" >&2
	log "build failed; full log in $out/build.log, tree kept in $build"
	exit 1
}
cd "$out"
rm -rf "$build"
ls "$out"/*.deb
