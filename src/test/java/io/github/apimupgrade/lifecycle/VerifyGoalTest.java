package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify against the new pack's dbscripts (here: this project's own 3.1.0 fixture DDL). */
class VerifyGoalTest {
    @TempDir
    Path tmp;

    private Path newHomeWithDbscripts(Kind kind) throws Exception {
        Path dbscripts = Files.createDirectories(tmp.resolve("wso2am-3.1.0/dbscripts/apimgt"));
        String d = kind.dialect().folder();
        Files.writeString(dbscripts.resolve(d + ".sql"), TestDatabase.read("fixtures/am-3.1.0-" + d + ".sql"));
        Files.writeString(dbscripts.getParent().resolve(d + ".sql"), TestDatabase.read("fixtures/registry-" + d + ".sql"));
        return dbscripts.getParent().getParent();
    }

    private TestRun run(TestDatabase db, Path newHome) {
        return new TestRun(tmp).database("apim", db).database("shared", db).set("apim.newHome", newHome.toString())
                .set("apim.registry.disableVersioning", "true").set("apim.workDir", tmp.resolve("work").toString());
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void afterMigrateDbNothingIsUnexplainedAndTheScratchSchemaIsGone(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql")
                .loadFixture("registry").load("fixtures/registry-rows.sql")) {
            Path home = newHomeWithDbscripts(kind);
            AtomicReference<List<VerifyGoal.TableResult>> results = new AtomicReference<>();
            TestRun before = run(db, home);
            ApimException e = assertThrows(ApimException.class, () -> before.run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(e.getMessage().contains("5 unexplained"), e.getMessage());
            assertTrue(before.logText().contains("UNEXPLAINED AM_CERTIFICATE_METADATA"), before.logText());

            run(db, home).run(ctx -> new MigrateDbGoal(ctx).run());
            run(db, home).run(ctx -> results.set(new VerifyGoal(ctx).run()));
            assertTrue(results.get().stream().allMatch(r -> r.status().equals("SAME")), results.get().toString());
            assertTrue(results.get().size() >= 20, "every fixture table compared: " + results.get().size());
            assertTrue(Files.readString(tmp.resolve("work/verify.json")).contains("0 unexplained"));
            if (kind == Kind.POSTGRESQL) {
                assertEquals(0, io.github.apimupgrade.testing.Schema.count(db.connect(),
                        "SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'apim_verify_%'"));
            }
        }
    }
}
