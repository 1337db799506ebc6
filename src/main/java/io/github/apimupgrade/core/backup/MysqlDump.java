package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.UpgradeLog;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * MySQL and MariaDB: the schema from {@code SHOW CREATE TABLE} (exactly what the server would
 * recreate, AUTO_INCREMENT position included), rows through a streaming result set (MySQL
 * Connector/J: fetch size {@code Integer.MIN_VALUE}; MariaDB Connector/J: a positive fetch size),
 * loaded back with multi-row INSERTs, foreign key and unique checks off, as mysqldump's output does.
 */
final class MysqlDump extends DumpDialect {
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
        return out;
    }

    @Override
    Schema schema(Connection c, List<TableInfo> tables, UpgradeLog log) throws SQLException {
        List<String> pre = new ArrayList<>();
        for (TableInfo t : tables) {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + t.quoted())) {
                rs.next();
                pre.add(rs.getString(2));
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

    @Override
    void beginDump(Connection c) throws SQLException {
        c.setAutoCommit(false);
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        execute(c, "START TRANSACTION WITH CONSISTENT SNAPSHOT");
    }

    @Override
    long dump(Connection c, TableInfo table, OutputStream out, Progress.Counter counter) throws SQLException, IOException {
        boolean connectorJ = c.getMetaData().getDriverName().toLowerCase().contains("mysql connector");
        try (Statement s = c.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY)) {
            // Connector/J streams row by row only with MIN_VALUE; MariaDB Connector/J streams with any positive size.
            s.setFetchSize(connectorJ ? Integer.MIN_VALUE : 1000);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.quoted())) {
                return RowFormat.write(rs, out, counter);
            }
        }
    }

    @Override
    void beginLoad(Connection c) throws SQLException {
        execute(c, "SET FOREIGN_KEY_CHECKS = 0");
        execute(c, "SET UNIQUE_CHECKS = 0");
        // Keep a 0 in an AUTO_INCREMENT column as 0, as mysqldump's output does.
        execute(c, "SET SESSION SQL_MODE = CONCAT(@@SESSION.SQL_MODE, ',NO_AUTO_VALUE_ON_ZERO')");
    }

    @Override
    long load(Connection c, String quotedTable, InputStream in, String what, Progress.Counter counter) throws SQLException, IOException {
        long packet;
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@max_allowed_packet")) {
            rs.next();
            packet = rs.getLong(1);
        }
        return loadRows(c, quotedTable, in, what, counter, this::quote, 2000, Math.max(64 * 1024, Math.min(8L << 20, packet / 4)));
    }

    @Override
    long count(InputStream in, String what) throws IOException {
        return RowFormat.count(in, what);
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
