package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.testing.DeploymentSnapshot;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * "Changes nothing" means nothing, by checksum: check, plan, and the dry run of every goal leave every file of
 * both homes (the embedded H2 databases included) and every table of the server databases as they were, before
 * the upgrade, and so does a real backup (its set goes to the work directory); after the upgrade, verify, plan and check
 * leave the upgraded deployment as it is.
 */
class ReadOnlyGoalsTest {
    private static final List<String> CHANGING = List.of("backup", "migrate-config", "migrate-db", "migrate-identity",
            "migrate-analytics", "reindex");

    @TempDir
    Path tmp;

    private TestRun run() {
        TestRun run = new TestRun(tmp);
        LifecycleFixtures.pomProperties(tmp).forEach(run::set);
        return run;
    }

    private void unchanged(DeploymentLayout d, DeploymentSnapshot before, String goal, boolean dryRun) throws Exception {
        TestRun run = run();
        if (dryRun) {
            run.set("apim.dryRun", "true");
        }
        GoalExecutor.Result r = run.execute(goal);
        assertEquals(Outcome.SUCCEEDED, r.outcome(), goal + (dryRun ? " (dry run)" : "") + ":\n" + run.logText());
        assertEquals("", DeploymentSnapshot.differences(before, LifecycleFixtures.snapshot(tmp, d)), goal + (dryRun ? " (dry run)" : "") + " changed the deployment");
    }

    @ParameterizedTest
    @CsvSource({"a,H2", "b,POSTGRESQL", "b,MARIADB_VIA_MYSQL_DRIVER"})
    void checkPlanVerifyAndDryRunsChangeNothing(String layout, Kind kind) throws Exception {
        LifecycleFixtures.homes(tmp);
        try (DeploymentLayout d = DeploymentLayout.create(DeploymentLayout.Layout.of(layout), kind, null, tmp)) {
            DeploymentSnapshot before = LifecycleFixtures.snapshot(tmp, d);
            unchanged(d, before, "check", false);
            unchanged(d, before, "plan", false);
            for (String goal : CHANGING) {
                unchanged(d, before, goal, true);
            }
            // backup writes its set into the work directory only: the 3.0.0 home, the way back, stays byte for byte
            unchanged(d, before, "backup", false);
            String key = "upgrade-" + UUID.randomUUID();
            for (String goal : CHANGING) {
                TestRun run = run();
                assertEquals(Outcome.SUCCEEDED, run.execute(goal, key, CHANGING).outcome(), goal + ":\n" + run.logText());
            }
            DeploymentSnapshot upgraded = LifecycleFixtures.snapshot(tmp, d);
            unchanged(d, upgraded, "verify", false);
            unchanged(d, upgraded, "plan", false);
            unchanged(d, upgraded, "check", false);
        }
    }
}
