package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.sql.SqlStep;

import java.sql.SQLException;
import java.util.Map;

/**
 * Widens AM_CERTIFICATE_METADATA.ALIAS and END_POINT to 255 characters as in fresh 3.1.0. The
 * runbook misses it; 3.0.0 stores whole endpoint URLs there, so long ones fail on a migrated database.
 */
final class WidenCertificateMetadataStep extends SqlStep {
    static final int WIDTH = 255;

    WidenCertificateMetadataStep(Definition definition) {
        super(definition);
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        int alias = catalog.column(AmTables.CERTIFICATE_METADATA, "ALIAS").map(Catalog.ColumnInfo::size).orElse(0);
        int endpoint = catalog.column(AmTables.CERTIFICATE_METADATA, "END_POINT").map(Catalog.ColumnInfo::size).orElse(0);
        String found = "ALIAS(" + alias + "), END_POINT(" + endpoint + ")";
        return alias >= WIDTH && endpoint >= WIDTH
                ? Probe.done(found)
                : Probe.applicable(found + " are narrower than " + WIDTH);
    }

    @Override
    protected Map<String, String> placeholders(Catalog catalog) throws SQLException {
        return Map.of("primaryKeyName", catalog.primaryKey(AmTables.CERTIFICATE_METADATA)
                .map(Catalog.Key::name).orElse("PK_ALIAS"));
    }
}
