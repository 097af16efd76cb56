#!/usr/bin/env bash
# test/crash.sh [SECONDS] — kill the postmaster with SIGKILL in the middle
# of a bulk load of decisions and consents, restart (crash recovery) and
# check that nothing is half recorded.
#
# Needs its own server to kill, so it starts a second throwaway cluster with
# test/cluster.sh (port CRASH_PORT, default 54331; the socket is in the
# cluster's own directory) and removes it on exit; the PGHOST/PGPORT of
# test/run.sh's cluster are not used.  SECONDS (default 3, or CRASH_SECONDS)
# is how long the load runs before the kill.
#
# The load: 4 sessions, each running batches; a batch is one transaction
# (a PL/pgSQL call in autocommit) that proposes 20 variations, records the
# 14 parties' written consents to each (280 rows), makes every second one
# and writes its own row in crash.batch.  A session prints "committed N"
# when the server has acknowledged batch N.  Prints one TAP-style line per
# check: ok - crash: ... / not ok - crash: ...
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
secs=${1:-${CRASH_SECONDS:-3}}
loaders=4

(
source "$top/test/cluster.sh"
set +e
S22A_PORT=${CRASH_PORT:-54331}
if ! s22a_cluster_start 2>"${TMPDIR:-/tmp}/s22a-crash-start.$$"; then
	echo "not ok - crash: a throwaway cluster starts"; cat "${TMPDIR:-/tmp}/s22a-crash-start.$$"
	rm -f "${TMPDIR:-/tmp}/s22a-crash-start.$$"; exit 1
fi
rm -f "${TMPDIR:-/tmp}/s22a-crash-start.$$"
work=$S22A_TMP/crash
mkdir -p "$work"; chmod 777 "$work"
pids=()
finish() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; done
	wait 2>/dev/null
	s22a_cluster_stop
}
trap finish EXIT
export PGDATABASE=s22a_crash

check() { if [ "$2" = t ]; then echo "ok - crash: $1"; else echo "not ok - crash: $1"; fi; }
val() { psql -X -q -At -v ON_ERROR_STOP=1 -c "$1"; }

psql -X -q -d postgres -c "CREATE DATABASE s22a_crash" >/dev/null
psql -X -q -v ON_ERROR_STOP=1 >"$work/fixture.log" 2>&1 <<'EOF' || { echo "not ok - crash: the fixture loads"; cat "$work/fixture.log"; exit 1; }
CREATE EXTENSION s22a;
CREATE SCHEMA crash;
INSERT INTO s22a.force (code, name)
SELECT f, 'Force ' || f FROM unnest(ARRAY['BED', 'CAM', 'ESX', 'HER', 'KEN', 'NOR', 'SUF']) AS f;
INSERT INTO s22a.party (code, force_code, kind, title)
SELECT 'CC-' || code, code, 'chief_officer'::s22a.party_kind, 'Chief Constable ' || code FROM s22a.force
UNION ALL
SELECT 'PCC-' || code, code, 'policing_body', 'PCC ' || code FROM s22a.force;
INSERT INTO s22a.agreement (ref, title, commences_on, expires_on)
VALUES ('K', 'Crash test agreement', '2015-10-22', '2030-03-31');
INSERT INTO s22a.agreement_party (agreement_id, party_code)
SELECT a.id, p.code FROM s22a.agreement a, s22a.party p;

-- one row per committed batch, written in the batch's own transaction
CREATE TABLE crash.batch (batch int PRIMARY KEY, decisions int, consents int, made int);
CREATE TABLE crash.batch_decision (batch int, decision_id bigint PRIMARY KEY);

-- A variation outside the meetings needs every party's written consent
-- (Seven Force agreement, clause 3.5): each decision gets 14 letters; every second one
-- is then made, which the decision_rules trigger allows only with all 14.
CREATE FUNCTION crash.load_batch(b int) RETURNS void LANGUAGE plpgsql
SET search_path = s22a, public AS $$
DECLARE nd int; nc int; nm int;
BEGIN
    WITH d AS (
        INSERT INTO decision (agreement_id, kind, title, proposed_on)
        SELECT a.id, 'variation', format('batch %s/%s', b, g), date '2016-01-04' + b % 1000
          FROM agreement a, generate_series(1, 20) g WHERE a.ref = 'K'
        RETURNING id)
    INSERT INTO crash.batch_decision SELECT b, id FROM d;
    GET DIAGNOSTICS nd = ROW_COUNT;
    INSERT INTO consent (decision_id, party_code, given_on, form, reference)
    SELECT bd.decision_id, p.code, date '2016-01-04' + b % 1000, 'letter', format('batch %s', b)
      FROM crash.batch_decision bd, party p WHERE bd.batch = b;
    GET DIAGNOSTICS nc = ROW_COUNT;
    UPDATE decision SET state = 'made'
     WHERE id IN (SELECT bd.decision_id FROM crash.batch_decision bd JOIN decision x ON x.id = bd.decision_id
                   WHERE bd.batch = b AND split_part(x.title, '/', 2)::int % 2 = 0);
    GET DIAGNOSTICS nm = ROW_COUNT;
    INSERT INTO crash.batch VALUES (b, nd, nc, nm);
