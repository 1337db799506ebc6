package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.BatchProgress;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.registry.VersioningCleanup.Kind;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The versioning clean-up on PostgreSQL and MySQL/MariaDB. It deletes most rows of a registry kept with
 * versions (four in five with five versions), and deleting them one by one is what costs: InnoDB deletes a
 * row through every index of its table, PostgreSQL fires the foreign key's check for every deleted tag,
 * comment, property and rating. So, per kind, the rows to keep of the link table (with their path id and
 * name) and of the table it refers to are copied aside, both tables are truncated (no work per row) and
 * reloaded from the copies: the work is in proportion to the rows kept. On MySQL the session's foreign-key
 * checks are off meanwhile (every row reloaded is a row that satisfied them); PostgreSQL checks the links
 * it reloads, after their objects.
 *
 * <p>A kill at any point is finished by the next run. The copies are built under scratch names and renamed
 * to {@code APIM_KEEP_<table>}, the link table's first; the objects' copy existing means both are complete.
 * A run that finds it truncates and reloads from the copies again (the same rows), then drops the objects'
 * copy before the links'. Otherwise any copy left is dropped and the kind starts again from its tables,
 * which are then either untouched or already reloaded. MySQL's AUTO_INCREMENT of the objects' table is kept
 * in the copy's comment and put back after the reload, so new rows never reuse the ids of deleted ones;
 * PostgreSQL's sequences are not touched by TRUNCATE.
 */
final class KeepAndReload {
    static final String KEEP_PREFIX = "APIM_KEEP_";
    private static final String SCRATCH_PREFIX = "APIM_KEEPING_";
    private static final String NEXT_ID = "apim-next-id=";
    private static final String FOREIGN_KEY_CHECKS_OFF = "SET foreign_key_checks = 0";
    private static final String FOREIGN_KEY_CHECKS_ON = "SET foreign_key_checks = 1";

    private final Dialect dialect;
    private final UpgradeLog log;

    KeepAndReload(Dialect dialect, UpgradeLog log) {
        this.dialect = dialect;
        this.log = log;
    }

    /**
     * Whether this way fits: the dialect, and no table other than its link table refers to a tag, comment,
     * property or rating (a customised registry with more foreign keys is cleaned in place instead).
     */
    static boolean fits(Catalog catalog) throws SQLException {
        if (catalog.dialect() != Dialect.MYSQL && catalog.dialect() != Dialect.POSTGRESQL) {
            return false;
        }
        for (Kind k : Kind.values()) {
            if (!catalog.referencingTables(k.objects()).stream().allMatch(k.link()::equals)) {
                return false;
            }
        }
        return true;
    }

    static String keepTable(String table) {
        return KEEP_PREFIX + table.substring("REG_".length());
    }

    private static String scratchTable(String table) {
        return SCRATCH_PREFIX + table.substring("REG_".length());
    }

    /** What a killed run may have left: its copies, complete or not. */
    static List<String> leftoverPrefixes() {
        return List.of(KEEP_PREFIX, SCRATCH_PREFIX);
    }

    /**
     * One kind's reload as the statements the run sends: {@code copy} builds the copies (empty when an earlier run's
     * copies are complete), {@code empty} truncates both tables, {@code inserts} reload them, {@code after} puts MySQL's
     * AUTO_INCREMENT back and drops the copies. A plan shows the same statements, in the same order.
     */
    record Reload(List<String> copy, List<String> empty, List<String> inserts, List<String> after) {
        List<String> all() {
            List<String> out = new ArrayList<>(copy);
            out.addAll(empty);
            out.addAll(inserts);
            out.addAll(after);
            return out;
        }
    }

    Reload reload(Connection c, Kind k) throws SQLException {
        String keepLinks = keepTable(k.link());
        String keepObjects = keepTable(k.objects());
        boolean copied = new Catalog(c, dialect).tableExists(keepObjects);
        Optional<Long> next = copied
                ? information(c, "TABLE_COMMENT", keepObjects).filter(s -> s.startsWith(NEXT_ID)).map(s -> Long.parseLong(s.substring(NEXT_ID.length())))
                : information(c, "AUTO_INCREMENT", k.objects()).map(Long::parseLong);
        List<String> copy = new ArrayList<>();
        if (!copied) {
            for (String t : List.of(keepLinks, scratchTable(k.link()), scratchTable(k.objects()))) {
                copy.add("DROP TABLE IF EXISTS " + t);
            }
            copy.addAll(script("reload-keep-links", k, scratchTable(k.link()), ""));
            copy.addAll(script("reload-keep-objects", k, scratchTable(k.objects()), scratchTable(k.link())));
            next.ifPresent(n -> copy.add("ALTER TABLE " + scratchTable(k.objects()) + " COMMENT = '" + NEXT_ID + n + "'"));
            copy.add("ALTER TABLE " + scratchTable(k.link()) + " RENAME TO " + keepLinks);
            copy.add("ALTER TABLE " + scratchTable(k.objects()) + " RENAME TO " + keepObjects);
        }
        List<String> objectColumns = List.copyOf(new Catalog(c, dialect).columns(k.objects()).keySet());
        List<String> inserts = List.of(insert(k.objects(), String.join(", ", objectColumns)),
                insert(k.link(), k.idColumn() + ", REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID"));
        List<String> after = new ArrayList<>();
        next.ifPresent(n -> after.add("ALTER TABLE " + k.objects() + " AUTO_INCREMENT = " + n));
        after.add("DROP TABLE " + keepObjects);
        after.add("DROP TABLE " + keepLinks);
        return new Reload(copy, script("reload-truncate", k, "", ""), inserts, after);
    }

