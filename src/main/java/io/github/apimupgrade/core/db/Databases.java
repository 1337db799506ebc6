package io.github.apimupgrade.core.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;

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
        probe(db, jdbcDriver);
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
    }

    /** Work done with a JDBC connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }
}
