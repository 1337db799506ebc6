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
import java.util.function.BooleanSupplier;

/**
 * A SQL step that changes what WSO2's identity migration created, so it runs only once that migration has finished:
 * in an earlier run (WSO2AM_DB's history says so), or earlier in this one (the goal runs or finishes it). Goals probe
 * every step before the first runs; a step due after the migration in this run is planned from its script and looks
 * at the catalog again when its turn comes.
 */
final class AfterIdentityMigration implements Step {
    private final SqlStep step;
    private final BooleanSupplier migrated;
    private final boolean migratesInThisRun;

    /**
     * @param migrated          whether WSO2's identity migration has finished (the goal's state or WSO2AM_DB's history)
     * @param migratesInThisRun whether this run runs or finishes it before this step
     */
    AfterIdentityMigration(SqlStep step, BooleanSupplier migrated, boolean migratesInThisRun) {
        this.step = step;
        this.migrated = migrated;
        this.migratesInThisRun = migratesInThisRun;
    }

    @Override public String id() { return step.id(); }
    @Override public Goal goal() { return step.goal(); }
    @Override public String summary() { return step.summary(); }
    @Override public String provenance() { return step.provenance(); }

    private Optional<String> script(StepContext context) {
        return step.script(context.databases().settings(step.database()).dialect());
    }

    @Override
    public Probe probe(StepContext context) {
        if (!MigrateIdentityGoal.reachable(context, step.database())) {
            return Probe.notApplicable("no " + step.database().key() + " database here to align");
        }
        if (script(context).isEmpty() || migrated.getAsBoolean()) {
            return step.probe(context);
        }
        return migratesInThisRun ? Probe.applicable("after WSO2's identity migration in this run")
                : Probe.notApplicable("after WSO2's identity migration, which has not finished");
    }

    /**
     * Before the identity migration, the statements are notes (comments in apim:plan's SQL files): they change tables
     * WSO2's server run creates or changes first, so they cannot be replayed before it.
     */
    @Override
    public List<PlannedAction> plan(StepContext context) {
        if (migrated.getAsBoolean()) {
            return step.plan(context);
        }
        Dialect dialect = context.databases().settings(step.database()).dialect();
        String target = context.databases().settings(step.database()).describe();
        return StatementSplitter.split(dialect, script(context).orElseThrow()).stream()
                .map(s -> PlannedAction.note(target, "after WSO2's identity migration: " + s)).toList();
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
