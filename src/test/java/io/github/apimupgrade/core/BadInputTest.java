package io.github.apimupgrade.core;

import io.github.apimupgrade.core.db.DatabaseAccessException;
import io.github.apimupgrade.core.db.MissingDriverException;
import io.github.apimupgrade.core.goal.MigrateDbGoal;

import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.testing.Schema;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each bad input: one actionable message, nothing changed, no password in what is printed. */
class BadInputTest {
    private static final String WRONG = "Wr0ng-Pa55word!";

    @TempDir
    Path tmp;

    private TestRun run(String url, String user, String password) {
        return new TestRun(tmp).set("apim.db.apim.url", url).set("apim.db.apim.username", user)
                .set("apim.db.apim.password", password).set("apim.registry.disableVersioning", "false");
    }

    private static <T extends Throwable> T fails(Class<T> type, TestRun run) {
        T e = assertThrows(type, () -> run.run(ctx -> new MigrateDbGoal(ctx).run()));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertFalse(e.getMessage().contains(WRONG), "password in message: " + e.getMessage());
        assertFalse(run.logText().contains(WRONG), "password in log");
        return e;
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "MARIADB_VIA_MYSQL_DRIVER", "MARIADB_VIA_MARIADB_DRIVER"})
    void wrongPasswordIsRefusedAndNothingChanges(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp).loadFixture("am-3.0.0")) {
            DatabaseAccessException e = fails(DatabaseAccessException.class, run(db.url(), db.user(), WRONG));
            assertTrue(e.getMessage().contains("refused for user '" + db.user() + "'"), e.getMessage());
            assertTrue(e.getMessage().contains("apim.db.apim.password"), e.getMessage());
            try (Connection c = db.connect()) {
                assertEquals(0, Schema.count(c, "SELECT COUNT(*) FROM AM_SYSTEM_APPS"));
                assertFalse(new io.github.apimupgrade.core.db.Catalog(c, kind.dialect()).tableExists("AM_API_CATEGORIES"));
            }
        }
    }

    @Test
    void unreachableHostSaysWhichPropertyToCheck() {
        DatabaseAccessException e = fails(DatabaseAccessException.class,
                run("jdbc:postgresql://127.0.0.1:1/apim", "postgres", WRONG));
        assertTrue(e.getMessage().startsWith("Cannot reach WSO2AM_DB (PostgreSQL)"), e.getMessage());
        assertTrue(e.getMessage().contains("'apim.db.apim.url'"), e.getMessage());
    }

    @Test
    void missingDriverNamesTheCoordinatesToAdd() {
        MissingDriverException e = fails(MissingDriverException.class,
                run("jdbc:sqlserver://127.0.0.1:1433;databaseName=apim", "sa", WRONG));
        assertTrue(e.getMessage().contains("com.microsoft.sqlserver:mssql-jdbc"), e.getMessage());
        assertTrue(e.getMessage().contains("<dependency> of apim-maven-plugin"), e.getMessage());
    }

    @Test
    void unsupportedUrlIsAConfigurationError() {
        ConfigurationException e = fails(ConfigurationException.class, run("jdbc:sqlite:/tmp/x.db", "u", WRONG));
        assertTrue(e.getMessage().contains("apim.db.apim.url"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void databasesThatAreNot300AreRefusedWithWhatWasFound(Kind kind) throws Exception {
        Map<String, String> cases = Map.of(
                "", "is not a WSO2 API-M database: the schema has no tables",
                "CREATE TABLE CUSTOMERS (ID INTEGER PRIMARY KEY, NAME VARCHAR(20));", "but no AM_API",
                "CREATE TABLE AM_API (API_ID INTEGER PRIMARY KEY, API_NAME VARCHAR(20));", "is older than 3.0.0",
                "fixtures/am-3.1.0", "is already at 3.1.0");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            try (TestDatabase db = TestDatabase.create(kind, tmp)) {
                if (c.getKey().startsWith("fixtures/")) {
                    db.loadFixture("am-3.1.0");
                } else if (kind == Kind.H2) {
                    db.run(c.getKey().isEmpty() ? "CREATE SCHEMA IF NOT EXISTS PUBLIC;" : c.getKey());
                } else if (!c.getKey().isEmpty()) {
                    db.run(c.getKey());
                }
                List<String> before;
                try (Connection conn = db.connect()) {
                    before = List.copyOf(new io.github.apimupgrade.core.db.Catalog(conn, kind.dialect()).tables().keySet());
                }
                ApimUserException e = fails(ApimUserException.class, run(db.url(), db.user(), db.password()));
                assertTrue(e.getMessage().contains(c.getValue()), c.getValue() + " <- " + e.getMessage());
                try (Connection conn = db.connect()) {
                    assertEquals(before, List.copyOf(new io.github.apimupgrade.core.db.Catalog(conn, kind.dialect()).tables().keySet()));
                }
            }
        }
    }

    @Test
    void missingH2FileIsNotCreated() {
        Path file = tmp.resolve("nowhere/WSO2AM_DB");
        DatabaseAccessException e = fails(DatabaseAccessException.class, run("jdbc:h2:" + file, "wso2carbon", WRONG));
        assertTrue(e.getMessage().contains("There is no H2 database at " + file), e.getMessage());
        assertFalse(Files.exists(file.resolveSibling("WSO2AM_DB.mv.db")));
    }

    @Test
    void h2FileWrittenByH2VersionTwoIsRefused() throws Exception {
        Path jar = Path.of(System.getProperty("apim.test.h2v2", "target/test-engines/h2-v2.jar"));
        assertTrue(Files.isRegularFile(jar), "the build copies H2 2.x to " + jar);
        Path file = tmp.resolve("v2/WSO2AM_DB");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Driver v2 = (Driver) loader.loadClass("org.h2.Driver").getDeclaredConstructor().newInstance();
            Properties p = new Properties();
            p.setProperty("user", "wso2carbon");
            p.setProperty("password", "wso2carbon");
            try (Connection c = v2.connect("jdbc:h2:" + file, p); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE AM_API (API_ID INTEGER PRIMARY KEY)");
            }
        }
        byte[] before = Files.readAllBytes(file.resolveSibling("WSO2AM_DB.mv.db"));
        DatabaseAccessException e = fails(DatabaseAccessException.class, run("jdbc:h2:" + file, "wso2carbon", "wso2carbon"));
        assertTrue(e.getMessage().contains("was not written by H2 1.4.x"), e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file.resolveSibling("WSO2AM_DB.mv.db"))));
    }
}
