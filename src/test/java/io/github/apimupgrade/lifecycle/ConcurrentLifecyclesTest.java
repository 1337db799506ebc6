package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.run.RunLocks;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whole lifecycles in JVMs of their own, at the same time, on the runbook's layout on one MariaDB server: two
 * environments never block each other; on one deployment the second run is refused, or, with
 * apim.lock.waitSeconds, waits for the whole first run (one lock for the run, not per goal) and then has nothing
 * left to do.
 */
class ConcurrentLifecyclesTest {
    @TempDir
    Path tmp;

    /** A lifecycle (LifecycleMain) started in its own JVM, its output in a file. */
    private record Run(Process process, Path output) {
        String text() throws Exception {
            return Files.readString(output);
        }

        int waitFor() throws Exception {
            assertTrue(process.waitFor(600, TimeUnit.SECONDS), "the lifecycle did not end");
            return process.exitValue();
        }

        void awaitLine(String text) throws Exception {
            for (int i = 0; i < 1200 && !text().contains(text); i++) {
                Thread.sleep(100);
            }
            assertTrue(text().contains(text), "no '" + text + "' in:\n" + text());
        }
    }

    private DeploymentLayout deployment(Path dir) throws Exception {
        LifecycleFixtures.homes(dir);
        return DeploymentLayout.create(DeploymentLayout.Layout.TWO_DATABASES, Kind.MARIADB_VIA_MYSQL_DRIVER, null, dir);
    }

    private Run start(Path dir, Map<String, String> extra, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")), "-XX:TieredStopAtLevel=1",
                LifecycleMain.class.getName(), "apim.test.baseDir=" + dir));
        LifecycleFixtures.pomProperties(dir).forEach((k, v) -> cmd.add(k + "=" + v));
        extra.forEach((k, v) -> cmd.add(k + "=" + v));
        Path out = tmp.resolve(name + ".log");
        return new Run(new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start(), out);
    }

    @Test
    void twoEnvironmentsOnOneServerUpgradeAtTheSameTime() throws Exception {
        try (DeploymentLayout dev = deployment(tmp.resolve("dev")); DeploymentLayout staging = deployment(tmp.resolve("staging"))) {
            Run a = start(tmp.resolve("dev"), Map.of("apim.env", "dev"), "dev");
            Run b = start(tmp.resolve("staging"), Map.of("apim.env", "staging"), "staging");
            assertEquals(0, a.waitFor(), a.text());
            assertEquals(0, b.waitFor(), b.text());
        }
    }

    @Test
    void aSecondRunOnOneDeploymentIsRefusedOrWaitsForTheWholeFirstRun() throws Exception {
        Path dir = tmp.resolve("prod");
        try (DeploymentLayout prod = deployment(dir)) {
            Run first = start(dir, Map.of(), "first");
            first.awaitLine("GOAL backup");
            Run refused = start(dir, Map.of(), "refused");
            assertTrue(refused.waitFor() != 0, refused.text());
            assertTrue(refused.text().contains("Another apim-maven-plugin run is"), refused.text());
            Run waiting = start(dir, Map.of(RunLocks.WAIT_PROPERTY, "300"), "waiting");
            assertEquals(0, first.waitFor(), first.text());
            assertEquals(0, waiting.waitFor(), waiting.text());
            for (String goal : List.of("backup", "migrate-config", "migrate-db", "migrate-identity", "migrate-analytics", "reindex")) {
                assertTrue(waiting.text().contains(goal + ": nothing to do"), "the waiting run did work in " + goal + ":\n" + waiting.text());
            }
            assertEquals(1, Files.readAllLines(dir.resolve("identity-migrations.txt")).size(), "WSO2's identity migration ran twice");
            assertTrue(Files.readString(dir.resolve(ExampleHomes.NEW).resolve("repository/conf/deployment.toml")).contains("re_indexing = 1"));
        }
    }
}
