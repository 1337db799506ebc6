package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.config.YamlDocument;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * migrate-analytics on an API-M Analytics 3.1.0 home that starts from the pack's own {@code conf/dashboard} and
 * {@code conf/worker} deployment.yaml files: the datasources keep the URL form the operator uses
 * ({@code ${sys:carbon.home}}, {@code AUTO_SERVER=TRUE}), never a path of the machine Maven ran on, and no other
 * line of the files changes.
 */
@EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
class AnalyticsPackConformanceTest {
    private static final List<String> DATASOURCES = List.of("wso2.datasources", "dataSources");

    @TempDir
    Path root;

    private static Path packYaml(String profile) {
        return ConformanceTest.referenceDir().resolve("packs/analytics-apim/v3.1.0/product/distribution/carbon-home/conf/" + profile
                + "/deployment.yaml");
    }

    /** The Analytics 3.1.0 home beside the API-M 3.1.0 home, as the packs unpack: both profiles' files as shipped. */
    private Path analyticsHome() throws Exception {
        Path home = root.resolve("wso2am-analytics-3.1.0");
        for (String profile : List.of("dashboard", "worker")) {
            Path to = home.resolve("conf").resolve(profile).resolve("deployment.yaml");
            Files.createDirectories(to.getParent());
            Files.copy(packYaml(profile), to);
        }
        return home;
    }

    private Path apimHome() throws Exception {
        Path home = root.resolve("wso2am-3.1.0");
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"), "[apim.analytics]\nenable = false\n");
        return home;
    }

    /**
     * The pack's layout kept (embedded H2, APIM_ANALYTICS_DB in the worker's database folder, API-M's WSO2AM_DB
     * in the API-M home next door): the files already say what the databases are, and stay byte for byte.
     */
    @Test
    void packDefaultsOnEmbeddedH2LeaveBothFilesAsShipped() throws Exception {
        Path home = analyticsHome();
        Path apim = apimHome();
        Path statsFile = home.resolve("wso2/worker/database/APIM_ANALYTICS_DB");
        Files.createDirectories(statsFile.getParent());
        Properties login = new Properties();
        login.put("user", "wso2carbon");
        login.put("password", "wso2carbon");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:" + statsFile, login); Statement s = c.createStatement()) {
            for (String sql : StatementSplitter.split(Dialect.H2, TestDatabase.read("analytics/last-access-h2.sql"))) {
                s.execute(sql);
            }
        }
        TestRun run = new TestRun(root).set("apim.workDir", root.resolve("work").toString())
                .set("apim.analyticsHome", home.toString()).set("apim.newHome", apim.toString())
                .set("apim.db.analytics.url", "jdbc:h2:" + statsFile + ";AUTO_SERVER=TRUE")
                .set("apim.db.analytics.username", "wso2carbon").set("apim.db.analytics.password", "wso2carbon");
        run.run(ctx -> new MigrateAnalyticsGoal(ctx).run());

        try (Connection c = new org.h2.Driver().connect("jdbc:h2:" + statsFile, login);
             java.sql.ResultSet rs = c.getMetaData().getPrimaryKeys(null, null, "APILASTACCESSSUMMARY")) {
            List<String> key = new ArrayList<>();
            while (rs.next()) {
                key.add(rs.getString("COLUMN_NAME").toUpperCase(java.util.Locale.ROOT));
            }
            assertTrue(key.contains("APIVERSION"), "the goal ran: the summary's key has the version now " + key);
        }
        for (String profile : List.of("dashboard", "worker")) {
            assertEquals(Files.readString(packYaml(profile)), Files.readString(home.resolve("conf").resolve(profile).resolve("deployment.yaml")),
                    profile + "/deployment.yaml changed although it already names the deployment's databases");
        }
        assertEquals("[apim.analytics]\nenable = true\n", Files.readString(apim.resolve("repository/conf/deployment.toml")));
    }

    /** The operator's databases on PostgreSQL: only the two datasources' connection lines change, in both files. */
    @Test
    void serverDatabasesReplaceOnlyTheConnectionLines() throws Exception {
        Path home = analyticsHome();
        Path apim = apimHome();
        try (TestDatabase stats = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, root)) {
            stats.load("analytics/last-access-postgresql.sql");
            TestRun run = new TestRun(root).database("analytics", stats).set("apim.workDir", root.resolve("work").toString())
                    .set("apim.analyticsHome", home.toString()).set("apim.newHome", apim.toString())
                    .set("apim.db.apim.url", "jdbc:postgresql://am-db.example:5432/am_db?ssl=true&sslmode=require")
                    .set("apim.db.apim.username", "am").set("apim.db.apim.password", "am-Pw'1");
            run.run(ctx -> new MigrateAnalyticsGoal(ctx).run());

            for (String profile : List.of("dashboard", "worker")) {
                String before = Files.readString(packYaml(profile));
                String after = Files.readString(home.resolve("conf").resolve(profile).resolve("deployment.yaml"));
                YamlDocument doc = YamlDocument.of(Path.of(profile), after);
                assertEquals(stats.url(), doc.get(path("[name=APIM_ANALYTICS_DB]", "jdbcUrl")).orElseThrow(), profile);
                assertEquals("org.postgresql.Driver", doc.get(path("[name=APIM_ANALYTICS_DB]", "driverClassName")).orElseThrow(), profile);
                if (profile.equals("dashboard")) {
                    assertEquals("jdbc:postgresql://am-db.example:5432/am_db?ssl=true&sslmode=require",
                            doc.get(path("[name=AM_DB]", "jdbcUrl")).orElseThrow());
                    assertEquals("am-Pw'1", doc.get(path("[name=AM_DB]", "password")).orElseThrow());
                }
                // the pack's other datasources (dashboard, business rules, metrics, permissions, cluster) keep their H2 URLs
                for (String other : List.of("WSO2_METRICS_DB", "WSO2_PERMISSIONS_DB")) {
                    assertEquals(YamlDocument.of(Path.of(profile), before).get(path("[name=" + other + "]", "jdbcUrl")),
                            doc.get(path("[name=" + other + "]", "jdbcUrl")), profile + " " + other);
                }
                for (String line : YamlDocument.of(Path.of(profile), before).diff(doc)) {
                    if (line.startsWith("-")) {
                        assertTrue(line.matches("-\\s+(jdbcUrl|username|password|driverClassName): .*"), profile + ": " + line);
                    }
                }
                assertFalse(after.contains(root.toString()), profile + ": a path of this machine was written");
            }
        }
    }

    private static List<String> path(String item, String key) {
        List<String> p = new ArrayList<>(DATASOURCES);
        p.add(item);
        p.add("definition");
        p.add("configuration");
        p.add(key);
        return p;
    }
}
