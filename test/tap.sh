#!/usr/bin/env bash
# test/tap.sh — the pgTAP half of the functional suite (`make installcheck`
# runs pg_regress and then this): every test/*.sql through pg_prove, against
# whatever server PGHOST/PGPORT/PGUSER name, in database ${TAP_DB:-s22a_tap}.
#
# Each file runs in one transaction and rolls back, so the suite runs again
# in the same database; the database is created, with pgtap and s22a, only
# when missing.  Needs a superuser (the tests create roles and switch to
# them) and pgTAP installed in the server (Debian: postgresql-NN-pgtap).
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
db=${TAP_DB:-s22a_tap}
if ! psql -X -A -t -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
	psql -X -q -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null
fi
psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "SET client_min_messages = warning" \
	-c "CREATE EXTENSION IF NOT EXISTS pgtap" -c "CREATE EXTENSION IF NOT EXISTS s22a" >/dev/null
cd "$top"
exec pg_prove -v -d "$db" test/*.sql
