package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.db.Catalog;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Checks that a database is a WSO2 registry (carbon-kernel REG_* tables). */
public final class RegistryInspector {
    private static final List<String> REQUIRED = List.of("REG_PATH", "REG_RESOURCE", "REG_RESOURCE_HISTORY",
            "REG_RESOURCE_PROPERTY", "REG_PROPERTY", "REG_LOG");

    private RegistryInspector() {
    }

    /** Empty when it is a registry, else what is missing. */
    public static Optional<String> problem(Catalog catalog) throws SQLException {
        Map<String, String> tables = catalog.tables();
        List<String> missing = REQUIRED.stream().filter(t -> !tables.containsKey(t)).toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(tables.isEmpty() ? "the schema has no tables"
                : "registry tables " + String.join(", ", missing) + " are missing");
    }
}
