package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;

/** Adds AM_SYSTEM_APPS.TENANT_DOMAIN with existing rows set to carbon.super (MSSQL needs WITH VALUES for that). */
final class AddTenantDomainStep extends SqlStep {
    AddTenantDomainStep(Definition definition) {
        super(definition);
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        return catalog.column(AmTables.SYSTEM_APPS, "TENANT_DOMAIN").isPresent()
                ? Probe.done("AM_SYSTEM_APPS.TENANT_DOMAIN exists")
                : Probe.applicable("AM_SYSTEM_APPS has no TENANT_DOMAIN column");
    }
}