    /** Every statement of the clean-up as the run sends them, for a plan: each kind's reload, MySQL's checks off around them. */
    List<String> statements(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        if (dialect == Dialect.MYSQL) {
            out.add(FOREIGN_KEY_CHECKS_OFF);
        }
        for (Kind k : Kind.values()) {
            out.addAll(reload(c, k).all());
        }
        if (dialect == Dialect.MYSQL) {
            out.add(FOREIGN_KEY_CHECKS_ON);
        }
        return out;
    }

    /** Reloads every kind; {@code counted} holds the tables' row counts when a plan has just read them. */
    long run(Connection c, List<VersioningCleanup.TableCount> counted) throws SQLException {
        if (dialect == Dialect.MYSQL) {
            execute(c, FOREIGN_KEY_CHECKS_OFF);
        }
        try {
            Map<String, Long> rows = new HashMap<>();
            counted.forEach(t -> rows.put(t.table(), t.rows()));
            for (Kind k : Kind.values()) {
                for (String table : List.of(k.link(), k.objects())) {
                    if (!rows.containsKey(table)) {
                        rows.put(table, count(c, table));
                    }
                }
            }
            BatchProgress progress = new BatchProgress("registry clean-up", "rows", rows.values().stream().mapToLong(Long::longValue).sum(), log);
            long deleted = 0;
            for (Kind k : Kind.values()) {
                deleted += reload(c, k, rows.get(k.link()) + rows.get(k.objects()), progress);
            }
            progress.finish();
            return deleted;
        } finally {
            if (dialect == Dialect.MYSQL) {
                execute(c, FOREIGN_KEY_CHECKS_ON);
            }
        }
    }

    private long reload(Connection c, Kind k, long rows, BatchProgress progress) throws SQLException {
        long start = System.nanoTime();
        Reload r = reload(c, k);
        long before = r.copy().isEmpty() ? -1 : rows;
        if (r.copy().isEmpty()) {
            log.info("  " + k.link() + ", " + k.objects() + ": finishing the reload an earlier run started from " + keepTable(k.objects()));
        }
        for (String s : r.copy()) {
            execute(c, s);
        }
        for (String s : r.empty()) {
            execute(c, s);
        }
        long kept = 0;
        for (String s : r.inserts()) {
            kept += execute(c, s);
        }
        for (String s : r.after()) {
            execute(c, s);
        }
        progress.add(before < 0 ? kept : before);
        log.info(String.format(Locale.ROOT, "  %s, %s: %s%,d row(s) kept, reloaded in %.1f s", k.link(), k.objects(),
                before < 0 ? "" : String.format(Locale.ROOT, "%,d row(s) deleted, ", before - kept), kept, (System.nanoTime() - start) / 1e9));
        return before < 0 ? 0 : before - kept;
    }

    /** A reload script of this kind: {@code keep} is the copy it creates, {@code keepLinks} the links' copy it reads. */
    private List<String> script(String name, Kind k, String keep, String keepLinks) {
        String sql = SqlResources.fill(SqlResources.loadOrShared(VersioningCleanup.SQL_PATH, dialect, name), Map.of("keep", keep,
                "keepLinks", keepLinks, "table", k.objects(), "link", k.link(), "idColumn", k.idColumn()));
        return StatementSplitter.splitWithoutComments(dialect, sql);
    }

    private static String insert(String table, String columns) {
        return "INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM " + keepTable(table);
    }

    /** A column of information_schema.TABLES for a table of this MySQL database; empty on PostgreSQL. */
    private Optional<String> information(Connection c, String column, String table) throws SQLException {
        if (dialect != Dialect.MYSQL) {
            return Optional.empty();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT " + column
                + " FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND UPPER(TABLE_NAME) = ?")) {
            ps.setString(1, table.toUpperCase(Locale.ROOT));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One statement, committed (DDL commits by itself on MySQL; on PostgreSQL the commit makes it so); returns its row count. */
    private static long execute(Connection c, String sql) throws SQLException {
        long rows;
        try (Statement s = c.createStatement()) {
            s.execute(sql);
            rows = Math.max(0, s.getUpdateCount());
        }
        c.commit();
        FaultInjector.afterStatement();
        return rows;
    }
}
