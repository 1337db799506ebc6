package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.core.files.FileTrees;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify against the new pack's dbscripts (here: this project's own 3.1.0 fixture DDL). */
class VerifyGoalTest {
    @TempDir
    Path tmp;

    private Path newHomeWithDbscripts(Kind kind) throws Exception {
        Path dbscripts = Files.createDirectories(tmp.resolve("wso2am-3.1.0/dbscripts/apimgt"));
        String d = kind.dialect().folder();
        Files.writeString(dbscripts.resolve(d + ".sql"), TestDatabase.read("fixtures/am-3.1.0-" + d + ".sql"));
        Files.writeString(dbscripts.getParent().resolve(d + ".sql"), TestDatabase.read("fixtures/registry-" + d + ".sql"));
        return dbscripts.getParent().getParent();
    }

    /** WSO2AM_DB and the registry at 3.0.0, with rows, in one scratch database. */
    private TestDatabase database300(Kind kind) throws Exception {
        return TestDatabase.create(kind, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql")
                .loadFixture("registry").load("fixtures/registry-rows.sql");
    }

    private TestRun run(TestDatabase db, Path newHome) {
        return new TestRun(tmp).database("apim", db).database("shared", db).set("apim.newHome", newHome.toString())
                .set("apim.registry.disableVersioning", "true").set("apim.workDir", tmp.resolve("work").toString())
                .set("apim.verify.acceptIdentityNotMigrated", "true"); // these tests do not run the identity migration
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void afterMigrateDbNothingIsUnexplainedAndTheScratchSchemaIsGone(Kind kind) throws Exception {
        try (TestDatabase db = database300(kind)) {
            Path home = newHomeWithDbscripts(kind);
            AtomicReference<List<VerifyGoal.TableResult>> results = new AtomicReference<>();
            TestRun before = run(db, home);
            ApimException e = assertThrows(ApimException.class, () -> before.run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(e.getMessage().matches("(?s).* [1-9][0-9]* unexplained.*"), e.getMessage());
            assertTrue(before.logText().contains("UNEXPLAINED column AM_CERTIFICATE_METADATA.ALIAS type: migrated VARCHAR(45)")
                    || before.logText().contains("UNEXPLAINED column AM_CERTIFICATE_METADATA.ALIAS type: migrated varchar(45)"), before.logText());

            run(db, home).run(ctx -> new MigrateDbGoal(ctx).run());
            // the scratch schema a killed verify left behind: no session holds its lock any more
            String stale = "apim_verify_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            // and one of a verify that is still running: its session holds the lock, so it stays
            String live = "apim_verify_" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            java.sql.Connection owner = db.connect();
            if (kind != Kind.H2) {
                try (var c = db.connect(); var s = c.createStatement()) {
                    for (String name : List.of(stale, live)) {
                        s.execute(kind == Kind.POSTGRESQL ? "CREATE SCHEMA " + name : "CREATE DATABASE " + name);
                        s.execute("CREATE TABLE " + name + ".am_api (api_id INTEGER)");
                    }
                }
                try (var s = owner.createStatement()) {
                    s.execute(kind == Kind.POSTGRESQL ? "SELECT pg_advisory_lock(hashtext('" + live + "'))" : "SELECT GET_LOCK('" + live + "', 0)");
                }
            }
            TestRun verify = run(db, home);
            verify.run(ctx -> results.set(new VerifyGoal(ctx).run()));
            if (kind != Kind.H2) {
                assertEquals(1, io.github.apimupgrade.testing.Schema.count(db.connect(), kind == Kind.POSTGRESQL
                        ? "SELECT COUNT(*) FROM pg_namespace WHERE nspname = '" + live + "'"
                        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = '" + live + "'"), "a live verify's scratch is kept");
                try (var s = owner.createStatement()) {
                    s.execute(kind == Kind.POSTGRESQL ? "DROP SCHEMA " + live + " CASCADE" : "DROP DATABASE " + live);
                }
            }
            owner.close();
            if (kind != Kind.H2) {
                assertTrue(verify.logText().contains("Dropped " + stale + ", the scratch schema of a verify run that was killed"),
                        verify.logText());
                assertEquals(0, io.github.apimupgrade.testing.Schema.count(db.connect(), kind == Kind.POSTGRESQL
                        ? "SELECT COUNT(*) FROM pg_namespace WHERE nspname = '" + stale + "'"
                        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME = '" + stale + "'"));
            }
            // the scope tables get 3.1.0's columns from the identity migration, which this test does not run (accepted)
            assertTrue(results.get().stream().allMatch(r -> r.status().equals("SAME")
                    || r.status().equals("ACCEPTED") && r.table().startsWith("IDN_OAUTH2_SCOPE")), results.get().toString());
            assertTrue(results.get().size() >= 20, "every fixture table compared: " + results.get().size());
            assertTrue(Files.readString(tmp.resolve("work/verify.json")).contains("0 unexplained"));
            if (kind == Kind.POSTGRESQL) {
                assertEquals(0, io.github.apimupgrade.testing.Schema.count(db.connect(),
                        "SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'apim_verify_%'"));
            }
        }
    }

    /**
     * The analytics database's ApiLastAccessSummary against the table Analytics 3.1.0 creates: with migrate-analytics not
     * run, its 3.0.0 primary key fails verify; after it, the table is as in Analytics 3.1.0 and verify passes.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void theAnalyticsTableIsComparedWithAnalytics310(Kind kind) throws Exception {
        try (TestDatabase db = database300(kind); TestDatabase analytics = TestDatabase.create(kind, tmp)) {
            analytics.load("analytics/last-access-" + (kind == Kind.MARIADB_VIA_MARIADB_DRIVER ? "mysql-latin1" : kind.dialect().folder()) + ".sql");
            Path home = newHomeWithDbscripts(kind);
            run(db, home).database("analytics", analytics).run(ctx -> new MigrateDbGoal(ctx).run());
            TestRun skipped = run(db, home).database("analytics", analytics);
            ApimException e = assertThrows(ApimException.class, () -> skipped.run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(e.getMessage().contains(" 3 unexplained"), e.getMessage()); // the old key, the new key, APIVERSION NOT NULL
            assertTrue(skipped.logText().matches("(?s).*UNEXPLAINED primary key APILASTACCESSSUMMARY\\(APINAME,APICREATOR,APICREATORTENANTDOMAIN\\) name: "
                    + "migrated [^,]+, fresh 3.1.0 \\(absent\\).*"), skipped.logText());
            assertTrue(skipped.logText().contains("against Analytics 3.1.0: "), skipped.logText());

            Files.createDirectories(home.resolve("repository/conf"));
            Files.writeString(home.resolve("repository/conf/deployment.toml"), "[server]\nhostname = \"localhost\"\n");
            run(db, home).database("analytics", analytics).run(ctx -> new MigrateAnalyticsGoal(ctx).run());
            TestRun migrated = run(db, home).database("analytics", analytics);
            AtomicReference<List<VerifyGoal.TableResult>> results = new AtomicReference<>();
            migrated.run(ctx -> results.set(new VerifyGoal(ctx).run()));
            assertTrue(migrated.logText().matches("(?s).*against Analytics 3.1.0: 0 catalog difference\\(s\\).*"), migrated.logText());
            assertTrue(results.get().stream().anyMatch(r -> r.table().equals("APILASTACCESSSUMMARY") && r.status().equals("SAME")),
                    results.get().toString());
            if (kind != Kind.H2) {
                assertEquals(0, io.github.apimupgrade.testing.Schema.count(analytics.connect(), kind == Kind.POSTGRESQL
                        ? "SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'apim_verify_%'"
                        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME LIKE 'apim_verify_%'"), "scratch dropped");
            }
        }
    }

    /** Two REG_LOG rows of one path: reindex keeps the newer. */
    private static void twoLogRowsOfOnePath(TestDatabase db) throws Exception {
        try (var c = db.connect(); var s = c.createStatement()) {
            for (int id : new int[] {9001, 9002}) {
                s.executeUpdate("INSERT INTO REG_LOG (REG_LOG_ID, REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_TENANT_ID) "
                        + "VALUES (" + id + ", '/_system/a', 'admin', CURRENT_TIMESTAMP, 1, -1234)");
            }
        }
    }

    /** Row counts against the backup set taken before the upgrade: reindex's deletes are explained, a lost AM_CERTIFICATE_METADATA row is not. */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void rowCountsAreComparedWithTheBackupTakenBeforeTheUpgrade(Kind kind) throws Exception {
        try (TestDatabase db = database300(kind)) {
            Path home = newHomeWithDbscripts(kind);
            run(db, home).run(ctx -> new MigrateDbGoal(ctx).run());
            run(db, home).run(ctx -> new VerifyGoal(ctx).run());
            assertTrue(Files.readString(tmp.resolve("work/verify.json")).contains("no complete backup set of environment"),
                    "without a set taken before the upgrade, verify says so");
        }
        try (TestDatabase db = database300(kind)) {
            Path home = newHomeWithDbscripts(kind);
            twoLogRowsOfOnePath(db);
            run(db, home).set("apim.env", "rows").run(ctx -> new BackupGoal(ctx).run());
            run(db, home).set("apim.env", "rows").run(ctx -> new MigrateDbGoal(ctx).run());
            Files.createDirectories(home.resolve("repository/conf"));
            Files.writeString(home.resolve("repository/conf/deployment.toml"), "[server]\nhostname = \"localhost\"\n");
            run(db, home).set("apim.env", "rows").set("apim.reindex.tenantLoader", "none").run(ctx -> new ReindexGoal(ctx).run());
            TestRun good = run(db, home).set("apim.env", "rows");
            good.run(ctx -> new VerifyGoal(ctx).run());
            assertTrue(good.logText().matches("(?s).*PASS rows \\d+ table\\(s\\) with the row count of backup set .*-rows.*"), good.logText());
            Matcher kept = Pattern.compile("PASS rows (REG_LOG): (\\d+) -> (\\d+) row\\(s\\): reg-log-compact-shared kept exactly (\\d+) of (\\d+) "
                    + "\\(reindex keeps the newest", Pattern.CASE_INSENSITIVE).matcher(good.logText());
            assertTrue(kept.find(), good.logText());
            String regLog = kept.group(1);
            assertEquals(kept.group(3), kept.group(4), "REG_LOG holds exactly what reindex recorded it keeps");
            assertEquals(kept.group(2), kept.group(5), "reindex found the backup's rows");
            long keptRows = Long.parseLong(kept.group(4));

            try (var c = db.connect(); var s = c.createStatement()) { // a server run logs a registry action
                s.executeUpdate("INSERT INTO REG_LOG (REG_LOG_ID, REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_TENANT_ID) "
                        + "VALUES (9100, '/_system/b', 'admin', CURRENT_TIMESTAMP, 1, -1234)");
            }
            TestRun logged = run(db, home).set("apim.env", "rows");
            logged.run(ctx -> new VerifyGoal(ctx).run());
            assertTrue(logged.logText().contains("kept exactly " + keptRows + " of " + kept.group(5) + ", 1 added since"), logged.logText());

            try (var c = db.connect(); var s = c.createStatement()) { // two rows reindex kept go
                assertEquals(2, s.executeUpdate("DELETE FROM REG_LOG WHERE REG_LOG_ID IN (9002, 9100)"));
            }
            TestRun lost = run(db, home).set("apim.env", "rows");
            ApimException l = assertThrows(ApimException.class, () -> lost.run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(l.getMessage().contains("1 finding(s) failed"), l.getMessage());
            assertTrue(lost.logText().contains("FAIL rows " + regLog + ": reg-log-compact-shared kept " + keptRows + " of its " + kept.group(5)
                    + " row(s), " + (keptRows - 1) + " now: 1 lost since"), lost.logText());
            try (var c = db.connect(); var s = c.createStatement()) {
                s.executeUpdate("INSERT INTO REG_LOG (REG_LOG_ID, REG_PATH, REG_USER_ID, REG_LOGGED_TIME, REG_ACTION, REG_TENANT_ID) "
                        + "VALUES (9002, '/_system/a', 'admin', CURRENT_TIMESTAMP, 1, -1234)");
            }
            // the records live in the database the steps delete from, not in the work directory
            assertEquals(keptRows, io.github.apimupgrade.testing.Schema.count(db.connect(),
                    "SELECT ROWS_KEPT FROM APIM_UPGRADE_KEPT_ROWS WHERE TABLE_NAME = 'REG_LOG'"));
            FileTrees.delete(tmp.resolve("work/state"));
            TestRun withoutState = run(db, home).set("apim.env", "rows");
            withoutState.run(ctx -> new VerifyGoal(ctx).run());
            assertTrue(withoutState.logText().contains("kept exactly " + keptRows + " of " + kept.group(5)), withoutState.logText());

            try (var c = db.connect(); var s = c.createStatement()) {
                assertEquals(1, s.executeUpdate("DELETE FROM AM_CERTIFICATE_METADATA WHERE ALIAS = 'weather-backend'"));
            }
            TestRun bad = run(db, home).set("apim.env", "rows");
            ApimException e = assertThrows(ApimException.class, () -> bad.run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(e.getMessage().contains("1 finding(s) failed"), e.getMessage());
            assertTrue(bad.logText().matches("(?si).*FAIL rows AM_CERTIFICATE_METADATA: \\d+ row\\(s\\) before the upgrade, \\d+ now, and no goal changes its rows.*"),
                    bad.logText());

            run(db, home).set("apim.env", "rows").set("apim.restore.overwrite", "true").set("apim.restore.files", "false")
                    .run(ctx -> new RestoreGoal(ctx).run());
            assertEquals(0, io.github.apimupgrade.testing.Schema.count(db.connect(), kind == Kind.POSTGRESQL
                    ? "SELECT COUNT(*) FROM pg_tables WHERE tablename = 'apim_upgrade_kept_rows'"
                    : kind == Kind.H2 ? "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'APIM_UPGRADE_KEPT_ROWS'"
                    : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'APIM_UPGRADE_KEPT_ROWS'"),
                    "a restore puts the database back as it was before the upgrade, without the records of what the steps kept");
        }
    }

    /**
     * The identity migration skipped: its tables are not "explained" but "identity migration not done", and verify fails
     * naming the fix; accepted explicitly, it passes and says so in verify.json and the journal.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL"})
    void identityNotMigratedFailsVerifyUnlessAccepted(Kind kind) throws Exception {
        try (TestDatabase db = database300(kind)) {
            Path home = newHomeWithDbscripts(kind);
            run(db, home).run(ctx -> new MigrateDbGoal(ctx).run());
            TestRun strict = run(db, home).unset("apim.verify.acceptIdentityNotMigrated");
            ApimException e = assertThrows(ApimException.class, () -> strict.run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(e.getMessage().contains("identity migration not done") && e.getMessage().contains("run apim:migrate-identity, or set "
                    + "apim.verify.acceptIdentityNotMigrated=true"), e.getMessage());
            String json = Files.readString(tmp.resolve("work/verify.json"));
            assertTrue(json.matches("(?s).*\"table\":\"IDN_OAUTH2_SCOPE_BINDING\",\"fact\":\"[^\"]*\",\"migrated\":\"[^\"]*\",\"fresh\":\"[^\"]*\",\"status\":\"IDENTITY_NOT_DONE\".*"), json);
            assertFalse(json.matches("(?s).*\"table\":\"IDN_OAUTH2_SCOPE[A-Z_]*\",\"fact\":\"[^\"]*\",\"migrated\":\"[^\"]*\",\"fresh\":\"[^\"]*\",\"status\":\"EXPLAINED\".*"),
                    "nothing the identity migration owns is explained");

            TestRun accepting = run(db, home);
            accepting.run(ctx -> new VerifyGoal(ctx).run());
            json = Files.readString(tmp.resolve("work/verify.json"));
            assertTrue(json.matches("(?s).*\"table\":\"IDN_OAUTH2_SCOPE_BINDING\",\"fact\":\"[^\"]*\",\"migrated\":\"[^\"]*\",\"fresh\":\"[^\"]*\",\"status\":\"ACCEPTED\".*"), json);
            assertTrue(json.contains("accepted by apim.verify.acceptIdentityNotMigrated=true"), json);
            assertTrue(Files.readString(tmp.resolve("work/journal.jsonl")).matches(
                    "(?s).*\"step\":\"identity\",\"status\":\"WARN\",\"detail\":\"the identity migration is not done: [^\"]*accepted by apim.verify.acceptIdentityNotMigrated=true.*"),
                    "the journal (and so the report) says the operator accepted it");
            assertTrue(accepting.logText().contains("WARN identity the identity migration is not done"), accepting.logText());
        }
    }
}
