package io.github.apimupgrade.settings;

import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Settings read from the deployment itself (runbook Step 1.3: "redo these configurations in the new file"):
 * the 3.0.0 deployment.toml's datasources under the pom, written into the 3.1.0 file as WSO2 expects them.
 */
class DeploymentSettingsTest {
    @TempDir
    Path root;

    private Path oldToml() {
        return root.resolve(ExampleHomes.OLD).resolve("repository/conf/deployment.toml");
    }

    private Path newToml() {
        return root.resolve(ExampleHomes.NEW).resolve("repository/conf/deployment.toml");
    }

    private TestRun run() {
        return new TestRun(root).set("apim.oldHome", root.resolve(ExampleHomes.OLD).toString())
                .set("apim.newHome", root.resolve(ExampleHomes.NEW).toString())
                .set("apim.workDir", root.resolve("work").toString());
    }

    private static void migrateConfig(TestRun run) {
        run.run(c -> new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), DeploymentSettingsTest.class.getClassLoader()).run());
    }

    /**
     * A real-looking 3.0.0 block: a URL with parameters written with {@code &amp;} (as WSO2's own Docker and
     * Kubernetes files do), driver, validationQuery, pool options, comments. The plugin connects with the decoded
     * URL (the parameter after {@code &amp;} takes effect on the server) and writes the block into 3.1.0 keeping
     * {@code &amp;}, the driver and the pool options; an independent TOML parser reads the result.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER", "MARIADB_VIA_MARIADB_DRIVER"})
    void urlsAndOptionsComeFromTheOldDeploymentToml(Kind kind) throws Exception {
        ExampleHomes.build(root);
        try (TestDatabase db = TestDatabase.create(kind, root)) {
            boolean pg = kind == Kind.POSTGRESQL;
            String params = pg ? "?connectTimeout=10&amp;ApplicationName=apim-decoded" : "?connectTimeout=10000&amp;sessionVariables=wait_timeout=4242";
            String type = pg ? "postgre" : "mysql";
            String driver = pg ? "org.postgresql.Driver" : kind == Kind.MARIADB_VIA_MYSQL_DRIVER ? "com.mysql.cj.jdbc.Driver" : "org.mariadb.jdbc.Driver";
            ExampleHomes.oldDatasources(root, """
                    [database.apim_db]
                    # WSO2AM_DB on the database server
                    type = "%s"
                    url = "%s%s"
                    username = "%s"
                    password = "%s"
                    driver = "%s"
                    validationQuery = "SELECT 1"

                    [database.apim_db.pool_options]
                    maxActive = 50
                    maxWait = 60000
                    testOnBorrow = true
                    validationInterval = 30000
                    """.formatted(type, db.url(), params, db.user(), db.password(), driver));

            String[] seen = new String[1];
            TestRun run = run();
            run.run(c -> seen[0] = c.withConnection(DbKey.APIM, conn -> value(conn, pg
                    ? "SELECT current_setting('application_name')" : "SELECT @@session.wait_timeout")));
            assertEquals(pg ? "apim-decoded" : "4242", seen[0], "the plugin must connect with the decoded URL");

            migrateConfig(run());
            String written = Files.readString(newToml());
            JsonNode toml = new TomlMapper().readTree(written);
            JsonNode block = toml.path("database").path("apim_db");
            assertEquals(db.url() + params, block.path("url").asString(), written);
            assertEquals(type, block.path("type").asString());
            assertEquals(driver, block.path("driver").asString());
            assertEquals("SELECT 1", block.path("validationQuery").asString());
            assertEquals(50, block.path("pool_options").path("maxActive").asInt());
            assertEquals(60000, block.path("pool_options").path("maxWait").asInt());
            assertTrue(block.path("pool_options").path("testOnBorrow").asBoolean());
            assertEquals(db.user(), block.path("username").asString());
            assertFalse(block.has("hostname") || block.has("port") || block.has("name"), written);
        }
    }

    private static String value(Connection c, String sql) throws java.sql.SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /**
     * Every 3.1.0 profile template names its databases by hostname placeholders ({@code apim.mysql},
     * {@code shared_db.mysql}); after migrate-config each block the node uses points at the operator's database.
     */
    @Test
    void profileTemplatePlaceholdersAreReplaced() throws Exception {
        ExampleHomes.build(root);
        ExampleHomes.oldDatasources(root, """
                [database.apim_db]
                type = "mysql"
                hostname = "am-db.internal"
                port = "3307"
                name = "apim_prod"
                username = "apim"
                password = "am-pass"

                [database.shared_db]
                type = "mysql"
                url = "jdbc:mysql://reg-db.internal:3306/reg_prod?useSSL=false&amp;autoReconnect=true"
                username = "reg"
                password = "reg-pass"
                """);
        Files.writeString(newToml(), """
                [server]
                hostname = "localhost"

                [user_store]
                type = "database_unique_id"

                [database.apim_db]
                type = "mysql"
                hostname = "apim.mysql"
                name = "apimgt_db"
                port = "3306"
                username = "apimuser"
                password = "apimuser"

                [database.shared_db]
                type = "mysql"
                hostname = "shared_db.mysql"
                name = "shared_db"
                port = "3306"
                username = "shareduser"
                password = "shareduser"
                """);
        migrateConfig(run().set("apim.config.passwords", "plain").set("apim.nodeRole", "publisher"));
        JsonNode toml = new TomlMapper().readTree(Files.readString(newToml()));
        JsonNode am = toml.path("database").path("apim_db");
        assertEquals("am-db.internal", am.path("hostname").asString());
        assertEquals("3307", am.path("port").asString());
        assertEquals("apim_prod", am.path("name").asString());
        assertEquals("apim", am.path("username").asString());
        assertFalse(am.has("url"));
        JsonNode reg = toml.path("database").path("shared_db");
        assertEquals("jdbc:mysql://reg-db.internal:3306/reg_prod?useSSL=false&amp;autoReconnect=true", reg.path("url").asString());
        assertFalse(reg.has("hostname") || reg.has("name") || reg.has("port"), "stale placeholders beside the url");
        assertFalse(Files.readString(newToml()).contains(".mysql\""), "a template placeholder host is left");
    }

    /** A node left on the embedded H2 in 3.0.0 is not left on a template's MySQL placeholder in 3.1.0. */
    @Test
    void embeddedDefaultReplacesATemplatePlaceholder() throws Exception {
        ExampleHomes.build(root);
        ExampleHomes.oldDatasources(root, "");
        Files.writeString(newToml(), """
                [database.shared_db]
                type = "mysql"
                hostname = "shared_db.mysql"
                name = "shared_db"
                port = "3306"
                username = "shareduser"
                password = "shareduser"
                """);
        migrateConfig(run().set("apim.nodeRole", "gateway"));
        JsonNode reg = new TomlMapper().readTree(Files.readString(newToml())).path("database").path("shared_db");
        assertEquals("h2", reg.path("type").asString());
        assertTrue(reg.path("url").asString().startsWith("jdbc:h2:./repository/database/WSO2SHARED_DB"));
        assertFalse(reg.has("hostname"));
        assertFalse(new TomlMapper().readTree(Files.readString(newToml())).path("database").has("apim_db"),
                "a gateway's 3.1.0 file gets no WSO2AM_DB block its template does not have");
    }

    /** A secure vault reference is not a password: the run is refused naming the alias and what to set. */
    @Test
    void secretPasswordInTheOldFileAsksForAServerId() throws Exception {
        ExampleHomes.build(root);
        ExampleHomes.oldDatasources(root, """
                [database.apim_db]
                type = "postgre"
                url = "jdbc:postgresql://db.example:5432/am_db"
                username = "apim"
                password = "$secret{apim_db_password}"
                """);
        String before = Files.readString(newToml());
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> migrateConfig(run()));
        assertTrue(e.getMessage().contains("$secret{apim_db_password}") && e.getMessage().contains("apim.db.apim.serverId"), e.getMessage());
        assertEquals(before, Files.readString(newToml()));
    }

    /** WSO2's Kubernetes files write {@code enable = "true"}: a string, and still on. */
    @Test
    void analyticsEnabledAsAString() throws Exception {
        ExampleHomes.build(root);
        Files.writeString(oldToml(), Files.readString(oldToml()).replace("[apim.analytics]\nenable = false", "[apim.analytics]\nenable = \"true\""));
        migrateConfig(run().set("apim.db.apim.password", "x"));
        JsonNode toml = new TomlMapper().readTree(Files.readString(newToml()));
        assertTrue(toml.path("apim").path("analytics").path("enable").asBoolean(), Files.readString(newToml()));
    }
}
