package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * A scratch database on a real server (H2 file, PostgreSQL, MariaDB), created with a unique name
 * and dropped on close. Never touches any other database.
 */
public final class TestDatabase implements AutoCloseable {
    public static final String PG_ADMIN_URL = System.getProperty("apim.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String MARIADB_ADMIN_URL = System.getProperty("apim.test.mariadb.url", "jdbc:mariadb://127.0.0.1:3306/");

    public enum Kind {
        H2, POSTGRESQL, MARIADB_VIA_MYSQL_DRIVER, MARIADB_VIA_MARIADB_DRIVER;

        public Dialect dialect() {
            return switch (this) {
                case H2 -> Dialect.H2;
                case POSTGRESQL -> Dialect.POSTGRESQL;
                default -> Dialect.MYSQL;
            };
        }
    }

    private final Kind kind;
    private final String name;
    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(Kind kind, String name, String url, String user, String password) {
        this.kind = kind;
        this.name = name;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    public static TestDatabase create(Kind kind, Path tempDir) throws SQLException {
        String name = "apim_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (kind) {
            case H2 -> {
                return new TestDatabase(kind, name, "jdbc:h2:" + tempDir.resolve(name).toAbsolutePath(), "wso2carbon", "wso2carbon");
            }
            case POSTGRESQL -> {
                admin(kind, "CREATE DATABASE " + name);
                return new TestDatabase(kind, name, "jdbc:postgresql://127.0.0.1:5432/" + name, "postgres", "");
            }
            default -> {
                admin(kind, "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
                String scheme = kind == Kind.MARIADB_VIA_MYSQL_DRIVER ? "jdbc:mysql" : "jdbc:mariadb";
                return new TestDatabase(kind, name, scheme + "://127.0.0.1:3306/" + name, "root", "");
            }
        }
    }

    /** An embedded H2 1.4.199 database at this file (without its .mv.db suffix), as a WSO2 home holds one. */
    public static TestDatabase atH2File(Path file) {
        return new TestDatabase(Kind.H2, file.getFileName().toString(), "jdbc:h2:" + file.toAbsolutePath(), "wso2carbon", "wso2carbon");
    }

    /** A database some other fixture created (for example an IT's setup), to drop on close. */
    public static TestDatabase existing(Kind kind, String name, String url) {
        if (!name.matches("apim_t_[0-9a-f]{12}")) {
            throw new IllegalArgumentException("not a test database: " + name);
        }
        return new TestDatabase(kind, name, url, kind == Kind.POSTGRESQL ? "postgres" : "root", "");
    }

    /** A statement run as MariaDB's root (users and grants of a test's own). */
    public static void adminMariaDb(String sql) throws SQLException {
        admin(Kind.MARIADB_VIA_MARIADB_DRIVER, sql);
    }

    private static void admin(Kind kind, String sql) throws SQLException {
        String adminUrl = kind == Kind.POSTGRESQL ? PG_ADMIN_URL : MARIADB_ADMIN_URL;
        String adminUser = kind == Kind.POSTGRESQL ? "postgres" : "root";
        try (Connection c = DriverManager.getConnection(adminUrl, adminUser, ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    public Kind kind() { return kind; }
    public Dialect dialect() { return kind.dialect(); }
    public String name() { return name; }
    public String url() { return url; }
    public String user() { return user; }
    public String password() { return password; }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs a fixture script from the test class path, split with the dialect's parser. */
    public TestDatabase load(String resource) throws SQLException {
        return run(read(resource));
    }

    public TestDatabase run(String script) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : StatementSplitter.split(dialect(), script)) {
                s.execute(sql);
            }
        }
        return this;
    }

    /** Creates a WSO2 schema in this database: WSO2's own script in the conformance run, else the fixture. */
    public TestDatabase loadSchema(Wso2Schemas.Schema schema) throws SQLException {
        return run(Wso2Schemas.script(schema, dialect()));
    }

    /** The fixture file for this database's dialect: {@code fixtures/<base>-<dialect>.sql}. */
    public TestDatabase loadFixture(String base) throws SQLException {
        return load("fixtures/" + base + "-" + dialect().folder() + ".sql");
    }

    public static String read(String resource) {
        try (InputStream in = TestDatabase.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws SQLException {
        switch (kind) {
            case H2 -> { }
            case POSTGRESQL -> admin(kind, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            default -> admin(kind, "DROP DATABASE IF EXISTS " + name);
        }
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT);
    }
}
