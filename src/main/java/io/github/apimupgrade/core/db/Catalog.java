package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.sql.SqlResources;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read-only questions about the live schema of one database: which tables and columns exist, with
 * which types, keys and constraint names. Names are matched case-insensitively and returned as the
 * database stores them, since generated constraint names (H2 {@code CONSTRAINT_18}, MSSQL
 * {@code UQ__AM_SYSTE__...}) must be looked up, never guessed.
 */
public final class Catalog {
    private final Connection connection;
    private final Dialect dialect;
    private final DatabaseMetaData meta;
    private final String catalog;
    private final String schema;

    public Catalog(Connection connection, Dialect dialect) throws SQLException {
        this.connection = connection;
        this.dialect = dialect;
        this.meta = connection.getMetaData();
        if (dialect == Dialect.MYSQL) {
            this.catalog = connection.getCatalog();
            this.schema = null;
        } else {
            this.catalog = null;
            this.schema = connection.getSchema();
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    public Connection connection() {
        return connection;
    }

    /** Every table of the current schema, by upper-cased name, with the name as stored. */
    public Map<String, String> tables() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (ResultSet rs = meta.getTables(catalog, schema, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                String name = rs.getString("TABLE_NAME");
                out.put(name.toUpperCase(Locale.ROOT), name);
            }
        }
        return out;
    }

    public Optional<String> table(String name) throws SQLException {
        return Optional.ofNullable(tables().get(name.toUpperCase(Locale.ROOT)));
    }

    public boolean tableExists(String name) throws SQLException {
        return table(name).isPresent();
    }

    public Map<String, ColumnInfo> columns(String table) throws SQLException {
        Map<String, ColumnInfo> out = new LinkedHashMap<>();
        Optional<String> stored = table(table);
        if (stored.isEmpty()) {
            return out;
        }
        try (ResultSet rs = meta.getColumns(catalog, schema, stored.get(), "%")) {
            while (rs.next()) {
                String name = rs.getString("COLUMN_NAME");
                out.put(name.toUpperCase(Locale.ROOT), new ColumnInfo(name, rs.getString("TYPE_NAME"),
                        rs.getInt("COLUMN_SIZE"), rs.getInt("NULLABLE") != DatabaseMetaData.columnNoNulls,
                        rs.getString("COLUMN_DEF"), rs.getInt("ORDINAL_POSITION")));
            }
        }
        return out;
    }

    public Optional<ColumnInfo> column(String table, String column) throws SQLException {
        return Optional.ofNullable(columns(table).get(column.toUpperCase(Locale.ROOT)));
    }

    public Optional<Key> primaryKey(String table) throws SQLException {
        Optional<String> stored = table(table);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Map<Integer, String> cols = new TreeMap<>();
        String name = null;
        try (ResultSet rs = meta.getPrimaryKeys(catalog, schema, stored.get())) {
            while (rs.next()) {
                cols.put(rs.getInt("KEY_SEQ"), rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                name = rs.getString("PK_NAME");
            }
        }
        return cols.isEmpty() ? Optional.empty() : Optional.of(new Key(name, List.copyOf(cols.values())));
    }

    /** Unique constraints (not the primary key), with their columns in key order. */
    public List<Key> uniqueConstraints(String table) throws SQLException {
        Optional<String> stored = table(table);
        if (stored.isEmpty()) {
            return List.of();
        }
        String sql = SqlResources.catalogQuery(dialect, "unique-constraints");
        Map<String, List<String>> byName = new LinkedHashMap<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, stored.get());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String name = rs.getString(1);
                    String columns = rs.getString(2);
                    List<String> list = byName.computeIfAbsent(name, n -> new ArrayList<>());
                    for (String c : columns.split(",")) {
                        list.add(c.trim().replace("\"", "").toUpperCase(Locale.ROOT));
                    }
                }
            }
        }
        List<Key> out = new ArrayList<>();
        byName.forEach((n, c) -> out.add(new Key(n, List.copyOf(c))));
        return out;
    }

    public Optional<Key> uniqueConstraintOn(String table, List<String> columns) throws SQLException {
        List<String> wanted = columns.stream().map(c -> c.toUpperCase(Locale.ROOT)).toList();
        return uniqueConstraints(table).stream().filter(k -> k.columns().equals(wanted)).findFirst();
    }

    public List<ForeignKey> foreignKeys(String table) throws SQLException {
        Optional<String> stored = table(table);
        if (stored.isEmpty()) {
            return List.of();
        }
        Map<String, ForeignKeyBuilder> byName = new LinkedHashMap<>();
        try (ResultSet rs = meta.getImportedKeys(catalog, schema, stored.get())) {
            while (rs.next()) {
                String name = rs.getString("FK_NAME");
                ForeignKeyBuilder b = byName.computeIfAbsent(name, n -> new ForeignKeyBuilder());
                b.name = name;
                b.refTable = rs.getString("PKTABLE_NAME").toUpperCase(Locale.ROOT);
                b.columns.put(rs.getInt("KEY_SEQ"), rs.getString("FKCOLUMN_NAME").toUpperCase(Locale.ROOT));
                b.refColumns.put(rs.getInt("KEY_SEQ"), rs.getString("PKCOLUMN_NAME").toUpperCase(Locale.ROOT));
                b.updateRule = ForeignKey.Rule.fromJdbc(rs.getShort("UPDATE_RULE"));
                b.deleteRule = ForeignKey.Rule.fromJdbc(rs.getShort("DELETE_RULE"));
            }
        }
        return byName.values().stream().map(ForeignKeyBuilder::build).toList();
    }

    /** The indexes of a table (unique ones included), each with its columns in index order. */
    public List<Key> indexes(String table) throws SQLException {
        return indexInfo(table).stream().map(i -> new Key(i.name(), i.columns().stream().map(c -> c.replace(" DESC", "")).toList())).toList();
    }

    /** The indexes of a table with their uniqueness; a descending column is written {@code COLUMN DESC}. */
    public List<Index> indexInfo(String table) throws SQLException {
        Optional<String> stored = table(table);
        if (stored.isEmpty()) {
            return List.of();
        }
        Map<String, Map<Integer, String>> byName = new LinkedHashMap<>();
        Map<String, Boolean> unique = new LinkedHashMap<>();
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, stored.get(), false, true)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                if (name != null && column != null && rs.getShort("TYPE") != DatabaseMetaData.tableIndexStatistic) {
                    byName.computeIfAbsent(name, n -> new TreeMap<>()).put((int) rs.getShort("ORDINAL_POSITION"),
                            column.replace("\"", "").toUpperCase(Locale.ROOT) + ("D".equals(rs.getString("ASC_OR_DESC")) ? " DESC" : ""));
                    unique.put(name, !rs.getBoolean("NON_UNIQUE"));
                }
            }
        }
        List<Index> out = new ArrayList<>();
        byName.forEach((n, c) -> out.add(new Index(n, unique.get(n), List.copyOf(c.values()))));
        return out;
    }

    /** The tables with a foreign key to this one, upper-cased. */
    public List<String> referencingTables(String table) throws SQLException {
        Optional<String> stored = table(table);
        if (stored.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        try (ResultSet rs = meta.getExportedKeys(catalog, schema, stored.get())) {
            while (rs.next()) {
                out.add(rs.getString("FKTABLE_NAME").toUpperCase(Locale.ROOT));
            }
        }
        return out;
    }

    public long count(String sql) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A column as the catalog reports it. */
    public record ColumnInfo(String name, String typeName, int size, boolean nullable, String defaultValue, int position) {
    }

    /** An index: its name, whether it is unique, and its columns in index order. */
    public record Index(String name, boolean unique, List<String> columns) {
    }

    /** A primary key or unique constraint: its name and columns in key order. */
    public record Key(String name, List<String> columns) {
    }

    private static final class ForeignKeyBuilder {
        String name;
        String refTable;
        final Map<Integer, String> columns = new TreeMap<>();
        final Map<Integer, String> refColumns = new TreeMap<>();
        ForeignKey.Rule updateRule;
        ForeignKey.Rule deleteRule;

        ForeignKey build() {
            return new ForeignKey(name, List.copyOf(columns.values()), refTable, List.copyOf(refColumns.values()),
                    updateRule, deleteRule);
        }
    }
}
