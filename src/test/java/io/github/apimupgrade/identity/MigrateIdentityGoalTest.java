package io.github.apimupgrade.identity;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.identity.IdentityState;
import io.github.apimupgrade.core.identity.MigrateIdentityGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate-identity end to end on a test home whose wso2server.sh plays the server, with an H2 registry. */
class MigrateIdentityGoalTest {
    private static final String TOML = IdentityFixtures.read("identity/deployment.toml");
    private static final String TOML_DATABASE = TOML.replace("type = \"database_unique_id\"", "type = \"database\"");

    @TempDir
    Path dir;
    private TestDatabase registry;

    @BeforeEach
    void registry() throws Exception {
        registry = TestDatabase.create(TestDatabase.Kind.H2, dir);
        IdentityFixtures.registry(registry);
    }

    private Path home(String scenario) {
        return IdentityFixtures.home(dir.resolve("wso2am-3.1.0"), scenario);
    }

    private TestRun run(Path home) {
        TestRun r = new TestRun(dir).database("shared", registry)
                .set("apim.newHome", home.toString())
                .set("apim.workDir", dir.resolve("work").toString())
                .set("apim.identity.resources", IdentityFixtures.resources(dir.resolve("downloads")).toString())
                .set("apim.identity.timeoutMinutes", "2");
        IdentityFixtures.mappingProperties().forEach(r::set);
        return r;
    }

    private static void goal(TestRun r) {
        r.run(ctx -> MigrateIdentityGoal.of(ctx, Map.of(), Optional.of(Path.of("/nonexistent-repo")), ctx.settings().workDir().getParent()).run());
    }

    private static Map<String, String> without(Map<String, String> snapshot, String... prefixes) {
        Map<String, String> out = new TreeMap<>(snapshot);
        out.keySet().removeIf(k -> java.util.Arrays.stream(prefixes).anyMatch(k::startsWith));
        return out;
    }

    private String toml(Path home) throws Exception {
        return Files.readString(home.resolve("repository/conf/deployment.toml"), StandardCharsets.UTF_8);
    }

    private Map<Integer, String> stored() throws Exception {
        try (Connection c = registry.connect()) {
            return IdentityFixtures.stored(c);
        }
    }

    @Test
    void successRunLeavesTheHomeCleanAndMapsScopesAndASecondRunIsANoOp() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        TestRun r = run(home).set("apim.identity.run", "true");
        goal(r);
        String log = r.logText();
        assertTrue(log.contains("[identity migration] 1/5 ScopeDataMigrator"), log);
        assertTrue(log.contains("identity migration finished; the server had started"), log);
        assertTrue(log.contains("WSO2 Carbon started in 3 sec"), log);
        // file by file: only deployment.toml changed, and only its [user_store] type
        assertEquals(without(before, "repository/conf/deployment.toml"), without(IdentityFixtures.snapshot(home), "repository/conf/deployment.toml"));
        assertEquals(TOML_DATABASE, toml(home));
        assertEquals(ScopeRoleMappingTest.expectedSuper(), stored().get(201));

