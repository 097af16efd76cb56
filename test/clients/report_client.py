"""test/clients/report_client.py -- a reporting tool's view of s22a, through
psycopg 3 (text or binary results) or psycopg 2, as test/clients.sh runs it:

    /usr/bin/python3 report_client.py psycopg3-text|psycopg3-binary|psycopg2 DSN EXPECTED

EXPECTED is the file test/clients.sh writes for this client and the JDBC
one (test/clients/ReportClient.java): lines of key=value.

It logs in as a role with default settings (no search_path of its own, so
s22a is not on its path), reads every reporting view and upcoming() whole,
filters cost_allocation and cost_balance by a financial year given as a bound
parameter and as a literal, and prints one TAP-style line per check:
ok - ... / not ok - ...
"""
import datetime
import decimal
import sys

client, dsn, expected_file = sys.argv[1:4]
binary = client == "psycopg3-binary"
with open(expected_file) as f:
    props = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line and not line.startswith("#"))
views = {k[len("view."):]: v for k, v in props.items() if k.startswith("view.")}
expected = {
    "views": views,
    "counts": {name: int(props["count." + name]) for name in views},
    "years": props["years"].split(","),
    "seven_force_programme_2016": [e.split(":") for e in props["seven_force_programme_2016"].split(",")],
    "jps_outstanding_2016": props["jps_outstanding_2016"],
    "rows_2019_to_2020": int(props["rows_2019_to_2020"]),
}

# OIDs below FirstNormalObjectId (16384) are the built-in types every
# driver knows; a type of the extension gets an OID above it.
FIRST_NORMAL_OBJECT_ID = 16384
# what a driver may hand back for a value: never raw bytes, never a string
# of an unknown type's wire form
PLAIN = (str, int, bool, decimal.Decimal, datetime.date, datetime.datetime, dict, list, type(None))

XID8_OID = 5069
failures = 0


def check(ok, what, detail=""):
    global failures
    if ok:
        print(f"ok - clients: {client}: {what}")
    else:
        failures += 1
        print(f"not ok - clients: {client}: {what}" + (f" ({detail})" if detail else ""))


if client.startswith("psycopg3"):
    import psycopg
    conn = psycopg.connect(dsn, autocommit=True)

    def cursor():
        return conn.cursor(binary=binary)
    P = "%s"
else:
    import psycopg2
    import psycopg2.extras  # noqa: F401 -- jsonb to dict, as psycopg 2 does by default
    conn = psycopg2.connect(dsn)
    conn.autocommit = True

    def cursor():
        return conn.cursor()
    P = "%s"

cur = cursor()
cur.execute("SHOW search_path")
path = cur.fetchone()[0]
check("s22a" not in path, f"the login has the default search_path ({path})")

# --- every reporting view, whole --------------------------------------------
for name, sql in expected["views"].items():
    try:
        cur = cursor()
        cur.execute(sql)
        rows = cur.fetchall()
        types = [(d.name, d.type_code) for d in cur.description]
    except Exception as e:  # noqa: BLE001 -- the message is the test's output
        check(False, f"reads {name}", f"{type(e).__name__}: {str(e).strip().splitlines()[0]}")
        continue
    check(len(rows) == expected["counts"][name], f"reads {name}: {len(rows)} rows",
          f"expected {expected['counts'][name]}")
    odd_types = [(n, t) for n, t in types if t >= FIRST_NORMAL_OBJECT_ID]
    check(not odd_types, f"{name}: every column is of a built-in type", f"not built in: {odd_types}")
    # psycopg 3 (3.1, Debian 12) has no binary loader for xid8, a built-in
    # type: audit_log.transaction_id arrives as its 8 wire bytes in binary
    # mode.  doc/reports.md says so and gives the cast; checked below.
    xid8 = {types[i][0] for i in range(len(types)) if types[i][1] == XID8_OID} if binary else set()
    odd_values = sorted({(types[i][0], type(v).__name__) for r in rows for i, v in enumerate(r)
                         if not isinstance(v, PLAIN) and types[i][0] not in xid8})
    check(not odd_values, f"{name}: every value arrives as a plain Python value"
          + (f" (but {', '.join(sorted(xid8))}: xid8, see below)" if xid8 else ""), f"{odd_values}")

if binary:
    cur = cursor()
    cur.execute("SELECT transaction_id::text::bigint FROM s22a.audit_log ORDER BY id")
    ids = [r[0] for r in cur.fetchall()]
    check(len(ids) == expected["counts"]["audit_log"] and all(isinstance(i, int) and i > 0 for i in ids),
          "audit_log.transaction_id read as transaction_id::text::bigint arrives as int (doc/reports.md)",
          f"{ids[:3]}")

# --- the financial year as a column -------------------------------------------
cur = cursor()
cur.execute("SELECT DISTINCT fiscal_year FROM s22a.cost_allocation ORDER BY fiscal_year")
years = [r[0] for r in cur.fetchall()]
check(years == expected["years"], f"cost_allocation.fiscal_year arrives as text, ordered by year: {years}",
      f"expected {expected['years']}")

# --- filtering by year: a bound parameter, then a literal ----------------------
filters = {
    "bound parameter": ("SELECT force_code, amount FROM s22a.cost_allocation "
                        f"WHERE agreement_ref = {P} AND fiscal_year = {P} AND line = {P} ORDER BY force_code",
                        ("7F-SCP", "2016/17", "programme")),
    "literal": ("SELECT force_code, amount FROM s22a.cost_allocation "
                "WHERE agreement_ref = '7F-SCP' AND fiscal_year = '2016/17' AND line = 'programme' ORDER BY force_code",
                None),
}
want = [[f, decimal.Decimal(a)] for f, a in expected["seven_force_programme_2016"]]
for how, (sql, params) in filters.items():
    try:
        cur = cursor()
        cur.execute(sql, params)
        got = [[f, a] for f, a in cur.fetchall()]
    except Exception as e:  # noqa: BLE001
        got = f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"
    check(got == want, f"cost_allocation filtered by year as a {how}: Seven Force 2016/17 programme "
          f"split among {len(want)} forces, {want[0][0]} pays {want[0][1]}", f"got {got}")

try:
    cur = cursor()
    cur.execute(f"SELECT sum(outstanding) FROM s22a.cost_balance WHERE agreement_ref = {P} AND fiscal_year = {P}",
                ("JPS", "2016/17"))
    got = cur.fetchone()[0]
except Exception as e:  # noqa: BLE001
    got = f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"
check(got == decimal.Decimal(expected["jps_outstanding_2016"]),
      f"cost_balance filtered by a bound year: JPS 2016/17 outstanding {expected['jps_outstanding_2016']}",
      f"got {got}")

try:
    cur = cursor()
    cur.execute(f"SELECT count(*) FROM s22a.cost_allocation WHERE fiscal_year >= {P} AND fiscal_year < {P}",
                ("2019/20", "2021/22"))
    got = cur.fetchone()[0]
except Exception as e:  # noqa: BLE001
    got = f"{type(e).__name__}: {str(e).strip().splitlines()[0]}"
check(got == expected["rows_2019_to_2020"],
      f"cost_allocation over a range of years given as bound parameters: {expected['rows_2019_to_2020']} rows",
      f"got {got}")

conn.close()
sys.exit(1 if failures else 0)
