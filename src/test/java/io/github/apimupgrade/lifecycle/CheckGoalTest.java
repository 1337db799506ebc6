package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.check.CheckGoal;
import io.github.apimupgrade.core.check.CheckRefusedException;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pre-flight on real databases and home trees; it reads only. */
class CheckGoalTest {
    @TempDir
    Path tmp;

    private Path home(String name, String version, boolean versioning) throws Exception {
        Path home = tmp.resolve(name);
        Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("bin/version.txt"), "WSO2 API Manager v" + version + "\n");
        Path conf = Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(conf.resolve("registry.xml"), "<wso2registry><staticConfiguration><versioningProperties>"
                + versioning + "</versioningProperties></staticConfiguration></wso2registry>");
        Path security = Files.createDirectories(home.resolve("repository/resources/security"));
        for (String ks : List.of("wso2carbon.jks", "client-truststore.jks")) {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            try (OutputStream out = Files.newOutputStream(security.resolve(ks))) {
                store.store(out, "wso2carbon".toCharArray());
            }
        }
        Files.createDirectories(home.resolve("repository/deployment/server/synapse-configs/default/api"));
        Files.writeString(home.resolve("repository/deployment/server/synapse-configs/default/api/PizzaShack.xml"), "<api/>");
        return home;
    }

    private TestRun run(TestDatabase db, Path oldHome, Path newHome) {
        return new TestRun(tmp).database("apim", db).database("shared", db)
                .set("apim.oldHome", oldHome.toString()).set("apim.newHome", newHome.toString())
                .set("apim.workDir", tmp.resolve("work").toString());
    }

    @Test
    void a300DeploymentPassesAndTheFindingsAreWritten() throws Exception {
        try (TestDatabase db = TestDatabase.create(Kind.POSTGRESQL, tmp).loadFixture("am-3.0.0").loadFixture("registry")) {
            AtomicReference<List<Finding>> findings = new AtomicReference<>();
            run(db, home("old", "3.0.0", false), home("new", "3.1.0", false))
                    .run(ctx -> findings.set(new CheckGoal(ctx).run()));
            assertTrue(findings.get().stream().noneMatch(f -> f.status() == Finding.Status.FAIL), findings.get().toString());
            assertTrue(findings.get().stream().anyMatch(f -> f.message().startsWith("WSO2AM_DB is at 3.0.0")));
            assertTrue(findings.get().stream().anyMatch(f -> f.message().contains("versioning was off")));
            assertTrue(findings.get().stream().anyMatch(f -> f.message().contains("wso2carbon.jks opens")));
            assertTrue(Files.readString(tmp.resolve("work/check.json")).contains("\"status\":\"PASS\""));
        }
    }

    @Test
    void wrongHomeVersionAndBadKeystorePasswordAreRefusedWithTheirFix() throws Exception {
        try (TestDatabase db = TestDatabase.create(Kind.H2, tmp).loadFixture("am-3.0.0").loadFixture("registry")) {
            TestRun run = run(db, home("old", "2.6.0", false), home("new", "3.1.0", false))
                    .set("apim.keystore.primary.password", "not-the-password");
            CheckRefusedException e = assertThrows(CheckRefusedException.class, () -> run.run(ctx -> new CheckGoal(ctx).run()));
            assertTrue(e.getMessage().startsWith("Refused by check: 2 FAIL"), e.getMessage());
            assertTrue(run.logText().contains("is API-M 2.6.0, expected 3.0.0  -> set 'apim.oldHome' to the 3.0.0 home"), run.logText());
            assertTrue(run.logText().contains("set 'apim.keystore.primary.password'"), run.logText());
            assertTrue(!run.logText().contains("not-the-password"), "no password in the log");
        }
    }

    @Test
    void aRunningServerIsAFail() throws Exception {
        try (TestDatabase db = TestDatabase.create(Kind.H2, tmp).loadFixture("am-3.0.0").loadFixture("registry")) {
            Path old = home("old", "3.0.0", false);
            Files.writeString(old.resolve("wso2carbon.pid"), Long.toString(ProcessHandle.current().pid()));
            TestRun run = run(db, old, home("new", "3.1.0", false));
            assertThrows(CheckRefusedException.class, () -> run.run(ctx -> new CheckGoal(ctx).run()));
            assertTrue(run.logText().contains("a WSO2 server is running from " + old), run.logText());
            assertEquals(1, run.log().stream().filter(l -> l.startsWith("ERROR")).count(), run.logText());
        }
    }
}