        TestRun again = run(home).set("apim.identity.run", "true");
        goal(again);
        assertTrue(again.logText().contains("migrate-identity: nothing to do"), again.logText());
        assertEquals(TOML_DATABASE, toml(home));
    }

    @Test
    void aPreparationKilledHalfWayIsUndoneAndDoneAgainByTheNextRun() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        // what a JVM killed after the first copied file leaves: the record of the copy, and part of it
        run(home).run(ctx -> IdentityState.load(ctx.settings()).phase(IdentityState.Phase.NONE, home).created("migration-resources"));
        Files.createDirectories(home.resolve("migration-resources"));
        Files.writeString(home.resolve("migration-resources/migration-config.yaml"), "versions: # cut off\n");
        TestRun r = run(home).set("apim.identity.run", "true");
        goal(r);
        assertTrue(r.logText().contains("undoing the preparation an earlier run left half done"), r.logText());
        assertTrue(r.logText().contains("identity migration finished"), r.logText());
        assertEquals(without(before, "repository/conf/deployment.toml"), without(IdentityFixtures.snapshot(home), "repository/conf/deployment.toml"));
        assertEquals(TOML_DATABASE, toml(home));
        assertEquals(ScopeRoleMappingTest.expectedSuper(), stored().get(201));
    }

    @Test
    void userStoreUniqueIdPutsTheIdBackAfterTheRun() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        goal(run(home).set("apim.identity.run", "true").set("apim.identity.userStoreUniqueId", "true"));
        assertEquals(before, IdentityFixtures.snapshot(home));
        assertEquals(TOML, toml(home));
    }

    @Test
    void failedMigratorFailsAndLeavesEverythingAsBefore() throws Exception {
        Path home = home("failed-migrator");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        Map<Integer, String> registryBefore = stored();
        TestRun r = run(home).set("apim.identity.run", "true");
        ApimUserException e = assertThrows(ApimUserException.class, () -> goal(r));
        assertTrue(e.getMessage().contains("identity migration failed: ") && e.getMessage().contains("ClaimDataMigrator"), e.getMessage());
        assertEquals(before, IdentityFixtures.snapshot(home), "file by file as before the goal");
        assertEquals(TOML, toml(home));
        assertEquals(registryBefore, stored(), "no tenant-conf.json written after a failure");
        assertFalse(Files.exists(dir.resolve("work/identity/state.properties")));
    }

    @Test
    void poolExhaustionRetriesOnceWithTheIndexingOverrideAndRevertsIt() throws Exception {
        Path home = home("pool-exhausted");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        TestRun r = run(home).set("apim.identity.run", "true");
        goal(r);
        String log = r.logText();
        assertTrue(log.contains("PoolExhaustedException"), log);
        assertTrue(log.contains("retrying once with the temporary [indexing] frequency = 10"), log);
        assertTrue(log.contains("identity migration finished"), log);
        assertEquals(without(before, "repository/conf/deployment.toml"), without(IdentityFixtures.snapshot(home), "repository/conf/deployment.toml"));
        assertEquals(TOML_DATABASE, toml(home), "no [indexing] left behind");
    }

    @Test
    void poolExhaustionTwiceFailsAndRevertsEverything() throws Exception {
        Path home = home("pool-exhausted");
        // a server that exhausts its pool whatever the frequency
        Path script = home.resolve("bin/wso2server.sh");
        Files.writeString(script, Files.readString(script).replace("&& ! grep -q '^frequency = ' \"$CONF\"", ""));
        Map<String, String> before = IdentityFixtures.snapshot(home);
        ApimUserException e = assertThrows(ApimUserException.class, () -> goal(run(home).set("apim.identity.run", "true")));
        assertTrue(e.getMessage().contains("connection pool was exhausted"), e.getMessage());
        assertEquals(before, IdentityFixtures.snapshot(home));
    }

    @Test
    void manualRunPreparesPrintsTheCommandAndFinishCleansUp() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        TestRun prepare = run(home);
        goal(prepare);
        assertTrue(prepare.logText().contains("sh bin/wso2server.sh -Dmigrate -Dcomponent=identity"), prepare.logText());
        assertTrue(Files.isRegularFile(home.resolve("repository/components/dropins/org.wso2.carbon.is.migration-9.9.1.jar")));
        String yaml = Files.readString(home.resolve("migration-resources/migration-config.yaml"));
        assertTrue(yaml.contains("continueOnError: \"false\"") && !yaml.contains("MigrationValidator\"\n     order: 2"), yaml);
        assertEquals(TOML_DATABASE, toml(home));

        // the operator runs the server; it writes its log
        Files.createDirectories(home.resolve("repository/logs"));
        Files.writeString(home.resolve("repository/logs/wso2carbon.log"),
                "[2020-04-01 10:00:00,000] [] INFO {org.wso2.carbon.is.migration.VersionMigration} - Executing ScopeDataMigrator\n"
                        + "[2020-04-01 10:00:09,000] [] INFO {org.wso2.carbon.core.internal.StartupFinalizerServiceComponent} - WSO2 Carbon started in 9 sec\n");
        TestRun finish = run(home).set("apim.identity.finish", "true");
        goal(finish);
        assertTrue(finish.logText().contains("identity migration finished"), finish.logText());
        assertEquals(without(before, "repository/conf/deployment.toml"),
                without(IdentityFixtures.snapshot(home), "repository/conf/deployment.toml", "repository/logs"));
        assertEquals(TOML_DATABASE, toml(home));
    }

    /**
     * The identity migration server a killed run started and left running, as the plugin starts it (run record in the
     * work directory), once its transcript shows {@code reached}.
     */
    private io.github.apimupgrade.core.server.ServerProcess serverLeftBy(Path home, Path transcript, String reached) throws Exception {
        io.github.apimupgrade.core.server.ServerProcess left = io.github.apimupgrade.core.server.ServerProcess.start(
                new io.github.apimupgrade.core.server.ServerCommand("api-m", home, "bin/wso2server.sh", MigrateIdentityGoal.IDENTITY_ARGS,
                        transcript, "wso2carbon.pid", Map.of("CARBON_HOME", home.toString())),
                io.github.apimupgrade.core.server.ServerProcess.stateDir(dir.resolve("work")), io.github.apimupgrade.core.UpgradeLog.silent());
        long deadline = System.currentTimeMillis() + 60_000;
        while (!(Files.exists(transcript) && Files.readString(transcript).contains(reached))) {
            assertTrue(System.currentTimeMillis() < deadline, "the stand-in server's transcript never showed: " + reached);
            Thread.sleep(50);
        }
        return left;
    }

    /**
     * What a run killed after its server had finished the migration leaves: the home prepared, the state not yet
     * "migrated", the server still running (its run record in the work directory) and its transcript showing success.
     * The next run stops that server and takes its result: WSO2's identity migration runs once, not twice.
     */
    @Test
    void aRunKilledAfterTheServerFinishedDoesNotMigrateAgain() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        goal(run(home)); // prepares the home, as the killed run did before it started the server
        Path transcript = dir.resolve("work/identity/server-identity-1.log");
        io.github.apimupgrade.core.server.ServerProcess left = serverLeftBy(home, transcript, "WSO2 Carbon started in 3 sec");
        assertEquals(1, Files.readAllLines(dir.resolve("identity-migrations.txt")).size());

        TestRun next = run(home).set("apim.identity.run", "true");
        goal(next);
        assertTrue(next.logText().contains("The server an interrupted run started had finished"), next.logText());
        assertEquals(1, Files.readAllLines(dir.resolve("identity-migrations.txt")).size(), "WSO2's identity migration ran twice");
        assertFalse(left.alive(), "the server the killed run left is stopped");
        assertEquals(without(before, "repository/conf/deployment.toml"),
                without(IdentityFixtures.snapshot(home), "repository/conf/deployment.toml", "repository/logs", "wso2carbon.pid"));
        assertEquals(TOML_DATABASE, toml(home));
    }

    /**
     * A run killed while the retry after a pool exhaustion migrated (the first transcript ends in the exhaustion, the
     * retry's server is still running): the next run takes the retry's server over instead of reading the first
     * transcript, stopping that server and starting WSO2's migration once more.
     */
    @Test
    void aRunKilledDuringThePoolExhaustionRetryTakesOverTheRetry() throws Exception {
        Path home = home("pool-exhausted");
        Path script = home.resolve("bin/wso2server.sh"); // a second per migrator, so the retry is still migrating below
        Files.writeString(script, Files.readString(script).replace("if [ \"$SCENARIO\" = slow ]; then sleep 1; fi", "sleep 1"));
        goal(run(home)); // prepares the home, as the killed run did
        Path identity = dir.resolve("work/identity");
        Files.writeString(identity.resolve("server-identity-1.log"), "[2026-12-05 10:00:00,000] [] ERROR "
                + "{org.wso2.carbon.registry.core.dataaccess.TransactionManager} - Failed to start new registry transaction. "
                + "org.apache.tomcat.jdbc.pool.PoolExhaustedException: Timeout: Pool empty.\n");
        Path conf = home.resolve("repository/conf/deployment.toml");
        Files.writeString(conf, Files.readString(conf) + "\n[indexing]\nfrequency = 10\n"); // the retry's override
        io.github.apimupgrade.core.server.ServerProcess left = serverLeftBy(home, identity.resolve("server-identity-2.log"),
                "Executing ScopeDataMigrator");

        TestRun next = run(home).set("apim.identity.run", "true");
        goal(next);
        assertTrue(next.logText().contains("Took over api-m"), next.logText());
        assertFalse(next.logText().contains("Started api-m"), next.logText());
        assertTrue(next.logText().contains("identity migration finished"), next.logText());
        assertEquals(1, Files.readAllLines(dir.resolve("identity-migrations.txt")).size(), "WSO2's identity migration ran twice");
        assertFalse(left.alive(), "the retry's server is stopped once it finished");
    }

    /**
     * A run killed while its server was still migrating leaves that server running: the next run takes it over and waits
     * for its outcome instead of stopping it and starting WSO2's identity migration a second time.
     */
    @Test
    void aRunKilledWhileTheServerMigratesWaitsForThatServer() throws Exception {
        Path home = home("slow");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        goal(run(home)); // prepares the home, as the killed run did before it started the server
        Path transcript = dir.resolve("work/identity/server-identity-1.log");
        io.github.apimupgrade.core.server.ServerProcess left = serverLeftBy(home, transcript, "Executing ScopeDataMigrator");
        assertFalse(Files.readString(transcript).contains("WSO2 Carbon started"), "the migration must still be going on");

        TestRun next = run(home).set("apim.identity.run", "true");
        goal(next);
        assertTrue(next.logText().contains("Took over api-m"), next.logText());
        assertFalse(next.logText().contains("Started api-m"), next.logText());
        assertEquals(1, Files.readAllLines(dir.resolve("identity-migrations.txt")).size(), "WSO2's identity migration ran twice");
        assertFalse(left.alive(), "the server the killed run left is stopped once it finished");
        assertTrue(Files.readString(transcript).contains("WSO2 Carbon started in 3 sec"), "one transcript holds the whole migration");
        assertEquals(without(before, "repository/conf/deployment.toml"),
                without(IdentityFixtures.snapshot(home), "repository/conf/deployment.toml", "repository/logs", "wso2carbon.pid"));
        assertEquals(TOML_DATABASE, toml(home));
    }

    @Test
    void finishAfterAFailedManualRunRevertsAndFails() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        goal(run(home).set("apim.identity.indexingOverride", "true"));
        assertTrue(toml(home).contains("[indexing]\nfrequency = 10"), toml(home));
        Files.createDirectories(home.resolve("repository/logs"));
        Files.writeString(home.resolve("repository/logs/wso2carbon.log"),
                "[2020-04-01 10:00:00,000] [] ERROR {org.wso2.carbon.is.migration.MigrationClientImpl} - Migration process was stopped.\n");
        ApimUserException e = assertThrows(ApimUserException.class, () -> goal(run(home).set("apim.identity.finish", "true")));
        assertTrue(e.getMessage().contains("failed according to"), e.getMessage());
        assertEquals(before, without(IdentityFixtures.snapshot(home), "repository/logs"));
        assertEquals(TOML, toml(home));
    }

    @Test
    void dryRunChangesNothingAndShowsTheEdits() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        TestRun r = run(home).set("apim.identity.run", "true").set("apim.dryRun", "true");
        goal(r);
        assertTrue(r.logText().contains("+continueOnError: \"false\""), r.logText());
        assertTrue(r.logText().contains("-     name: \"MigrationValidator\""), r.logText());
        assertTrue(r.logText().contains("+type = \"database\""), r.logText());
        assertTrue(r.logText().contains("Dry run"), r.logText());
        assertEquals(before, IdentityFixtures.snapshot(home));
        assertFalse(Files.exists(dir.resolve("work/identity/state.properties")));
    }

    @Test
    void leftoverMigrationResourcesBlockBeforeAnyChange() throws Exception {
        Path home = home("success");
        Files.createDirectories(home.resolve("migration-resources"));
        Map<String, String> before = IdentityFixtures.snapshot(home);
        ApimUserException e = assertThrows(ApimUserException.class, () -> goal(run(home).set("apim.identity.run", "true")));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(before, IdentityFixtures.snapshot(home));
    }

    @Test
    void unknownScopeInTheMappingFailsBeforeTheHomeIsTouched() throws Exception {
        Path home = home("success");
        Map<String, String> before = IdentityFixtures.snapshot(home);
        TestRun r = run(home).set("apim.identity.run", "true").set("apim.roleMapping.api-team", "apim:nope");
        assertThrows(ApimUserException.class, () -> goal(r));
        assertEquals(before, IdentityFixtures.snapshot(home));
    }

    @Test
    void resourcesFromAZipAndFromMavenCoordinates() throws Exception {
        Path home = home("success");
        Path zip = IdentityFixtures.resourcesZip(dir, dir.resolve("repo/org/wso2/is/wso2is-migration/9.9.1/wso2is-migration-9.9.1.zip"));
        TestRun r = run(home).set("apim.identity.resources", zip.toString());
        goal(r);
        assertTrue(Files.isRegularFile(home.resolve("migration-resources/migration-config.yaml")));
        goal(run(home).set("apim.identity.finish", "true"));
        assertFalse(Files.exists(home.resolve("migration-resources")));

        Path home2 = IdentityFixtures.home(dir.resolve("other-home"), "success");
        TestRun coords = run(home2).set("apim.workDir", dir.resolve("work2").toString())
                .set("apim.identity.resources", "org.wso2.is:wso2is-migration:9.9.1").set("apim.identity.run", "true");
        coords.run(ctx -> MigrateIdentityGoal.of(ctx, Map.of(), Optional.of(dir.resolve("repo")), dir).run());
        assertTrue(coords.logText().contains("identity migration finished"), coords.logText());

        TestRun missing = run(home2).set("apim.workDir", dir.resolve("work3").toString())
                .set("apim.identity.resources", "org.wso2.is:wso2is-migration:1.0.0");
        ApimUserException e = assertThrows(ApimUserException.class,
                () -> missing.run(ctx -> MigrateIdentityGoal.of(ctx, Map.of(), Optional.of(dir.resolve("repo")), dir).run()));
        assertTrue(e.getMessage().contains("never downloads"), e.getMessage());
        assertNotEquals(null, e.getMessage());
    }

    /**
     * MySQL: WSO2's step2/um skips UM_USER_ID when any database of the server has it. A user store next to an already
     * migrated one is refused before the home or a database changes; once the column is there, it is not.
     */
    @Test
    void aMariaDbUserStoreWhoseUserIdWso2WouldSkipIsRefusedBeforeAnythingChanges() throws Exception {
        try (TestDatabase store = TestDatabase.create(TestDatabase.Kind.MARIADB_VIA_MARIADB_DRIVER, dir);
             TestDatabase migrated = TestDatabase.create(TestDatabase.Kind.MARIADB_VIA_MARIADB_DRIVER, dir)) {
            IdentityFixtures.registry(store);
            String umUser = "CREATE TABLE UM_USER (UM_ID INTEGER NOT NULL AUTO_INCREMENT, UM_USER_NAME VARCHAR(255) NOT NULL, "
                    + "UM_TENANT_ID INTEGER DEFAULT 0, PRIMARY KEY (UM_ID))";
            try (Connection c = store.connect(); var st = c.createStatement()) {
                st.execute(umUser);
                st.execute("INSERT INTO UM_USER (UM_USER_NAME, UM_TENANT_ID) VALUES ('admin', -1234)");
            }
            try (Connection c = migrated.connect(); var st = c.createStatement()) {
                st.execute(umUser);
                st.execute("ALTER TABLE UM_USER ADD COLUMN UM_USER_ID CHAR(36) NOT NULL DEFAULT 'NONE'");
            }
            Path home = home("success");
            Map<String, String> before = IdentityFixtures.snapshot(home);
            String storeBefore = new io.github.apimupgrade.testing.DeploymentSnapshot().database("store", store, java.util.List.of()).entries().toString();
            TestRun r = run(home).database("shared", store).set("apim.identity.run", "true");
            ApimUserException e = assertThrows(ApimUserException.class, () -> goal(r));
            assertTrue(e.getMessage().contains("has a UM_USER with UM_USER_ID, so WSO2's step2/um") && e.getMessage().contains("ALTER TABLE UM_USER ADD COLUMN"),
                    e.getMessage());
            assertEquals(before, IdentityFixtures.snapshot(home), "the home changed");
            assertEquals(storeBefore, new io.github.apimupgrade.testing.DeploymentSnapshot().database("store", store, java.util.List.of()).entries().toString());

            try (Connection c = store.connect(); var st = c.createStatement()) {
                st.execute("ALTER TABLE UM_USER ADD COLUMN UM_USER_ID CHAR(36) NOT NULL DEFAULT 'NONE'");
            }
            TestRun again = run(home).database("shared", store).set("apim.identity.run", "true").set("apim.dryRun", "true");
            goal(again);
            assertFalse(again.logText().contains("BLOCKED"), again.logText());
        }
    }
}
