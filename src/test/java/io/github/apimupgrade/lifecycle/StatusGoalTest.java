package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.testing.DeploymentSnapshot;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * apim:status after each phase of the lifecycle: the phases run so far are done (read from the deployment, and
 * the journal's last run succeeded), the others are not, and status itself changes nothing (checksums).
 */
class StatusGoalTest {
    private static final List<String> PHASES = List.of("backup", "migrate-config", "migrate-db", "migrate-identity",
            "migrate-analytics", "reindex");

    /** migrate-analytics has nothing to do where no analytics database is configured. */
    private static final List<String> FINISHED = List.of("done", "not applicable");

    @TempDir
    Path tmp;

    private TestRun run() {
        TestRun run = new TestRun(tmp);
        LifecycleFixtures.pomProperties(tmp).forEach(run::set);
        return run;
    }

    /** The JSON status, and that the plain one says the same; nothing in the deployment changed. */
    private JsonNode status(DeploymentLayout d) throws Exception {
        DeploymentSnapshot before = LifecycleFixtures.snapshot(tmp, d);
        TestRun json = run().set("apim.status.json", "true");
        GoalExecutor.Result r = json.execute("status");
        assertEquals(Outcome.SUCCEEDED, r.outcome(), json.logText());
        String line = json.log().stream().filter(l -> l.startsWith("INFO {")).findFirst().orElseThrow().substring("INFO ".length());
        assertEquals(line + "\n", Files.readString(tmp.resolve(".apim-upgrade/status-default.json")), "the file holds what was printed");
        TestRun plain = run();
        assertEquals(Outcome.SUCCEEDED, plain.execute("status").outcome(), plain.logText());
        assertEquals("", DeploymentSnapshot.differences(before, LifecycleFixtures.snapshot(tmp, d)), "apim:status changed the deployment");
        JsonNode doc = JsonMapper.builder().build().readTree(line);
        for (JsonNode g : doc.get("goals")) {
            String goal = g.get("goal").asString();
            assertTrue(plain.logText().contains(goal), plain.logText());
        }
        return doc;
    }

    private static Map<String, JsonNode> byGoal(JsonNode doc) {
        Map<String, JsonNode> m = new LinkedHashMap<>();
        doc.get("goals").forEach(g -> m.put(g.get("goal").asString(), g));
        return m;
    }

    @ParameterizedTest
    @CsvSource({"a,H2", "b,POSTGRESQL"})
    void eachPhaseIsShownDoneOnceItRan(String layout, Kind kind) throws Exception {
        LifecycleFixtures.homes(tmp);
        try (DeploymentLayout d = DeploymentLayout.create(DeploymentLayout.Layout.of(layout), kind, null, tmp)) {
            Map<String, JsonNode> first = byGoal(status(d));
            assertEquals(PHASES, List.copyOf(first.keySet()), "status lists the lifecycle's goals in order");
            for (String goal : PHASES) {
                assertNotEquals("done", first.get(goal).get("state").asString(), goal + " before any run: " + first.get(goal));
                assertTrue(first.get(goal).get("lastOutcome").isNull(), goal + " has no run yet");
            }
            String key = "upgrade-" + UUID.randomUUID();
            for (int i = 0; i < PHASES.size(); i++) {
                TestRun run = run();
                assertEquals(Outcome.SUCCEEDED, run.execute(PHASES.get(i), key, PHASES).outcome(), PHASES.get(i) + ":\n" + run.logText());
                JsonNode doc = status(d);
                Map<String, JsonNode> now = byGoal(doc);
                for (int j = 0; j < PHASES.size(); j++) {
                    JsonNode g = now.get(PHASES.get(j));
                    if (j <= i) {
                        assertTrue(FINISHED.contains(g.get("state").asString()), "after " + PHASES.get(i) + ": " + g);
                        assertEquals("succeeded", g.get("lastOutcome").asString(), "after " + PHASES.get(i) + ": " + g);
                        assertTrue(g.get("lastTime").asString().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), g.toString());
                    } else {
                        assertNotEquals("done", g.get("state").asString(), "after " + PHASES.get(i) + ": " + g);
                    }
                }
                assertEquals(i == PHASES.size() - 1, doc.get("upgradeFinished").asBoolean(), doc.toString());
            }
            TestRun plain = run();
            plain.execute("status");
            assertTrue(plain.logText().contains("Every goal of the lifecycle is done."), plain.logText());
            assertFalse(plain.logText().contains("steps to do"), plain.logText());
            assertTrue(plain.logText().contains("verify             not run yet"), plain.logText());
            assertTrue(plain.logText().contains("verify has not passed since the last goal ran"), plain.logText());

            // verify's outcome and summary are shown, and whether it passed after the last goal
            TestRun verify = run();
            Outcome verified = verify.execute("verify").outcome();
            JsonNode after = status(d).get("verify");
            assertEquals(verified.name().toLowerCase(java.util.Locale.ROOT), after.get("lastOutcome").asString(), verify.logText());
            String summary = JsonMapper.builder().build().readTree(tmp.resolve(".apim-upgrade/verify.json").toFile()).get("summary").asString();
            assertEquals(summary, after.get("summary").asString());
            assertEquals(verified == Outcome.SUCCEEDED, after.get("passedAfterLastGoal").asBoolean(), after.toString());
            TestRun shown = run();
            shown.execute("status");
            assertTrue(shown.logText().contains("verify             last run " + after.get("lastOutcome").asString() + " at "
                    + after.get("lastTime").asString() + ": " + summary), shown.logText());
            assertEquals(verified != Outcome.SUCCEEDED, shown.logText().contains("verify has not passed since the last goal ran"), shown.logText());
            // a goal skipped by a flag is never shown as done: the operator still has it to do
            TestRun skipping = run().set("apim.migrate-identity.skip", "true");
            skipping.execute("status");
            assertTrue(skipping.logText().contains("skipped: apim.migrate-identity.skip"), skipping.logText());
            assertTrue(skipping.logText().contains("Left to do: migrate-identity"), skipping.logText());
        }
    }
}
