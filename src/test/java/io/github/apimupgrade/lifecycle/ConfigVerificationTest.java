package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** verify checks the new home against what migrate-config wrote: its TOML keys and the files it copied. */
class ConfigVerificationTest {
    @TempDir
    Path tmp;

    private TestRun run() {
        return new TestRun(tmp).set("apim.oldHome", tmp.resolve(ExampleHomes.OLD).toString())
                .set("apim.newHome", tmp.resolve(ExampleHomes.NEW).toString()).set("apim.workDir", tmp.resolve("work").toString())
                .set("apim.verify.acceptIdentityNotMigrated", "true");
    }

    @Test
    void aCopiedFileChangedAfterMigrateConfigFailsVerify() throws Exception {
        ExampleHomes.build(tmp);
        run().run(ctx -> new MigrateConfigGoal(ctx, c -> {
            throw new IllegalStateException(c);
        }, getClass().getClassLoader()).run());
        TestRun good = run();
        good.run(ctx -> new VerifyGoal(ctx).run());
        assertTrue(good.logText().contains("file(s) copied by migrate-config are in place, unchanged"), good.logText());

        Path copied = tmp.resolve(ExampleHomes.NEW).resolve(ExampleHomes.SYN + "sequences/custom_in_seq.xml");
        Files.writeString(copied, "<sequence name=\"custom_in_seq\"/><!-- edited -->\n");
        TestRun bad = run();
        ApimException e = assertThrows(ApimException.class, () -> bad.run(ctx -> new VerifyGoal(ctx).run()));
        assertTrue(e.getMessage().contains("1 finding(s) failed"), e.getMessage());
        assertTrue(bad.logText().contains("custom_in_seq.xml"), bad.logText());
    }

    /** A new home whose deployment.toml migrate-config never touched fails verify, whatever the databases say. */
    @Test
    void aNewHomeMigrateConfigNeverRanOnFailsVerify() throws Exception {
        ExampleHomes.build(tmp);
        TestRun never = run();
        ApimException e = assertThrows(ApimException.class, () -> never.run(ctx -> new VerifyGoal(ctx).run()));
        assertTrue(e.getMessage().contains("finding(s) failed"), e.getMessage());
        assertTrue(never.logText().contains("deployment.toml was never migrated: no migrate-config state, no deployment.toml.apim-orig"),
                never.logText());
    }
}
