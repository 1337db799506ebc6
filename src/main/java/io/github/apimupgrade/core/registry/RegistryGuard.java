package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.Guard;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.util.Optional;

/** A registry database (shared or config) holds WSO2's registry tables, so that a wrong URL stops the run before WSO2AM_DB changes. */
public final class RegistryGuard extends Guard {
    private final DbKey database;

    public RegistryGuard(DbKey database, Goal goal) {
        super("registry-database-" + database.key(), goal, database.label() + " is a WSO2 registry database",
                "a wrong registry URL must stop the run before WSO2AM_DB is touched");
        this.database = database;
    }

    @Override
    public Probe probe(StepContext context) {
        DatabaseSettings db = context.settings().requireDatabase(database);
        Optional<String> problem = context.withCatalog(database, RegistryInspector::problem);
        return problem.map(p -> Probe.blocked(db.describe() + " at " + db.configuredUrl() + " is not a WSO2 registry database: " + p
                        + ". Point '" + database.property("url") + "' at the registry database of the 3.0.0 deployment"))
                .orElseGet(() -> Probe.done("the registry tables are there"));
    }
}
