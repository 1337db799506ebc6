package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * H2 1.4.x: the schema from H2's own {@code SCRIPT NODATA} (sequences at their current value,
 * constraints with their generated names), without its users and grants (a user's password hash
 * has no place in a backup), rows through plain JDBC in {@link RowFormat}.
 */
final class H2Dump extends DumpDialect {
    @Override
    List<TableInfo> tables(Connection c) throws SQLException {
        List<TableInfo> out = new ArrayList<>();
        for (String name : new Catalog(c, Dialect.H2).tables().values()) {
            out.add(new TableInfo(name, quote(name), 0, 0));
        }
        return out;
    }

    @Override
    Schema schema(Connection c, List<TableInfo> tables, UpgradeLog log) throws SQLException {
        List<String> pre = new ArrayList<>();
        List<String> indexes = new ArrayList<>();
        List<String> last = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT NODATA")) {
            while (rs.next()) {
                String sql = rs.getString(1).strip();
                String u = sql.toUpperCase(Locale.ROOT);
                if (u.startsWith("--") || u.startsWith("CREATE USER") || u.startsWith("ALTER USER") || u.startsWith("GRANT")
                        || u.startsWith("CREATE ROLE") || u.startsWith("SET ")) {
                    continue;
                }
                if (u.startsWith("ALTER TABLE") && u.contains("FOREIGN KEY") || u.startsWith("CREATE VIEW")
                        || u.startsWith("CREATE FORCE VIEW") || u.startsWith("CREATE TRIGGER") || u.startsWith("CREATE FORCE TRIGGER")) {
                    last.add(sql);
                } else if (u.startsWith("ALTER TABLE") || u.startsWith("CREATE INDEX") || u.startsWith("CREATE UNIQUE INDEX")
                        || u.startsWith("CREATE PRIMARY KEY") || u.startsWith("CREATE HASH") || u.startsWith("CREATE UNIQUE HASH")) {
                    indexes.add(sql);
                } else {
                    pre.add(sql);
                }
            }
        }
        return new Schema(pre, indexes, last);
    }

    @Override
    String extension() {
        return "rows";
    }

    @Override
    long dump(Connection c, TableInfo table, OutputStream out, Progress.Counter counter) throws SQLException, IOException {
        // Without lazy execution embedded H2 materialises the whole result before the first row.
        execute(c, "SET LAZY_QUERY_EXECUTION TRUE");
        try (Statement s = c.createStatement()) {
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + table.quoted())) {
                return RowFormat.write(rs, out, counter);
            }
        } finally {
            execute(c, "SET LAZY_QUERY_EXECUTION FALSE");
        }
    }

    @Override
    long load(Connection c, String quotedTable, InputStream in, String what, Progress.Counter counter) throws SQLException, IOException {
        // Foreign keys are added after every table is loaded, so the order of tables does not matter.
        return loadRows(c, quotedTable, in, what, counter, this::quote, 500, 4L << 20);
    }

    @Override
    List<String> existing(Connection c) throws SQLException {
        List<String> out = new ArrayList<>(new Catalog(c, Dialect.H2).tables().values());
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT SEQUENCE_NAME FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_SCHEMA = SCHEMA() "
                        + "AND SEQUENCE_NAME NOT LIKE 'SYSTEM_SEQUENCE%'")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Override
    void dropAll(Connection c) throws SQLException {
        execute(c, "DROP ALL OBJECTS");
    }

    @Override
    String quote(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }
}
