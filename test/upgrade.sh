#!/usr/bin/env bash
# test/upgrade.sh — the upgrade path 0.1 -> 0.2 -> 0.3 (CONVENTIONS.md,
# "Upgrades").  In one database: CREATE EXTENSION s22a VERSION '0.1', the
# demo register, ALTER EXTENSION s22a UPDATE TO '0.2', then UPDATE to 0.3; in
# another: CREATE EXTENSION s22a (0.3 fresh, from sql/s22a--0.3.sql alone,
# which is built from sql/install/ and never runs 0.1).  The catalog of the
# extension's objects must be identical in the two, and the demo data must
# come through the updates row for row.  A third database goes 0.1 -> 0.2,
# runs 0.2's create_roles(), and updates to 0.3: its grants must be those of
# 0.3's create_roles() on the fresh install.  Positive controls show that
# the comparison notices a change to each part of the catalog.  Also: the
# extension is not trusted, so a non-superuser database owner cannot
# install it (doc/security.md).  Runs inside test/run.sh's cluster
# (PGHOST/PGPORT/PGUSER set); prints one TAP-style line per check:
# ok - ... / not ok - ...
set -uo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/s22a-upgrade.XXXXXX")
drop_roles=
cleanup() {
	psql -X -q -d postgres -c "DROP DATABASE IF EXISTS s22a_upgrade_old" -c "DROP DATABASE IF EXISTS s22a_upgrade_new" \
		-c "DROP DATABASE IF EXISTS s22a_upgrade_roles" \
		-c "DROP DATABASE IF EXISTS s22a_upgrade_owned" -c "DROP ROLE IF EXISTS s22a_upgrade_dbowner" >/dev/null 2>&1
	# the roles create_roles() made here, unless they were there before
	[ -n "$drop_roles" ] && psql -X -q -d postgres \
		-c "DROP ROLE IF EXISTS s22a_admin, s22a_clerk, s22a_party, s22a_reader" >/dev/null 2>&1
	rm -rf "$work"
}
trap cleanup EXIT

q() { psql -X -q -v ON_ERROR_STOP=1 "$@"; }
q -d postgres -c "CREATE DATABASE s22a_upgrade_old" -c "CREATE DATABASE s22a_upgrade_new" \
	-c "CREATE DATABASE s22a_upgrade_roles" >/dev/null || exit 1
dv=$(sed -n "s/^default_version[[:space:]]*=[[:space:]]*'\([^']*\)'.*/\1/p" "$top/s22a.control")

# --- 0.1, the demo register, then the updates ----------------------------------
source "$top/test/lib/progress.sh"
s22a_progress_start upgrade
s22a_progress "0.1 with the demo register, then ALTER EXTENSION UPDATE to 0.2 and 0.3"
q -d s22a_upgrade_old -c "CREATE EXTENSION s22a VERSION '0.1'" >/dev/null || { echo "not ok - upgrade: CREATE EXTENSION s22a VERSION '0.1'"; exit 1; }
if ! q -d s22a_upgrade_old -f "$top/examples/demo.sql" >"$work/demo.log" 2>&1; then
	echo "not ok - upgrade: the demo register loads into 0.1"; tail -5 "$work/demo.log"; exit 1
fi

# one fingerprint per table and view: its rows, sorted, hashed.  With s22a
# on the search_path: in 0.1, cost_shares() (and so cost_allocation and
# cost_balance) fails without it (an unqualified fiscal_year = in its
# query); 0.2 pins the path of the functions, see doc/security.md.
# 0.3 adds authorised_by to these tables (the sealing of cost and voting terms)
added_columns_tables="budget cost_basis cost_override voting_weight"
fingerprints() {
	PGOPTIONS='-c search_path=s22a,public' fingerprints_ "$@"
}
# Each relation's rows over the columns it had before the update ($2: the
# fingerprints taken then, whose 4th field lists them): a column the update
# adds (0.3: consent.voided_on, vote.cast_on, vote.voided_on) is new, not a
# change to the rows that were there.
fingerprints_() {
	q -d "$1" -At -c "
		SELECT c.relname, c.relkind, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_class c
		JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
		WHERE c.relnamespace = 's22a'::regnamespace AND c.relkind IN ('r', 'v')
		GROUP BY c.relname, c.relkind ORDER BY c.relname" | while IFS='|' read -r rel kind cols; do
		if [ -n "${2:-}" ] && grep -q "^$rel|" "$2"; then
			cols=$(grep "^$rel|" "$2" | cut -d'|' -f4)
		fi
		printf '%s|%s|%s|%s\n' "$rel" "$kind" "$(q -d "$1" -At -c \
			"SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, E'\n' ORDER BY t::text)), '') FROM (SELECT $cols FROM s22a.\"$rel\") t")" "$cols"
	done
}
fingerprints s22a_upgrade_old >"$work/before.txt"

