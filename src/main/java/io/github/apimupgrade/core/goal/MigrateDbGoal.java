package io.github.apimupgrade.core.goal;

import io.github.apimupgrade.core.amdb.AmDbInspector;
import io.github.apimupgrade.core.amdb.AmDbState;
import io.github.apimupgrade.core.amdb.AmDbSteps;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.registry.DisableVersioningStep;
import io.github.apimupgrade.core.registry.RegistryInspector;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlStepRunner;
import io.github.apimupgrade.core.sql.SqlStepRunner.StepPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code migrate-db}: WSO2AM_DB from 3.0.0 to 3.1.0 and, where 3.0.0 kept registry versions, the
 * registry clean-up. Every database is inspected before anything changes, all of them first, so a
 * wrong registry URL stops the run before WSO2AM_DB is touched.
 */
public final class MigrateDbGoal {
    private final StepContext context;

    public MigrateDbGoal(StepContext context) {
        this.context = context;
    }

    /** Runs the goal, or only prints its plan when the run is a dry run. */
    public Outcome run() {
        List<DatabasePlan> plans = plan();
        PlanPrinter.print(context.log(), "migrate-db", plans);
        if (context.settings().dryRun()) {
            context.log().info("Dry run (apim.dryRun=true): nothing was changed.");
            return new Outcome(0, true);
        }
        boolean blocked = plans.stream().flatMap(p -> p.steps().stream()).anyMatch(s -> s.probe().is(Probe.Status.BLOCKED));
        if (blocked) {
            String reasons = plans.stream().flatMap(p -> p.steps().stream()).filter(s -> s.probe().is(Probe.Status.BLOCKED))
                    .map(s -> s.step().id() + ": " + s.probe().reason()).reduce((a, b) -> a + "; " + b).orElse("");
            throw new ConfigurationException("migrate-db cannot run: " + reasons);
        }
        int executed = 0;
        for (DatabasePlan plan : plans) {
            context.log().info("Migrating " + plan.database().describe() + " ...");
            executed += runner(plan.database().key(), plan.historyTable()).migrate();
        }
        if (executed == 0) {
            context.log().info("migrate-db: nothing to do, every step is already done.");
        } else {
            context.log().info("migrate-db: done (" + executed + " step(s) applied).");
        }
        return new Outcome(executed, false);
    }

    public List<DatabasePlan> plan() {
        List<DatabasePlan> plans = new ArrayList<>();
        DatabaseSettings apim = context.settings().requireDatabase(DbKey.APIM);
        AmDbState state = context.withCatalog(DbKey.APIM, c -> AmDbInspector.inspect(c, AmDbSteps.HISTORY_TABLE));
        String apimFinding = admit(apim, state);
        for (DbKey registry : registryDatabases()) {
            DatabaseSettings db = context.settings().requireDatabase(registry);
            Optional<String> problem = context.withCatalog(registry, RegistryInspector::problem);
            if (problem.isPresent()) {
                throw new UnsupportedDatabaseException(db.describe() + " at " + db.url() + " is not a WSO2 registry database: "
                        + problem.get() + ". Point '" + registry.property("url") + "' at the registry database of the 3.0.0 deployment.");
            }
        }
        plans.add(new DatabasePlan(apim, apimFinding, AmDbSteps.HISTORY_TABLE,
                runner(DbKey.APIM, AmDbSteps.HISTORY_TABLE).plan()));
        for (DbKey registry : registryDatabases()) {
            plans.add(new DatabasePlan(context.settings().requireDatabase(registry), "WSO2 registry",
                    DisableVersioningStep.HISTORY_TABLE, runner(registry, DisableVersioningStep.HISTORY_TABLE).plan()));
        }
        return plans;
    }

    private String admit(DatabaseSettings db, AmDbState state) {
        String where = db.describe() + " at " + db.url();
        return switch (state.kind()) {
            case EMPTY, NOT_WSO2AM_DB -> throw new UnsupportedDatabaseException(where + " is not a WSO2 API-M database: "
                    + state.evidence() + ". Point '" + db.key().property("url") + "' at the WSO2AM_DB of the 3.0.0 deployment.");
            case OLDER_THAN_300 -> throw new UnsupportedDatabaseException(where + " is older than 3.0.0: " + state.evidence()
                    + ". Upgrade it to 3.0.0 first (this plugin upgrades 3.0.0 to 3.1.0).");
            case V310 -> {
                if (!state.hasHistory()) {
                    throw new UnsupportedDatabaseException(where + " is already at 3.1.0: " + state.evidence()
                            + ", and this plugin did not migrate it (no " + AmDbSteps.HISTORY_TABLE + " table). Nothing to migrate.");
                }
                yield state.evidence() + ", migrated by this plugin";
            }
            case PARTIAL -> {
                if (!state.hasHistory()) {
                    context.log().warn(where + ": " + state.evidence() + ". These changes were made outside this plugin "
                            + "(the runbook's script?); they are kept and the rest is completed.");
                }
                yield state.evidence() + (state.hasHistory() ? ", an upgrade by this plugin is under way" : "");
            }
            case V300 -> state.evidence();
        };
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

    private SqlStepRunner runner(DbKey key, String historyTable) {
        return key == DbKey.APIM
                ? new SqlStepRunner(context, key, historyTable, AmDbSteps.all())
                : new SqlStepRunner(context, key, historyTable, List.of(new DisableVersioningStep(key)));
    }

    /** The plan for one database: what it was found to be and each step's plan. */
    public record DatabasePlan(DatabaseSettings database, String finding, String historyTable, List<StepPlan> steps) {
    }

    /** How many steps ran, and whether this was only a dry run. */
    public record Outcome(int stepsExecuted, boolean dryRun) {
    }
}
