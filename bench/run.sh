#!/usr/bin/env bash
# bench/run.sh — `make bench`: every bench/NN_*.sql on one throwaway cluster,
# each timing s22a against a plain-SQL version of the same work in the same
# run and printing the ratios (best of 5).
source "$(dirname "$0")/../test/cluster.sh"
s22a_need_packages postgresql-server-dev-$S22A_PG_MAJOR make gcc
s22a_cluster_start
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE EXTENSION s22a" -f "$S22A_TOP/bench/lib.sql"
for f in "$S22A_TOP"/bench/[0-9]*.sql; do
	echo "== $(basename "$f")"
	psql -X -q -v ON_ERROR_STOP=1 -P footer=off -f "$f"
done
