package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;

/**
 * An empty schema of the same dialect to load the new pack's own DDL into, dropped afterwards:
 * an in-memory H2 database, a PostgreSQL schema or a MySQL database beside the migrated one.
 * Nothing in the migrated schema is touched.
 */
final class ScratchSchema implements AutoCloseable {
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

    /** Opens a scratch schema; {@code server} is a connection to the migrated database's server (not used for H2). */
    static ScratchSchema open(Dialect dialect, Connection server) throws SQLException {
        String name = "apim_verify_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
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
            }
            case MYSQL -> {
                connection.setCatalog(previous);
                try (Statement s = connection.createStatement()) {
                    s.execute("DROP DATABASE " + name);
                }
            }
            default -> { }
        }
    }
}
