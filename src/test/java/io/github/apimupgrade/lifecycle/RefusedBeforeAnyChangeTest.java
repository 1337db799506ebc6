package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.run.GoalExecutor;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.DeploymentSnapshot;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mvn apim-verify} on the runbook's layout (WSO2AM_DB and the registry as two PostgreSQL databases) with an
 * input missing: the run is refused by its first goal, with every missing input named, and nothing of the
 * deployment changed (every file of both homes by SHA-256, every table's shape and rows in both databases).
 */
class RefusedBeforeAnyChangeTest {
    private static final List<String> LIFECYCLE = List.of("check", "backup", "migrate-config", "migrate-db", "migrate-identity",
            "migrate-analytics", "reindex", "verify");

    @TempDir
    Path tmp;

    private DeploymentSnapshot snapshot(DeploymentLayout d) throws Exception {
        return new DeploymentSnapshot().files("old", tmp.resolve(ExampleHomes.OLD)).files("new", tmp.resolve(ExampleHomes.NEW))
                .database("am", d.database("apim"), List.of()).database("reg", d.database("shared"), List.of());
    }

    /** Runs the lifecycle as Maven does (one invocation, goals in order), stopping at the first goal that does not succeed. */
    private GoalExecutor.Result lifecycle(TestRun run) {
        String key = "refused-" + UUID.randomUUID();
        GoalExecutor.Result last = null;
        for (String goal : LIFECYCLE) {
            last = run.execute(goal, key, LIFECYCLE);
            if (last.outcome() != Outcome.SUCCEEDED) {
                break;
            }
        }
        return last;
    }

    private void refusedAndUnchanged(Consumer<TestRun> breakIt, List<String> named) throws Exception {
        refusedAndUnchanged((run, d) -> breakIt.accept(run), named);
    }

    private void refusedAndUnchanged(BiConsumer<TestRun, DeploymentLayout> breakIt, List<String> named) throws Exception {
        LifecycleFixtures.homes(tmp);
        try (DeploymentLayout d = DeploymentLayout.create(DeploymentLayout.Layout.TWO_DATABASES, Kind.POSTGRESQL, null, tmp)) {
            TestRun run = new TestRun(tmp);
            LifecycleFixtures.pomProperties(tmp).forEach(run::set);
            breakIt.accept(run, d);
            DeploymentSnapshot before = snapshot(d);
            GoalExecutor.Result result = lifecycle(run);
            assertEquals(Outcome.REFUSED, result.outcome(), run.logText());
            assertTrue(run.logText().contains(GoalExecutor.OUTCOME_LINE + "refused (apim:check"), "refused by the first goal:\n" + run.logText());
            for (String n : named) {
                assertTrue(run.logText().contains(n), "the refusal must name " + n + ":\n" + run.logText());
            }
            assertEquals("", DeploymentSnapshot.differences(before, snapshot(d)), "the refused run changed the deployment");
        }
    }

    /**
     * {@code mvn apim:migrate-db -Dapim.newHome=<the 3.0.0 home>} (no apim.oldHome): the old home's own embedded
     * databases, the way back, would be upgraded in place. Refused by the home's version, every file as it was;
     * likewise the two homes given the wrong way round.
     */
    @Test
    void theOldHomeGivenAsTheNewOneIsRefused() throws Exception {
        LifecycleFixtures.homes(tmp);
        try (DeploymentLayout d = DeploymentLayout.create(DeploymentLayout.Layout.EMBEDDED, Kind.H2, null, tmp)) {
            DeploymentSnapshot before = new DeploymentSnapshot().files("old", tmp.resolve(ExampleHomes.OLD))
                    .files("new", tmp.resolve(ExampleHomes.NEW));
            for (boolean swapped : new boolean[] {false, true}) {
                TestRun run = new TestRun(tmp);
                LifecycleFixtures.pomProperties(tmp).forEach(run::set);
                run.set("apim.newHome", tmp.resolve(ExampleHomes.OLD).toString());
                if (swapped) {
                    run.set("apim.oldHome", tmp.resolve(ExampleHomes.NEW).toString());
                } else {
                    run.unset("apim.oldHome").set("apim.registry.disableVersioning", "true");
                }
                GoalExecutor.Result result = run.execute("migrate-db");
                assertEquals(Outcome.REFUSED, result.outcome(), run.logText());
                assertTrue(result.message().contains("'apim.newHome' is " + tmp.resolve(ExampleHomes.OLD) + ", an API-M 3.0.0 home"),
                        result.message());
                assertEquals("", DeploymentSnapshot.differences(before, new DeploymentSnapshot().files("old", tmp.resolve(ExampleHomes.OLD))
                        .files("new", tmp.resolve(ExampleHomes.NEW))), "the refused run changed a file");
            }
        }
    }

    @Test
    void withoutTheIdentityResources() throws Exception {
        refusedAndUnchanged(run -> run.set("apim.identity.resources", ""), List.of("apim.identity.resources"));
    }

    @Test
    void withoutAKeystore() throws Exception {
        refusedAndUnchanged(run -> delete(tmp.resolve(ExampleHomes.OLD).resolve("repository/resources/security/wso2carbon.jks")),
                List.of("wso2carbon.jks"));
    }

    /** Both at once: every reason is listed, not only the first. */
    @Test
    void everyMissingInputIsListedAtOnce() throws Exception {
        refusedAndUnchanged(run -> {
            run.set("apim.identity.resources", "");
            delete(tmp.resolve(ExampleHomes.OLD).resolve("repository/resources/security/wso2carbon.jks"));
        }, List.of("apim.identity.resources", "wso2carbon.jks"));
    }

    @Test
    void withoutTheJdbcDriverOfAConfiguredDatabase() throws Exception {
        refusedAndUnchanged(run -> run.driverLoader(new URLClassLoader(new URL[0], RefusedBeforeAnyChangeTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("org.postgresql.")) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        }), List.of("org.postgresql:postgresql"));
    }

    /** WSO2's identity scripts run CREATE EXTENSION "uuid-ossp": a user who may not is refused before anything changes. */
    @Test
    void withAPostgresUserThatMayNotCreateTheExtension() throws Exception {
        String role = "apim_nx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        try {
            refusedAndUnchanged((run, d) -> {
                try {
                    limitedUser(role, d.database("apim").name());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                run.set("apim.db.apim.username", role).set("apim.db.apim.password", "pw");
            }, List.of("uuid-ossp", role));
        } finally {
            admin("DROP ROLE IF EXISTS " + role, null);
        }
    }

    /** A login that may read and write WSO2AM_DB's tables but not create on the database. */
    private static void limitedUser(String role, String database) throws Exception {
        admin("CREATE ROLE " + role + " LOGIN PASSWORD 'pw'", null);
        admin("REVOKE CREATE ON DATABASE " + database + " FROM PUBLIC", null);
        admin("GRANT CONNECT ON DATABASE " + database + " TO " + role, null);
        admin("GRANT USAGE ON SCHEMA public TO " + role, database);
        admin("GRANT ALL ON ALL TABLES IN SCHEMA public TO " + role, database);
        admin("GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO " + role, database);
        admin("DROP EXTENSION IF EXISTS \"uuid-ossp\"", database);
    }

    private static void admin(String sql, String database) throws Exception {
        String url = database == null ? TestDatabase.PG_ADMIN_URL : "jdbc:postgresql://127.0.0.1:5432/" + database;
        try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
