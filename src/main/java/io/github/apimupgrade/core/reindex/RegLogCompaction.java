package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What WSO2's {@code reg-index.sql} does to {@code REG_LOG}, in linear time and in batches.
 *
 * <p>reg-index.sql keeps {@code MAX(REG_LOG_ID)} per {@code (REG_PATH, REG_TENANT_ID)}, deletes every
 * row whose id is not among those maxima (by id alone, as its {@code NOT IN} does), and then deletes
 * every row with {@code REG_ACTION = 7} — so the newest row of a path is deleted too when it is a
 * delete (action 7). The result is: rows whose id is a group maximum and whose action is not 7.
 *
 * <p>Its {@code DELETE … NOT IN (subquery)} is executed as a nested scan on PostgreSQL and MariaDB
 * (quadratic), and grouping on the long {@code REG_PATH} is slow on MariaDB. Here one scan of the
 * table feeds a hash map keyed by tenant and the database's own comparison key of the path (MySQL:
 * the collation's {@code WEIGHT_STRING}, so that paths GROUP BY would merge are merged here too); the
 * map confirms key equality on every hash hit, so grouping is exact. The rows to delete are then
 * removed in ascending id ranges, one transaction per batch, with progress.
 *
 * <p>Interrupting is safe: a batch commits or not at all, and ranges are done in id order, so after
 * a crash every path's newest row is either untouched or (action 7) gone with all older rows of its
 * path; running again recomputes the same maxima for what is left and finishes the work. (Exactly
 * so as long as REG_LOG_IDs are not reused across tenants, which they are not: they come from one
 * sequence / auto-increment.)
 */
public final class RegLogCompaction {
    static final String SQL_PATH = "reindex";
    private static final int MAX_KEEP_PARAMS = 1000;
    private static final String KEEP_MARKER = "APIM_KEEP_IDS";

    private final Dialect dialect;
    private final int batchSize;
    private final UpgradeLog log;

    public RegLogCompaction(Dialect dialect, int batchSize, UpgradeLog log) {
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.log = log;
    }

    /** The outcome of the scan: every row sorted by id, which ids to keep, and how many rows go. */
    public static final class Analysis {
        final int[] ids;
        final byte[] drop;
        final long rows;
        final long toDelete;
        final int groups;

        Analysis(int[] ids, byte[] drop, int groups) {
            this.ids = ids;
            this.drop = drop;
            this.rows = ids.length;
            long d = 0;
            for (byte b : drop) {
                d += b;
            }
            this.toDelete = d;
            this.groups = groups;
        }

        public long rows() { return rows; }
        public long toDelete() { return toDelete; }
        public int groups() { return groups; }
    }

