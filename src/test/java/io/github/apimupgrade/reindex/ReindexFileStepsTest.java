package io.github.apimupgrade.reindex;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * reindex's file steps in the 3.1.0 home (runbook Steps 2.6.2-2.6.6): the re-indexing counter, the
 * Solr index moved out, the tenant loader placed for several tenants and removed by the follow-up,
 * and none of it on a node role that does not index.
 */
class ReindexFileStepsTest {
    private static final String TOML = "[server]\nhostname = \"apim.example.com\"\n\n[indexing]\nre_indexing = 3\n";

    @TempDir
    Path tmp;

    private Path newHome() throws Exception {
        Path home = tmp.resolve("wso2am-3.1.0");
        Files.createDirectories(home.resolve("repository/conf"));
        Files.createDirectories(home.resolve("repository/components/dropins"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"), TOML);
        Files.createDirectories(home.resolve("solr/data/index"));
        Files.writeString(home.resolve("solr/data/index/segments_1"), "old index");
        return home;
    }

    private Path tenantLoader() throws Exception {
        Path jar = tmp.resolve("downloads/tenantloader-1.0.jar");
        Files.createDirectories(jar.getParent());
        Files.write(jar, new byte[] {0x50, 0x4b, 0x05, 0x06, 1, 2, 3});
        return jar;
    }

    /** The 3.0.0 home's deployment.toml, where the counter was 3 (re-indexed three times under 3.0.0). */
    private Path oldHome() throws Exception {
        Path home = tmp.resolve("wso2am-3.0.0");
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"), TOML);
        return home;
    }

    private TestRun run(TestDatabase registry, Path home) throws Exception {
        return new TestRun(tmp).database("shared", registry).set("apim.newHome", home.toString()).set("apim.oldHome", oldHome().toString())
                .set("apim.workDir", tmp.resolve("work").toString()).set("apim.backup.dir", "sets").set("apim.env", "staging");
    }

    /** The registry fixture has paths of two tenants (-1234 and 1). */
    private TestDatabase registry() throws Exception {
        return TestDatabase.create(TestDatabase.Kind.H2, tmp).loadFixture("registry").load("fixtures/registry-rows.sql");
    }

    @Test
    void countsUpOnceMovesSolrPlacesTheTenantLoaderAndTheFollowUpRemovesIt() throws Exception {
        try (TestDatabase db = registry()) {
            Path home = newHome();
            Path jar = tenantLoader();
            run(db, home).set("apim.reindex.tenantLoader", jar.toString()).run(ctx -> new ReindexGoal(ctx).run());

            String toml = Files.readString(home.resolve("repository/conf/deployment.toml"));
            assertEquals(TOML.replace("re_indexing = 3", "re_indexing = 4"), toml, "only the counter changed");
            assertFalse(Files.exists(home.resolve("solr")), "the old index is gone from the new home");
            try (var sets = Files.list(tmp.resolve("work/sets"))) {
                Path moved = sets.filter(p -> p.getFileName().toString().startsWith("solr-staging-")).findFirst().orElseThrow();
                assertEquals("old index", Files.readString(moved.resolve("data/index/segments_1")), "moved into the backup root, intact");
            }
            Path placed = home.resolve("repository/components/dropins/tenantloader-1.0.jar");
            assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(placed));

            TestRun again = run(db, home).set("apim.reindex.tenantLoader", jar.toString());
            again.run(ctx -> assertEquals(0, new ReindexGoal(ctx).run()));
            assertTrue(Files.readString(home.resolve("repository/conf/deployment.toml")).contains("re_indexing = 4"),
                    "a second run does not count up again");

            run(db, home).set("apim.reindex.tenantLoader", jar.toString()).set("apim.reindex.finish", "true")
                    .run(ctx -> assertEquals(1, new ReindexGoal(ctx).run()));
            assertFalse(Files.exists(placed), "the follow-up (Step 2.6.6) removes the tenant loader");
            assertTrue(Files.exists(home.resolve("repository/components/dropins")));
        }
    }

    @Test
    void theTenantLoaderCanBeGivenAsMavenCoordinates() throws Exception {
        try (TestDatabase db = registry()) {
            Path home = newHome();
            Path jar = tenantLoader();
            AtomicReference<String> asked = new AtomicReference<>();
            run(db, home).set("apim.reindex.tenantLoader", "org.wso2.carbon:tenantloader:1.0")
                    .run(ctx -> new ReindexGoal(ctx, c -> {
                        asked.set(c);
                        return jar;
                    }, io.github.apimupgrade.core.settings.CredentialSource.none()).run());
            assertEquals("org.wso2.carbon:tenantloader:1.0", asked.get());
            assertTrue(Files.exists(home.resolve("repository/components/dropins/tenantloader-1.0.jar")));
        }
    }

    @Test
    void severalTenantsWithoutATenantLoaderIsRefusedBeforeAnythingChanges() throws Exception {
        try (TestDatabase db = registry()) {
            Path home = newHome();
            TreeSet<String> before;
            try (Connection c = db.connect()) {
                c.createStatement().execute("DELETE FROM REG_LOG");
                RegLogData.generate(c, 50, 5, 3); // rows reindex would delete
                before = RegLogData.ids(c);
            }
            TestRun run = run(db, home);
            ApimException e = assertThrows(ApimException.class, () -> run.run(ctx -> new ReindexGoal(ctx).run()));
            assertTrue(e.getMessage().contains("apim.reindex.tenantLoader"), e.getMessage());
            assertEquals(TOML, Files.readString(home.resolve("repository/conf/deployment.toml")));
            assertTrue(Files.exists(home.resolve("solr/data/index/segments_1")));
            try (Connection c = db.connect()) {
                assertEquals(before, RegLogData.ids(c), "REG_LOG untouched");
            }
        }
    }

    @Test
    void aGatewayNodeKeepsItsTomlSolrAndDropins() throws Exception {
        try (TestDatabase db = registry()) {
            Path home = newHome();
            run(db, home).set("apim.nodeRole", "gateway").set("apim.reindex.tenantLoader", tenantLoader().toString())
                    .run(ctx -> new ReindexGoal(ctx).run());
            assertEquals(TOML, Files.readString(home.resolve("repository/conf/deployment.toml")));
            assertTrue(Files.exists(home.resolve("solr/data/index/segments_1")));
            assertFalse(Files.exists(home.resolve("repository/components/dropins/tenantloader-1.0.jar")));
        }
    }
}
