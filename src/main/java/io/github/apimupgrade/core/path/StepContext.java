package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Databases;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What a step sees of the run: the settings, the log and the databases. Inside a Flyway migration
 * the context is bound to Flyway's connection for that database, so the step's statements run in
 * the migration's transaction where the dialect has transactional DDL.
 */
public final class StepContext {
    private final UpgradeSettings settings;
    private final Databases databases;
    private final UpgradeLog log;
    private final Map<DbKey, Connection> bound;
    private final Environment environment;

    public StepContext(UpgradeSettings settings, Databases databases, UpgradeLog log) {
        this(settings, databases, log, Environment.plain(settings.workDir().getParent() == null ? settings.workDir() : settings.workDir()));
    }

    public StepContext(UpgradeSettings settings, Databases databases, UpgradeLog log, Environment environment) {
        this(settings, databases, log, new EnumMap<>(DbKey.class), environment);
    }

    private StepContext(UpgradeSettings settings, Databases databases, UpgradeLog log, Map<DbKey, Connection> bound,
                        Environment environment) {
        this.settings = settings;
        this.databases = databases;
        this.log = log;
        this.bound = bound;
        this.environment = environment;
    }

    public StepContext boundTo(DbKey key, Connection connection) {
        Map<DbKey, Connection> copy = new EnumMap<>(DbKey.class);
        copy.putAll(bound);
        copy.put(key, connection);
        return new StepContext(settings, databases, log, copy, environment);
    }

    /** What the build tool gives the run: resolution, drivers, the project folder, the run's goals. */
    public Environment environment() {
        return environment;
    }

    public UpgradeSettings settings() {
        return settings;
    }

    public Databases databases() {
        return databases;
    }

    public UpgradeLog log() {
        return log;
    }

    public <T> T withConnection(DbKey key, Databases.SqlWork<T> work) {
        Connection c = bound.get(key);
        if (c == null) {
            return databases.withConnection(key, work);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new ApimException("Database error on "
                    + databases.settings(key).describe() + ": " + e.getMessage(), e);
        }
    }

    /** Runs the statements in order on the database (on the bound connection when there is one), each a unit of work. */
    public void execute(DbKey key, List<String> statements) {
        withConnection(key, c -> {
            for (String sql : statements) {
                log.debug("  " + sql.replace('\n', ' '));
                try (Statement s = c.createStatement()) {
                    s.execute(sql);
                }
                FaultInjector.afterStatement();
            }
            return null;
        });
    }

    public <T> T withCatalog(DbKey key, CatalogWork<T> work) {
        return withConnection(key, c -> work.run(new Catalog(c, databases.settings(key).dialect())));
    }

    /** Work done with a catalog. */
    @FunctionalInterface
    public interface CatalogWork<T> {
        T run(Catalog catalog) throws SQLException;
    }
}
