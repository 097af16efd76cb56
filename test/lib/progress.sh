# test/lib/progress.sh — progress lines for the long sections of `make test`
# (sourced by test/concurrency.sh, crash.sh, fuzz/run.sh, clients.sh,
# deb.sh, upgrade.sh, pg_upgrade.sh).
#
#   s22a_progress_start SECTION   start the clock and a ticker that, every
#                                 S22A_PROGRESS_EVERY seconds (default 10),
#                                 repeats the case running with the time
#   s22a_progress CASE [LEFT]     say which case is running; LEFT, when the
#                                 case's length is known, the seconds left in
#                                 the section from now
#
# Lines look like "# concurrency: phase 2, pairs making one decision (12 s,
# about 9 s left)".  They start with "# ", so test/run.sh, which counts
# "ok - " and "not ok - " lines, does not count them.  The ticker is a
# background loop that ends within a second of the script that started it
# (it watches that process), so it needs no trap of its own.
s22a_progress_start() {
	S22A_PROGRESS_SECTION=$1
	S22A_PROGRESS_T0=$(date +%s)
	S22A_PROGRESS_STATE=$(mktemp "${TMPDIR:-/tmp}/s22a-progress.XXXXXX")
	local parent=$$ every=${S22A_PROGRESS_EVERY:-10}
	(
		last=$(date +%s)
		while kill -0 "$parent" 2>/dev/null; do
			sleep 1
			now=$(date +%s)
			[ $((now - last)) -ge "$every" ] || continue
			last=$now
			IFS='|' read -r what eta said <"$S22A_PROGRESS_STATE" 2>/dev/null || continue
			# not right after the script said it itself
			[ -n "$what" ] && [ $((now - ${said:-0})) -ge "$every" ] || continue
			_s22a_progress_line "$what" "$eta" "$now"
		done
		rm -f "$S22A_PROGRESS_STATE"
	) &
	disown $! 2>/dev/null || true
}

_s22a_progress_line() {	# CASE ETA NOW
	local left=
	if [ -n "$2" ]; then
		left=$(( $2 - $3 ))
		[ "$left" -ge 0 ] || left=0
		left=", about $left s left"
	fi
	printf '# %s: %s (%d s%s)\n' "$S22A_PROGRESS_SECTION" "$1" $(( $3 - S22A_PROGRESS_T0 )) "$left"
}

s22a_progress() {
	local now eta=
	now=$(date +%s)
	[ -n "${2:-}" ] && eta=$((now + $2))
	printf '%s|%s|%s\n' "$1" "$eta" "$now" >"$S22A_PROGRESS_STATE"
	_s22a_progress_line "$1" "$eta" "$now"
}
