package io.github.apimupgrade.core;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.MigrateMain;
import io.github.apimupgrade.testing.Schema;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate-db on real H2, PostgreSQL and MariaDB (through both the MySQL and the MariaDB driver). */
class MigrateDbTest {
    /** The tables migrate-db brings to fresh 3.1.0's shape; IDN_OAUTH2_SCOPE* get theirs from the identity migration. */
    static final List<String> AM_TABLES = List.of("AM_API", "AM_API_PRODUCT_MAPPING", "AM_SYSTEM_APPS",
            "AM_CERTIFICATE_METADATA", "AM_API_CATEGORIES", "AM_USER", "AM_SECURITY_AUDIT_UUID_MAPPING");
    /** Every table of the fixture's WSO2AM_DB, for "nothing changed" checks. */
    static final List<String> ALL_TABLES = java.util.stream.Stream.concat(AM_TABLES.stream(),
            java.util.stream.Stream.of("IDN_OAUTH2_SCOPE", "IDN_OAUTH2_SCOPE_BINDING")).toList();
    static final String SYSTEM_APPS = "SELECT ID, NAME, CONSUMER_KEY, CONSUMER_SECRET, CREATED_TIME FROM AM_SYSTEM_APPS ORDER BY ID";
    static final String CERTIFICATES = "SELECT TENANT_ID, ALIAS, END_POINT FROM AM_CERTIFICATE_METADATA ORDER BY ALIAS";
    static final String APIS = "SELECT * FROM AM_API ORDER BY API_ID";
    static final String BINDINGS = "SELECT SCOPE_ID, SCOPE_BINDING FROM IDN_OAUTH2_SCOPE_BINDING ORDER BY SCOPE_ID, SCOPE_BINDING";

    @TempDir
    Path tmp;

