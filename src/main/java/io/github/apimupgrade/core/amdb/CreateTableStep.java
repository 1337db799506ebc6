package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;

/**
 * Creates a table that 3.1.0 adds, exactly as a fresh 3.1.0 schema defines it on the dialect.
 * An existing table is left alone: it may already hold 3.1.0 data (the runbook's PostgreSQL script
 * drops and re-creates these tables, which destroys that data on a re-run).
 */
final class CreateTableStep extends SqlStep {
    private final String table;

    CreateTableStep(Definition definition, String table) {
        super(definition);
        this.table = table;
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        return catalog.tableExists(table)
                ? Probe.done(table + " exists")
                : Probe.applicable(table + " does not exist yet");
    }
}
