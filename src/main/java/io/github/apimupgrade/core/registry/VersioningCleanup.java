package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.BatchProgress;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.ManualCommit;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry versioning clean-up (what WSO2's {@code registry-versioning-disable} scripts do), with the
 * least work the result needs, in time linear in the size of the registry. On PostgreSQL and MySQL the kept
 * rows are copied aside and the tables truncated and reloaded ({@link KeepAndReload}); elsewhere, and on a
 * registry whose tags, comments, properties or ratings another table refers to, the work is done in place
 * in committed batches:
 *
 * <ol>
 * <li><b>Versions</b>, per range of {@code REG_VERSION} ({@code versioning-links.sql}): the tag, comment,
 * property and rating links of versions that are not current are deleted, the others get their resource's
 * path id and name. WSO2's script instead updates every link row twice and then deletes most of them.</li>
 * <li><b>Side indexes</b>: the objects phase deletes tags, comments, properties and ratings, and every
 * deleted row makes the foreign key look for referring link rows. PostgreSQL, SQL Server, Oracle and DB2
 * do not index a foreign key's columns by themselves, and carbon-kernel's scripts do not either, so each
 * of those looks-ups scans the whole link table: quadratic. Where a link table has no index led by its id
 * column, one is created for the run and dropped at the end, so the schema is left as it was.</li>
 * <li><b>Objects</b>, per range of {@code REG_ID} ({@code versioning-objects.sql}): the objects no link
 * refers to are deleted.</li>
 * </ol>
 *
 * <p>Interrupting is safe: a batch commits or not at all, and every statement gives the same rows when it
 * runs again, so a re-run from the start finishes the work; a side index left by a killed run is found by
 * its name and dropped at the end of the next one.
 */
public final class VersioningCleanup {
    static final String SQL_PATH = "registry";
    static final String SIDE_INDEX_PREFIX = "APIM_UPG_TMP_";

    /** One kind of versioned registry metadata: its link table and the objects it links to. */
    enum Kind {
        TAG, COMMENT, PROPERTY, RATING;

        String link() { return "REG_RESOURCE_" + name(); }
        String objects() { return "REG_" + name(); }
        String idColumn() { return "REG_" + name() + "_ID"; }
        String sideIndex() { return SIDE_INDEX_PREFIX + name() + "_ID"; }
    }

    /** Rows a table has now and how many of them the clean-up deletes. */
    public record TableCount(String table, long rows, long toDelete) {
        public long toKeep() { return rows - toDelete; }
    }

    private final Dialect dialect;
    private final int batchRows;
    private final UpgradeLog log;
    /** Whether the catalog lets the run truncate and reload, once read (a few catalog look-ups on MySQL). */
    private Boolean reloads;

    public VersioningCleanup(Dialect dialect, int batchRows, UpgradeLog log) {
        if (batchRows < 1) {
            throw new ApimException("apim.registry.batchSize must be at least 1, not " + batchRows);
        }
        this.dialect = dialect;
        this.batchRows = batchRows;
        this.log = log;
    }

    /** The statements of one batch of versions, in order; each has two bounds, {@code >= ?} and {@code < ?}. */
    public List<String> versionStatements() {
        return statements("versioning-links");
    }

    /** One statement per kind of object, each with two bounds on {@code REG_ID}. */
    public List<String> objectStatements() {
        return statements("versioning-objects");
    }

    private List<String> statements(String name) {
        return StatementSplitter.splitWithoutComments(dialect, SqlResources.loadOrShared(SQL_PATH, dialect, name));
    }

    /**
     * What the clean-up would delete and keep, per table; reads only. Counted from the rows kept, driven from
     * REG_RESOURCE (one row per resource) through the links' version index, as cheap as the run's own reads.
     */
    public List<TableCount> count(Connection c) throws SQLException {
        List<TableCount> out = new ArrayList<>();
        List<TableCount> objects = new ArrayList<>();
        for (Kind k : Kind.values()) {
            String current = "SELECT L." + k.idColumn() + ", L.REG_TENANT_ID FROM " + k.link() + " L JOIN REG_RESOURCE R "
                    + "ON R.REG_VERSION = L.REG_VERSION AND R.REG_TENANT_ID = L.REG_TENANT_ID";
            String unversioned = "SELECT L." + k.idColumn() + ", L.REG_TENANT_ID FROM " + k.link() + " L WHERE L.REG_VERSION IS NULL";
            long links = single(c, "SELECT COUNT(*) FROM " + k.link());
            long keptLinks = single(c, "SELECT COUNT(*) FROM (" + current + ") K") + single(c, "SELECT COUNT(*) FROM (" + unversioned + ") K");
            out.add(new TableCount(k.link(), links, links - keptLinks));
            long rows = single(c, "SELECT COUNT(*) FROM " + k.objects());
            long keptObjects = single(c, "SELECT COUNT(*) FROM (" + current + " UNION " + unversioned + ") K");
            objects.add(new TableCount(k.objects(), rows, rows - keptObjects));
        }
        out.addAll(objects);
        return out;
    }

    /**
     * The statements a run would execute, in order, for a plan; where the work is batched, each DELETE once, its two
     * parameters being the bounds of the id range each batch covers.
     */
    public List<String> plannedStatements(Connection c) throws SQLException {
        if (reloads(c)) {
            return new KeepAndReload(dialect, log).statements(c);
        }
        SideIndexes side = sideIndexes(c);
        List<String> out = new ArrayList<>(versionStatements());
        for (Kind k : side.create()) {
            out.addAll(ddlStatements("side-index-create", k));
        }
        out.addAll(objectStatements());
        for (Kind k : side.own()) {
            out.addAll(ddlStatements("side-index-drop", k));
        }
        return out;
    }

    /** Whether the run copies the kept rows aside and reloads them (PostgreSQL, MySQL) rather than deleting in batches. */
    public boolean reloads(Connection c) throws SQLException {
        if (reloads == null) {
            reloads = KeepAndReload.fits(new Catalog(c, dialect));
        }
        return reloads;
    }

    /** What a killed run of the clean-up may have left in the registry database: side indexes, copies. */
    public static List<String> leftovers(Catalog catalog) throws SQLException {
        List<String> out = new ArrayList<>();
        for (Kind k : Kind.values()) {
            catalog.indexes(k.link()).stream().map(Catalog.Key::name).filter(n -> n.equalsIgnoreCase(k.sideIndex())).forEach(out::add);
        }
        for (String table : catalog.tables().keySet()) {
            if (KeepAndReload.leftoverPrefixes().stream().anyMatch(table::startsWith)) {
                out.add(table);
            }
        }
        return out;
    }

    /** Does the whole clean-up; returns the rows deleted. */
    public long run(Connection c) throws SQLException {
        return run(c, List.of());
    }

    /** Does the whole clean-up, with the tables' row counts where a plan has just read them; returns the rows deleted. */
    public long run(Connection c, List<TableCount> counted) throws SQLException {
        return ManualCommit.run(c, () -> {
            if (reloads(c)) {
                return new KeepAndReload(dialect, log).run(c, counted);
            }
            long deleted = versions(c);
            List<Kind> sideIndexes = addSideIndexes(c);
            deleted += objects(c);
            dropSideIndexes(c, sideIndexes);
            return deleted;
        });
    }

    private long versions(Connection c) throws SQLException {
        long lo = Long.MAX_VALUE;
        long hi = Long.MIN_VALUE;
        long total = 0;
        for (Kind k : Kind.values()) {
            long[] range = range(c, k.link(), "REG_VERSION");
            lo = Math.min(lo, range[0]);
            hi = Math.max(hi, range[1]);
            total += range[2];
        }
        if (total == 0) {
            return 0;
        }
        long width = width(lo, hi, total);
        List<String> sql = versionStatements();
        BatchProgress progress = new BatchProgress("registry versions", "link rows", total, log);
        long deleted = 0;
        List<PreparedStatement> prepared = prepare(c, sql);
        try {
            for (long from = lo; from <= hi; from += width) {
                for (int i = 0; i < prepared.size(); i++) {
                    int n = bounded(prepared.get(i), from, from + width);
                    deleted += sql.get(i).startsWith("DELETE") ? n : 0;
                    progress.add(n);
                }
                c.commit();
                FaultInjector.afterBatch();
            }
        } finally {
            close(prepared);
        }
        progress.finish();
        return deleted;
    }

    private long objects(Connection c) throws SQLException {
        long deleted = 0;
        for (String sql : objectStatements()) {
            String table = sql.split("\\s+")[2];
            long[] range = range(c, table, "REG_ID");
            if (range[2] == 0) {
                continue;
            }
            long width = width(range[0], range[1], range[2]);
            BatchProgress progress = new BatchProgress(table, "rows checked", range[2], log);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (long from = range[0]; from <= range[1]; from += width) {
                    deleted += bounded(ps, from, from + width);
                    c.commit();
                    progress.add(Math.round((double) range[2] * Math.min(width, range[1] + 1 - from) / (range[1] + 1 - range[0])));
                    FaultInjector.afterBatch();
                }
            }
            progress.finish();
        }
        return deleted;
    }

    /** The side indexes the objects phase needs: those to create, and all the run's own (dropped at the end, a killed run's included). */
    private record SideIndexes(List<Kind> create, List<Kind> own) {
    }

    private SideIndexes sideIndexes(Connection c) throws SQLException {
        Catalog catalog = new Catalog(c, dialect);
        List<Kind> create = new ArrayList<>();
        List<Kind> own = new ArrayList<>();
        for (Kind k : Kind.values()) {
            List<Catalog.Key> indexes = catalog.indexes(k.link());
            boolean leftOver = indexes.stream().anyMatch(i -> i.name().equalsIgnoreCase(k.sideIndex()));
            boolean covered = indexes.stream().anyMatch(i -> !i.columns().isEmpty() && i.columns().get(0).equals(k.idColumn()));
            if (leftOver || !covered) {
                own.add(k);
            }
            if (!leftOver && !covered) {
                create.add(k);
            }
        }
        return new SideIndexes(create, own);
    }

    /** Creates the side indexes the objects phase needs; returns the kinds whose index is the run's own. */
    private List<Kind> addSideIndexes(Connection c) throws SQLException {
        SideIndexes side = sideIndexes(c);
        for (Kind k : side.create()) {
            log.info("  " + k.link() + " has no index on " + k.idColumn() + ": adding " + k.sideIndex() + " for this run");
            ddl(c, "side-index-create", k);
        }
        return side.own();
    }

    private void dropSideIndexes(Connection c, List<Kind> own) throws SQLException {
        for (Kind k : own) {
            ddl(c, "side-index-drop", k);
        }
    }

    private List<String> ddlStatements(String script, Kind k) {
        return StatementSplitter.split(dialect, SqlResources.fill(SqlResources.loadOrShared(SQL_PATH, dialect, script),
                Map.of("name", k.sideIndex(), "table", k.link(), "column", k.idColumn())));
    }

    private void ddl(Connection c, String script, Kind k) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : ddlStatements(script, k)) {
                s.execute(sql);
            }
        }
        c.commit();
        FaultInjector.afterStatement();
    }

    /** Batches of about {@code batchRows} rows over a key range holding {@code rows} rows. */
    private long width(long lo, long hi, long rows) {
        double span = (double) hi - lo + 1;
        return Math.max(1, (long) Math.ceil(span * batchRows / rows));
    }

    /** {min, max, count} of a non-null key column. */
    private static long[] range(Connection c, String table, String key) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT MIN(" + key + "), MAX(" + key + "), COUNT(" + key + ") FROM " + table)) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)};
        }
    }

    private static int bounded(PreparedStatement ps, long from, long to) throws SQLException {
        ps.setLong(1, from);
        ps.setLong(2, to);
        return ps.executeUpdate();
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<PreparedStatement> prepare(Connection c, List<String> sql) throws SQLException {
        List<PreparedStatement> out = new ArrayList<>();
        try {
            for (String s : sql) {
                out.add(c.prepareStatement(s));
            }
        } catch (SQLException e) {
            close(out);
            throw e;
        }
        return out;
    }

    private static void close(List<PreparedStatement> statements) throws SQLException {
        for (PreparedStatement ps : statements) {
            ps.close();
        }
    }
}