    private TestDatabase v300(Kind kind) throws Exception {
        return TestDatabase.create(kind, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql")
                .loadFixture("registry").load("fixtures/registry-rows.sql");
    }

    private Path oldHome(boolean versioning) throws Exception {
        Path conf = Files.createDirectories(tmp.resolve("wso2am-3.0.0/repository/conf"));
        Files.writeString(conf.resolve("registry.xml"), "<wso2registry>\n  <staticConfiguration>\n"
                + "    <versioningProperties>" + versioning + "</versioningProperties>\n"
                + "    <versioningComments>" + versioning + "</versioningComments>\n"
                + "    <versioningTags>" + versioning + "</versioningTags>\n"
                + "    <versioningRatings>" + versioning + "</versioningRatings>\n"
                + "  </staticConfiguration>\n</wso2registry>\n");
        return conf.getParent().getParent();
    }

    private TestRun run(TestDatabase db, Path oldHome) {
        return new TestRun(tmp).database("apim", db).database("shared", db).set("apim.oldHome", oldHome.toString());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void migratesTo310SchemaKeepingEveryRow(Kind kind) throws Exception {
        try (TestDatabase db = v300(kind); TestDatabase fresh = TestDatabase.create(kind, tmp).loadFixture("am-3.1.0")) {
            List<String> apis;
            List<String> apps;
            List<String> certs;
            List<String> bindings;
            try (Connection c = db.connect()) {
                apis = Schema.rows(c, APIS);
                apps = Schema.rows(c, SYSTEM_APPS);
                certs = Schema.rows(c, CERTIFICATES);
                bindings = Schema.rows(c, BINDINGS);
            }

            TestRun run = run(db, oldHome(true));
            run.run(ctx -> new MigrateDbGoal(ctx).run());

            try (Connection c = db.connect(); Connection f = fresh.connect()) {
                assertEquals(Schema.shape(f, kind.dialect(), AM_TABLES), Schema.shape(c, kind.dialect(), AM_TABLES));
                assertEquals(apis, Schema.rows(c, APIS));
                assertEquals(apps, Schema.rows(c, SYSTEM_APPS));
                assertEquals(certs, Schema.rows(c, CERTIFICATES));
                assertEquals(List.of("carbon.super", "carbon.super", "carbon.super"),
                        Schema.rows(c, "SELECT TENANT_DOMAIN FROM AM_SYSTEM_APPS ORDER BY ID").stream()
                                .map(r -> r.substring(r.indexOf('=') + 1)).toList());
                List<String> kept = new ArrayList<>(bindings);
                kept.removeIf(r -> r.endsWith("SCOPE_BINDING=null") || r.endsWith("SCOPE_BINDING="));
                assertEquals(kept, Schema.rows(c, BINDINGS));
                try (Statement s = c.createStatement()) {
                    s.execute("INSERT INTO AM_SYSTEM_APPS (NAME, CONSUMER_KEY, CONSUMER_SECRET, TENANT_DOMAIN) "
                            + "VALUES ('admin_rest_api', 'ck-admin-t1', 'cs', 'wso2.com')");
                    s.execute("INSERT INTO AM_SYSTEM_APPS (NAME, CONSUMER_KEY, CONSUMER_SECRET, TENANT_DOMAIN) "
                            + "VALUES ('admin_rest_api', 'ck-admin-t2', 'cs', 'acme.org')");
                    s.execute("INSERT INTO AM_CERTIFICATE_METADATA (TENANT_ID, ALIAS, END_POINT) VALUES (1, '"
                            + "a".repeat(255) + "', 'https://" + "e".repeat(240) + ".org')");
                }
                assertEquals(3, Schema.count(c, "SELECT COUNT(*) FROM AM_SYSTEM_APPS WHERE NAME = 'admin_rest_api'"));
                assertRegistryCleaned(c);
            }
        }
    }

    static void assertRegistryCleaned(Connection c) throws Exception {
        assertEquals(List.of("REG_PROPERTY_ID=3 REG_PATH_ID=2 REG_RESOURCE_NAME=tenant-conf.json REG_TENANT_ID=-1234",
                        "REG_PROPERTY_ID=4 REG_PATH_ID=3 REG_RESOURCE_NAME=tenant-conf.json REG_TENANT_ID=1"),
                Schema.rows(c, "SELECT REG_PROPERTY_ID, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID "
                        + "FROM REG_RESOURCE_PROPERTY ORDER BY REG_PROPERTY_ID"));
        assertEquals(List.of("REG_ID=3", "REG_ID=4"), Schema.rows(c, "SELECT REG_ID FROM REG_PROPERTY ORDER BY REG_ID"));
        assertEquals(List.of("REG_ID=2"), Schema.rows(c, "SELECT REG_ID FROM REG_TAG ORDER BY REG_ID"));
        assertEquals(1, Schema.count(c, "SELECT COUNT(*) FROM REG_RESOURCE_TAG"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void secondRunIsANoOpThatSaysSo(Kind kind) throws Exception {
        try (TestDatabase db = v300(kind)) {
            Path home = oldHome(true);
            run(db, home).run(ctx -> new MigrateDbGoal(ctx).run());
            Map<String, String> shape;
            List<String> history;
            try (Connection c = db.connect()) {
                shape = Schema.shape(c, kind.dialect(), ALL_TABLES);
                history = Schema.rows(c, historyQuery(kind));
            }
            TestRun second = run(db, home);
            second.run(ctx -> assertEquals(0, new MigrateDbGoal(ctx).run()));
            assertTrue(second.logText().contains("nothing to do"), second.logText());
            try (Connection c = db.connect()) {
                assertEquals(shape, Schema.shape(c, kind.dialect(), ALL_TABLES));
                assertEquals(history, Schema.rows(c, historyQuery(kind)));
                assertRegistryCleaned(c);
            }
        }
    }

    /** Flyway creates the history table under the exact name given, quoted, on PostgreSQL too. */
    static String historyQuery(Kind kind) {
        return "SELECT * FROM " + (kind == Kind.POSTGRESQL ? "\"APIM_UPGRADE_HISTORY\"" : "APIM_UPGRADE_HISTORY") + " ORDER BY 1";
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void dryRunPrintsTheStatementsAndChangesNothing(Kind kind) throws Exception {
        try (TestDatabase db = v300(kind)) {
            Map<String, String> before;
            List<String> tables;
            try (Connection c = db.connect()) {
                before = Schema.shape(c, kind.dialect(), ALL_TABLES);
                tables = List.copyOf(new io.github.apimupgrade.core.db.Catalog(c, kind.dialect()).tables().keySet());
            }
            TestRun run = run(db, oldHome(true)).set("apim.dryRun", "true");
            run.run(ctx -> assertEquals(0, new MigrateDbGoal(ctx).run()));
            String log = run.logText();
            assertTrue(log.contains("CREATE TABLE IF NOT EXISTS AM_API_CATEGORIES") || log.contains("CREATE TABLE AM_API_CATEGORIES"), log);
            assertTrue(log.contains("certificate-metadata-widen") && log.contains("TO DO"), log);
            assertTrue(log.contains("nothing was changed"), log);
            assertTrue(log.contains("REG_RESOURCE_PROPERTY: delete 2 of 4 row(s), keep 2")
                    && log.contains("REG_PROPERTY: delete 2 of 4 row(s), keep 2") && log.contains("REG_TAG: delete 1 of 2 row(s), keep 1"), log);
            try (Connection c = db.connect()) {
                assertEquals(before, Schema.shape(c, kind.dialect(), ALL_TABLES));
                assertEquals(tables, List.copyOf(new io.github.apimupgrade.core.db.Catalog(c, kind.dialect()).tables().keySet()));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void runKilledAfterAStatementIsFinishedByTheNextRun(Kind kind) throws Exception {
        for (int killAfter : new int[] {1, 4}) {
            try (TestDatabase db = v300(kind); TestDatabase fresh = TestDatabase.create(kind, tmp).loadFixture("am-3.1.0")) {
                Path home = oldHome(true);
                List<String> args = List.of("apim.db.apim.url=" + db.url(), "apim.db.apim.username=" + db.user(),
                        "apim.db.apim.password=" + db.password(), "apim.db.shared.url=" + db.url(),
                        "apim.db.shared.username=" + db.user(), "apim.db.shared.password=" + db.password(),
                        "apim.oldHome=" + home, "apim.workDir=" + tmp.resolve("work-" + killAfter));
                Jvm.Result killed = Jvm.run(MigrateMain.class,
                        List.of("-D" + FaultInjector.HALT_AFTER_STATEMENTS + "=" + killAfter), args);
                assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), killed.output());

                // each deployment its own work directory, as operators have: the state store belongs to one deployment
                run(db, home).set("apim.workDir", tmp.resolve("work-" + killAfter).toString()).run(ctx -> new MigrateDbGoal(ctx).run());
                try (Connection c = db.connect(); Connection f = fresh.connect()) {
                    assertEquals(Schema.shape(f, kind.dialect(), AM_TABLES), Schema.shape(c, kind.dialect(), AM_TABLES),
                            "killed after statement " + killAfter);
                    assertEquals(3, Schema.count(c, "SELECT COUNT(*) FROM AM_SYSTEM_APPS WHERE TENANT_DOMAIN = 'carbon.super'"));
                    assertRegistryCleaned(c);
                }
            }
        }
    }
}
