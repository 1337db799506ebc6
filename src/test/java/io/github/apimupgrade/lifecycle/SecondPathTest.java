package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The extension point: a second upgrade path (3.1.0 -> 3.1.1, one table and one TOML key) made of data and SQL
 * only ({@code src/test/resources/apim-paths/3.1.0-3.1.1}) runs through the same executor as the Mojos, with
 * plan, check and verify, and a second run does nothing.
 */
class SecondPathTest {
    private static final String TABLE_SQL = "CREATE TABLE AM_EXAMPLE_FLAGS (TENANT_ID INTEGER NOT NULL, FLAG_NAME VARCHAR(100) NOT NULL, "
            + "FLAG_VALUE VARCHAR(255), PRIMARY KEY (TENANT_ID, FLAG_NAME));\n";

    @TempDir
    Path tmp;

    @Test
    void aPathOfDataAndSqlOnlyRunsThroughTheSameGoals() throws Exception {
        Path old = Files.createDirectories(tmp.resolve("wso2am-3.1.0/repository/conf"));
        Files.writeString(old.resolve("deployment.toml"), "[server]\nhostname = \"localhost\"\n");
        Path nu = tmp.resolve("wso2am-3.1.1");
        Files.createDirectories(nu.resolve("repository/conf"));
        Files.writeString(nu.resolve("repository/conf/deployment.toml"), "[server]\nhostname = \"localhost\"\n");
        Files.createDirectories(nu.resolve("dbscripts/apimgt"));
        Files.writeString(nu.resolve("dbscripts/apimgt/h2.sql"), TestDatabase.read("fixtures/am-3.1.0-h2.sql") + "\n" + TABLE_SQL);
        Files.writeString(nu.resolve("dbscripts/h2.sql"), TestDatabase.read("fixtures/registry-h2.sql"));
        try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.H2, tmp)) {
            db.loadFixture("am-3.1.0").loadFixture("registry");
            TestRun plan = run(db, old.getParent().getParent(), nu);
            assertEquals(Outcome.SUCCEEDED, plan.execute("plan").outcome(), plan.logText());
            assertTrue(plan.logText().contains("example-throttling-key") && plan.logText().contains("+enable_example = true"), plan.logText());
            assertTrue(plan.logText().contains("am-example-flags") && plan.logText().contains("CREATE TABLE AM_EXAMPLE_FLAGS"), plan.logText());

            TestRun check = run(db, old.getParent().getParent(), nu);
            assertEquals(Outcome.SUCCEEDED, check.execute("check").outcome(), check.logText());

            for (String goal : List.of("migrate-config", "migrate-db", "verify")) {
                TestRun r = run(db, old.getParent().getParent(), nu);
                GoalExecutor.Result result = r.execute(goal);
                assertEquals(Outcome.SUCCEEDED, result.outcome(), goal + ":\n" + r.logText());
            }
            assertTrue(Files.readString(nu.resolve("repository/conf/deployment.toml")).contains("[apim.throttling]\nenable_example = true"));
            try (Connection c = db.connect()) {
                assertTrue(new io.github.apimupgrade.core.db.Catalog(c, db.dialect()).tableExists("AM_EXAMPLE_FLAGS"));
            }
            for (String goal : List.of("migrate-config", "migrate-db")) {
                TestRun again = run(db, old.getParent().getParent(), nu);
                assertEquals(Outcome.SUCCEEDED, again.execute(goal).outcome());
                assertTrue(again.logText().contains(goal + ": nothing to do"), again.logText());
            }
        }
    }

    private TestRun run(TestDatabase db, Path oldHome, Path newHome) {
        return new TestRun(tmp).set("apim.path", "3.1.0-3.1.1").set("apim.oldHome", oldHome.toString())
                .set("apim.newHome", newHome.toString()).set("apim.workDir", tmp.resolve("work").toString())
                .database("apim", db).database("shared", db);
    }
}