if q -d s22a_upgrade_old -c "ALTER EXTENSION s22a UPDATE TO '0.2'" >"$work/update.log" 2>&1 \
	&& [ "$(q -d s22a_upgrade_old -At -c "SELECT extversion FROM pg_extension WHERE extname = 's22a'")" = 0.2 ]; then
	echo "ok - upgrade: ALTER EXTENSION s22a UPDATE TO '0.2' runs on the demo register"
else
	echo "not ok - upgrade: ALTER EXTENSION s22a UPDATE TO '0.2' fails"; cat "$work/update.log"; exit 1
fi
if q -d s22a_upgrade_old -c "ALTER EXTENSION s22a UPDATE" >"$work/update.log" 2>&1; then
	echo "ok - upgrade: ALTER EXTENSION s22a UPDATE then runs on it (0.2 -> $dv)"
else
	echo "not ok - upgrade: ALTER EXTENSION s22a UPDATE from 0.2 fails"; cat "$work/update.log"; exit 1
fi
v=$(q -d s22a_upgrade_old -At -c "SELECT extversion FROM pg_extension WHERE extname = 's22a'")
[ "$v" = "$dv" ] && [ "$v" = 0.3 ] && echo "ok - upgrade: the updated extension is version $v" \
	|| echo "not ok - upgrade: version after update is '$v', control file says '$dv'"

q -d s22a_upgrade_new -c "CREATE EXTENSION s22a" >/dev/null || { echo "not ok - upgrade: CREATE EXTENSION s22a (fresh)"; exit 1; }
v=$(q -d s22a_upgrade_new -At -c "SELECT extversion FROM pg_extension WHERE extname = 's22a'")
[ "$v" = "$dv" ] && echo "ok - upgrade: a fresh CREATE EXTENSION s22a is version $v" \
	|| echo "not ok - upgrade: a fresh CREATE EXTENSION gives version '$v'"

