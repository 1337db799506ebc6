package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DbKey;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationState;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The plugin's history table in one database, in Flyway's format with a 3.0.0 baseline: which SQL steps
 * have run there. A step is applied through Flyway one at a time, so that Flyway runs it in a transaction
 * where the dialect has transactional DDL (PostgreSQL, SQL Server, DB2) and records it in the same one.
 * The history lives in the database it describes: losing the work directory never repeats a step.
 */
public final class SqlHistory {
    /** WSO2AM_DB's history table. */
    public static final String AM_TABLE = "APIM_UPGRADE_HISTORY";
    /** A registry database's history table. */
    public static final String REGISTRY_TABLE = "APIM_UPGRADE_REG_HISTORY";
    private static final String BASELINE = "3.0.0";

    private final StepContext context;
    private final DbKey database;

    public SqlHistory(StepContext context, DbKey database) {
        this.context = context;
        this.database = database;
    }

    /** The history table of a database: WSO2AM_DB's, or a registry database's. */
    public static String tableOf(DbKey database) {
        return database == DbKey.APIM ? AM_TABLE : REGISTRY_TABLE;
    }

    /** The versions recorded as applied; reads only. */
    public Set<String> recorded() {
        try {
            return Arrays.stream(flyway(List.of(), List.of()).info().applied())
                    .filter(i -> i.getState().isApplied() && !i.getState().isFailed() && i.getVersion() != null)
                    .map(i -> i.getVersion().getVersion())
                    .collect(Collectors.toSet());
        } catch (FlywayException e) {
            throw unwrap(e);
        }
    }

    /** Runs the step's statements (what its probe says is left to do) and records it. */
    public void apply(SqlStep step) {
        Flyway flyway = flyway(List.of(new StepMigration(step, context)), List.of());
        try {
            repairInterruptedRun(flyway);
            flyway.migrate();
        } catch (FlywayException e) {
            throw unwrap(e);
        }
    }

    /**
     * Records a milestone that is not SQL of the plugin (WSO2's identity migration finished), so that the
     * database itself says it happened even when the work directory is lost.
     */
    public void milestone(String version, String description) {
        Flyway flyway = flyway(List.of(), List.of(new Milestone(version, description)));
        try {
            flyway.migrate();
        } catch (FlywayException e) {
            throw unwrap(e);
        }
    }

    /**
     * A step that failed on a dialect without transactional DDL leaves a failed row that Flyway would
     * refuse to get past. Every step re-reads the catalog before it acts, so removing that row and
     * running again finishes the job.
     */
    private void repairInterruptedRun(Flyway flyway) {
        boolean failed = Arrays.stream(flyway.info().applied()).anyMatch(i -> i.getState() == MigrationState.FAILED);
        if (failed) {
            context.log().warn("A previous run stopped in the middle of a step on " + context.databases().settings(database).describe()
                    + "; removing its failed entry from " + tableOf(database) + " and resuming.");
            flyway.repair();
        }
    }

    private Flyway flyway(List<StepMigration> migrations, List<Milestone> milestones) {
        List<org.flywaydb.core.api.migration.JavaMigration> all = new java.util.ArrayList<>(migrations);
        all.addAll(milestones);
        FlywayLog.to(context.log());
        return Flyway.configure(SqlHistory.class.getClassLoader())
                .dataSource(context.databases().dataSource(database))
                .table(tableOf(database))
                .baselineOnMigrate(true)
                .baselineVersion(BASELINE)
                .baselineDescription("WSO2 API-M 3.0.0")
                .locations(new String[0])
                .javaMigrations(all.toArray(new org.flywaydb.core.api.migration.JavaMigration[0]))
                .ignoreMigrationPatterns("*:missing", "*:future")
                // every step probes the catalog first, so one added to the path (or off until a setting changed) may
                // run after steps of higher versions
                .outOfOrder(true)
                .loggers(FlywayLog.LOGGERS)
                .cleanDisabled(true)
                .mixed(true)
                .load();
    }

    private static RuntimeException unwrap(FlywayException e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof ApimException apim) {
                return apim;
            }
        }
        return new ApimException("Flyway failed: " + e.getMessage(), e);
    }

    /** A history entry with no SQL of its own. */
    private record Milestone(String version, String description) implements org.flywaydb.core.api.migration.JavaMigration {
        @Override public org.flywaydb.core.api.MigrationVersion getVersion() { return org.flywaydb.core.api.MigrationVersion.fromVersion(version); }
        @Override public String getDescription() { return description; }
        @Override public Integer getChecksum() { return null; }
        @Override public boolean canExecuteInTransaction() { return true; }
        @Override public void migrate(org.flywaydb.core.api.migration.Context context) { }
    }
}
