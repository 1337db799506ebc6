package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * A {@link SqlStep} as a Flyway migration: Flyway records it in the plugin's history table and runs it in
 * a transaction where the dialect allows; the step's own probe, bound to Flyway's connection, makes it
 * safe to run again after a crash on dialects whose DDL cannot be rolled back (MySQL, Oracle, H2).
 */
final class StepMigration implements JavaMigration {
    private final SqlStep step;
    private final StepContext context;

    StepMigration(SqlStep step, StepContext context) {
        this.step = step;
        this.context = context;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion(step.migrationVersion());
    }

    @Override
    public String getDescription() {
        return step.id();
    }

    @Override
    public Integer getChecksum() {
        CRC32 crc = new CRC32();
        crc.update(step.script(context.databases().settings(step.database()).dialect()).orElse("").getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context flyway) {
        StepContext bound = context.boundTo(step.database(), flyway.getConnection());
        Probe probe = step.probeCatalog(bound);
        switch (probe.status()) {
            case ALREADY_DONE, NOT_APPLICABLE -> {
                // an earlier run did the work but was stopped before recording it: record it now
            }
            case BLOCKED -> throw new ApimUserException(step.id() + ": " + probe.reason());
            case APPLICABLE -> {
                step.runStatements(bound);
                Verification v = step.verify(bound);
                if (!v.ok()) {
                    throw new ApimException(step.id() + " ran but its result is not as expected: " + v.detail());
                }
            }
        }
    }
}
