package io.github.apimupgrade.backup;

import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.BackupSets;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A set a killed backup left unfinished is removed by the next complete backup of its environment, and only of
 * its environment; an environment's sets are told apart by the whole name ("prod" is not "pre-prod").
 */
class InterruptedSetsTest {
    @TempDir
    Path tmp;

    @Test
    void theNextBackupRemovesItsEnvironmentsUnfinishedSetsOnly() throws Exception {
        Path root = tmp.resolve("backups");
        Path mine = Files.createDirectories(root.resolve(".20200101-000000-prod.partial/db/apim"));
        Files.writeString(mine.resolve("AM_API.rows"), "half a table");
        Path other = Files.createDirectories(root.resolve(".20200101-000000-pre-prod.partial"));
        Path preProdSet = Files.createDirectories(root.resolve("20200101-000001-pre-prod"));
        Files.writeString(preProdSet.resolve("COMPLETE"), "x\n");

        Path[] homes = Fixtures.homes(tmp);
        AtomicReference<BackupGoal.Result> result = new AtomicReference<>();
        try (TestDatabase db = Fixtures.deployment(Kind.H2, tmp)) {
            TestRun run = new TestRun(tmp).database("apim", db).database("shared", db).set("apim.env", "prod")
                    .set("apim.backup.dir", root.toString()).set("apim.workDir", tmp.resolve("work").toString())
                    .set("apim.oldHome", homes[0].toString()).set("apim.newHome", homes[1].toString());
            run.run(ctx -> result.set(new BackupGoal(ctx).run()));
            assertTrue(run.logText().contains("Removed " + root.resolve(".20200101-000000-prod.partial")), run.logText());
        }
        assertFalse(Files.exists(root.resolve(".20200101-000000-prod.partial")), "this environment's unfinished set is gone");
        assertTrue(Files.isDirectory(other), "another environment's unfinished set is kept");
        assertEquals(List.of(result.get().set()), BackupSets.completeOf(root, "prod"), "pre-prod's set is not prod's");
        assertEquals(List.of(preProdSet), BackupSets.completeOf(root, "pre-prod"));
    }
}
