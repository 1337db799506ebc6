package io.github.apimupgrade.core.db;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The comparable shape of tables: columns (type, width, nullability, default), primary key, unique
 * constraints and foreign keys with their rules. Two databases built by different DDL compare equal
 * when the upgrade left them the same; used by {@code verify} and by the tests.
 */
public final class SchemaShape {
    public static final String MISSING = "(missing)";

    private SchemaShape() {
    }

    public static Map<String, String> of(Catalog catalog, Collection<String> tables) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        for (String t : tables) {
            out.put(t.toUpperCase(), catalog.tableExists(t) ? describe(catalog, t) : MISSING);
        }
        return out;
    }

    /** Every table of the catalog's schema, except those whose name starts with one of the prefixes. */
    public static Map<String, String> all(Catalog catalog, List<String> excludedPrefixes) throws SQLException {
        List<String> tables = catalog.tables().keySet().stream()
                .filter(t -> excludedPrefixes.stream().noneMatch(t::startsWith)).toList();
        return of(catalog, tables);
    }

    private static String describe(Catalog catalog, String t) throws SQLException {
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
        return sb.toString();
    }

    private static String normalizeDefault(String d) {
        if (d == null) {
            return "none";
        }
        // H2 names the sequence behind an AUTO_INCREMENT column at random.
        return d.trim().replaceAll("SYSTEM_SEQUENCE_[0-9A-F_]+", "SYSTEM_SEQUENCE");
    }

    /** One table that is not the same in both shapes, with its first differing line. */
    public record Difference(String table, String kind, String detail) {
    }

    /** Differences from {@code expected} (e.g. a fresh 3.1.0 schema) to {@code actual} (the migrated one). */
    public static List<Difference> compare(Map<String, String> expected, Map<String, String> actual) {
        TreeSet<String> tables = new TreeSet<>(expected.keySet());
        tables.addAll(actual.keySet());
        List<Difference> out = new ArrayList<>();
        for (String t : tables) {
            String e = expected.getOrDefault(t, MISSING);
            String a = actual.getOrDefault(t, MISSING);
            if (e.equals(a)) {
                continue;
            }
            if (e.equals(MISSING)) {
                out.add(new Difference(t, "only in migrated", "the 3.1.0 schema has no such table"));
            } else if (a.equals(MISSING)) {
                out.add(new Difference(t, "missing", "the 3.1.0 schema has it, the migrated database does not"));
            } else {
                out.add(new Difference(t, "differs", firstDifference(e, a)));
            }
        }
        return out;
    }

    private static String firstDifference(String expected, String actual) {
        List<String> e = List.of(expected.split("\n"));
        List<String> a = List.of(actual.split("\n"));
        for (String line : e) {
            if (!a.contains(line)) {
                String prefix = line.contains(" ") ? line.substring(0, line.indexOf(' ', line.indexOf(' ') + 1) + 1) : line;
                String found = a.stream().filter(l -> l.startsWith(prefix)).findFirst().orElse("(none)");
                return "3.1.0: " + line + " | migrated: " + found;
            }
        }
        for (String line : a) {
            if (!e.contains(line)) {
                return "only in migrated: " + line;
            }
        }
        return "ordering";
    }
}
