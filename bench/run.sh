#!/usr/bin/env bash
# bench/run.sh — `make bench`: every bench/NN_*.sql on one throwaway cluster,
# each timing s22a against a plain-SQL version of the same work in the same
# run and printing the ratios (best of 5).
source "$(dirname "$0")/../test/cluster.sh"
s22a_need_packages "${S22A_PG_PACKAGES[@]}" make gcc
s22a_cluster_start
# each file in a database of its own, so one's data cannot disturb another's
for f in "$S22A_TOP"/bench/[0-9]*.sql; do
	db=bench_$(basename "$f" .sql)
	echo "== $(basename "$f")"
	psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE $db"
	psql -X -q -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION s22a" -f "$S22A_TOP/bench/lib.sql"
	psql -X -q -v ON_ERROR_STOP=1 -P footer=off -d "$db" -f "$f"
done
