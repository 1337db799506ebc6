package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.sql.SqlResources;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The whole catalog of one schema as facts, {@code "<object> <attribute>" = value}: every table; every column's
 * type, nullability, default and position; primary, unique and foreign keys with their names and rules; every
 * other index with its columns, order, uniqueness and name; and the sequences, views, triggers, routines and
 * extensions of the schema. Keys and indexes are identified by their columns, so a constraint that exists on both
 * sides under another name is one fact that differs, not one missing and one extra. Two schemas built by different
 * DDL have equal facts when no catalog query can tell them apart.
 */
public final class CatalogFacts {
    /** Where a fact belongs: its table, or {@code SCHEMA} for sequences, views, triggers, routines and extensions. */
    public static final String SCHEMA = "(schema)";
    public static final String ABSENT = "(absent)";
    /** H2 names the constraints and indexes the DDL leaves unnamed at random; such names are not compared. */
    private static final Pattern H2_GENERATED = Pattern.compile("(CONSTRAINT|PRIMARY_KEY|FK)_[0-9A-F]+(_INDEX_[0-9A-F]+)?|.*_INDEX_[0-9A-F]+");

    /** One fact: the table it belongs to, its key and its value. */
    public record Fact(String table, String key, String value) {
    }

    private final Catalog catalog;
    private final SortedMap<String, Fact> facts = new TreeMap<>();

    private CatalogFacts(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every fact of the schema, except those of tables whose name starts with one of the prefixes. */
    public static SortedMap<String, Fact> all(Catalog catalog, List<String> excludedPrefixes) throws SQLException {
        List<String> tables = catalog.tables().keySet().stream()
                .filter(t -> excludedPrefixes.stream().noneMatch(t::startsWith)).toList();
        CatalogFacts out = new CatalogFacts(catalog);
        for (String table : tables) {
            out.table(table);
        }
        out.schemaObjects(excludedPrefixes);
        return out.facts;
    }

    /** The sequences, views, triggers, routines and extensions of the schema (table {@link #SCHEMA}). */
    public static SortedMap<String, Fact> schemaObjects(Catalog catalog) throws SQLException {
        CatalogFacts out = new CatalogFacts(catalog);
        out.schemaObjects(List.of());
        return out.facts;
    }

    /** The facts of the given tables only (an absent table is one fact, {@code table T = (absent)}). */
    public static SortedMap<String, Fact> tables(Catalog catalog, Collection<String> tables) throws SQLException {
        CatalogFacts out = new CatalogFacts(catalog);
        for (String table : tables) {
            if (catalog.tableExists(table)) {
                out.table(table.toUpperCase(Locale.ROOT));
            } else {
                out.put(table.toUpperCase(Locale.ROOT), "table " + table.toUpperCase(Locale.ROOT), ABSENT);
            }
        }
        return out.facts;
    }

    private void put(String table, String key, String value) {
        String k = key;
        for (int n = 2; facts.containsKey(k); n++) {
            k = key + " #" + n; // two indexes on the same columns
        }
        facts.put(k, new Fact(table, k, value));
    }

    private void table(String t) throws SQLException {
        put(t, "table " + t, "present");
        for (Catalog.ColumnInfo c : catalog.columns(t).values()) {
            String column = "column " + t + "." + c.name().toUpperCase(Locale.ROOT);
            put(t, column + " type", c.typeName() + "(" + c.size() + ")");
            put(t, column + " nullable", c.nullable() ? "NULL" : "NOT NULL");
            put(t, column + " default", normalizeDefault(catalog.dialect(), c.defaultValue()));
            put(t, column + " position", String.valueOf(c.position()));
        }
        List<List<String>> constraintColumns = new ArrayList<>();
        Optional<Catalog.Key> pk = catalog.primaryKey(t);
        if (pk.isPresent()) {
            put(t, "primary key " + t + cols(pk.get().columns()) + " name", name(pk.get().name()));
            constraintColumns.add(pk.get().columns());
        }
        for (Catalog.Key u : catalog.uniqueConstraints(t)) {
            put(t, "unique " + t + cols(u.columns()) + " name", name(u.name()));
            constraintColumns.add(u.columns());
        }
        for (ForeignKey f : catalog.foreignKeys(t)) {
            String key = "foreign key " + t + cols(f.columns()) + " -> " + f.refTable() + cols(f.refColumns());
            put(t, key + " name", name(f.name()));
            put(t, key + " on update", f.updateRule().name());
            put(t, key + " on delete", f.deleteRule().name());
        }
        for (Catalog.Index i : catalog.indexInfo(t)) {
            if (i.unique() && constraintColumns.contains(i.columns().stream().map(c -> c.replace(" DESC", "")).toList())) {
                continue; // the index behind a primary or unique key
            }
            String key = "index " + t + cols(i.columns());
            put(t, key + " name", name(i.name()));
            put(t, key + " unique", i.unique() ? "yes" : "no");
        }
    }

    private void schemaObjects(List<String> excludedPrefixes) throws SQLException {
        try (PreparedStatement ps = catalog.connection().prepareStatement(SqlResources.catalogQuery(catalog.dialect(), "schema-objects"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String kind = rs.getString(1).trim();
                String name = rs.getString(2).trim();
                String detail = rs.getString(3) == null ? "" : rs.getString(3).trim().toUpperCase(Locale.ROOT);
                String upper = name.toUpperCase(Locale.ROOT);
                if (excludedPrefixes.stream().anyMatch(upper::startsWith) || excludedPrefixes.stream().anyMatch(detail::startsWith)) {
                    continue;
                }
                put(SCHEMA, kind + " " + upper, switch (kind) {
                    case "trigger" -> "on " + detail;
                    case "routine" -> detail.toLowerCase(Locale.ROOT);
                    default -> "present";
                });
            }
        }
    }

    private String name(String name) {
        if (name == null) {
            return "(unnamed)";
        }
        String n = name.toUpperCase(Locale.ROOT);
        return catalog.dialect() == Dialect.H2 && H2_GENERATED.matcher(n).matches() ? "(generated)" : n;
    }

    private static String cols(List<String> columns) {
        return "(" + String.join(",", columns) + ")";
    }

    private static String normalizeDefault(Dialect dialect, String d) {
        if (d == null) {
            return "none";
        }
        if (dialect == Dialect.MYSQL) {
            // the MariaDB driver reports no default as NULL and quotes string defaults; Connector/J does neither
            if (d.equalsIgnoreCase("NULL")) {
                return "none";
            }
            if (d.length() >= 2 && d.startsWith("'") && d.endsWith("'")) {
                return d.substring(1, d.length() - 1);
            }
        }
        // H2 names the sequence behind an AUTO_INCREMENT column at random.
        return d.trim().replaceAll("SYSTEM_SEQUENCE_[0-9A-F_]+", "SYSTEM_SEQUENCE");
    }
}
