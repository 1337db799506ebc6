package io.github.apimupgrade.backup;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.BackupRefusedException;
import io.github.apimupgrade.core.backup.BackupSets;
import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A killed backup leaves nothing restore accepts; memory does not grow with the table's rows. */
class BackupCrashAndMemoryTest {
    @TempDir
    Path tmp;

    static List<String> args(TestDatabase db, Path root) {
        List<String> a = new ArrayList<>();
        for (String k : List.of("apim", "shared")) {
            a.add("apim.db." + k + ".url=" + db.url());
            a.add("apim.db." + k + ".username=" + db.user());
            a.add("apim.db." + k + ".password=" + db.password());
        }
        a.add("apim.backup.dir=" + root);
        a.add("apim.env=crash");
        return a;
    }

    @Test
    void killedBackupLeavesNoAcceptableSetAndTheNextBackupSucceeds() throws Exception {
        Path root = tmp.resolve("backups");
        try (TestDatabase db = Fixtures.deployment(Kind.POSTGRESQL, tmp)) {
            Jvm.Result killed = Jvm.run(BackupMain.class, List.of("-D" + FaultInjector.HALT_AFTER_STATEMENTS + "=3"), args(db, root));
            assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), killed.output());
            assertEquals(List.of(), BackupSets.complete(root));
            Path partial;
            try (Stream<Path> s = Files.list(root)) {
                partial = s.filter(p -> p.getFileName().toString().endsWith(".partial")).findFirst().orElseThrow();
            }
            try (TestDatabase target = TestDatabase.create(Kind.POSTGRESQL, tmp)) {
                TestRun noSet = new TestRun(tmp).database("apim", target).set("apim.backup.dir", root.toString()).set("apim.env", "crash");
                BackupRefusedException e = assertThrows(BackupRefusedException.class, () -> noSet.run(ctx -> new RestoreGoal(ctx).run()));
                assertTrue(e.getMessage().contains("No complete backup set") && e.getMessage().contains("(incomplete)"), e.getMessage());
                TestRun explicit = new TestRun(tmp).database("apim", target).set("apim.backup.dir", root.toString())
                        .set("apim.restore.set", partial.toString());
                e = assertThrows(BackupRefusedException.class, () -> explicit.run(ctx -> new RestoreGoal(ctx).run()));
                assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
                assertEquals(0, Fixtures.tableCount(target));

                Jvm.Result ok = Jvm.run(BackupMain.class, List.of(), args(db, root));
                assertEquals(0, ok.exitCode(), ok.output());
                assertEquals(1, BackupSets.complete(root).size());
                TestRun restore = new TestRun(tmp).database("apim", target).database("shared", target)
                        .set("apim.backup.dir", root.toString()).set("apim.env", "crash");
                restore.run(ctx -> new RestoreGoal(ctx).run());
                assertEquals(Fixtures.tables(db), Fixtures.tables(target));
            }
        }
    }

    /**
     * Backup of a table with 4x the rows (2 KB each: 4x is more than the 256 MB heap) runs in the same peak heap, within
     * 20%. Measured as the largest heap in use after a full collection, forced every 20 ms so that a short run is sampled
     * as closely as a long one (garbage not yet collected is not memory the backup keeps). On H2 the engine runs in the
     * same JVM: its page cache counts too, and is bounded.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER", "MARIADB_VIA_MARIADB_DRIVER"})
    void peakHeapDoesNotGrowWithRows(Kind kind) throws Exception {
        long small = peak(kind, 50_000);
        long large = peak(kind, 200_000);
        assertTrue(large <= small * 1.2, "peak heap " + small / 1_000_000 + " MB for 1x rows, " + large / 1_000_000 + " MB for 4x");
    }

    private long peak(Kind kind, int rows) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            switch (kind) {
                case POSTGRESQL -> db.run("CREATE TABLE BIG (ID INTEGER PRIMARY KEY, DATA BYTEA);\n"
                        + "INSERT INTO BIG SELECT g, decode(repeat(md5(g::text), 64), 'hex') FROM generate_series(1, " + rows + ") g;");
                case H2 -> db.run("CREATE TABLE BIG (ID INTEGER PRIMARY KEY, DATA BLOB);\n"
                        + "INSERT INTO BIG SELECT X, CAST(REPEAT(RAWTOHEX(HASH('SHA256', CAST(X AS VARCHAR), 1)), 32) AS BINARY) "
                        + "FROM SYSTEM_RANGE(1, " + rows + ");");
                default -> db.run("CREATE TABLE BIG (ID INTEGER PRIMARY KEY, DATA LONGBLOB);\n"
                        + "INSERT INTO BIG SELECT seq, UNHEX(REPEAT(MD5(seq), 128)) FROM seq_1_to_" + rows + ";");
            }
            Path root = tmp.resolve("mem-" + kind + "-" + rows);
            Jvm.Result r = Jvm.run(BackupMain.class, List.of("-Xmx256m", "-Xms256m", "-Xmn32m", "-XX:+UseSerialGC",
                    "-Dapim.test.liveHeapSampleMillis=20"), args(db, root));
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains(String.format("%,d rows", rows)), r.output());
            String line = r.output().lines().filter(l -> l.startsWith("PEAK_LIVE_HEAP=")).findFirst().orElseThrow();
            BackupRoundTripTest.deleteTree(root);
            System.out.println(kind + " " + rows + " rows: " + r.output().lines().filter(l -> l.startsWith("PEAK")).toList());
            return Long.parseLong(line.substring("PEAK_LIVE_HEAP=".length()));
        }
    }
}
