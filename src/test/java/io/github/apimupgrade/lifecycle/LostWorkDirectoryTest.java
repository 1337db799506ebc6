package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.files.FileTrees;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lifecycle's goals one invocation at a time, with {@code mvn clean} (target/ deleted) or the whole work
 * directory lost between any two of them: nothing is done twice, because what the deployment holds the truth of
 * is read from the deployment (WSO2AM_DB's history, the TOML, the files). re_indexing is raised once, WSO2's
 * identity migration runs once (the stand-in counts its runs), the 3.0.0 backup set is never replaced by a backup
 * of a migrated database, and verify compares the row counts with that set.
 */
class LostWorkDirectoryTest {
    private static final List<String> LIFECYCLE = List.of("check", "backup", "migrate-config", "migrate-db", "migrate-identity",
            "migrate-analytics", "reindex", "verify");

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"target", ".apim-upgrade"})
    void nothingIsDoneTwice(String lost) throws Exception {
        LifecycleFixtures.homes(tmp);
        try (DeploymentLayout d = DeploymentLayout.create(DeploymentLayout.Layout.TWO_DATABASES, Kind.POSTGRESQL, null, tmp)) {
            for (int round = 1; round <= 2; round++) {
                for (String goal : LIFECYCLE) {
                    TestRun run = run();
                    assertEquals(Outcome.SUCCEEDED, run.execute(goal, "lost-" + UUID.randomUUID(), List.of(goal)).outcome(),
                            "round " + round + ", " + goal + ":\n" + run.logText());
                    if (round == 2 && !goal.equals("check") && !goal.equals("verify")) {
                        assertTrue(run.logText().contains(goal + ": nothing to do"), "round 2 did work in " + goal + ":\n" + run.logText());
                    }
                    if (goal.equals("verify")) {
                        assertTrue(run.logText().matches("(?s).*\\d+ table\\(s\\) with the row count of backup set .*"), run.logText());
                    }
                    FileTrees.delete(tmp.resolve(lost));
                }
            }
            String toml = Files.readString(tmp.resolve(ExampleHomes.NEW).resolve("repository/conf/deployment.toml"));
            assertTrue(toml.contains("re_indexing = 1"), toml);
            assertEquals(1, Files.readAllLines(tmp.resolve("identity-migrations.txt")).size(), "WSO2's identity migration ran again");
            try (Stream<Path> sets = Files.list(tmp.resolve("backups"))) {
                assertEquals(1, sets.filter(p -> !p.getFileName().toString().startsWith(".")).count(), "a second backup set was taken");
            }
        }
    }

    private TestRun run() {
        TestRun run = new TestRun(tmp);
        LifecycleFixtures.pomProperties(tmp).forEach(run::set);
        return run.set("apim.backup.dir", tmp.resolve("backups").toString());
    }
}
