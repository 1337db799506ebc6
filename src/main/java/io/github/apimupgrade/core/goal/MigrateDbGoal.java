package io.github.apimupgrade.core.goal;

import io.github.apimupgrade.core.amdb.AmDbGuard;
import io.github.apimupgrade.core.amdb.AmDbSteps;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.registry.DisableVersioningStep;
import io.github.apimupgrade.core.registry.KernelIndexStep;
import io.github.apimupgrade.core.registry.RegistryGuard;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate-db}: WSO2AM_DB from 3.0.0 to 3.1.0 and, where 3.0.0 kept registry versions, the
 * registry clean-up. The guards come first: every database is checked before anything changes, so a
 * wrong registry URL stops the run before WSO2AM_DB is touched.
 */
public final class MigrateDbGoal implements GoalSteps {
    private final StepContext context;

    public MigrateDbGoal(StepContext context) {
        this.context = context;
    }

    @Override
    public List<Step> steps() {
        context.settings().requireDatabase(DbKey.APIM);
        List<Step> steps = new ArrayList<>();
        steps.add(new AmDbGuard());
        registryDatabases().forEach(k -> steps.add(new RegistryGuard(k, Goal.MIGRATE_DB)));
        steps.addAll(AmDbSteps.all());
        registryDatabases().forEach(k -> steps.add(new DisableVersioningStep(k)));
        kernelDatabases().forEach(k -> steps.addAll(KernelIndexStep.of(k)));
        return steps;
    }

    /** Runs the goal (or prints its plan on a dry run); returns how many steps changed something. */
    public int run() {
        return new StepRunner(context).run(Goal.MIGRATE_DB, steps());
    }

    public List<StepRunner.StepPlan> plan() {
        return new StepRunner(context).plan(steps());
    }

    /** The registry databases and a user store of its own: every database created from the carbon-kernel script. */
    private List<DbKey> kernelDatabases() {
        List<DbKey> keys = registryDatabases();
        context.settings().database(DbKey.USER)
                .filter(u -> keys.stream().noneMatch(k -> context.settings().database(k).orElseThrow().url().equals(u.url())))
                .ifPresent(u -> keys.add(DbKey.USER));
        return keys;
    }

    private List<DbKey> registryDatabases() {
        List<DbKey> keys = new ArrayList<>();
        Optional<DatabaseSettings> shared = context.settings().database(DbKey.SHARED);
        shared.ifPresent(s -> keys.add(DbKey.SHARED));
        context.settings().database(DbKey.CONFIG)
                .filter(c -> shared.isEmpty() || !shared.get().url().equals(c.url()))
                .ifPresent(c -> keys.add(DbKey.CONFIG));
        return keys;
    }
}
