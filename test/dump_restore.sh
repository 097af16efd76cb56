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
# a spent decision (doc/register.md, "Spent decisions"): an executed
# agreement, a made membership decision, and a committed change citing it
q -d s22a_dump_src >"$work/spent.log" 2>&1 <<'SQL'
INSERT INTO s22a.force (code, name) VALUES ('XA', 'Force XA'), ('XB', 'Force XB');
INSERT INTO s22a.party (code, force_code, kind, title) VALUES
    ('CC-XA', 'XA', 'chief_officer', 'Chief Constable of Force XA'),
    ('PCC-XA', 'XA', 'policing_body', 'Police and Crime Commissioner for Force XA'),
    ('CC-XB', 'XB', 'chief_officer', 'Chief Constable of Force XB'),
    ('PCC-XB', 'XB', 'policing_body', 'Police and Crime Commissioner for Force XB'),
    ('OTHER-X', NULL, 'other', 'Other party X'), ('OTHER-Y', NULL, 'other', 'Other party Y');
INSERT INTO s22a.agreement (ref, title, commences_on, expires_on)
VALUES ('SPENT', 'Spent decisions survive a restore', '2020-04-01', '2030-03-31');
INSERT INTO s22a.agreement_party (agreement_id, party_code, signed_on, declared_on)
SELECT a.id, p, '2020-03-01', '2020-03-01' FROM s22a.agreement a,
       unnest(ARRAY['CC-XA', 'PCC-XA', 'CC-XB', 'PCC-XB']) p WHERE a.ref = 'SPENT';
UPDATE s22a.agreement SET executed_on = '2020-03-15' WHERE ref = 'SPENT';
INSERT INTO s22a.decision (agreement_id, kind, title, proposed_on)
SELECT id, 'membership', 'Other party X joins', '2021-01-04' FROM s22a.agreement WHERE ref = 'SPENT';
INSERT INTO s22a.consent (decision_id, party_code, given_on, form, reference)
SELECT d.id, p, '2021-01-04', 'letter', 'X joins' FROM s22a.decision d,
       s22a.parties_on(d.agreement_id, '2021-01-04') p WHERE d.title = 'Other party X joins';
UPDATE s22a.decision SET state = 'made', made_on = '2021-01-04' WHERE title = 'Other party X joins';
INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
SELECT agreement_id, 'OTHER-X', '2021-02-01', '2021-01-20', '2021-01-20', id
  FROM s22a.decision WHERE title = 'Other party X joins';
SQL
[ $? = 0 ] || { echo "not ok - dump/restore: the spent-decision fixture loads"; tail -5 "$work/spent.log"; }
# a second change citing the same decision, in a later transaction
recite="INSERT INTO s22a.agreement_party (agreement_id, party_code, joins_on, signed_on, declared_on, authorised_by)
	SELECT agreement_id, 'OTHER-Y', '2022-02-01', '2022-01-20', '2022-01-20', id
	  FROM s22a.decision WHERE title = 'Other party X joins'"
spent_refused() {	# spent_refused DB [SQL run first, in the same transaction]
	local out
	out=$(printf 'BEGIN;\n%s\n%s;\nROLLBACK;\n' "${2:-}" "$recite" |
		psql -X -q -d "$1" -v ON_ERROR_STOP=1 2>&1 >/dev/null)
	grep -q 'already authorised an earlier change' <<<"$out"
}
if spent_refused s22a_dump_src; then
	echo "ok - dump/restore: a decision cited by a committed transaction is spent"
else
	echo "not ok - dump/restore: a decision cited by a committed transaction is spent"
fi
pg_dump -d s22a_dump_src >"$work/dump.sql" 2>"$work/dump.log"
if PGOPTIONS='-c session_replication_role=replica' \
	psql -X -q -v ON_ERROR_STOP=1 --single-transaction -d s22a_dump_dst -f "$work/dump.sql" >"$work/restore.log" 2>&1; then
	echo "ok - dump/restore: the dump restores into a fresh database"
else
	echo "not ok - dump/restore: the dump restores into a fresh database"; tail -5 "$work/restore.log"; exit 1
fi

# the decision stays spent in the restored database ...
if spent_refused s22a_dump_dst; then
	echo "ok - dump/restore: a spent decision stays spent after the restore"
else
	echo "not ok - dump/restore: a spent decision stays spent after the restore"
fi
# ... whatever transaction ids the new cluster reaches: the restored audit
# rows keep the old cluster's ids, and a fresh cluster's counter passes
# through them; here the citing rows take this transaction's own id
if spent_refused s22a_dump_dst "SET LOCAL session_replication_role = replica;
	UPDATE s22a.audit_log SET transaction_id = pg_current_xact_id()
	 WHERE table_name = 'agreement_party' AND new ->> 'party_code' = 'OTHER-X';
	SET LOCAL session_replication_role = origin;"; then
	echo "ok - dump/restore: a spent decision stays spent when the new cluster reaches the old transaction ids"
else
	echo "not ok - dump/restore: a spent decision stays spent when the new cluster reaches the old transaction ids"
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