END $$;
EOF

# --- the load, and the kill ---------------------------------------------
source "$top/test/lib/progress.sh"
s22a_progress_start crash
s22a_progress "$loaders sessions loading batches; SIGKILL to the postmaster once they commit, then ${secs} s more"
for l in $(seq 0 $((loaders - 1))); do
	for b in $(seq $((l + 1)) $loaders 400000); do
		printf 'SELECT crash.load_batch(%d);\n\\echo committed %d\n' "$b" "$b"
	done | psql -X -q -At -v ON_ERROR_STOP=1 >"$work/loader$l.out" 2>"$work/loader$l.err" &
	pids+=($!)
done
# the kill must land in the middle of a load: wait (up to 60 s on a slow
# machine) until batches are being acknowledged, then let it run $secs more
for _ in $(seq 600); do
	[ "$(cat "$work"/loader*.out 2>/dev/null | grep -c '^committed ')" -gt 0 ] && break
	sleep 0.1
done
sleep "$secs"
pm=$(head -1 "$S22A_TMP/data/postmaster.pid")
children=$(ps -o pid= --ppid "$pm" | tr '\n' ' ')
before=$(psql -X -At -c "SELECT count(*) FROM crash.batch" 2>/dev/null)
kill -KILL "$pm"
# the backends notice the postmaster is gone and exit (a running statement
# finishes first); a new postmaster cannot start while they hold the
# shared memory
for _ in $(seq 200); do
	alive=0
	for c in $children; do kill -0 "$c" 2>/dev/null && alive=1; done
	[ $alive -eq 0 ] && break
	sleep 0.1
done
for c in $children; do kill -0 "$c" 2>/dev/null && kill -KILL "$c"; done
for p in "${pids[@]}"; do wait "$p"; done
pids=()
acked=$(cat "$work"/loader*.out | grep -c '^committed ')
errs=$(cat "$work"/loader*.err | grep -m1 -v '^$' || true)
check "SIGKILL to the postmaster (pid $pm) after ${secs}s of load by $loaders sessions: $acked batches acknowledged, ${before:-?} counted committed just before the kill; the sessions lost their connection (${errs:-no error})" \
	"$( [ "$acked" -gt 0 ] && [ -n "$errs" ] && echo t || echo f)"

# --- restart: crash recovery --------------------------------------------
s22a_progress "restarting: crash recovery"
log_size=$(wc -c <"$S22A_TMP/server.log")
if "${S22A_RUN[@]}" "$S22A_BIN/pg_ctl" -D "$S22A_TMP/data" -l "$S22A_TMP/server.log" -w \
	-o "-c listen_addresses='' -k $S22A_TMP -p $PGPORT -c fsync=off -c max_prepared_transactions=10" \
	start >/dev/null 2>&1; then
	tail -c +$((log_size + 1)) "$S22A_TMP/server.log" >"$work/recovery.log"
	redo=$(grep -c -e 'automatic recovery in progress' -e 'redo starts' "$work/recovery.log")
	check "restart with pg_ctl: crash recovery ran (redo in the server log: $redo lines)" \
		"$( [ "$redo" -gt 0 ] && echo t || echo f)"
else
	echo "not ok - crash: restart with pg_ctl"; tail -20 "$S22A_TMP/server.log"; exit 1
fi

# --- invariants after recovery ------------------------------------------
s22a_progress "the invariants after recovery"
batches=$(val "SELECT count(*) FROM crash.batch")
lost=$(cat "$work"/loader*.out | sed -n 's/^committed //p' | sort -n >"$work/acked"; \
	val "SELECT batch FROM crash.batch ORDER BY 1" | sort -n | comm -23 "$work/acked" - | wc -l)
# the batch each session had sent but not seen acknowledged: in flight at the kill
inflight=()
for l in $(seq 0 $((loaders - 1))); do
	last=$(sed -n 's/^committed //p' "$work/loader$l.out" | tail -1)
	inflight+=($(( ${last:-$((l + 1 - loaders))} + loaders )))
done
inflight_in=$(val "SELECT count(*) FROM crash.batch WHERE batch IN ($(IFS=,; echo "${inflight[*]}"))")
check "every one of the $acked acknowledged batches is there after recovery ($batches batches committed, $lost acknowledged batches missing; of the ${#inflight[@]} in flight at the kill, $inflight_in committed unacknowledged, $(( ${#inflight[@]} - inflight_in )) rolled back)" \
	"$( [ "$lost" -eq 0 ] && [ "$batches" -ge "$acked" ] && echo t || echo f)"
