#!/usr/bin/env bash
# test/clients.sh — reporting without surprises: real client libraries, as
# reporting tools use them, read s22a with a login that has default settings
# (doc/reports.md, "Connecting a reporting tool").
#
# Clients: psycopg 3 with text and with binary results, psycopg 2 (Debian's
# python3-psycopg and python3-psycopg2, run by /usr/bin/python3), and pgJDBC
# (Debian's libpostgresql-jdbc-java, test/clients/ReportClient.java run by
# the machine's java as a single-file program).  Each reads every reporting
# view (register, outstanding_consents, cost_allocation, cost_balance,
# upcoming(), audit_log) whole, checks that every column is of a built-in
# type and every value arrives as a plain value, and filters cost_allocation
# and cost_balance by a financial year given as a bound parameter, comparing
# amounts of the demo register (examples/demo.sql).
#
# pgJDBC cannot reach a Unix socket, and test/run.sh's cluster listens on
# nothing else, so this script starts a server of its own from the same
# installed binaries, listening on 127.0.0.1 only (port CLIENTS_PORT,
# default PGPORT + 5), trust authentication, in a temporary directory it
# removes.  Inside test/run.sh (PGHOST/PGPORT/PGUSER set) it asks that
# server where its binaries are; run alone it starts a throwaway cluster
# first (test/cluster.sh).  Prints one TAP-style line per check:
# ok - ... / not ok - ...
source "$(dirname "$0")/cluster.sh"
set +e
top=$S22A_TOP
own_cluster=
if [ -z "${PGHOST:-}" ]; then
	own_cluster=1
	s22a_cluster_start || { echo "not ok - clients: the throwaway cluster starts"; exit 1; }
fi

java_packages=()
command -v java >/dev/null || java_packages=(default-jre-headless)
s22a_need_packages python3-psycopg python3-psycopg2 libpostgresql-jdbc-java "${java_packages[@]}" \
	|| { echo "not ok - clients: the client packages install"; exit 1; }
python=/usr/bin/python3	# Debian's python3-psycopg* are for the system Python
jar=/usr/share/java/postgresql.jar

# --- a server on the loopback interface ----------------------------------------
bindir=$(psql -X -At -d postgres -c "SELECT setting FROM pg_config WHERE name = 'BINDIR'")
[ -x "$bindir/pg_ctl" ] || { echo "not ok - clients: the server's binaries ($bindir)"; exit 1; }
work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-clients.XXXXXX")
run=()
if [ "$(id -u)" -eq 0 ]; then
	chown postgres: "$work"
	run=(runuser -u postgres --)
fi
cleanup() {
	[ -f "$work/data/postmaster.pid" ] && "${run[@]}" "$bindir/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1
	rm -rf "$work"
}
# run inside test/run.sh, its cluster is its own to stop
trap 'cleanup; [ -z "$own_cluster" ] || s22a_cluster_stop' EXIT
"${run[@]}" "$bindir/initdb" -D "$work/data" -U postgres -A trust --no-sync -E UTF8 --locale=C.UTF-8 \
	>"$work/initdb.log" 2>&1 || { echo "not ok - clients: initdb"; tail -5 "$work/initdb.log"; exit 1; }
port=${CLIENTS_PORT:-$((${PGPORT:-54329} + 5))}
"${run[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
	-o "-c listen_addresses=127.0.0.1 -k $work -p $port -c fsync=off" start >/dev/null \
	|| { echo "not ok - clients: a server on 127.0.0.1:$port starts"; tail -5 "$work/server.log"; exit 1; }
export PGHOST=127.0.0.1 PGPORT=$port PGUSER=postgres
q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }

# --- the demo register and a reporting login with default settings ------------
source "$top/test/lib/progress.sh"
s22a_progress_start clients
s22a_progress "the demo register and a reporting login; the expected answers"
q -d postgres -c "CREATE DATABASE s22a_clients" >/dev/null
q -d s22a_clients -c "CREATE EXTENSION s22a" >/dev/null || { echo "not ok - clients: CREATE EXTENSION s22a"; exit 1; }
q -d s22a_clients -f "$top/examples/demo.sql" >"$work/demo.log" 2>&1 \
	|| { echo "not ok - clients: the demo register loads"; tail -5 "$work/demo.log"; exit 1; }
q -d s22a_clients -c "SELECT count(*) FROM s22a.create_roles()" \
	-c "CREATE ROLE report_login LOGIN IN ROLE s22a_reader" >/dev/null \
	|| { echo "not ok - clients: create_roles() and the reporting login"; exit 1; }
