package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.KeptRows;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;

/**
 * Deletes scope bindings without a binding: the identity migration (IS 5.10.0) makes
 * IDN_OAUTH2_SCOPE_BINDING.SCOPE_BINDING NOT NULL and fails on them. Added by a later runbook revision.
 */
final class ScopeBindingCleanupStep extends SqlStep {
    ScopeBindingCleanupStep(Definition definition) {
        super(definition);
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        if (!catalog.tableExists("IDN_OAUTH2_SCOPE_BINDING")) {
            return Probe.done("there is no IDN_OAUTH2_SCOPE_BINDING table");
        }
        long empty = catalog.count(SqlResources.catalogQuery(catalog.dialect(), "empty-scope-bindings"));
        return empty == 0
                ? Probe.done("no scope binding is empty")
                : Probe.applicable(empty + " scope bindings are NULL or empty");
    }

    @Override
    public void apply(StepContext context) {
        context.withCatalog(database(), c -> {
            long rows = c.count("SELECT COUNT(*) FROM IDN_OAUTH2_SCOPE_BINDING");
            KeptRows.recordOnce(c, "IDN_OAUTH2_SCOPE_BINDING", id(), rows, rows - c.count(SqlResources.catalogQuery(c.dialect(), "empty-scope-bindings")));
            return null;
        });
        super.apply(context);
    }
}