read -r nd nc nm <<<"$(val "SELECT count(*), (SELECT count(*) FROM s22a.consent), count(*) FILTER (WHERE state = 'made') FROM s22a.decision" | tr '|' ' ')"
partial=$(val "SELECT count(*) FROM crash.batch b WHERE (b.decisions, b.consents, b.made) <> (20, 280, 10)
	OR (SELECT count(*) FROM crash.batch_decision d WHERE d.batch = b.batch) <> 20
	OR (SELECT count(*) FROM s22a.consent c JOIN crash.batch_decision d ON d.decision_id = c.decision_id WHERE d.batch = b.batch) <> 280
	OR (SELECT count(*) FROM s22a.decision x JOIN crash.batch_decision d ON d.decision_id = x.id WHERE d.batch = b.batch AND x.state = 'made') <> 10")
orphans=$(val "SELECT (SELECT count(*) FROM s22a.decision x WHERE NOT EXISTS (SELECT FROM crash.batch_decision d JOIN crash.batch b USING (batch) WHERE d.decision_id = x.id))
	+ (SELECT count(*) FROM crash.batch_decision d WHERE NOT EXISTS (SELECT FROM crash.batch b WHERE b.batch = d.batch))")
check "batches all or nothing: $batches batches = $nd decisions ($((batches * 20)) expected), $nc consents ($((batches * 280)) expected), $nm made ($((batches * 10)) expected); $partial partial batches, $orphans rows outside a committed batch" \
	"$( [ "$partial" -eq 0 ] && [ "$orphans" -eq 0 ] && [ "$nd" -eq $((batches * 20)) ] && [ "$nc" -eq $((batches * 280)) ] && [ "$nm" -eq $((batches * 10)) ] && echo t || echo f)"
badmade=$(val "SELECT count(DISTINCT d.id) FROM s22a.decision d, s22a.decision_check(d.id) c WHERE d.state = 'made' AND NOT c.ok")
check "decision_check on every one of the $nm made decisions: $badmade with a failing rule" \
	"$( [ "$badmade" -eq 0 ] && echo t || echo f)"
audit_consent=$(val "SELECT count(*) FROM s22a.consent c FULL JOIN (
	  SELECT (new->>'decision_id')::bigint AS decision_id, new->>'party_code' AS party_code, count(*) AS n
	    FROM s22a.audit_log WHERE table_name = 'consent' AND operation = 'INSERT' GROUP BY 1, 2) l
	  ON l.decision_id = c.decision_id AND l.party_code = c.party_code::text
	WHERE l.n IS DISTINCT FROM 1 OR c.decision_id IS NULL")
audit_decision=$(val "SELECT count(*) FROM s22a.decision x FULL JOIN (
	  SELECT (coalesce(new, old)->>'id')::bigint AS id,
	         count(*) FILTER (WHERE operation = 'INSERT') AS ins,
	         count(*) FILTER (WHERE operation = 'UPDATE' AND new->>'state' = 'made') AS made
	    FROM s22a.audit_log WHERE table_name = 'decision' GROUP BY 1) l ON l.id = x.id
	WHERE x.id IS NULL OR l.ins IS DISTINCT FROM 1 OR l.made <> (x.state = 'made')::int")
naudit=$(val "SELECT count(*) FROM s22a.audit_log")
check "audit_log ($naudit rows) matches the rows: $audit_consent consents without exactly one INSERT row or log rows without a consent; $audit_decision decisions without one INSERT and, when made, one UPDATE to made" \
	"$( [ "$audit_consent" -eq 0 ] && [ "$audit_decision" -eq 0 ] && echo t || echo f)"
# the recovered register takes new work: a batch, and a refusal still refused
next=$(val "SELECT coalesce(max(batch), 0) + 1000000 FROM crash.batch")
if val "SELECT crash.load_batch($next)" >/dev/null 2>&1 &&
	[ "$(val "SELECT made FROM crash.batch WHERE batch = $next")" = 10 ]; then ok=t; else ok=f; fi
refused=$(psql -X -q -At -c "DO \$\$ BEGIN
	INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on, state)
	SELECT id, 'variation', 'no consents', '2016-01-04', 'made' FROM s22a.agreement WHERE ref = 'K';
	RAISE NOTICE 'accepted';
	EXCEPTION WHEN check_violation THEN RAISE NOTICE 'refused'; END \$\$" 2>&1)
check "after recovery a new batch loads and a decision without consents is still refused (${refused##* })" \
	"$( [ $ok = t ] && [ "${refused##* }" = refused ] && echo t || echo f)"
)