settings=$(q -d s22a_clients -At -c "SELECT count(*) FROM pg_db_role_setting")
[ "$settings" = 0 ] && echo "ok - clients: the reporting login report_login (in role s22a_reader) and its database have default settings" \
	|| echo "not ok - clients: role or database settings present ($settings)"

# --- what the clients must see, computed here as the superuser ------------------
views=(
	"register|SELECT * FROM s22a.register ORDER BY ref"
	"outstanding_consents|SELECT * FROM s22a.outstanding_consents ORDER BY decision_id, party_code"
	"cost_allocation|SELECT * FROM s22a.cost_allocation"
	"cost_balance|SELECT * FROM s22a.cost_balance"
	"upcoming|SELECT * FROM s22a.upcoming('100 years')"
	"audit_log|SELECT * FROM s22a.audit_log ORDER BY id"
)
expected=$work/expected.properties
{
	echo "# written by test/clients.sh"
	for v in "${views[@]}"; do
		name=${v%%|*} sql=${v#*|}
		echo "view.$name=$sql"
		echo "count.$name=$(q -d s22a_clients -At -c "SELECT count(*) FROM ($sql) v")"
	done
	# the forces' parts of the Seven Force programme line of 2016/17, from the
	# split of the budget line by the year's shares (not from the view)
	echo "seven_force_programme_2016=$(q -d s22a_clients -At -c "
		SELECT string_agg(s.party || ':' || s.amount, ',' ORDER BY s.party COLLATE \"C\")
		FROM s22a.agreement a JOIN s22a.budget b ON b.agreement_id = a.id,
		     s22a.split(s22a.cost_shares(a.id, b.fiscal_year), b.amount) s
		WHERE a.ref = '7F-SCP' AND b.fiscal_year OPERATOR(s22a.=) '2016/17' AND b.line = 'programme'")"
	echo "jps_outstanding_2016=$(q -d s22a_clients -At -c "
		SELECT sum(b.amount) - (SELECT sum(c.amount) FROM s22a.contribution c
		                        WHERE c.agreement_id = a.id AND c.fiscal_year OPERATOR(s22a.=) '2016/17')
		FROM s22a.agreement a JOIN s22a.budget b ON b.agreement_id = a.id
		WHERE a.ref = 'JPS' AND b.fiscal_year OPERATOR(s22a.=) '2016/17'
		GROUP BY a.id")"
	# in the order of the type (ORDER BY finds its btree class without the path)
	echo "years=$(q -d s22a_clients -At -c "
		SELECT string_agg(y::text, ',' ORDER BY y) FROM (SELECT DISTINCT fiscal_year FROM s22a.budget) b(y)")"
	echo "rows_2019_to_2020=$(q -d s22a_clients -At -c "
		SELECT count(*) FROM s22a.budget b, s22a.split(s22a.cost_shares(b.agreement_id, b.fiscal_year, b.business_area), b.amount)
		WHERE b.fiscal_year::text IN ('2019/20', '2020/21')")"
} >"$expected"
# the Seven Force 2016/17 programme line (£1,200,000, Seven Force agreement, clause 5.1) as the demo
# splits it: seven forces, Bedfordshire's part first
grep -q '^seven_force_programme_2016=BED:[0-9]*\.[0-9][0-9],.*,SUF:' "$expected" \
	&& grep -q '^jps_outstanding_2016=-\?[0-9]' "$expected" \
	&& grep -q '^years=2015/16,.*2021/22$' "$expected" \
	&& echo "ok - clients: the expected values computed from the demo register" \
	|| { echo "not ok - clients: the expected values"; cat "$expected"; }
chmod 644 "$expected"

# --- the clients -----------------------------------------------------------------
for client in psycopg3-text psycopg3-binary psycopg2; do
	s22a_progress "$client reading every view and filtering by a bound year"
	"$python" "$top/test/clients/report_client.py" "$client" \
		"host=127.0.0.1 port=$port dbname=s22a_clients user=report_login sslmode=disable" "$expected" 2>&1 \
		| sed 's/^Traceback/not ok - clients: '"$client"': the client ran without an exception: Traceback/'
done
s22a_progress "pgJDBC reading every view and filtering by a bound year (java compiles the client first)"
java -cp "$jar" "$top/test/clients/ReportClient.java" \
	"jdbc:postgresql://127.0.0.1:$port/s22a_clients?user=report_login&sslmode=disable" "$expected" 2>&1 \
	| sed 's/^Exception/not ok - clients: pgjdbc: the client ran without an exception: Exception/'
