package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.sql.SqlStep;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.util.List;
import java.util.Optional;

/**
 * A SQL step that changes what WSO2's identity migration created, so it runs only once that migration has finished:
 * in an earlier run (WSO2AM_DB's history says so), or earlier in this one (the goal runs or finishes it). Goals probe
 * every step before the first runs; a step due after the migration in this run is planned from its script and looks
 * at the catalog again when its turn comes.
 */
final class AfterIdentityMigration implements Step {
    private final SqlStep step;
    private final boolean migratesInThisRun;

    AfterIdentityMigration(SqlStep step, boolean migratesInThisRun) {
        this.step = step;
        this.migratesInThisRun = migratesInThisRun;
    }

    @Override public String id() { return step.id(); }
    @Override public Goal goal() { return step.goal(); }
    @Override public String summary() { return step.summary(); }
    @Override public String provenance() { return step.provenance(); }

    private Optional<String> script(StepContext context) {
        return step.script(context.databases().settings(step.database()).dialect());
    }

    private boolean migrated(StepContext context) {
        return MigrateIdentityGoal.finishedAccordingToTheDatabase(context);
    }

    @Override
    public Probe probe(StepContext context) {
        if (script(context).isEmpty() || migrated(context)) {
            return step.probe(context);
        }
        return migratesInThisRun ? Probe.applicable("after WSO2's identity migration in this run")
                : Probe.notApplicable("after WSO2's identity migration, which has not finished");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        if (migrated(context)) {
            return step.plan(context);
        }
        Dialect dialect = context.databases().settings(step.database()).dialect();
        String target = context.databases().settings(step.database()).describe();
        return StatementSplitter.split(dialect, script(context).orElseThrow()).stream()
                .map(s -> PlannedAction.sql(target, s)).toList();
    }

    @Override
    public void apply(StepContext context) {
        step.apply(context);
    }

    @Override
    public Verification verify(StepContext context) {
        return step.verify(context);
    }
}
