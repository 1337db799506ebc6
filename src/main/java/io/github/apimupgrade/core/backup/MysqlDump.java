package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.UpgradeLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * MySQL and MariaDB: the schema from {@code SHOW CREATE TABLE} (exactly what the server would
 * recreate, AUTO_INCREMENT position included), rows through a streaming result set (MySQL
 * Connector/J: fetch size {@code Integer.MIN_VALUE}; MariaDB Connector/J: a positive fetch size) in
 * {@link RawRowFormat}: every value as the server prints it, in utf8mb4, with {@code time_zone}
 * '+00:00' (as mysqldump does), so nothing is parsed on the way. Loaded back with multi-row INSERTs
 * built from those bytes, foreign key and unique checks off and {@code sql_mode}
 * {@code NO_AUTO_VALUE_ON_ZERO}, as mysqldump's output does. Session settings changed for a dump or
 * a load are put back before the connection returns to the pool.
 */
final class MysqlDump extends DumpDialect {
    /** The columns of each table (generated columns left out: the server computes them), read with the table list. */
    private final Map<String, List<RawRowFormat.Column>> columns = new HashMap<>();
    private final Map<Connection, String[]> savedSession = new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    List<TableInfo> tables(Connection c) throws SQLException {
        List<TableInfo> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, COALESCE(TABLE_ROWS, 0), COALESCE(DATA_LENGTH, 0) FROM information_schema.TABLES "
                        + "WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME")) {
            while (rs.next()) {
                out.add(new TableInfo(rs.getString(1), quote(rs.getString(1)), rs.getLong(2), rs.getLong(3)));
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME, COLUMN_NAME, DATA_TYPE, EXTRA FROM information_schema.COLUMNS "
                        + "WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
            while (rs.next()) {
                String extra = rs.getString(4) == null ? "" : rs.getString(4).toUpperCase(Locale.ROOT);
                if (extra.contains("GENERATED") && !extra.contains("DEFAULT_GENERATED")) {
                    continue;
                }
                columns.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new RawRowFormat.Column(rs.getString(2), RawRowFormat.kindOf(rs.getString(3)), rs.getString(3)));
            }
        }
        return out;
    }

    @Override
    Schema schema(Connection c, List<TableInfo> tables, UpgradeLog log) throws SQLException {
        List<String> pre = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            for (TableInfo t : tables) {
                try (ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + t.quoted())) {
                    rs.next();
                    pre.add(rs.getString(2));
                }
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT (SELECT COUNT(*) FROM information_schema.VIEWS WHERE TABLE_SCHEMA = DATABASE()), "
                        + "(SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA = DATABASE()), "
                        + "(SELECT COUNT(*) FROM information_schema.ROUTINES WHERE ROUTINE_SCHEMA = DATABASE())")) {
            rs.next();
            if (rs.getLong(1) + rs.getLong(2) + rs.getLong(3) > 0) {
                log.warn("MySQL schema has " + rs.getLong(1) + " view(s), " + rs.getLong(2) + " trigger(s) and " + rs.getLong(3)
                        + " routine(s) that apim:backup does not copy (WSO2's schemas have none); keep a mysqldump --no-data for them.");
            }
        }
        return new Schema(pre, List.of(), List.of());
    }

    @Override
    String extension() {
        return "rows";
    }

    /** Remembers the session settings the dump or load changes, to put them back in {@link #end}. */
    private void save(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT @@SESSION.time_zone, @@SESSION.character_set_results, @@SESSION.sql_mode, @@SESSION.foreign_key_checks, "
                        + "@@SESSION.unique_checks")) {
            rs.next();
            savedSession.put(c, new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)});
        }
    }

    @Override
    void beginDump(Connection c) throws SQLException {
        save(c);
        execute(c, "SET SESSION time_zone = '+00:00', character_set_results = utf8mb4");
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        execute(c, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
    }

    @Override
    void end(Connection c) throws SQLException {
        String[] v = savedSession.remove(c);
        if (v == null) {
            return;
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        try (java.sql.PreparedStatement ps = c.prepareStatement("SET SESSION time_zone = ?, character_set_results = "
                + (v[1] == null ? "NULL" : "?") + ", sql_mode = ?, foreign_key_checks = " + Integer.parseInt(v[3])
                + ", unique_checks = " + Integer.parseInt(v[4]))) {
            int i = 1;
            ps.setString(i++, v[0]);
            if (v[1] != null) {
                ps.setString(i++, v[1]);
            }
            ps.setString(i, v[2]);
            ps.execute();
        }
    }

    @Override
    long dump(Connection c, TableInfo table, OutputStream out, Progress.Counter counter) throws SQLException, IOException {
        List<RawRowFormat.Column> cols = columns.get(table.name());
        if (cols == null || cols.isEmpty()) {
            throw new SQLException("no columns found for table " + table.name());
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < cols.size(); i++) {
            RawRowFormat.Column col = cols.get(i);
            select.append(i == 0 ? "" : ", ");
            if (col.kind() == RawRowFormat.Kind.BINARY || col.kind() == RawRowFormat.Kind.BIT) {
                select.append(quote(col.name()));
            } else {
                // The server prints the value as its text protocol would, in utf8mb4 whatever the column's charset.
                select.append("CONVERT(").append(quote(col.name())).append(" USING utf8mb4)");
            }
        }
        select.append(" FROM ").append(table.quoted());
        boolean connectorJ = c.getMetaData().getDriverName().toLowerCase(Locale.ROOT).contains("mysql connector");
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // Connector/J streams row by row only with MIN_VALUE; MariaDB Connector/J reads fetch-size rows at a time (the
            // server sends them all without waiting either way): at most 1000, and about 2 MB of them by the table's
            // average row length, so a table of big BLOBs does not fill the heap.
            long avgRow = table.estimatedRows() > 0 ? Math.max(1, table.estimatedBytes() / table.estimatedRows()) : 2000;
            s.setFetchSize(connectorJ ? Integer.MIN_VALUE : (int) Math.max(10, Math.min(1000, (2L << 20) / avgRow)));
            try (ResultSet rs = s.executeQuery(select.toString())) {
                return RawRowFormat.write(rs, cols, out, counter);
            }
        }
    }

    @Override
    void beginLoad(Connection c) throws SQLException {
        save(c);
        // As mysqldump's output: no key checks while loading, a 0 in an AUTO_INCREMENT column stays 0, zero dates
        // and every other value the dump holds are accepted as they are, and TIMESTAMPs are read in UTC.
        execute(c, "SET SESSION foreign_key_checks = 0, unique_checks = 0, sql_mode = 'NO_AUTO_VALUE_ON_ZERO', time_zone = '+00:00'");
    }

    @Override
    long load(Connection c, String quotedTable, InputStream in, String what, Progress.Counter counter) throws SQLException, IOException {
        long packet;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
            rs.next();
            packet = rs.getLong(1);
        }
        long maxBytes = Math.max(64 * 1024, Math.min(4L << 20, packet / 4));
        PushbackInputStream data = DumpFormats.peekable(in);
        if (DumpFormats.detect(data) == DumpFormats.Format.ROWS) {
            // A set written by an earlier version of the plugin: typed values, loaded through prepared statements.
            return loadRows(c, quotedTable, data, what, counter, this::quote, 2000, maxBytes);
        }
        RawRowFormat.Reader r = new RawRowFormat.Reader(data, what);
        StringBuilder head = new StringBuilder("INSERT INTO ").append(quotedTable).append(" (");
        for (int i = 0; i < r.columns.size(); i++) {
            head.append(i == 0 ? "" : ", ").append(quote(r.columns.get(i).name()));
        }
        head.append(") VALUES ");
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.setEscapeProcessing(false);
            StringBuilder sql = new StringBuilder((int) maxBytes + (1 << 16));
            sql.append(head);
            int pending = 0;
            long sinceCommit = 0;
            long rows = 0;
            while (true) {
                int mark = sql.length();
                if (pending > 0) {
                    sql.append(',');
                }
                if (!r.appendRow(sql)) {
                    sql.setLength(mark);
                    break;
                }
                pending++;
                if (sql.length() >= maxBytes) {
                    s.executeUpdate(sql.toString());
                    rows += pending;
                    counter.rows(pending);
                    sinceCommit += sql.length();
                    pending = 0;
                    sql.setLength(0);
                    sql.append(head);
                    if (sinceCommit >= 32L << 20) {
                        c.commit();
                        sinceCommit = 0;
                    }
                }
            }
            if (pending > 0) {
                s.executeUpdate(sql.toString());
                rows += pending;
                counter.rows(pending);
            }
            c.commit();
            return rows;
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    @Override
    List<String> existing(Connection c) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    void dropAll(Connection c) throws SQLException {
        execute(c, "SET FOREIGN_KEY_CHECKS = 0");
        try {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SELECT TABLE_NAME, TABLE_TYPE FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
                List<String> drops = new ArrayList<>();
                while (rs.next()) {
                    drops.add(("VIEW".equals(rs.getString(2)) ? "DROP VIEW " : "DROP TABLE ") + quote(rs.getString(1)));
                }
                for (String d : drops) {
                    execute(c, d);
                }
            }
        } finally {
            execute(c, "SET FOREIGN_KEY_CHECKS = 1");
        }
    }

    @Override
    String quote(String name) {
        return "`" + name.replace("`", "``") + "`";
    }
}
