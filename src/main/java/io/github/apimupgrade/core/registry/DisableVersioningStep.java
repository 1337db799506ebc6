package io.github.apimupgrade.core.registry;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlStep;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Moves registry tags, comments, properties and ratings from version ids to path ids and deletes
 * those of old versions, as a registry without versioning expects. Runs only when the 3.0.0
 * deployment had versioning on ({@code apim.registry.disableVersioning=auto}), or when forced
 * ({@code true}); {@code false} skips it. Recorded in the registry database's history table, so it
 * never runs twice.
 */
public final class DisableVersioningStep extends SqlStep {
    public static final String HISTORY_TABLE = io.github.apimupgrade.core.sql.SqlHistory.REGISTRY_TABLE;
    public static final String PROPERTY = "apim.registry.disableVersioning";

    public DisableVersioningStep(DbKey database) {
        super(new Definition("disable-registry-versioning", Goal.MIGRATE_DB, database, "registry", "3.1.0.1",
                "Remove registry version data (tags, comments, properties, ratings of old versions)",
                "runbook 'Disabling versioning in the registry configuration'; a later revision runs it only when "
                        + "3.0.0 had versioning on; matches tenant ids too"));
    }

    @Override
    public Probe probe(StepContext context) {
        String mode = context.settings().properties().get(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "false":
                return Probe.notApplicable(PROPERTY + "=false");
            case "true":
                return super.probe(context);
            case "auto":
                break;
            default:
                throw new ConfigurationException("Property '" + PROPERTY + "' is '" + mode + "'; use auto, true or false.");
        }
        Optional<Path> oldHome = context.settings().oldHome();
        if (oldHome.isEmpty()) {
            return Probe.blocked("cannot tell whether registry versioning was on: set 'apim.oldHome' to the 3.0.0 home, "
                    + "or '" + PROPERTY + "' to true or false");
        }
        Path registryXml = oldHome.get().resolve("repository/conf/registry.xml");
        Optional<List<String>> on = RegistryVersioning.enabledFlags(registryXml);
        if (on.isEmpty()) {
            return Probe.blocked(registryXml + " has no <staticConfiguration>: set '" + PROPERTY + "' to true or false");
        }
        if (on.get().isEmpty()) {
            return Probe.notApplicable("versioning was off in " + registryXml);
        }
        return super.probe(context);
    }

    @Override
    protected Probe probe(Catalog catalog) throws SQLException {
        return Probe.applicable("versioning was on (" + String.join(", ", RegistryVersioning.FLAGS) + " checked)");
    }

    /** Every remaining tag, comment, property and rating link points at a resource path. */
    @Override
    public Verification verify(StepContext context) {
        return context.withCatalog(database(), catalog -> {
            long dangling = 0;
            for (String link : List.of("REG_RESOURCE_TAG", "REG_RESOURCE_COMMENT", "REG_RESOURCE_PROPERTY", "REG_RESOURCE_RATING")) {
                dangling += catalog.count("SELECT COUNT(*) FROM " + link + " WHERE REG_PATH_ID IS NULL");
            }
            return dangling == 0
                    ? Verification.ok("every registry tag, comment, property and rating has a path id")
                    : Verification.failed(dangling + " registry links still have no path id");
        });
    }
}
