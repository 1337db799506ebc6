package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pre-flight on a real deployment (the runbook's layout on PostgreSQL): it reads only, and refuses with the fix. */
class CheckGoalTest {
    @TempDir
    Path tmp;

    private DeploymentLayout deployment() throws Exception {
        LifecycleFixtures.homes(tmp);
        return DeploymentLayout.create(DeploymentLayout.Layout.TWO_DATABASES, Kind.POSTGRESQL, null, tmp);
    }

    private TestRun run() {
        TestRun run = new TestRun(tmp);
        LifecycleFixtures.pomProperties(tmp).forEach(run::set);
        return run;
    }

    @Test
    void a300DeploymentPassesAndTheFindingsAreWritten() throws Exception {
        try (DeploymentLayout d = deployment()) {
            TestRun run = run();
            GoalExecutor.Result result = run.execute("check");
            assertEquals(Outcome.SUCCEEDED, result.outcome(), run.logText());
            String log = run.logText();
            assertTrue(log.contains("WSO2AM_DB is at 3.0.0"), log);
            assertTrue(log.contains("versioning"), log);
            for (String goal : new String[] {"backup", "migrate-config", "migrate-db", "migrate-identity", "reindex"}) {
                assertTrue(log.matches("(?s).*PASS +" + goal + " +\\d+ step\\(s\\) to do, none blocked.*"), goal + ":\n" + log);
            }
            assertTrue(Files.readString(tmp.resolve(".apim-upgrade/check.json")).contains("\"status\":\"PASS\""));
            assertTrue(log.contains(GoalExecutor.OUTCOME_LINE + "succeeded"), log);
        }
    }

    @Test
    void aWrongHomeVersionIsRefusedWithItsFix() throws Exception {
        try (DeploymentLayout d = deployment()) {
            Files.writeString(tmp.resolve(ExampleHomes.OLD).resolve("bin/version.txt"), "WSO2 API Manager v2.6.0\n");
            TestRun run = run();
            assertEquals(Outcome.REFUSED, run.execute("check").outcome(), run.logText());
            assertTrue(run.logText().contains("is API-M 2.6.0, expected 3.0.0  -> set 'apim.oldHome' to the 3.0.0 home"), run.logText());
        }
    }

    /** The keystore is opened by migrate-config's own step; check reports what that step says. */
    @Test
    void aBadKeystorePasswordIsRefusedNamingTheProperty() throws Exception {
        try (DeploymentLayout d = deployment()) {
            TestRun run = run().set("apim.keystore.primary.password", "not-the-password");
            GoalExecutor.Result result = run.execute("check");
            assertEquals(Outcome.REFUSED, result.outcome(), run.logText());
            assertTrue(run.logText().contains("migrate-config") && run.logText().contains("apim.keystore.primary.password"), run.logText());
            assertFalse(run.logText().contains("not-the-password"), "no password in the log");
        }
    }

    @Test
    void aRunningServerIsAFail() throws Exception {
        try (DeploymentLayout d = deployment()) {
            Path old = tmp.resolve(ExampleHomes.OLD);
            Files.writeString(old.resolve("wso2carbon.pid"), Long.toString(ProcessHandle.current().pid()));
            TestRun run = run();
            assertEquals(Outcome.REFUSED, run.execute("check").outcome());
            assertTrue(run.logText().contains("a WSO2 server is running from " + old), run.logText());
        }
    }
}
