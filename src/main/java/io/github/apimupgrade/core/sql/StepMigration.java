package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.report.Journal;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;

/**
 * A {@link SqlStep} as a Flyway migration: Flyway orders it, records it in the plugin's history
 * table and runs it in a transaction where the dialect allows; the step's own probe makes it safe to
 * run again after a crash on dialects whose DDL cannot be rolled back (MySQL, Oracle).
 */
final class StepMigration implements JavaMigration {
    private final SqlStep step;
    private final StepContext context;
    private final Dialect dialect;
    private final AtomicInteger applied;

    StepMigration(SqlStep step, StepContext context, Dialect dialect, AtomicInteger applied) {
        this.step = step;
        this.context = context;
        this.dialect = dialect;
        this.applied = applied;
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
        crc.update(step.script(dialect).orElse("").getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context flyway) {
        StepContext bound = context.boundTo(step.database(), flyway.getConnection());
        Probe probe = step.probe(bound);
        Journal journal = new Journal(context.settings().workDir(), context.settings().env());
        long start = System.currentTimeMillis();
        switch (probe.status()) {
            case ALREADY_DONE -> {
                context.log().info("  " + step.id() + ": already done (" + probe.reason() + ")");
                journal.record(step.goal().id(), step.id(), "ALREADY_DONE", probe.reason(), 0);
            }
            case NOT_APPLICABLE -> context.log().info("  " + step.id() + ": not applicable (" + probe.reason() + ")");
            case BLOCKED -> throw new ApimUserException(step.id() + ": " + probe.reason());
            case APPLICABLE -> {
                context.log().info("  " + step.id() + ": " + step.summary() + " (" + probe.reason() + ")");
                step.apply(bound);
                Verification v = step.verify(bound);
                if (!v.ok()) {
                    throw new ApimException(step.id() + " ran but its result is not as expected: " + v.detail());
                }
                applied.incrementAndGet();
                journal.record(step.goal().id(), step.id(), "APPLIED", probe.reason() + "; " + v.detail(),
                        System.currentTimeMillis() - start);
            }
        }
    }
}
