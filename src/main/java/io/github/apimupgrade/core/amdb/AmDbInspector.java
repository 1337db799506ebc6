package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tells from the catalog which WSO2AM_DB this is, before anything changes: nothing to recognise,
 * older than 3.0.0, 3.0.0, 3.0.0 part-way to 3.1.0, or 3.1.0.
 */
public final class AmDbInspector {
    /** Tables that a 3.0.0 WSO2AM_DB has (AM_API_PRODUCT_MAPPING arrived with API products in 3.0.0). */
    private static final List<String> V300_TABLES = List.of(AmTables.API, AmTables.SYSTEM_APPS,
            AmTables.CERTIFICATE_METADATA, AmTables.API_PRODUCT_MAPPING, "IDN_OAUTH2_SCOPE_BINDING");
    private static final List<String> V310_TABLES = List.of(AmTables.API_CATEGORIES, AmTables.USER,
            AmTables.AUDIT_MAPPING);

    private AmDbInspector() {
    }

    public static AmDbState inspect(Catalog catalog, String historyTable) throws SQLException {
        Map<String, String> tables = catalog.tables();
        boolean history = tables.containsKey(historyTable.toUpperCase());
        if (tables.isEmpty() || tables.size() == 1 && history) {
            return new AmDbState(AmDbState.Kind.EMPTY, "the schema has no tables", history);
        }
        if (!tables.containsKey(AmTables.API)) {
            return new AmDbState(AmDbState.Kind.NOT_WSO2AM_DB, "the schema has " + tables.size()
                    + " tables but no AM_API (first tables: " + String.join(", ", tables.values().stream().limit(5).toList())
                    + ")", history);
        }
        List<String> missing300 = V300_TABLES.stream().filter(t -> !tables.containsKey(t)).toList();
        if (!missing300.isEmpty()) {
            return new AmDbState(AmDbState.Kind.OLDER_THAN_300, "AM_API exists but " + String.join(", ", missing300)
                    + " (3.0.0 tables) do not: this looks like API-M 2.x", history);
        }
        List<String> present310 = new ArrayList<>(V310_TABLES.stream().filter(tables::containsKey).toList());
        if (catalog.column(AmTables.SYSTEM_APPS, "TENANT_DOMAIN").isPresent()) {
            present310.add("AM_SYSTEM_APPS.TENANT_DOMAIN");
        }
        boolean wide = catalog.column(AmTables.CERTIFICATE_METADATA, "ALIAS").map(c -> c.size() >= 255).orElse(false);
        if (present310.isEmpty() && !wide) {
            return new AmDbState(AmDbState.Kind.V300, "WSO2 API-M 3.0.0 schema (no 3.1.0 table or column yet)", history);
        }
        if (present310.size() == V310_TABLES.size() + 1 && wide) {
            return new AmDbState(AmDbState.Kind.V310, "WSO2 API-M 3.1.0 schema (" + String.join(", ", present310)
                    + " and the 255-character certificate alias exist)", history);
        }
        return new AmDbState(AmDbState.Kind.PARTIAL, "3.0.0 schema with part of the 3.1.0 changes ("
                + String.join(", ", present310) + (wide ? ", wide certificate alias" : "") + ")", history);
    }
}