# The two paths share no script.  Were s22a--0.3.sql missing, PostgreSQL
# would install 0.3 by running 0.1 and the updates, and the comparison below
# would compare one path with itself.  So: the installed s22a--0.3.sql is the
# parts of sql/install/ joined in name order, and the fresh install took it:
# it created party_member before agreement (table OIDs rise in creation
# order), as the parts do, where 0.1 and 0.1--0.2 create it after.
sharedir=$(q -d postgres -At -c "SELECT setting FROM pg_config WHERE name = 'SHAREDIR'")
installed=$(q -d postgres -At -c "SELECT md5(pg_read_file('$sharedir/extension/s22a--$dv.sql'))" 2>&1)
joined=$(LC_ALL=C; cat "$top"/sql/install/*.sql | md5sum | cut -d' ' -f1)
[ -n "$joined" ] && [ "$installed" = "$joined" ] \
	&& echo "ok - upgrade: the installed s22a--$dv.sql is the $(ls "$top"/sql/install/*.sql | wc -l) parts of sql/install/ joined in name order" \
	|| echo "not ok - upgrade: the installed s22a--$dv.sql ($installed) is not the parts joined ($joined)"
order=$(for db in s22a_upgrade_new s22a_upgrade_old; do
	q -d "$db" -At -c "SELECT 's22a.party_member'::regclass::oid < 's22a.agreement'::regclass::oid" 2>&1; done | paste -sd' ')
[ "$order" = "t f" ] && echo "ok - upgrade: the paths differ: the fresh install created party_member before agreement, the updated one after it" \
	|| echo "not ok - upgrade: party_member created before agreement (fresh, updated): '$order' (want 't f')"

# --- the catalog, piece by piece --------------------------------------------
s22a_progress "the catalog, piece by piece: updated against fresh"
# Every query names objects by name, never by OID, and sorts its rows.
declare -A catalog
catalog[members]="
	SELECT pg_describe_object(d.classid, d.objid, d.objsubid)
	FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 's22a'
	WHERE d.deptype = 'e' ORDER BY 1"
catalog[functions]="
	SELECT p.oid::regprocedure::text, p.prokind, pg_get_function_result(p.oid), p.provolatile, p.proisstrict,
	       p.proparallel, p.prosecdef, p.proleakproof, p.proconfig, p.prorows, p.procost, l.lanname,
	       CASE WHEN l.lanname = 'c' THEN p.prosrc ELSE md5(p.prosrc) END, pg_get_function_arguments(p.oid),
	       p.proacl
	FROM pg_proc p JOIN pg_language l ON l.oid = p.prolang
	WHERE p.pronamespace = 's22a'::regnamespace ORDER BY 1"
catalog[columns]="
	SELECT a.attrelid::regclass::text, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
	       a.attidentity, a.attgenerated, pg_get_expr(ad.adbin, ad.adrelid), a.attcollation::regcollation::text
	FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
	LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
	WHERE c.relnamespace = 's22a'::regnamespace AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1, 2"
catalog[relations]="
	SELECT c.relname, c.relkind, c.relrowsecurity, c.relforcerowsecurity, c.relpersistence, c.relacl,
	       CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid) END, CASE WHEN c.relkind = 'i' THEN pg_get_indexdef(c.oid) END
	FROM pg_class c WHERE c.relnamespace = 's22a'::regnamespace ORDER BY 1"
catalog[constraints]="
	SELECT conrelid::regclass::text, contypid::regtype::text, conname, contype, condeferrable, condeferred,
	       pg_get_constraintdef(oid)
	FROM pg_constraint WHERE connamespace = 's22a'::regnamespace ORDER BY 1, 2, 3"
catalog[triggers]="
	SELECT tgrelid::regclass::text, tgname, tgenabled, pg_get_triggerdef(oid)
	FROM pg_trigger WHERE tgrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 's22a'::regnamespace)
	  AND NOT tgisinternal ORDER BY 1, 2"
catalog[policies]="
	SELECT polrelid::regclass::text, polname, polcmd, polpermissive, polroles::regrole[]::text,
	       pg_get_expr(polqual, polrelid), pg_get_expr(polwithcheck, polrelid)
	FROM pg_policy WHERE polrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 's22a'::regnamespace) ORDER BY 1, 2"
catalog[comments]="
	SELECT pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description
	FROM pg_description d
	WHERE (d.classoid = 'pg_class'::regclass AND d.objoid IN (SELECT oid FROM pg_class WHERE relnamespace = 's22a'::regnamespace))
	   OR (d.classoid = 'pg_proc'::regclass AND d.objoid IN (SELECT oid FROM pg_proc WHERE pronamespace = 's22a'::regnamespace))
	   OR (d.classoid = 'pg_type'::regclass AND d.objoid IN (SELECT oid FROM pg_type WHERE typnamespace = 's22a'::regnamespace))
	   OR (d.classoid = 'pg_policy'::regclass)
	ORDER BY 1"
catalog[types]="
	SELECT t.oid::regtype::text, t.typtype, t.typlen, t.typbyval, t.typalign, t.typstorage, t.typinput::text, t.typoutput::text,
	       t.typreceive::text, t.typsend::text, t.typbasetype::regtype::text,
	       (SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = t.oid)
	FROM pg_type t WHERE t.typnamespace = 's22a'::regnamespace ORDER BY 1"
catalog[operators]="
	SELECT o.oid::regoperator::text, o.oprcode::text, o.oprcom::regoperator::text, o.oprnegate::regoperator::text,
	       o.oprrest::text, o.oprjoin::text, o.oprcanhash, o.oprcanmerge
	FROM pg_operator o WHERE o.oprnamespace = 's22a'::regnamespace ORDER BY 1"
catalog[extconfig]="
	SELECT c.relid::regclass::text, c.cond
	FROM pg_extension e, unnest(e.extconfig, e.extcondition) AS c(relid, cond)
	WHERE e.extname = 's22a' ORDER BY 1"
catalog[extension]="
	SELECT extname, extversion, extrelocatable, extnamespace::regnamespace::text FROM pg_extension WHERE extname = 's22a'"

# the rows CREATE EXTENSION ships
catalog[shipped]="
	SELECT day, name FROM s22a.bank_holiday WHERE shipped ORDER BY 1"
parts=(members functions types operators relations columns constraints triggers policies comments extconfig extension shipped)

# catalog_rows DB PART [SQL]: the part's rows in DB; with SQL, as seen after
# running SQL in a transaction that is rolled back.  A query that fails
# prints a line of its own, so it never matches.
catalog_rows() {
	local db=$1 part=$2 sql=${3:-}
	if [ -n "$sql" ]; then
		q -d "$db" -At -c "BEGIN" -c "$sql" -c "${catalog[$part]}" -c "ROLLBACK" 2>&1 || echo "(query failed)"
	else
		q -d "$db" -At -c "${catalog[$part]}" 2>&1 || echo "(query failed)"
	fi
}
# compare_catalogs OLD NEW WHAT: one line per part
compare_catalogs() {
	local old=$1 new=$2 what=$3 part n
	for part in "${parts[@]}"; do
		catalog_rows "$old" "$part" >"$work/old.$part"
		catalog_rows "$new" "$part" >"$work/new.$part"
		n=$(wc -l <"$work/new.$part")
		if [ "$n" -gt 0 ] && ! grep -q '^(query failed)$' "$work/old.$part" "$work/new.$part" \
			&& cmp -s "$work/old.$part" "$work/new.$part"; then
			echo "ok - upgrade: $part identical $what ($n rows)"
		else
			echo "not ok - upgrade: $part differ $what ($(wc -l <"$work/old.$part") vs $n rows)"
			diff "$work/old.$part" "$work/new.$part" | head -20
		fi
	done
}
compare_catalogs s22a_upgrade_old s22a_upgrade_new "after 0.1 -> 0.2 -> 0.3 and on a fresh 0.3 install"

# --- positive controls: the comparison notices a change to each part -----------
s22a_progress "positive controls: a change to each part of the catalog is noticed"
# Each change is made in the fresh database in a transaction that is rolled
# back, and the part must then differ from the updated database's.
declare -A control
control[members]="ALTER EXTENSION s22a DROP FUNCTION s22a.easter_sunday(int)"
control[functions]="ALTER FUNCTION s22a.term_status(bigint, date) RESET search_path"
control[types]="ALTER TYPE s22a.consent_form ADD VALUE 'fax'"
control[operators]="ALTER OPERATOR s22a.= (s22a.apportionment, s22a.apportionment) SET (RESTRICT = NONE)"
control[relations]="CREATE INDEX ON s22a.audit_log (table_name)"
control[columns]="ALTER TABLE s22a.budget ALTER COLUMN business_area DROP DEFAULT"
control[constraints]="ALTER TABLE s22a.budget DROP CONSTRAINT budget_line_length"
control[triggers]="ALTER TABLE s22a.bank_holiday ENABLE TRIGGER bank_holiday_changed"
control[policies]="DROP POLICY own_party_insert ON s22a.vote"
control[comments]="COMMENT ON COLUMN s22a.consent.form IS NULL"
control[extconfig]="ALTER EXTENSION s22a DROP TABLE s22a.vote"
control[extension]="UPDATE pg_catalog.pg_extension SET extversion = '0.2' WHERE extname = 's22a'"
control[shipped]="DELETE FROM s22a.bank_holiday WHERE day = '2016-03-28'"
for part in "${parts[@]}"; do
	sql=${control[$part]}
	catalog_rows s22a_upgrade_new "$part" "$sql" >"$work/control.$part"
	if [ -s "$work/old.$part" ] && ! grep -q '^(query failed)$' "$work/control.$part" \
		&& ! cmp -s "$work/old.$part" "$work/control.$part"; then
		echo "ok - upgrade: positive control: $part differ once the fresh install has had $sql ($(diff "$work/old.$part" "$work/control.$part" | grep -c '^[<>]') lines)"
	else
		echo "not ok - upgrade: positive control: $part unchanged by $sql"
		head -3 "$work/control.$part"
	fi
done
# and the privilege the 0.3 update revokes is seen when given back
catalog_rows s22a_upgrade_new functions "GRANT EXECUTE ON FUNCTION s22a.audit_row() TO PUBLIC" >"$work/control.grant"
! cmp -s "$work/old.functions" "$work/control.grant" && ! grep -q '^(query failed)$' "$work/control.grant" \
	&& echo "ok - upgrade: positive control: functions differ once a trigger function is executable by PUBLIC again" \
	|| echo "not ok - upgrade: positive control: GRANT EXECUTE on audit_row() to PUBLIC goes unnoticed"

# --- 0.3: trigger functions are not executable by PUBLIC ------------------------
for db in s22a_upgrade_old s22a_upgrade_new; do
	out=$(q -d "$db" -At -c "
		SELECT count(*) FILTER (WHERE has_function_privilege('public', p.oid, 'EXECUTE')) || ' of ' || count(*)
		FROM pg_proc p WHERE p.pronamespace = 's22a'::regnamespace AND p.prorettype = 'trigger'::regtype" 2>&1)
	[[ "$out" =~ ^0\ of\ [1-9][0-9]*$ ]] && echo "ok - upgrade: $db: PUBLIC may execute none of the ${out#0 of } trigger functions" \
		|| echo "not ok - upgrade: $db: trigger functions executable by PUBLIC: '$out' (want '0 of' all)"
done

# --- the demo data, through the update --------------------------------------
s22a_progress "the demo data, row for row through the updates"
fingerprints s22a_upgrade_old "$work/before.txt" >"$work/after.txt"
while IFS='|' read -r rel kind fp _cols; do
	other=$(grep "^$rel|" "$work/after.txt" | cut -d'|' -f3)
	what=$([ "$kind" = r ] && echo table || echo view)
	if [ "$fp" = "$other" ]; then
		echo "ok - upgrade: $what $rel unchanged by the update (${fp%%:*} rows)"
	else
		echo "not ok - upgrade: $what $rel changed by the update (before ${fp%%:*} rows, after ${other%%:*} rows)"
	fi
done <"$work/before.txt"
for rel in $added_columns_tables; do
	n=$(q -d s22a_upgrade_old -At -c "SELECT count(*) FILTER (WHERE authorised_by IS NOT NULL) || ' of ' || count(*) FROM s22a.$rel" 2>&1)
	[[ "$n" =~ ^0\ of\ [0-9]+$ ]] && echo "ok - upgrade: $rel gains authorised_by, NULL on its ${n#0 of } rows" \
		|| echo "not ok - upgrade: $rel.authorised_by after the update: '$n'"
done
new_tables=$(comm -13 <(cut -d'|' -f1 "$work/before.txt") <(cut -d'|' -f1 "$work/after.txt") | paste -sd' ')
expected_new="benefit benefits_by_year budget_variance charges cost_problems decision_citation half_year_report local_decision local_decisions_outstanding party_member publication_due recommendation recommendations_outstanding review risk risk_register spend"
[ "$new_tables" = "$expected_new" ] && echo "ok - upgrade: the update adds tables and views $expected_new ($(grep '^party_member|' "$work/after.txt" | cut -d'|' -f3 | cut -d: -f1) party_member rows)" \
	|| echo "not ok - upgrade: the update added relations '$new_tables', expected $expected_new"
# 0.3 charges part years by agreement.charging: the update gives every
# existing agreement first_day (0.2's rule), so its cost figures stay what
# they were (the fingerprints of cost_allocation and cost_balance above);
# an agreement added after the update gets pro_rata_days
out=$(q -d s22a_upgrade_old -At -c "
	SELECT count(*) FILTER (WHERE charging = 'first_day') || ' of ' || count(*) FROM s22a.agreement" \
	-c "SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
	    WHERE d.adrelid = 's22a.agreement'::regclass AND a.attname = 'charging'" \
	-c "SELECT count(*) FROM s22a.budget WHERE NOT shared" -c "SELECT count(*) FROM s22a.cost_problems" 2>&1 | paste -sd'|')
n=$(q -d s22a_upgrade_old -At -c "SELECT count(*) FROM s22a.agreement")
[ "$out" = "$n of $n|'pro_rata_days'::s22a.charging_rule|0|0" ] \
	&& echo "ok - upgrade: the $n existing agreements are charged first_day (0.2's rule), new ones default to pro_rata_days; every budget line stays shared; no cost problems" \
	|| echo "not ok - upgrade: charging, shared and cost_problems after the update: '$out' (want '$n of $n|'pro_rata_days'::s22a.charging_rule|0|0')"
n=$(q -d s22a_upgrade_old -At -c "SELECT (SELECT count(*) FROM s22a.spend) + (SELECT count(*) FROM s22a.benefit) || ' ' ||
	(SELECT count(*) FILTER (WHERE payee_force IS NOT NULL) || ' of ' || count(*) FROM s22a.agreement)" 2>&1)
[[ "$n" =~ ^0\ 0\ of\ [0-9]+$ ]] && echo "ok - upgrade: spend and benefit are empty, agreement gains payee_force, NULL on its ${n#0 0 of } rows (the lead force is paid, as before)" \
	|| echo "not ok - upgrade: spend, benefit and payee_force after the update: '$n'"
# 0.3 keeps spent decisions in decision_citation: the update fills it from
# the audit log, one row for each decision the demo cited in authorised_by
cited=$(q -d s22a_upgrade_old -At -c "
	SELECT (SELECT count(DISTINCT a) FROM (SELECT authorised_by FROM s22a.agreement UNION ALL
	                                       SELECT authorised_by FROM s22a.agreement_party) x(a))
	       || ' ' || (SELECT count(*) FROM s22a.decision_citation)" 2>&1)
[ -n "$cited" ] && [ "${cited% *}" = "${cited#* }" ] && [ "${cited% *}" -gt 0 ] \
	&& echo "ok - upgrade: decision_citation holds the ${cited% *} decisions cited before the update (they stay spent)" \
	|| echo "not ok - upgrade: decision_citation after the update: '$cited' (decisions cited, rows)"

# --- the roles: 0.2's create_roles() before the update, 0.3's on a fresh install
s22a_progress "the roles: 0.2's create_roles() then the update, against 0.3's"
[ "$(q -d postgres -At -c "SELECT count(*) FROM pg_roles WHERE rolname IN ('s22a_reader', 's22a_clerk', 's22a_admin', 's22a_party')")" = 0 ] && drop_roles=1
# reader_attach DB: how many of the trigger functions a member of s22a_reader
# is refused (42501) when it attaches them to a temporary table of its own
reader_attach() {
	q -d "$1" -At -c "
		CREATE ROLE s22a_upgrade_reader IN ROLE s22a_reader;
		SET ROLE s22a_upgrade_reader;
		CREATE TEMP TABLE mine (id int PRIMARY KEY);
		DO \$\$
		DECLARE
			f text;
			n int := 0;
			refused int := 0;
		BEGIN
			FOR f IN SELECT format('%I.%I()', 's22a', p.proname) FROM pg_proc p
			          WHERE p.pronamespace = 's22a'::regnamespace AND p.prorettype = 'trigger'::regtype
			LOOP
				n := n + 1;
				BEGIN
					EXECUTE format('CREATE TRIGGER attached AFTER INSERT ON pg_temp.mine FOR EACH STATEMENT EXECUTE FUNCTION %s', f);
					DROP TRIGGER attached ON pg_temp.mine;
				EXCEPTION WHEN insufficient_privilege THEN
					refused := refused + 1;
				END;
			END LOOP;
			RAISE NOTICE 'refused % of %', refused, n;
		END
		\$\$;
		DROP TABLE mine;
		RESET ROLE;
		DROP ROLE s22a_upgrade_reader" 2>&1 | sed -n 's/^NOTICE: *//p'
}
out=$(q -d s22a_upgrade_roles -At -c "CREATE EXTENSION s22a VERSION '0.2'" -c "SELECT count(*) FROM s22a.create_roles()" 2>&1)
[ "$out" = 4 ] && echo "ok - upgrade: 0.2 and its create_roles() in a third database" \
	|| echo "not ok - upgrade: 0.2 and its create_roles(): $out"
