package io.github.apimupgrade.analytics;

import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.config.YamlDocument;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate-analytics on live databases, and the two analytics deployment.yaml files. */
class MigrateAnalyticsTest {
    @TempDir
    Path temp;

    private static Set<String> primaryKey(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            DatabaseMetaData m = c.getMetaData();
            Set<String> out = new TreeSet<>();
            for (String name : List.of("ApiLastAccessSummary", "APILASTACCESSSUMMARY", "apilastaccesssummary")) {
                try (ResultSet rs = db.dialect().folder().equals("mysql") ? m.getPrimaryKeys(db.name(), null, name)
                        : m.getPrimaryKeys(null, null, name)) {
                    while (rs.next()) {
                        out.add(rs.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                    }
                }
                if (!out.isEmpty()) {
                    break;
                }
            }
            return out;
        }
    }

    private static List<String> rows(TestDatabase db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT apiName, apiVersion, lastAccessTime FROM ApiLastAccessSummary ORDER BY apiName")) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getLong(3));
            }
            return out;
        }
    }

    private TestRun run(TestDatabase db) {
        return new TestRun(temp).database("analytics", db).set("apim.workDir", temp.resolve("work").toString());
    }

    private static final Set<String> NEW_KEY = Set.of("APINAME", "APICREATOR", "APIVERSION", "APICREATORTENANTDOMAIN");
    private static final Set<String> OLD_KEY = Set.of("APINAME", "APICREATOR", "APICREATORTENANTDOMAIN");

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"H2", "POSTGRESQL"})
    void changesTheKeyAndASecondRunIsANoOp(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, temp)) {
            db.load("analytics/last-access-" + db.dialect().folder() + ".sql");
            List<String> before = rows(db);
            run(db).run(ctx -> assertEquals(1, new MigrateAnalyticsGoal(ctx).run()));
            assertEquals(new TreeSet<>(NEW_KEY), primaryKey(db));
            assertEquals(before, rows(db));
            TestRun second = run(db);
            second.run(ctx -> assertEquals(0, new MigrateAnalyticsGoal(ctx).run()));
            assertTrue(second.logText().contains("nothing to do"), second.logText());
        }
    }

    @Test
    void mariaDbLatin1TableFindsTheMixedCaseNameAndKeepsTheRows() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB_VIA_MARIADB_DRIVER, temp)) {
            db.load("analytics/last-access-mysql-latin1.sql");
            List<String> before = rows(db);
            run(db).run(ctx -> assertEquals(1, new MigrateAnalyticsGoal(ctx).run()));
            assertEquals(new TreeSet<>(NEW_KEY), primaryKey(db));
            assertEquals(before, rows(db));
            run(db).run(ctx -> assertEquals(0, new MigrateAnalyticsGoal(ctx).run()));
        }
    }

    @Test
    void mariaDbUtf8mb4TableIsRefusedBeforeAnythingChanges() throws Exception {
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.MARIADB_VIA_MYSQL_DRIVER, temp)) {
            db.load("analytics/last-access-mysql-utf8mb4.sql");
            TestRun r = run(db);
            RuntimeException e = assertThrows(RuntimeException.class, () -> r.run(ctx -> new MigrateAnalyticsGoal(ctx).run()));
            assertTrue(e.getMessage().contains("4064 bytes") && e.getMessage().contains("3072"), e.getMessage());
            assertEquals(new TreeSet<>(OLD_KEY), primaryKey(db));
            assertEquals(2, rows(db).size());
        }
    }

    @Test
    void analyticsYamlFilesGetTheDatasourcesAndNothingElseChanges() throws Exception {
        Path home = temp.resolve("analytics-home");
        for (String p : List.of("dashboard", "worker")) {
            Files.createDirectories(home.resolve("conf").resolve(p));
            Files.writeString(home.resolve("conf").resolve(p).resolve("deployment.yaml"), TestDatabase.read("analytics/" + p + "-deployment.yaml"));
        }
        Path newHome = temp.resolve("wso2am-3.1.0");
        Files.createDirectories(newHome.resolve("repository/conf"));
        Files.writeString(newHome.resolve("repository/conf/deployment.toml"), "[server]\nhostname = \"localhost\"\n\n[apim.analytics]\nenable = false # off in 3.0.0\n");
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL, temp)) {
            db.load("analytics/last-access-postgresql.sql");
            TestRun r = run(db).set("apim.analyticsHome", home.toString()).set("apim.newHome", newHome.toString())
                    .set("apim.db.apim.url", "jdbc:postgresql://db.example:5432/am_db").set("apim.db.apim.username", "am")
                    .set("apim.db.apim.password", "s3cret-am");
            r.run(ctx -> new MigrateAnalyticsGoal(ctx).run());
            assertTrue(!r.logText().contains("s3cret-am"), "no password in the log");

            YamlDocument dashboard = YamlDocument.read(home.resolve("conf/dashboard/deployment.yaml"));
            List<String> ds = List.of("wso2.datasources", "dataSources");
            assertEquals(db.url(), dashboard.get(path(ds, "[name=APIM_ANALYTICS_DB]", "definition", "configuration", "jdbcUrl")).orElseThrow());
            assertEquals("org.postgresql.Driver", dashboard.get(path(ds, "[name=APIM_ANALYTICS_DB]", "definition", "configuration", "driverClassName")).orElseThrow());
            assertEquals("jdbc:postgresql://db.example:5432/am_db", dashboard.get(path(ds, "[name=AM_DB]", "definition", "configuration", "jdbcUrl")).orElseThrow());
            assertEquals("s3cret-am", dashboard.get(path(ds, "[name=AM_DB]", "definition", "configuration", "password")).orElseThrow());
            assertEquals("jdbc/AM_DB", dashboard.get(path(ds, "[name=AM_DB]", "jndiConfig", "name")).orElseThrow());
            assertEquals(3, dashboard.size(ds));
            YamlDocument worker = YamlDocument.read(home.resolve("conf/worker/deployment.yaml"));
            assertEquals(db.url(), worker.get(path(ds, "[name=APIM_ANALYTICS_DB]", "definition", "configuration", "jdbcUrl")).orElseThrow());
            assertEquals(2, worker.size(ds));

            // every other line is unchanged: only the connection values (and the appended AM_DB block) differ
            for (String p : List.of("dashboard", "worker")) {
                List<String> before = List.of(TestDatabase.read("analytics/" + p + "-deployment.yaml").split("\n", -1));
                List<String> after = List.of(Files.readString(home.resolve("conf").resolve(p).resolve("deployment.yaml")).split("\n", -1));
                List<String> changed = YamlDocument.of(Path.of(p), String.join("\n", before))
                        .diff(YamlDocument.of(Path.of(p), String.join("\n", after)));
                for (String line : changed) {
                    if (line.startsWith("-")) {
                        assertTrue(line.matches("-\\s+(jdbcUrl|username|password|driverClassName): .*"), p + ": " + line);
                    }
                }
                long removed = changed.stream().filter(l -> l.startsWith("-")).count();
                assertTrue(removed > 0 && removed <= 8, p + ": " + changed);
            }
            String toml = Files.readString(newHome.resolve("repository/conf/deployment.toml"));
            assertEquals("[server]\nhostname = \"localhost\"\n\n[apim.analytics]\nenable = true # off in 3.0.0\n", toml);

            TestRun again = run(db).set("apim.analyticsHome", home.toString()).set("apim.newHome", newHome.toString())
                    .set("apim.db.apim.url", "jdbc:postgresql://db.example:5432/am_db").set("apim.db.apim.username", "am")
                    .set("apim.db.apim.password", "s3cret-am");
            again.run(ctx -> assertEquals(0, new MigrateAnalyticsGoal(ctx).run()));
        }
    }

    /**
     * Embedded H2 on both sides, as the packs ship: the dashboard's AM_DB keeps the form the pack and the operator
     * use ({@code ${sys:carbon.home}/../wso2am-3.1.0/...;AUTO_SERVER=TRUE}), and a file elsewhere is written relative
     * to the Analytics home with the pack's options, never as an absolute path of the machine Maven ran on.
     */
    @Test
    void embeddedH2UrlsKeepTheOperatorsForm() throws Exception {
        Path home = temp.resolve("wso2am-analytics-3.1.0");
        for (String p : List.of("dashboard", "worker")) {
            Files.createDirectories(home.resolve("conf").resolve(p));
            Files.writeString(home.resolve("conf").resolve(p).resolve("deployment.yaml"), TestDatabase.read("analytics/" + p + "-deployment.yaml"));
        }
        String packAmDb = "jdbc:h2:${sys:carbon.home}/../wso2am-3.1.0/repository/database/WSO2AM_DB;AUTO_SERVER=TRUE";
        Path dashboardYaml = home.resolve("conf/dashboard/deployment.yaml");
        YamlDocument.read(dashboardYaml).appendListItem(List.of("wso2.datasources", "dataSources"), """
                name: AM_DB
                description: Main datasource used by API Manager
                jndiConfig:
                  name: jdbc/AM_DB
                definition:
                  type: RDBMS
                  configuration:
                    jdbcUrl: "%s"
                    username: wso2carbon
                    password: wso2carbon
                    driverClassName: org.h2.Driver
                """.formatted(packAmDb)).write(dashboardYaml);
        for (String apimHome : List.of("wso2am-3.1.0", "elsewhere/apim")) {
            Path newHome = temp.resolve(apimHome);
            Files.createDirectories(newHome.resolve("repository/conf"));
            Files.writeString(newHome.resolve("repository/conf/deployment.toml"), "[apim.analytics]\nenable = true\n");
            try (TestDatabase analytics = TestDatabase.create(TestDatabase.Kind.H2, home.resolve("wso2/worker/database"))) {
                analytics.load("analytics/last-access-h2.sql");
                run(analytics).set("apim.analyticsHome", home.toString()).set("apim.newHome", newHome.toString())
                        .set("apim.db.apim.url", "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE")
                        .run(ctx -> new MigrateAnalyticsGoal(ctx).run());
                List<String> amUrl = path(List.of("wso2.datasources", "dataSources"), "[name=AM_DB]", "definition", "configuration", "jdbcUrl");
                String written = YamlDocument.read(dashboardYaml).get(amUrl).orElseThrow();
                assertEquals(apimHome.equals("wso2am-3.1.0") ? packAmDb
                        : "jdbc:h2:${sys:carbon.home}/../elsewhere/apim/repository/database/WSO2AM_DB;AUTO_SERVER=TRUE", written);
                String stats = YamlDocument.read(dashboardYaml).get(path(List.of("wso2.datasources", "dataSources"),
                        "[name=APIM_ANALYTICS_DB]", "definition", "configuration", "jdbcUrl")).orElseThrow();
                assertTrue(stats.startsWith("jdbc:h2:${sys:carbon.home}/wso2/worker/database/" + analytics.name()), stats);
                assertTrue(!Files.readString(dashboardYaml).contains(temp.toString()), "an absolute path of this machine was written");
            }
        }
    }

    private static List<String> path(List<String> base, String... more) {
        List<String> p = new ArrayList<>(base);
        p.addAll(List.of(more));
        return p;
    }
}
