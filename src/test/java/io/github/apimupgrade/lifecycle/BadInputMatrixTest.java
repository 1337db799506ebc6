package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.identity.IdentityFixtures;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rows of the README's bad-input matrix not covered by the goals' own tests: each gives its message,
 * is a user error (Maven: BUILD FAILURE, report outcome "refused"), and changes nothing.
 */
class BadInputMatrixTest {
    @TempDir
    Path tmp;

    private static <T extends ApimUserException> T refused(Class<T> type, TestRun run, java.util.function.Consumer<io.github.apimupgrade.core.path.StepContext> goal) {
        T e = assertThrows(type, () -> run.run(goal));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    @Test
    void missingHome() {
        Path nowhere = tmp.resolve("wso2am-3.1.0");
        ConfigurationException e = refused(ConfigurationException.class, new TestRun(tmp).set("apim.newHome", nowhere.toString()),
                ctx -> new MigrateDbGoal(ctx).run());
        assertEquals("Property 'apim.newHome' points at " + nowhere + ", which is not a directory. Set it to the WSO2 API-M home folder.",
                e.getMessage());
        assertFalse(Files.exists(nowhere));
    }

    private TestDatabase h2() throws Exception {
        return TestDatabase.create(Kind.H2, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql");
    }

    @Test
    void readOnlyBackupTarget() throws Exception {
        Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
        try (TestDatabase db = h2()) {
            TestRun run = new TestRun(tmp).database("apim", db).set("apim.backup.dir", file.resolve("backups").toString());
            ConfigurationException e = refused(ConfigurationException.class, run, ctx -> new BackupGoal(ctx).run());
            assertTrue(e.getMessage().startsWith("Cannot write backups to " + file.resolve("backups")), e.getMessage());
            assertTrue(e.getMessage().endsWith("set 'apim.backup.dir' to a folder this user can write."), e.getMessage());
            assertEquals("x", Files.readString(file));
        }
    }

    @Test
    void backupDirInsideAHome() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("wso2am-3.0.0/repository/conf"));
        Path inside = home.resolve("backups");
        try (TestDatabase db = h2()) {
            TestRun run = new TestRun(tmp).database("apim", db).set("apim.oldHome", tmp.resolve("wso2am-3.0.0").toString())
                    .set("apim.backup.dir", inside.toString());
            ConfigurationException e = refused(ConfigurationException.class, run, ctx -> new BackupGoal(ctx).run());
            assertTrue(e.getMessage().startsWith("'apim.backup.dir' (" + inside + ") is inside the API-M home"), e.getMessage());
            assertTrue(e.getMessage().contains("Set 'apim.backup.dir' to a folder outside both homes"), e.getMessage());
            assertFalse(Files.exists(inside), "no set, no folder");
        }
    }

    @Test
    void diskFullSimulated() throws Exception {
        Path root = tmp.resolve("backups");
        try (TestDatabase db = TestDatabase.create(Kind.POSTGRESQL, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql")) {
            System.setProperty("apim.fault.usableSpaceBytes", "1000");
            try {
                TestRun run = new TestRun(tmp).database("apim", db).set("apim.backup.dir", root.toString());
                ConfigurationException e = refused(ConfigurationException.class, run, ctx -> new BackupGoal(ctx).run());
                assertTrue(e.getMessage().startsWith("Not enough free space for the backup under " + root), e.getMessage());
            } finally {
                System.clearProperty("apim.fault.usableSpaceBytes");
            }
            try (var sets = Files.exists(root) ? Files.list(root) : java.util.stream.Stream.<Path>empty()) {
                assertEquals(List.of(), sets.filter(p -> !p.getFileName().toString().startsWith(".probe")).toList(),
                        "no set, complete or partial");
            }
        }
    }

    @Test
    void brokenAnalyticsYaml() throws Exception {
        Path home = tmp.resolve("analytics-home");
        Path yaml = home.resolve("conf/dashboard/deployment.yaml");
        Files.createDirectories(yaml.getParent());
        Files.createDirectories(home.resolve("conf/worker"));
        String broken = "wso2.datasources:\n  dataSources:\n    - name: APIM_ANALYTICS_DB\n   definition: [unclosed\n";
        Files.writeString(yaml, broken);
        Files.writeString(home.resolve("conf/worker/deployment.yaml"), IdentityFixtures.read("analytics/worker-deployment.yaml"));
        try (TestDatabase db = TestDatabase.create(Kind.H2, tmp).load("analytics/last-access-h2.sql")) {
            TestRun run = new TestRun(tmp).database("analytics", db).set("apim.analyticsHome", home.toString());
            ApimUserException e = refused(ApimUserException.class, run, ctx -> new MigrateAnalyticsGoal(ctx).run());
            assertTrue(e.getMessage().contains(yaml.toString()), e.getMessage());
            assertEquals(broken, Files.readString(yaml));
        }
    }

    /** The matrix itself: every row of the README table names a test that exists. */
    @Test
    void everyReadmeRowHasATest() throws Exception {
        String readme = Files.readString(Path.of(System.getProperty("basedir", ".")).resolve("README.md"));
        Map<String, String> rows = Map.ofEntries(
                Map.entry("wrong password", "BadInputTest#wrongPasswordIsRefusedAndNothingChanges"),
                Map.entry("unknown serverId", "MojoWiringTest#unknownServerIdIsAUserError"),
                Map.entry("unreachable host", "BadInputTest#unreachableHostSaysWhichPropertyToCheck"),
                Map.entry("wrong dialect", "BadInputTest#unsupportedUrlIsAConfigurationError"),
                Map.entry("database at 3.1.0 already", "BadInputTest#databasesThatAreNot300AreRefusedWithWhatWasFound"),
                Map.entry("missing home", "BadInputMatrixTest#missingHome"),
                Map.entry("wrong home version", "CheckGoalTest#aWrongHomeVersionIsRefusedWithItsFix"),
                Map.entry("read-only target", "BadInputMatrixTest#readOnlyBackupTarget"),
                Map.entry("disk full (simulated)", "BadInputMatrixTest#diskFullSimulated"),
                Map.entry("backup folder inside a home", "BadInputMatrixTest#backupDirInsideAHome"),
                Map.entry("broken YAML", "BadInputMatrixTest#brokenAnalyticsYaml"),
                Map.entry("corrupt backup", "BackupRefusalTest"));
        for (Map.Entry<String, String> row : rows.entrySet()) {
            assertTrue(readme.contains("| " + row.getKey() + " |") && readme.contains(row.getValue()), "README row: " + row.getKey());
        }
    }
}