out=$(reader_attach s22a_upgrade_roles)
[ "$out" = "refused 0 of 18" ] && echo "ok - upgrade: on 0.2 a reader attaches any of the 18 trigger functions to a table of its own ($out): what 0.3 closes" \
	|| echo "not ok - upgrade: on 0.2 a reader attaching the trigger functions: '$out' (want 'refused 0 of 18')"
q -d s22a_upgrade_roles -c "ALTER EXTENSION s22a UPDATE" >"$work/update_roles.log" 2>&1 \
	&& q -d s22a_upgrade_new -At -c "SELECT count(*) FROM s22a.create_roles()" >/dev/null 2>>"$work/update_roles.log" \
	|| { echo "not ok - upgrade: the update of the database with roles, or create_roles() on the fresh install"; cat "$work/update_roles.log"; }
compare_catalogs s22a_upgrade_roles s22a_upgrade_new "with the roles' grants: 0.2's create_roles() then the update, 0.3's create_roles() on a fresh install"
for db in s22a_upgrade_roles s22a_upgrade_new; do
	out=$(reader_attach "$db")
	n=${out##* of }
	[[ "$n" =~ ^[1-9][0-9]*$ ]] && [ "$out" = "refused $n of $n" ] \
		&& echo "ok - upgrade: $db: a reader is refused all $n trigger functions for a table of its own (42501)" \
		|| echo "not ok - upgrade: $db: a reader attaching the trigger functions: '$out' (want all refused)"
done

# the updated register still enforces its rules and audits, and create_roles() works on it
out=$(q -d s22a_upgrade_old -At -c "SELECT count(*) FROM s22a.create_roles()" \
	-c "SELECT count(*) FROM pg_roles WHERE rolname IN ('s22a_reader', 's22a_clerk', 's22a_admin', 's22a_party')" 2>&1 | paste -sd' ')
[ "$out" = "4 4" ] && echo "ok - upgrade: create_roles() on the updated database gives the 4 roles" \
	|| echo "not ok - upgrade: create_roles() on the updated database: $out"
out=$(q -d s22a_upgrade_old -At -c "
	CREATE ROLE s22a_upgrade_pcc IN ROLE s22a_party;
	INSERT INTO s22a.party_member VALUES ('PCC-CAM', 's22a_upgrade_pcc');
	SET ROLE s22a_upgrade_pcc;
	CREATE TEMP TABLE reached (who text, n bigint);
	WITH u AS (UPDATE s22a.agreement_party SET declared_on = declared_on WHERE party_code <> 'PCC-CAM' RETURNING 1)
	INSERT INTO reached SELECT 'others', count(*) FROM u;
	-- an UPDATE that changes nothing passes the sealing rule, so this
	-- shows only what row-level security lets the role reach
	WITH u AS (UPDATE s22a.agreement_party SET declared_on = declared_on WHERE party_code = 'PCC-CAM' RETURNING 1)
	INSERT INTO reached SELECT 'own', count(*) FROM u;
	RESET ROLE;
	DELETE FROM s22a.party_member WHERE role_name = 's22a_upgrade_pcc';
	SELECT (SELECT n FROM reached WHERE who = 'others') || ' ' ||
	       (SELECT (n > 0)::text FROM reached WHERE who = 'own') || ' ' ||
	       (SELECT count(*) FROM s22a.audit_log WHERE table_name = 'party_member');
	DROP TABLE reached;
	DROP OWNED BY s22a_upgrade_pcc;
	DROP ROLE s22a_upgrade_pcc" 2>&1 | grep -E '^[0-9]+ (true|false) [0-9]+$')
[ "$out" = "0 true 2" ] && echo "ok - upgrade: on the updated register a party role reaches no other party's row (0 updated), reaches its own, and party_member is audited (2 log rows)" \
	|| echo "not ok - upgrade: row-level security or audit of party_member on the updated register: '$out' (want '0 true 2')"

# --- not trusted: a non-superuser database owner cannot install it ----------
s22a_progress "not trusted: a database owner cannot install it"
q -d postgres -c "CREATE ROLE s22a_upgrade_dbowner LOGIN" -c "CREATE DATABASE s22a_upgrade_owned OWNER s22a_upgrade_dbowner" >/dev/null
err=$(psql -X -q -U s22a_upgrade_dbowner -d s22a_upgrade_owned -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
	-c "\set VERBOSITY verbose" -c "CREATE EXTENSION s22a" 2>&1)
if grep -q '42501' <<<"$err" && ! grep -q '^trusted' "$top/s22a.control"; then
	echo "ok - upgrade: s22a is not trusted: a non-superuser database owner is refused CREATE EXTENSION (42501)"
else
	echo "not ok - upgrade: a non-superuser database owner: $err"
fi
