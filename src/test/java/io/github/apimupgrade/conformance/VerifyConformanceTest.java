package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * verify with WSO2's real 3.1.0 scripts as {@code <NEW_HOME>/dbscripts} and WSO2's real 3.0.0 schemas
 * as the starting databases: no AM_ table differs, and every other difference is explained.
 * The reference files are read from {@code -Dapim.reference} at test time, never kept in the project.
 */
@EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
class VerifyConformanceTest {
    @TempDir
    Path tmp;

    enum Target {
        H2(Kind.H2), POSTGRESQL(Kind.POSTGRESQL), MARIADB(Kind.MARIADB_VIA_MYSQL_DRIVER);

        final Kind kind;

        Target(Kind kind) {
            this.kind = kind;
        }
    }

    private static Path reference() {
        Path p = Path.of(System.getProperty("apim.reference"));
        if (!p.isAbsolute()) {
            p = Path.of(System.getProperty("basedir", ".")).resolve(p).normalize();
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void verifyFindsNoAmDifferenceAfterMigratingTheReal300Schema(Target target) throws Exception {
        String d = target.kind.dialect().folder();
        Path ref = reference();
        Path dbscripts = Files.createDirectories(tmp.resolve("wso2am-3.1.0/dbscripts/apimgt"));
        Files.copy(ref.resolve("apimgt-3.1.0/" + d + ".sql"), dbscripts.resolve(d + ".sql"));
        Files.copy(ref.resolve("carbon-kernel-4.6.0/" + d + ".sql"), dbscripts.getParent().resolve(d + ".sql"));
        try (TestDatabase db = TestDatabase.create(target.kind, tmp)) {
            db.run(Files.readString(ref.resolve("apimgt-3.0.0/" + d + ".sql")));
            db.run(Files.readString(ref.resolve("carbon-kernel-4.5.1/" + d + ".sql")));
            TestRun run = new TestRun(tmp).database("apim", db).database("shared", db)
                    .set("apim.newHome", tmp.resolve("wso2am-3.1.0").toString())
                    .set("apim.registry.disableVersioning", "true").set("apim.workDir", tmp.resolve("work").toString());
            run.run(ctx -> new MigrateDbGoal(ctx).run());
            // the identity migration has not run on these schemas: verify refuses to call its tables explained
            TestRun strict = new TestRun(tmp).database("apim", db).database("shared", db)
                    .set("apim.newHome", tmp.resolve("wso2am-3.1.0").toString()).set("apim.workDir", tmp.resolve("work").toString());
            ApimException notDone = assertThrows(ApimException.class, () -> strict.run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(notDone.getMessage().contains("identity migration not done"), notDone.getMessage());
            AtomicReference<List<VerifyGoal.TableResult>> results = new AtomicReference<>();
            TestRun verify = new TestRun(tmp).database("apim", db).database("shared", db)
                    .set("apim.newHome", tmp.resolve("wso2am-3.1.0").toString()).set("apim.workDir", tmp.resolve("work").toString())
                    .set("apim.verify.acceptIdentityNotMigrated", "true");
            verify.run(ctx -> results.set(new VerifyGoal(ctx).run()));
            List<String> lines = new ArrayList<>();
            lines.add("=== verify on " + target + ": real 3.0.0 schemas after migrate-db vs the real 3.1.0 dbscripts ===");
            results.get().stream().filter(r -> !r.status().equals("SAME"))
                    .forEach(r -> lines.add(String.format("%-11s %-32s %s", r.status(), r.table(), r.detail())));
            long am = results.get().stream().filter(r -> r.table().startsWith("AM_")).count();
            long amSame = results.get().stream().filter(r -> r.table().startsWith("AM_") && r.status().equals("SAME")).count();
            lines.add("AM_ tables: " + amSame + " of " + am + " as in fresh 3.1.0; "
                    + results.get().stream().filter(r -> r.status().equals("EXPLAINED")).count() + " explained differences, "
                    + results.get().stream().filter(r -> r.status().equals("ACCEPTED")).count()
                    + " identity tables as 3.0.0 left them (identity migration not done; verify fails unless accepted), "
                    + results.get().stream().filter(r -> r.status().equals("UNEXPLAINED")).count() + " unexplained");
            lines.forEach(System.out::println);
            Path out = Path.of(System.getProperty("apim.buildDir", "target"), "conformance", "verify-" + d + ".txt");
            Files.createDirectories(out.getParent());
            Files.write(out, lines);
            assertTrue(am >= 49 && amSame == am, String.join("\n", lines));
            assertTrue(results.get().stream().noneMatch(r -> r.status().equals("UNEXPLAINED")), String.join("\n", lines));
        }
    }
}
