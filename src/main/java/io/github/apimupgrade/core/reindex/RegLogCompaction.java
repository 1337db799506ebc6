package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.BatchProgress;
import io.github.apimupgrade.core.db.ManualCommit;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What WSO2's {@code reg-index.sql} does to {@code REG_LOG}, in linear time, in batches, and in memory
 * that does not grow with the number of rows.
 *
 * <p>reg-index.sql keeps {@code MAX(REG_LOG_ID)} per {@code (REG_PATH, REG_TENANT_ID)}, deletes every
 * row whose id is not among those maxima (by id alone, as its {@code NOT IN} does), and then deletes
 * every row with {@code REG_ACTION = 7}, so the newest row of a path is deleted too when it is a
 * delete (action 7). The result is: rows whose id is a group maximum and whose action is not 7.
 *
 * <p>Its {@code DELETE … NOT IN (subquery)} runs as a nested scan on PostgreSQL and MariaDB
 * (quadratic), and MariaDB's {@code GROUP BY} on the 750-character path is itself slower than a scan
 * by two orders of magnitude. So the grouping is done here: one forward-only scan streams every row's
 * id, tenant, action and the database's own comparison key of the path (MySQL: the collation's
 * {@code WEIGHT_STRING}, so that paths GROUP BY would merge are merged here too) into
 * {@link GroupMaxima}, which keeps per group only a 128-bit digest of the key and the newest id.
 * Per block of {@code batchSize} consecutive ids it also counts rows, so blocks with nothing to
 * delete are skipped and progress has a total.
 *
 * <p>The deletes are plain set-based SQL: one {@code DELETE} per block of ids, "action 7 or not one of
 * the newest ids in this block" (at most 1,000 ids listed per statement, Oracle's limit for an IN list; a block with more is split),
 * one commit per statement, in ascending id order.
 *
 * <p>Interrupting is safe: a batch commits or not at all, and blocks are done in id order, so after
 * a crash every path's newest row is either untouched or (action 7) gone with all older rows of its
 * path; running again recomputes the same maxima for what is left and finishes the work. (Exactly
 * so as long as REG_LOG_IDs are not reused across tenants, which they are not: they come from one
 * sequence / auto-increment.)
 */
public final class RegLogCompaction {
    static final String SQL_PATH = "reindex";
    private static final int MAX_IDS_PER_STATEMENT = 1000;
    private static final String KEEP_MARKER = "APIM_KEEP_IDS";

    private final Dialect dialect;
    private final int batchSize;
    private final UpgradeLog log;

    public RegLogCompaction(Dialect dialect, int batchSize, UpgradeLog log) {
        if (batchSize < 1) {
            throw new ApimException("apim.reindex.batchSize must be at least 1, not " + batchSize);
        }
        this.dialect = dialect;
        this.batchSize = batchSize;
        this.log = log;
    }

    /** The outcome of the scan: the newest id of every group, and the rows per block of ids. */
    public static final class Analysis {
        private final int[] newest;
        private final int[] surviving;
        private final NavigableMap<Long, Integer> rowsPerBlock;
        private final long rows;

        Analysis(GroupMaxima groups, NavigableMap<Long, Integer> rowsPerBlock, long rows) {
            this.newest = groups.newestIds();
            this.surviving = groups.survivingIds();
            this.rowsPerBlock = rowsPerBlock;
            this.rows = rows;
        }

        public long rows() { return rows; }
        public long toDelete() { return rows - surviving.length; }
        public int groups() { return newest.length; }

        /** Blocks holding at least one row that goes. */
        long blocksToDo(int batchSize) {
            return rowsPerBlock.entrySet().stream()
                    .filter(e -> e.getValue() > count(surviving, lo(e.getKey(), batchSize), hi(e.getKey(), batchSize)))
                    .count();
        }
    }

