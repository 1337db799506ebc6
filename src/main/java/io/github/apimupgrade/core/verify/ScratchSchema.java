package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * An empty schema of the same dialect to load the new pack's own DDL into, dropped afterwards:
 * an in-memory H2 database, a PostgreSQL schema or a MySQL database beside the migrated one.
 * Nothing in the migrated schema is touched.
 */
final class ScratchSchema implements AutoCloseable {
    private static final String PREFIX = "apim_verify_";
    private final Connection connection;
    private final Dialect dialect;
    private final String name;
    private final String previous;

    private ScratchSchema(Connection connection, Dialect dialect, String name, String previous) {
        this.connection = connection;
        this.dialect = dialect;
        this.name = name;
        this.previous = previous;
    }

    static boolean supported(Dialect dialect) {
        return dialect == Dialect.H2 || dialect == Dialect.POSTGRESQL || dialect == Dialect.MYSQL;
    }

    /**
     * Opens a scratch schema; {@code server} is a connection to the migrated database's server (not used for H2).
     * The connection holds a lock named after the schema while it lives, so the scratch schemas of verify runs that
     * were killed (their lock gone with their session) are told from live ones and dropped first.
     */
    static ScratchSchema open(Dialect dialect, Connection server, Consumer<String> log) throws SQLException {
        String name = PREFIX + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        if (dialect != Dialect.H2) {
            dropAbandoned(dialect, server, log);
            if (!ownerLock(dialect, server, "SELECT pg_try_advisory_lock(hashtext(?))", "SELECT GET_LOCK(?, 0)", name)) {
                throw new ApimException("Cannot take the lock of the scratch schema " + name + ".");
            }
        }
        switch (dialect) {
            case H2 -> {
                Connection mem = DriverManager.getConnection("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=0", "sa", "");
                return new ScratchSchema(mem, dialect, name, null);
            }
            case POSTGRESQL -> {
                String previous = server.getSchema();
                try (Statement s = server.createStatement()) {
                    s.execute("CREATE SCHEMA " + name);
                }
                server.setSchema(name);
                return new ScratchSchema(server, dialect, name, previous);
            }
            case MYSQL -> {
                String previous = server.getCatalog();
                try (Statement s = server.createStatement()) {
                    s.execute("CREATE DATABASE " + name);
                }
                server.setCatalog(name);
                return new ScratchSchema(server, dialect, name, previous);
            }
            default -> throw new ApimException("No scratch schema for " + dialect.displayName());
        }
    }

    String name() {
        return name;
    }

    private static void dropAbandoned(Dialect dialect, Connection server, Consumer<String> log) throws SQLException {
        List<String> found = new ArrayList<>();
        String list = dialect == Dialect.POSTGRESQL ? "SELECT nspname FROM pg_namespace WHERE nspname LIKE 'apim\\_verify\\_%'"
                : "SELECT SCHEMA_NAME FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME LIKE 'apim\\_verify\\_%'";
        try (Statement s = server.createStatement(); ResultSet rs = s.executeQuery(list)) {
            while (rs.next()) {
                found.add(rs.getString(1));
            }
        }
        for (String stale : found) {
            if (!stale.matches(PREFIX + "[0-9a-f]{10}")
                    || !ownerLock(dialect, server, "SELECT pg_try_advisory_lock(hashtext(?))", "SELECT GET_LOCK(?, 0)", stale)) {
                continue; // a live verify's, or not ours
            }
            try (Statement s = server.createStatement()) {
                s.execute(dialect == Dialect.POSTGRESQL ? "DROP SCHEMA " + stale + " CASCADE" : "DROP DATABASE " + stale);
            } finally {
                ownerLock(dialect, server, "SELECT pg_advisory_unlock(hashtext(?))", "SELECT RELEASE_LOCK(?)", stale);
            }
            log.accept("Dropped " + stale + ", the scratch schema of a verify run that was killed.");
        }
    }

    private static boolean ownerLock(Dialect dialect, Connection c, String postgres, String mysql, String name) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(dialect == Dialect.POSTGRESQL ? postgres : mysql)) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getBoolean(1); // PostgreSQL: true/false; GET_LOCK: 1, 0 or NULL
            }
        }
    }

    Catalog catalog() throws SQLException {
        return new Catalog(connection, dialect);
    }

    void load(String label, String script) throws SQLException {
        List<String> statements = StatementSplitter.split(dialect, script);
        try (Statement s = connection.createStatement()) {
            int n = 0;
            for (String sql : statements) {
                n++;
                try {
                    s.execute(sql);
                    FaultInjector.afterStatement();
                } catch (SQLException e) {
                    throw new ApimException("Loading " + label + " into a scratch schema failed at statement " + n + " of "
                            + statements.size() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    @Override
    public void close() throws SQLException {
        switch (dialect) {
            case H2 -> connection.close();
            case POSTGRESQL -> {
                connection.setSchema(previous);
                try (Statement s = connection.createStatement()) {
                    s.execute("DROP SCHEMA " + name + " CASCADE");
                }
                ownerLock(dialect, connection, "SELECT pg_advisory_unlock(hashtext(?))", null, name);
            }
            case MYSQL -> {
                connection.setCatalog(previous);
                try (Statement s = connection.createStatement()) {
                    s.execute("DROP DATABASE " + name);
                }
                ownerLock(dialect, connection, null, "SELECT RELEASE_LOCK(?)", name);
            }
            default -> { }
        }
    }
}
