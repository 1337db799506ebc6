package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.CatalogFacts;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Probe;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Brings catalog facts (as {@code apim:verify} reads them, see {@link CatalogFacts}) that a migration leaves different
 * to their value in a fresh 3.1.0 database. Done when every target fact has its fresh value; not applicable when an
 * object the script changes is not there (such as identity tables WSO2's migration did not create); blocked, before
 * anything changes, when rows would not fit a NOT NULL.
 */
public final class FreshCatalogStep extends SqlStep {
    /** Rows that must all have a value before the column can be made NOT NULL, and how the operator gives them one. */
    public record RequiredValues(String table, String column, String fix) {
    }

    private final String table;
    private final Map<String, String> target;
    private final List<String> requires;
    private final Optional<RequiredValues> requiredValues;

    /**
     * @param table      whose facts are read ({@link CatalogFacts#SCHEMA} for sequences and routines)
     * @param target     fact to its value in fresh 3.1.0
     * @param requires   facts that must exist: the objects the script changes ({@code table T} for another table)
     */
    public FreshCatalogStep(Definition definition, String table, Map<String, String> target, List<String> requires,
                     Optional<RequiredValues> requiredValues) {
        super(definition);
        this.table = table;
        this.target = target;
        this.requires = requires;
        this.requiredValues = requiredValues;
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        SortedMap<String, CatalogFacts.Fact> facts = table.equals(CatalogFacts.SCHEMA) ? CatalogFacts.schemaObjects(catalog)
                : CatalogFacts.tables(catalog, List.of(table));
        for (String required : requires) {
            boolean otherTable = required.startsWith("table ") && !required.equals("table " + table);
            if (otherTable ? !catalog.tableExists(required.substring("table ".length())) : value(facts, required).equals(CatalogFacts.ABSENT)) {
                return Probe.notApplicable("no " + required.replaceFirst(" type$", "") + " here (the migration before this step did not create it)");
            }
        }
        Map<String, String> differing = target.entrySet().stream().filter(e -> !fresh(e.getKey(), value(facts, e.getKey()), e.getValue()))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> value(facts, e.getKey()), (a, b) -> a, TreeMap::new));
        if (differing.isEmpty()) {
            return Probe.done("as in fresh 3.1.0: " + describe(target));
        }
        if (requiredValues.isPresent()) {
            RequiredValues r = requiredValues.get();
            long missing = catalog.count("SELECT COUNT(*) FROM " + r.table() + " WHERE " + r.column() + " IS NULL");
            if (missing > 0) {
                return Probe.blocked(missing + " row(s) of " + r.table() + " have no " + r.column() + ", which fresh 3.1.0 declares NOT NULL: "
                        + r.fix() + ", then run again");
            }
        }
        return Probe.applicable(describe(differing) + "; fresh 3.1.0: " + describe(target));
    }

    /** Whether a fact has its fresh value; a type is named in the catalog's own case (PostgreSQL: varchar(255)). */
    private static boolean fresh(String key, String value, String target) {
        return key.endsWith(" type") ? value.equalsIgnoreCase(target) : value.equals(target);
    }

    private static String value(SortedMap<String, CatalogFacts.Fact> facts, String key) {
        CatalogFacts.Fact f = facts.get(key);
        return f == null ? CatalogFacts.ABSENT : f.value();
    }

    private static String describe(Map<String, String> facts) {
        return facts.entrySet().stream().map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining(", "));
    }

    @Override
    protected String withoutScript(Dialect dialect) {
        return "no alignment script for " + dialect.displayName() + ": fresh 3.1.0 has no such difference there, or it was not "
                + "measured on " + dialect.displayName() + " (apim:verify reports what differs)";
    }
}
