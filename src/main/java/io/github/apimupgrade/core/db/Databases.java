package io.github.apimupgrade.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.FileTrees;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * The connection pools of one run, opened on first use and closed together. Opening checks the
 * driver and makes one connection first, so that a wrong URL or password fails with a clear message
 * before any step starts.
 */
public final class Databases implements AutoCloseable {
    private final UpgradeSettings settings;
    private final ClassLoader classLoader;
    private final Map<DbKey, HikariDataSource> pools = new EnumMap<>(DbKey.class);
    private boolean workSessions;
    /** Scratch copies of embedded H2 files that could not be opened read-only; removed on close. */
    private final List<Path> copies = new ArrayList<>();
    private static final String READ_ONLY = ";ACCESS_MODE_DATA=r";
    /**
     * H2's errors that say the read-only open itself is wrong (login, no such file, file in use, another file
     * format); any other error of a read-only open is a file that needs recovery first (a killed transaction ends in
     * "This store is read-only", a killed ALTER in "Table ..._COPY_... not found").
     */
    private static final Set<Integer> NOT_RECOVERY = Set.of(28000, 90013, 90146, 90020, 90048);

    public Databases(UpgradeSettings settings, ClassLoader classLoader) {
        this.settings = settings;
        this.classLoader = classLoader;
    }

    public DatabaseSettings settings(DbKey key) {
        return settings.requireDatabase(key);
    }

    public boolean isConfigured(DbKey key) {
        return settings.database(key).isPresent();
    }

    public synchronized DataSource dataSource(DbKey key) {
        HikariDataSource pool = pools.get(key);
        if (pool == null) {
            pool = open(settings.requireDatabase(key));
            pools.put(key, pool);
        }
        return pool;
    }

    /**
     * Marks every session opened from now on as doing upgrade work ({@link RunLock#workSessionSql}); called
     * once the run holds its upgrade locks, before any pool is open.
     */
    public synchronized void markWorkSessions() {
        if (!pools.isEmpty()) {
            throw new IllegalStateException("work sessions must be marked before the first pool opens");
        }
        workSessions = true;
    }

    /** A connection of its own, outside the pools (the upgrade lock's session); the caller closes it. */
    public Connection openSession(DbKey key) {
        DatabaseSettings db = settings.requireDatabase(key);
        try {
            Connection c = driver(db).connect(db.url(), login(db));
            if (c == null) {
                throw new DatabaseAccessException("The driver does not accept the URL in '" + db.key().property("url") + "'.");
            }
            return c;
        } catch (SQLException e) {
            throw ConnectionErrors.explain(db, e);
        }
    }

    /** Runs work on a pooled connection in auto-commit mode and gives the connection back. */
    public <T> T withConnection(DbKey key, SqlWork<T> work) {
        try (Connection c = dataSource(key).getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new ApimException("Database error on " + settings(key).describe() + ": " + e.getMessage(), e);
        }
    }

    private Driver driver(DatabaseSettings db) {
        String driver = Dialect.driverClassFor(db.url());
        try {
            return (Driver) Class.forName(driver, true, classLoader).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new MissingDriverException("No JDBC driver for " + db.describe() + " ('" + db.key().property("url")
                    + "' = " + db.url() + "): add " + db.dialect().driverCoordinates()
                    + " as a <dependency> of apim-maven-plugin in the pom (driver class " + driver + ").");
        }
    }

    private static Properties login(DatabaseSettings db) {
        Properties props = new Properties();
        props.setProperty("user", db.username());
        props.setProperty("password", db.password().reveal());
        return props;
    }

    private HikariDataSource open(DatabaseSettings db) {
        Driver jdbcDriver = driver(db);
        if (db.dialect() == Dialect.H2) {
            H2FileFormat.requireVersion1(db);
        }
        db = readable(db, jdbcDriver);
        HikariConfig config = new HikariConfig();
        if (workSessions) {
            RunLock.workSessionSql(db.dialect()).ifPresent(config::setConnectionInitSql);
        }
        config.setPoolName("apim-" + db.key().key());
        // the pool gets connections, never the URL or the password, so it can log neither
        config.setDataSource(new DriverConnections(jdbcDriver, db.url(), login(db)));
        config.setMaximumPoolSize(4);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(15_000);
        config.setAutoCommit(true);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw ConnectionErrors.explain(db, e);
        }
    }

    /**
     * The settings to open the database with: as given, or, for an embedded H2 file opened read-only that a killed
     * process left mid-transaction (H2 must roll it back, which a read-only open cannot), a copy of the file in a
     * scratch folder, opened normally. The deployment's own file is never written; a file in use is still refused.
     */
    private DatabaseSettings readable(DatabaseSettings db, Driver driver) {
        try {
            probe(db, driver);
            return db;
        } catch (DatabaseAccessException e) {
            Optional<Path> file = db.dialect() == Dialect.H2 && db.url().contains(READ_ONLY) ? H2Files.dataFile(db.url()) : Optional.empty();
            SQLException cause = e.getCause() instanceof SQLException sql ? sql : null;
            if (file.isEmpty() || cause == null || NOT_RECOVERY.contains(cause.getErrorCode())) {
                throw e;
            }
            try {
                Path copyDir = Files.createTempDirectory("apim-h2-copy-");
                copies.add(copyDir);
                Files.copy(file.get(), copyDir.resolve(file.get().getFileName()));
                String name = file.get().getFileName().toString();
                String base = name.substring(0, name.length() - ".mv.db".length()); // or .h2.db, as long
                String options = db.url().substring(db.url().indexOf(';')).replace(READ_ONLY, "");
                DatabaseSettings copy = new DatabaseSettings(db.key(), "jdbc:h2:" + copyDir.resolve(base) + options, db.username(),
                        db.password(), db.dialect(), db.configuredUrl(), db.source());
                probe(copy, driver);
                return copy;
            } catch (IOException | ApimException copyFailed) {
                e.addSuppressed(copyFailed);
                throw e;
            }
        }
    }

    /** One direct connection through the driver, so that a refusal is reported at once, not after a pool timeout. */
    private static void probe(DatabaseSettings db, Driver driver) {
        try (Connection c = driver.connect(db.url(), login(db))) {
            if (c == null) {
                throw new DatabaseAccessException("The driver " + driver.getClass().getName() + " does not accept the URL in '"
                        + db.key().property("url") + "' (" + db.url() + ").");
            }
        } catch (SQLException e) {
            throw ConnectionErrors.explain(db, e);
        }
    }

    /** Closes one database's pool (its next use opens it again), so that a server can open an embedded H2 file. */
    public synchronized void release(DbKey key) {
        HikariDataSource pool = pools.remove(key);
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public synchronized void close() {
        pools.values().forEach(HikariDataSource::close);
        pools.clear();
        copies.forEach(FileTrees::delete);
        copies.clear();
    }

    /** Work done with a JDBC connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
