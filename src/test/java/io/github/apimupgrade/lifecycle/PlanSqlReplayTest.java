package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.testing.DeploymentSnapshot;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * apim:plan's SQL is what a DBA can run: on two identical 3.0.0 deployments (the runbook's two databases on one
 * server), one upgraded by mvn apim:migrate-db and the other by running plan-apim.sql and plan-shared.sql with the
 * database's own client (psql, mariadb), every table ends with the same shape and the same rows, the plugin's
 * history tables left out.
 */
class PlanSqlReplayTest {
    private static final List<String> HISTORY = List.of("APIM_UPGRADE");

    @TempDir
    Path tmp;

    private static TestRun run(Path basedir) {
        TestRun run = new TestRun(basedir);
        LifecycleFixtures.pomProperties(basedir).forEach(run::set);
        return run;
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void theClientRunningPlanSqlEndsWhereThePluginEnds(Kind kind) throws Exception {
        Path byPlugin = tmp.resolve("by-plugin");
        Path byHand = tmp.resolve("by-hand");
        LifecycleFixtures.homes(byPlugin);
        LifecycleFixtures.homes(byHand);
        try (DeploymentLayout plugin = DeploymentLayout.create(DeploymentLayout.Layout.TWO_DATABASES, kind, null, byPlugin);
             DeploymentLayout hand = DeploymentLayout.create(DeploymentLayout.Layout.TWO_DATABASES, kind, null, byHand)) {
            assertEquals("", DeploymentSnapshot.differences(tables(plugin), tables(hand)), "the two 3.0.0 deployments start equal");

            TestRun plan = run(byHand);
            assertEquals(Outcome.SUCCEEDED, plan.execute("plan").outcome(), plan.logText());
            Path dir = byHand.resolve(".apim-upgrade/plan-default");
            assertTrue(plan.log().contains("INFO The plan for review (SQL per database, TOML diff, file operations, plan.json): " + dir),
                    plan.logText());
            String apimSql = Files.readString(dir.resolve("plan-apim.sql"));
            String sharedSql = Files.readString(dir.resolve("plan-shared.sql"));
            assertTrue(apimSql.contains("-- migrate-db / am-api-categories: Create AM_API_CATEGORIES"), apimSql);
            assertTrue(sharedSql.contains("-- migrate-db / "), sharedSql);
            JsonNode json = JsonMapper.builder().build().readTree(dir.resolve("plan.json").toFile());
            assertEquals(List.of("backup", "migrate-config", "migrate-db", "migrate-identity", "migrate-analytics", "reindex"),
                    json.get("goals").valueStream().map(g -> g.get("goal").asString()).toList());
            String diff = Files.readString(dir.resolve("deployment.diff"));
            assertTrue(diff.matches("(?s).*@@ line \\d+ \\[database\\.apim_db\\] @@.*"), diff);
            assertTrue(Files.readString(dir.resolve("files.txt")).contains("migrate-config / "), "the file operations are listed");

            replay(kind, hand.database("apim"), dir.resolve("plan-apim.sql"));
            replay(kind, hand.database("shared"), dir.resolve("plan-shared.sql"));

            TestRun migrate = run(byPlugin);
            assertEquals(Outcome.SUCCEEDED, migrate.execute("migrate-db").outcome(), migrate.logText());
            DeploymentSnapshot afterPlugin = tables(plugin);
            assertEquals("", DeploymentSnapshot.differences(afterPlugin, tables(hand)),
                    "psql/mariadb running plan.sql ends where the plugin's own run ends");
            assertTrue(afterPlugin.entries().containsKey("apim schema AM_API_CATEGORIES"), "the comparison covers the new tables");
        }
    }

    private static DeploymentSnapshot tables(DeploymentLayout d) throws Exception {
        DeploymentSnapshot s = new DeploymentSnapshot();
        for (Map.Entry<String, TestDatabase> db : d.databases().entrySet()) {
            s.database(db.getKey(), db.getValue(), HISTORY);
        }
        return s;
    }

    /** The file as a DBA runs it: the dialect's own client, stopping at the first error. */
    private static void replay(Kind kind, TestDatabase db, Path sql) throws Exception {
        List<String> command = new ArrayList<>();
        if (kind == Kind.POSTGRESQL) {
            command.addAll(List.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-U", "postgres", "-d", db.name(),
                    "-f", sql.toString()));
        } else {
            command.addAll(List.of("mariadb", "-h", "127.0.0.1", "-u", "root", "--batch", db.name()));
        }
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (kind != Kind.POSTGRESQL) {
            pb.redirectInput(sql.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "the client did not finish");
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + out + "\n" + Files.readString(sql));
    }
}
