#!/usr/bin/env bash
# examples/run.sh — `make demo`: the demo register (examples/demo.sql, built
# from the papers it names) and its reports, on a
# throwaway cluster.
source "$(dirname "$0")/../test/cluster.sh"
s22a_need_packages "${S22A_PG_PACKAGES[@]}" make gcc
s22a_cluster_start
psql -X -q -v ON_ERROR_STOP=1 -P footer=off -c "CREATE EXTENSION s22a" -f "$S22A_TOP/examples/demo.sql"
