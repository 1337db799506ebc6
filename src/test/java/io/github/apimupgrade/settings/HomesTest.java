package io.github.apimupgrade.settings;

import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.DeploymentSnapshot;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The two homes are two folders, and a home the goals cannot write stops them before any change. */
class HomesTest {
    @TempDir
    Path tmp;

    /** A new home equal to the old one, or inside it (the old home is the way back), is refused for every goal. */
    @ParameterizedTest
    @ValueSource(strings = {"same", "inside", "around"})
    void homesMustBeTwoSeparateFolders(String how) throws Exception {
        ExampleHomes.build(tmp);
        Path old = tmp.resolve(ExampleHomes.OLD);
        Path nu = switch (how) {
            case "same" -> old;
            case "inside" -> Files.createDirectories(old.resolve("wso2am-3.1.0"));
            default -> tmp;
        };
        DeploymentSnapshot before = new DeploymentSnapshot().files("all", tmp);
        for (String goal : List.of("check", "migrate-db", "migrate-config", "backup")) {
            TestRun run = new TestRun(tmp).set("apim.oldHome", old.toString()).set("apim.newHome", nu.toString())
                    .set("apim.workDir", tmp.resolve("work").toString());
            GoalExecutor.Result r = run.execute(goal);
            assertEquals(Outcome.REFUSED, r.outcome(), goal);
            assertTrue(r.message().contains("must be two separate folders"), r.message());
        }
        assertEquals("", DeploymentSnapshot.differences(before, new DeploymentSnapshot().files("all", tmp)), "a refused run wrote something");
    }

    /** An immutable conf folder (chattr +i: read-only even for root) blocks migrate-config before it writes anything. */
    @Test
    void aReadOnlyNewHomeIsRefusedBeforeAnyChange() throws Exception {
        ExampleHomes.build(tmp);
        Path conf = tmp.resolve(ExampleHomes.NEW).resolve("repository/conf");
        DeploymentSnapshot before = new DeploymentSnapshot().files("new", tmp.resolve(ExampleHomes.NEW));
        assertEquals(0, new ProcessBuilder("chattr", "+i", conf.toString()).inheritIO().start().waitFor(), "chattr +i");
        try {
            TestRun run = new TestRun(tmp).set("apim.oldHome", tmp.resolve(ExampleHomes.OLD).toString())
                    .set("apim.newHome", tmp.resolve(ExampleHomes.NEW).toString()).set("apim.workDir", tmp.resolve("work").toString())
                    .set("apim.db.apim.password", "x");
            ApimUserException e = assertThrows(ApimUserException.class, () -> run.run(c ->
                    new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), HomesTest.class.getClassLoader()).run()));
            assertTrue(e.getMessage().contains("new-home-writable") && e.getMessage().contains(conf.toString()), e.getMessage());
        } finally {
            new ProcessBuilder("chattr", "-i", conf.toString()).inheritIO().start().waitFor();
        }
        assertEquals("", DeploymentSnapshot.differences(before, new DeploymentSnapshot().files("new", tmp.resolve(ExampleHomes.NEW))));
    }
}
