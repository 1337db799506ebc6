package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DbKey;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * Runs the SQL steps of one database through Flyway, with the plugin's own history table and a
 * 3.0.0 baseline, or only plans them. Steps that do not apply to the dialect or configuration are
 * left out of the history altogether, so that they can still run if the configuration changes.
 */
public final class SqlStepRunner {
    private static final String BASELINE = "3.0.0";

    private final StepContext context;
    private final DbKey database;
    private final String historyTable;
    private final List<SqlStep> steps;

    public SqlStepRunner(StepContext context, DbKey database, String historyTable, List<SqlStep> steps) {
        this.context = context;
        this.database = database;
        this.historyTable = historyTable;
        this.steps = List.copyOf(steps);
    }

    /** What each step would do now; reads the catalog and the history table, changes nothing. */
    public List<StepPlan> plan() {
        Set<String> recorded = recordedVersions();
        List<StepPlan> out = new ArrayList<>();
        for (SqlStep step : steps) {
            Probe probe = step.probe(context);
            if (recorded.contains(step.migrationVersion())) {
                probe = Probe.done("recorded as applied in " + historyTable);
            }
            List<String> statements = probe.is(Probe.Status.APPLICABLE) ? step.statements(context) : List.of();
            out.add(new StepPlan(step, probe, statements));
        }
        return out;
    }

    /** Applies what is not done yet. Returns how many steps changed something (0 when all was done). */
    public int migrate() {
        Dialect dialect = context.databases().settings(database).dialect();
        AtomicInteger applied = new AtomicInteger();
        List<StepMigration> migrations = new ArrayList<>();
        for (SqlStep step : steps) {
            Probe probe = step.probe(context);
            if (probe.is(Probe.Status.NOT_APPLICABLE)) {
                context.log().info("  " + step.id() + ": not applicable (" + probe.reason() + ")");
            } else {
                migrations.add(new StepMigration(step, context, dialect, applied));
            }
        }
        Flyway flyway = flyway(migrations);
        try {
            repairInterruptedRun(flyway);
            flyway.migrate();
            return applied.get();
        } catch (FlywayException e) {
            throw unwrap(e);
        }
    }

    private Set<String> recordedVersions() {
        try {
            return Arrays.stream(flyway(List.of()).info().applied())
                    .filter(i -> i.getState().isApplied() && !i.getState().isFailed() && i.getVersion() != null)
                    .map(i -> i.getVersion().getVersion())
                    .collect(Collectors.toSet());
        } catch (FlywayException e) {
            throw unwrap(e);
        }
    }

    /**
     * A step that failed on a dialect without transactional DDL leaves a failed row that Flyway
     * would refuse to get past. Every step re-checks the catalog before it acts, so removing that
     * row and running again finishes the job.
     */
    private void repairInterruptedRun(Flyway flyway) {
        MigrationInfo[] applied = flyway.info().applied();
        boolean failed = Arrays.stream(applied).anyMatch(i -> i.getState() == MigrationState.FAILED);
        if (failed) {
            context.log().warn("A previous run stopped in the middle of a step on " + context.databases().settings(database).describe()
                    + "; removing its failed entry from " + historyTable + " and resuming.");
            flyway.repair();
        }
    }

    private Flyway flyway(List<StepMigration> migrations) {
        return Flyway.configure(SqlStepRunner.class.getClassLoader())
                .dataSource(context.databases().dataSource(database))
                .table(historyTable)
                .baselineOnMigrate(true)
                .baselineVersion(BASELINE)
                .baselineDescription("WSO2 API-M 3.0.0")
                .locations(new String[0])
                .javaMigrations(migrations.toArray(new StepMigration[0]))
                .ignoreMigrationPatterns("*:missing", "*:future")
                .loggers("slf4j")
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

    /** One step's plan: what the probe found and the exact statements it would run. */
    public record StepPlan(SqlStep step, Probe probe, List<String> statements) {
    }
}
