package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.SchemaShape;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test-side views of a database: its catalog shape per table and its rows, for before/after comparisons. */
public final class Schema {
    private Schema() {
    }

    /** Columns, keys and foreign keys of the given tables, as comparable text. */
    public static Map<String, String> shape(Connection c, Dialect dialect, List<String> tables) throws SQLException {
        return SchemaShape.of(new Catalog(c, dialect), tables);
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
