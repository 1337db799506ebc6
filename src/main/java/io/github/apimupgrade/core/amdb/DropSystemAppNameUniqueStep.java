package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * Drops UNIQUE(NAME) on AM_SYSTEM_APPS so that each tenant can have its own system apps. Its name
 * is generated on H2 and MSSQL, so it is read from the catalog on every dialect.
 */
final class DropSystemAppNameUniqueStep extends SqlStep {
    private static final List<String> NAME = List.of("NAME");

    DropSystemAppNameUniqueStep(Definition definition) {
        super(definition);
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        return catalog.uniqueConstraintOn(AmTables.SYSTEM_APPS, NAME)
                .map(k -> Probe.applicable("AM_SYSTEM_APPS has UNIQUE(NAME) as " + k.name()))
                .orElseGet(() -> Probe.done("AM_SYSTEM_APPS has no UNIQUE(NAME)"));
    }

    @Override
    protected Map<String, String> placeholders(Catalog catalog) throws SQLException {
        return catalog.uniqueConstraintOn(AmTables.SYSTEM_APPS, NAME)
                .map(k -> Map.of("constraintName", k.name()))
                .orElse(Map.of("constraintName", "(none)"));
    }

    @Override
    protected String withoutScript(Dialect dialect) {
        return "a fresh DB2 3.1.0 schema keeps UNIQUE(NAME) on AM_SYSTEM_APPS";
    }
}