    /** Scans REG_LOG once (read only). */
    public Analysis analyse(Connection c) throws SQLException {
        String sql = single(SqlResources.load(SQL_PATH, dialect, "scan"));
        int n = 0;
        int[] id = new int[1 << 16];
        int[] tenant = new int[1 << 16];
        boolean[] seven = new boolean[1 << 16];
        Map<GroupKey, Integer> max = new HashMap<>();
        boolean autoCommit = c.getAutoCommit();
        if (dialect == Dialect.POSTGRESQL) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        }
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(streamingFetchSize(c));
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    if (n == id.length) {
                        id = Arrays.copyOf(id, n * 2);
                        tenant = Arrays.copyOf(tenant, n * 2);
                        seven = Arrays.copyOf(seven, n * 2);
                    }
                    int rowId = rs.getInt(1);
                    int t = rs.getInt(2);
                    id[n] = rowId;
                    tenant[n] = t;
                    seven[n] = rs.getInt(3) == 7;
                    Object key = key(rs);
                    max.merge(new GroupKey(t, key), rowId, Math::max);
                    n++;
                }
            }
        } finally {
            if (dialect == Dialect.POSTGRESQL) {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        }
        // The maxima by id alone, as reg-index.sql's "REG_LOG_ID NOT IN (SELECT REG_LOG_ID ...)" uses them.
        int[] keep = max.values().stream().mapToInt(Integer::intValue).sorted().toArray();
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = ((long) id[i] << 32) | i;
        }
        Arrays.sort(order);
        int[] sortedIds = new int[n];
        byte[] drop = new byte[n];
        for (int k = 0; k < n; k++) {
            int i = (int) order[k];
            sortedIds[k] = id[i];
            drop[k] = (byte) (seven[i] || Arrays.binarySearch(keep, id[i]) < 0 ? 1 : 0);
        }
        return new Analysis(sortedIds, drop, max.size());
    }

    private int streamingFetchSize(Connection c) throws SQLException {
        String driver = c.getMetaData().getDriverName().toLowerCase();
        // MySQL Connector/J streams row by row only with Integer.MIN_VALUE; other drivers take a size.
        return driver.contains("mysql") && !driver.contains("mariadb") ? Integer.MIN_VALUE : 10_000;
    }

    private static Object key(ResultSet rs) throws SQLException {
        Object v = rs.getObject(4);
        if (v instanceof byte[] b) {
            return ByteBuffer.wrap(b); // equals/hashCode by content
        }
        return v; // String or null (NULL paths form one group per tenant, as in GROUP BY)
    }

    private record GroupKey(int tenant, Object path) {
    }

    /** Deletes what the analysis found, in id ranges of at most {@code batchSize} rows, one commit each. */
    public long delete(Connection c, Analysis a) throws SQLException {
        // split once with a marker for the list (Flyway's parser would treat ${keepIds} as its own placeholder)
        String some = single(SqlResources.fill(SqlResources.load(SQL_PATH, dialect, "delete-range"), Map.of("keepIds", KEEP_MARKER)));
        String all = single(SqlResources.load(SQL_PATH, dialect, "delete-range-all"));
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        Progress progress = new Progress(a.toDelete, log);
        long deleted = 0;
        try {
            int i = 0;
            int n = a.ids.length;
            while (i < n) {
                // skip leading kept rows: a range starts and ends on a row to delete
                while (i < n && a.drop[i] == 0) {
                    i++;
                }
                if (i == n) {
                    break;
                }
                int start = i;
                int dropped = 0;
                List<Integer> keepIds = new ArrayList<>();
                int lastDrop = i;
                while (i < n && dropped < batchSize) {
                    if (a.drop[i] == 1) {
                        dropped++;
                        lastDrop = i;
                    } else {
                        if (keepIds.size() == MAX_KEEP_PARAMS) {
                            break;
                        }
                        keepIds.add(a.ids[i]);
                    }
                    i++;
                }
                int lo = a.ids[start];
                int hi = a.ids[lastDrop];
                List<Integer> inRange = keepIds.stream().filter(k -> k <= hi).toList();
                String sql = inRange.isEmpty() ? all
                        : some.replace(KEEP_MARKER, String.join(", ", java.util.Collections.nCopies(inRange.size(), "?")));
                int count;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setInt(1, lo);
                    ps.setInt(2, hi);
                    for (int k = 0; k < inRange.size(); k++) {
                        ps.setInt(3 + k, inRange.get(k));
                    }
                    count = ps.executeUpdate();
                }
                c.commit();
                deleted += count;
                progress.add(count);
                i = lastDrop + 1;
                FaultInjector.afterStatement();
            }
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the original error is the one to report
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
        progress.finish();
        return deleted;
    }

    /** Tenants with registry paths (the tenant loader is needed when there is more than one). */
    public long tenants(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(single(SqlResources.load(SQL_PATH, dialect, "tenants")))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String single(String script) {
        List<String> statements = StatementSplitter.split(dialect, script);
        if (statements.size() != 1) {
            throw new ApimException("Expected one statement in a reindex script, found " + statements.size());
        }
        return statements.get(0).replaceAll("(?m)^\\s*--.*\\n", "").strip();
    }

    /** {@code done/total, rows/s, ETA}, at most every few seconds and at the end. */
    static final class Progress {
        private final long total;
        private final UpgradeLog log;
        private final long start = System.nanoTime();
        private long done;
        private long lastLog = System.nanoTime();

        Progress(long total, UpgradeLog log) {
            this.total = total;
            this.log = log;
        }

        void add(long n) {
            done += n;
            long now = System.nanoTime();
            if (now - lastLog > 5_000_000_000L) {
                lastLog = now;
                log.info("  REG_LOG: " + line(now));
            }
        }

        String line(long now) {
            double secs = Math.max(1e-3, (now - start) / 1e9);
            double rate = done / secs;
            long eta = rate > 0 ? Math.round((total - done) / rate) : -1;
            return String.format("%,d/%,d rows deleted, %,.0f rows/s, ETA %s", done, total, rate,
                    eta < 0 ? "?" : eta / 60 + "m" + String.format("%02d", eta % 60) + "s");
        }

        void finish() {
            log.info("  REG_LOG: " + line(System.nanoTime()) + " (done)");
        }
    }
}
