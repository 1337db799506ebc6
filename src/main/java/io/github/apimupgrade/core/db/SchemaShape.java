package io.github.apimupgrade.core.db;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The definition of tables as one comparable text per table, for before/after comparisons of what the data lives
 * in: columns (type, width, nullability, default), the columns of the primary key and unique keys, and foreign keys
 * with their rules; a subset of {@link CatalogFacts}. Column positions, constraint names and plain indexes are left
 * out (a column {@code ALTER TABLE ... ADD} appended is defined like one a fresh script declared in the middle);
 * {@code verify} compares the whole catalog.
 */
public final class SchemaShape {
    private SchemaShape() {
    }

    public static Map<String, String> of(Catalog catalog, Collection<String> tables) throws SQLException {
        return byTable(CatalogFacts.tables(catalog, tables));
    }

    /** Every table of the catalog's schema, and its other objects under {@link CatalogFacts#SCHEMA}, except those whose name starts with one of the prefixes. */
    public static Map<String, String> all(Catalog catalog, List<String> excludedPrefixes) throws SQLException {
        return byTable(CatalogFacts.all(catalog, excludedPrefixes));
    }

    private static Map<String, String> byTable(SortedMap<String, CatalogFacts.Fact> facts) {
        Map<String, String> out = new TreeMap<>();
        for (CatalogFacts.Fact f : facts.values()) {
            String key = f.key();
            if (key.endsWith(" position") || key.startsWith("index ")) {
                continue;
            }
            String line = key.endsWith(" name") ? key.substring(0, key.length() - " name".length()) : key + " = " + f.value();
            out.merge(f.table(), line + "\n", String::concat);
        }
        return out;
    }
}
