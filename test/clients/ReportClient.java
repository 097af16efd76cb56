// test/clients/ReportClient.java -- a BI tool's view of s22a through pgJDBC,
// as test/clients.sh runs it (single-file source launch, no build step):
//
//   java -cp /usr/share/java/postgresql.jar ReportClient.java JDBC-URL EXPECTED
//
// It logs in as a role with default settings (s22a is not on its search
// path), reads every reporting view and upcoming() whole with getObject and
// getString as BI tools do, filters cost_allocation and cost_balance by a
// financial year bound with setString (a PreparedStatement, as Power BI's
// and Tableau's JDBC paths send it) and prints one TAP-style line per check.
// EXPECTED holds key=value lines (test/clients.sh writes it; the Python
// client reads the same file).

import java.io.FileReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

public class ReportClient {
    // the types a driver that refuses unknown types (Npgsql) still reads
    static final Set<String> BUILT_IN = Set.of("text", "varchar", "numeric", "date", "int8", "int4", "int2",
            "bool", "timestamptz", "timestamp", "jsonb", "json", "xid8",
            "bigserial", "serial"); // pgJDBC's names for int8 and int4 columns with a sequence default
    static int failures = 0;

    static void check(boolean ok, String what, String detail) {
        if (ok) {
            System.out.println("ok - clients: pgjdbc: " + what);
        } else {
            failures++;
            System.out.println("not ok - clients: pgjdbc: " + what + (detail.isEmpty() ? "" : " (" + detail + ")"));
        }
    }

    static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage()).strip();
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl));
    }

    public static void main(String[] args) throws Exception {
        Properties expected = new Properties();
        try (FileReader r = new FileReader(args[1])) {
            expected.load(r);
        }
        // sslmode=disable: loopback, and no retry of the handshake in the log
        try (Connection conn = DriverManager.getConnection(args[0])) {
            try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("SHOW search_path")) {
                rs.next();
                String path = rs.getString(1);
                check(!path.contains("s22a"), "the login has the default search_path (" + path + ")", "");
            }

            // --- every reporting view, whole -----------------------------
            TreeMap<String, String> views = new TreeMap<>();
            for (String k : expected.stringPropertyNames())
                if (k.startsWith("view."))
                    views.put(k.substring(5), expected.getProperty(k));
            for (var v : views.entrySet()) {
                String name = v.getKey();
                int rows = 0;
                List<String> oddTypes = new ArrayList<>();
                List<String> nulls = new ArrayList<>();
                try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(v.getValue())) {
                    ResultSetMetaData md = rs.getMetaData();
                    for (int i = 1; i <= md.getColumnCount(); i++)
                        if (!BUILT_IN.contains(md.getColumnTypeName(i)))
                            oddTypes.add(md.getColumnName(i) + " " + md.getColumnTypeName(i));
                    while (rs.next()) {
                        rows++;
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            Object o = rs.getObject(i);
                            String s = rs.getString(i);
                            if ((o == null) != (s == null))
                                nulls.add(md.getColumnName(i));
                        }
                    }
                } catch (Exception e) {
                    check(false, "reads " + name, firstLine(e));
                    continue;
                }
                int want = Integer.parseInt(expected.getProperty("count." + name));
                check(rows == want, "reads " + name + ": " + rows + " rows", "expected " + want);
                check(oddTypes.isEmpty(), name + ": every column is of a built-in type", "not built in: " + oddTypes);
                check(nulls.isEmpty(), name + ": getObject and getString agree on every value", "differ: " + nulls);
            }

            // --- the financial year as a column --------------------------
            List<String> years = new ArrayList<>();
            String yearType = "";
            try (Statement st = conn.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT fiscal_year FROM s22a.cost_allocation ORDER BY fiscal_year")) {
                yearType = rs.getMetaData().getColumnTypeName(1);
                while (rs.next())
                    years.add((String) rs.getObject(1));
            } catch (Exception e) {
                years.add(firstLine(e));
            }
            String wantYears = expected.getProperty("years");
            check(String.join(",", years).equals(wantYears),
                    "cost_allocation.fiscal_year arrives as a String (" + yearType + "), ordered by year: " + years,
                    "expected " + wantYears);

            // --- filtering by year: bound parameters ----------------------
            StringBuilder got = new StringBuilder();
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT force_code, amount FROM s22a.cost_allocation"
                    + " WHERE agreement_ref = ? AND fiscal_year = ? AND line = ? ORDER BY force_code")) {
                ps.setString(1, "7F-SCP");
                ps.setString(2, "2016/17");
                ps.setString(3, "programme");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (got.length() > 0)
                            got.append(',');
                        got.append(rs.getString(1)).append(':').append(rs.getBigDecimal(2).toPlainString());
                    }
                }
            } catch (Exception e) {
                got.append(firstLine(e));
            }
            String want = expected.getProperty("seven_force_programme_2016");
            check(got.toString().equals(want),
                    "cost_allocation filtered by year as a bound parameter: Seven Force 2016/17 programme, "
                    + want.substring(0, want.indexOf(',')) + " first", "got " + got);

            String outstanding;
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT sum(outstanding) FROM s22a.cost_balance WHERE agreement_ref = ? AND fiscal_year = ?")) {
                ps.setString(1, "JPS");
                ps.setString(2, "2016/17");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    BigDecimal b = rs.getBigDecimal(1);
                    outstanding = b == null ? "null" : b.toPlainString();
                }
            } catch (Exception e) {
                outstanding = firstLine(e);
            }
            String wantOutstanding = expected.getProperty("jps_outstanding_2016");
            check(outstanding.equals(wantOutstanding),
                    "cost_balance filtered by a bound year: JPS 2016/17 outstanding " + wantOutstanding,
                    "got " + outstanding);

            String range;
            try (PreparedStatement ps = conn.prepareStatement(
                    "SELECT count(*) FROM s22a.cost_allocation WHERE fiscal_year >= ? AND fiscal_year < ?")) {
                ps.setString(1, "2019/20");
                ps.setString(2, "2021/22");
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    range = rs.getString(1);
                }
            } catch (Exception e) {
                range = firstLine(e);
            }
            String wantRange = expected.getProperty("rows_2019_to_2020");
            check(range.equals(wantRange),
                    "cost_allocation over a range of years given as bound parameters: " + wantRange + " rows",
                    "got " + range);
        }
        System.exit(failures == 0 ? 0 : 1);
    }
}