    /** Scans REG_LOG once (read only). */
    public Analysis analyse(Connection c) throws SQLException {
        String sql = single(SqlResources.load(SQL_PATH, dialect, "scan"));
        GroupMaxima groups = new GroupMaxima();
        PathDigest digest = new PathDigest();
        NavigableMap<Long, Integer> rowsPerBlock = new TreeMap<>();
        long rows = 0;
        boolean autoCommit = c.getAutoCommit();
        if (dialect == Dialect.POSTGRESQL) {
            c.setAutoCommit(false); // PostgreSQL streams with a fetch size only inside a transaction
        }
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            s.setFetchSize(streamingFetchSize(c));
            try (ResultSet rs = s.executeQuery(sql)) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    int tenant = rs.getInt(2);
                    boolean isDelete = rs.getInt(3) == 7;
                    digest.of(rs.getObject(4));
                    groups.add(tenant, digest.hi, digest.lo, id, isDelete);
                    rowsPerBlock.merge(Math.floorDiv((long) id, batchSize), 1, Integer::sum);
                    rows++;
                }
            }
        } finally {
            if (dialect == Dialect.POSTGRESQL) {
                c.commit();
                c.setAutoCommit(autoCommit);
            }
        }
        return new Analysis(groups, rowsPerBlock, rows);
    }

    private int streamingFetchSize(Connection c) throws SQLException {
        String driver = c.getMetaData().getDriverName().toLowerCase();
        // MySQL Connector/J streams row by row only with Integer.MIN_VALUE; other drivers take a size.
        return driver.contains("mysql") && !driver.contains("mariadb") ? Integer.MIN_VALUE : 10_000;
    }

    /** Deletes what the analysis found, one block of ids per statement and commit, in ascending order. */
    public long delete(Connection c, Analysis a) throws SQLException {
        // split once with a marker for the list (Flyway's parser would treat ${keepIds} as its own placeholder)
        String some = single(SqlResources.fill(SqlResources.load(SQL_PATH, dialect, "delete-range"), Map.of("keepIds", KEEP_MARKER)));
        String all = single(SqlResources.load(SQL_PATH, dialect, "delete-range-all"));
        BatchProgress progress = new BatchProgress("REG_LOG", "rows deleted", a.toDelete(), log);
        long deleted = ManualCommit.run(c, () -> deleteBlocks(c, a, some, all, progress));
        progress.finish();
        return deleted;
    }

    private long deleteBlocks(Connection c, Analysis a, String some, String all, BatchProgress progress) throws SQLException {
        long deleted = 0;
        for (Map.Entry<Long, Integer> block : a.rowsPerBlock.entrySet()) {
            long lo = lo(block.getKey(), batchSize);
            long hi = hi(block.getKey(), batchSize);
            if (block.getValue() == count(a.surviving, lo, hi)) {
                continue; // every row of this block stays
            }
            int from = lowerBound(a.newest, lo);
            int to = lowerBound(a.newest, hi + 1);
            while (true) {
                int take = Math.min(MAX_IDS_PER_STATEMENT, to - from);
                long rangeHi = to - from > MAX_IDS_PER_STATEMENT ? a.newest[from + MAX_IDS_PER_STATEMENT] - 1L : hi;
                int count = deleteRange(c, take == 0 ? all : some.replace(KEEP_MARKER, literals(a.newest, from, take)),
                        lo, rangeHi);
                c.commit();
                deleted += count;
                progress.add(count);
                FaultInjector.afterBatch();
                if (rangeHi == hi) {
                    break;
                }
                from += take;
                lo = rangeHi + 1;
            }
        }
        return deleted;
    }

    private static int deleteRange(Connection c, String sql, long lo, long hi) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, lo);
            ps.setLong(2, hi);
            return ps.executeUpdate();
        }
    }

    /**
     * The kept ids as integer literals, not bind parameters: H2 turns a list of constants into a hash
     * lookup but compares a list of parameters one by one, for every row. They are ints read from
     * the database, so nothing can be injected.
     */
    private static String literals(int[] ids, int from, int n) {
        StringBuilder out = new StringBuilder(n * 8);
        for (int k = from; k < from + n; k++) {
            out.append(k == from ? "" : ", ").append(ids[k]);
        }
        return out.toString();
    }

    private static long lo(long block, int batchSize) {
        return block * batchSize;
    }

    private static long hi(long block, int batchSize) {
        return block * batchSize + batchSize - 1;
    }

    /** How many of the sorted {@code ids} lie in [lo, hi]. */
    private static int count(int[] ids, long lo, long hi) {
        return lowerBound(ids, hi + 1) - lowerBound(ids, lo);
    }

    /** The index of the first of the sorted {@code ids} that is at least {@code value}. */
    private static int lowerBound(int[] ids, long value) {
        int low = 0;
        int high = ids.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (ids[mid] < value) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
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
        return StatementSplitter.withoutComments(statements.get(0));
    }
}
