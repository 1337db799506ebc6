package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Test-side views of a database: its catalog shape per table and its rows, for before/after comparisons. */
public final class Schema {
    private Schema() {
    }

    /** Columns, keys and foreign keys of the given tables, as comparable text. */
    public static Map<String, String> shape(Connection c, Dialect dialect, List<String> tables) throws SQLException {
        Catalog catalog = new Catalog(c, dialect);
        Map<String, String> out = new TreeMap<>();
        for (String t : tables) {
            if (!catalog.tableExists(t)) {
                out.put(t, "(missing)");
                continue;
            }
            StringBuilder sb = new StringBuilder();
            catalog.columns(t).values().stream().sorted((a, b) -> a.name().compareToIgnoreCase(b.name()))
                    .forEach(col -> sb.append("column ").append(col.name().toUpperCase()).append(' ').append(col.typeName())
                            .append('(').append(col.size()).append(") ").append(col.nullable() ? "NULL" : "NOT NULL")
                            .append(" default=").append(normalizeDefault(col.defaultValue())).append('\n'));
            catalog.primaryKey(t).ifPresent(k -> sb.append("primary key ").append(k.columns()).append('\n'));
            catalog.uniqueConstraints(t).stream().map(k -> k.columns().toString()).sorted()
                    .forEach(k -> sb.append("unique ").append(k).append('\n'));
            catalog.foreignKeys(t).stream().map(f -> f.columns() + " -> " + f.refTable() + f.refColumns()
                    + " on update " + f.updateRule() + " on delete " + f.deleteRule()).sorted()
                    .forEach(f -> sb.append("foreign key ").append(f).append('\n'));
            out.put(t, sb.toString());
        }
        return out;
    }

    private static String normalizeDefault(String d) {
        if (d == null) {
            return "none";
        }
        // H2 names the sequence behind an AUTO_INCREMENT column at random.
        return d.trim().replaceAll("SYSTEM_SEQUENCE_[0-9A-F_]+", "SYSTEM_SEQUENCE");
    }

    /** Every row of a table as text, ordered, for "unchanged" assertions. */
    public static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(md.getColumnLabel(i).toUpperCase()).append('=').append(rs.getString(i)).append(' ');
                }
                out.add(sb.toString().trim());
            }
        }
        return out;
    }

    public static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
