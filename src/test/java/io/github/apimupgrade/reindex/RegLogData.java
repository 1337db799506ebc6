package io.github.apimupgrade.reindex;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Random;
import java.util.TreeSet;

/** A generated registry REG_LOG, and WSO2's reg-index.sql as the reference oracle. */
public final class RegLogData {
    private RegLogData() {
    }

    static final int[] TENANTS = {-1234, 1, 2, 3};

    /**
     * {@code rows} rows over {@code paths} paths per tenant, ids in random path order, about 12 % of them
     * deletes (action 7), some NULL paths, and paths that differ only in case or a trailing space
     * (one group or two, depending on the database's collation: the oracle decides).
     */
    public static void generate(Connection c, int rows, int paths, long seed) throws SQLException {
        Random r = new Random(seed);
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO REG_LOG (REG_LOG_ID, REG_PATH, REG_USER_ID, REG_LOGGED_TIME, "
                + "REG_ACTION, REG_ACTION_DATA, REG_TENANT_ID) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            Timestamp t = Timestamp.valueOf("2020-03-01 00:00:00");
            for (int id = 1; id <= rows; id++) {
                int p = r.nextInt(paths);
                String path;
                int v = r.nextInt(100);
                if (v < 2) {
                    path = null;
                } else if (v < 5) {
                    path = "/_system/governance/apimgt/applicationdata/provider/Admin/API-" + p + "/1.0.0/api";
                } else if (v < 7) {
                    path = "/_system/governance/apimgt/applicationdata/provider/admin/API-" + p + "/1.0.0/api ";
                } else {
                    path = "/_system/governance/apimgt/applicationdata/provider/admin/API-" + p + "/1.0.0/api";
                }
                ps.setInt(1, id);
                ps.setString(2, path);
                ps.setString(3, "admin");
                ps.setTimestamp(4, t);
                ps.setInt(5, r.nextInt(100) < 12 ? 7 : 1 + r.nextInt(6));
                ps.setString(6, null);
                ps.setInt(7, TENANTS[Math.floorMod(p * 31 + r.nextInt(2), TENANTS.length)]);
                ps.addBatch();
                if (id % 5000 == 0) {
                    ps.executeBatch();
                    c.commit();
                }
            }
            ps.executeBatch();
            c.commit();
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** The five statements of WSO2's reg-index.sql (Step 2.6.1), run as they are. */
    public static void referenceScript(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE reg_log_ids_to_KEEP (REG_LOG_ID INTEGER, REG_TENANT_ID INTEGER)");
            s.execute("INSERT INTO reg_log_ids_to_KEEP (REG_LOG_ID, REG_TENANT_ID) "
                    + "SELECT MAX(REG_LOG_ID) AS REG_LOG_ID, REG_TENANT_ID FROM REG_LOG GROUP BY REG_PATH, REG_TENANT_ID");
            s.execute("DELETE FROM REG_LOG where REG_LOG_ID not in (SELECT REG_LOG_ID from reg_log_ids_to_KEEP)");
            s.execute("drop table reg_log_ids_to_KEEP");
            s.execute("DELETE FROM REG_LOG WHERE REG_ACTION = 7");
        }
    }

    /** The remaining rows as "id/tenant". */
    public static TreeSet<String> ids(Connection c) throws SQLException {
        TreeSet<String> out = new TreeSet<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT REG_LOG_ID, REG_TENANT_ID FROM REG_LOG")) {
            while (rs.next()) {
                out.add(rs.getInt(1) + "/" + rs.getInt(2));
            }
        }
        return out;
    }
}
