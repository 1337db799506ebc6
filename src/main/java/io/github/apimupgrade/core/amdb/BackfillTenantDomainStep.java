package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;

/**
 * Sets TENANT_DOMAIN to carbon.super where it is NULL. 3.0.0 system apps all belong to the super
 * tenant; NULLs are left when the runbook's MSSQL script added the column without WITH VALUES, and
 * 3.1.0 looks system apps up by NAME and TENANT_DOMAIN, so it would not find them.
 */
final class BackfillTenantDomainStep extends SqlStep {
    BackfillTenantDomainStep(Definition definition) {
        super(definition);
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        if (catalog.column(AmTables.SYSTEM_APPS, "TENANT_DOMAIN").isEmpty()) {
            // every dialect's script adds the column with its default filling the existing rows (MSSQL: WITH VALUES)
            return Probe.done("TENANT_DOMAIN is added with DEFAULT 'carbon.super', which fills every existing row");
        }
        long nulls = catalog.count("SELECT COUNT(*) FROM AM_SYSTEM_APPS WHERE TENANT_DOMAIN IS NULL");
        return nulls == 0
                ? Probe.done("every AM_SYSTEM_APPS row has a TENANT_DOMAIN")
                : Probe.applicable(nulls + " AM_SYSTEM_APPS rows have no TENANT_DOMAIN");
    }
}
