package io.github.apimupgrade.core.settings;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code run} identifies the mvn invocation in the journal and the report (empty outside one).
 *
 * Everything one run needs to know about the environment being upgraded, resolved from the layered
 * properties. {@code properties} stays available for settings that belong to a single step.
 */
public record UpgradeSettings(
        Optional<Path> oldHome,
        Optional<Path> newHome,
        Path workDir,
        String env,
        NodeRole nodeRole,
        boolean dryRun,
        Map<DbKey, DatabaseSettings> databases,
        LayeredProperties properties,
        String run) {

    public UpgradeSettings {
        databases = Map.copyOf(databases);
    }

    public Optional<DatabaseSettings> database(DbKey key) {
        return Optional.ofNullable(databases.get(key));
    }

    /** Where the user store (UM_*) is: its own database when one is configured, else the shared one, as in WSO2's packs. */
    public DbKey userStore() {
        return database(DbKey.USER).isPresent() ? DbKey.USER : DbKey.SHARED;
    }

    public DatabaseSettings requireDatabase(DbKey key) {
        return database(key).orElseThrow(() -> new ConfigurationException(
                "No " + key.label() + " is configured: set '" + key.property("url") + "'"
                        + (key.defaultH2File().isPresent() ? " (or 'apim.newHome' to use the home's embedded H2)" : "")
                        + "."));
    }
}
