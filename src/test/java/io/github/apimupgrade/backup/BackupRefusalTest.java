package io.github.apimupgrade.backup;

import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.BackupRefusedException;
import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Restore refuses damaged sets and non-empty targets, naming what is wrong, and writes nothing. */
class BackupRefusalTest {
    @TempDir
    Path tmp;
    Path[] homes;
    Path set;
    TestDatabase source;

    @BeforeEach
    void backup() throws Exception {
        homes = Fixtures.homes(tmp);
        source = Fixtures.deployment(Kind.POSTGRESQL, tmp);
        AtomicReference<BackupGoal.Result> r = new AtomicReference<>();
        run(source).run(ctx -> r.set(new BackupGoal(ctx).run()));
        set = r.get().set();
        source.close();
    }

    TestRun run(TestDatabase db) {
        return new TestRun(tmp).database("apim", db).database("shared", db).set("apim.workDir", tmp.resolve("work").toString())
                .set("apim.env", "test").set("apim.oldHome", homes[0].toString()).set("apim.newHome", homes[1].toString());
    }

    String refused(TestDatabase target, Path damaged) throws Exception {
        TestRun r = run(target).set("apim.restore.set", damaged.toString());
        Path confCopy = tmp.resolve("empty-home");
        BackupRefusedException e = assertThrows(BackupRefusedException.class, () -> r.run(ctx -> new RestoreGoal(ctx).run()));
        assertEquals(0, Fixtures.tableCount(target), "restore wrote into the database");
        return e.getMessage();
    }

    Path copy(String name) throws Exception {
        Path to = tmp.resolve("sets").resolve(name);
        try (Stream<Path> w = Files.walk(set)) {
            for (Path p : w.toList()) {
                Path t = to.resolve(set.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return to;
    }

    Path dump(Path s, String table) throws Exception {
        try (Stream<Path> w = Files.walk(s.resolve("db"))) {
            return w.filter(p -> p.getFileName().toString().toLowerCase().contains(table)).findFirst().orElseThrow();
        }
    }

    @Test
    void refusesFlippedByteMissingFileAndTruncatedDumpWritingNothing() throws Exception {
        try (TestDatabase target = TestDatabase.create(Kind.POSTGRESQL, tmp)) {
            for (Path h : homes) {
                BackupRoundTripTest.deleteTree(h);
                Files.createDirectories(h);
            }
            Path flipped = copy("flipped");
            try (RandomAccessFile f = new RandomAccessFile(dump(flipped, "reg_content").toFile(), "rw")) {
                f.seek(f.length() / 2);
                int b = f.read();
                f.seek(f.length() / 2);
                f.write(b ^ 0x01);
            }
            String m = refused(target, flipped);
            assertTrue(m.contains("reg_content") && m.contains("SHA-256"), m);

            Path missing = copy("missing");
            Files.delete(missing.resolve("files/security/wso2carbon.jks"));
            m = refused(target, missing);
            assertTrue(m.contains("missing file files/security/wso2carbon.jks"), m);

            Path truncated = copy("truncated");
            Path d = dump(truncated, "reg_content");
            try (RandomAccessFile f = new RandomAccessFile(d.toFile(), "rw")) {
                f.setLength(f.length() - 100);
            }
            m = refused(target, truncated);
            assertTrue(m.contains("truncated") && m.contains("reg_content"), m);

            Path incomplete = copy("incomplete");
            Files.delete(incomplete.resolve("COMPLETE"));
            m = refused(target, incomplete);
            assertTrue(m.contains("incomplete"), m);

            for (Path h : homes) {
                try (Stream<Path> w = Files.list(h)) {
                    assertEquals(List.of(), w.toList(), "restore wrote files into " + h);
                }
            }

            // The good set passes verification alone and writes nothing.
            TestRun verify = run(target).set("apim.restore.set", set.getFileName().toString()).set("apim.restore.verifyOnly", "true");
            verify.run(ctx -> new RestoreGoal(ctx).run());
            assertTrue(verify.logText().contains("verified"), verify.logText());
            assertEquals(0, Fixtures.tableCount(target));
        }
    }

    @Test
    void refusesNonEmptyTargetsUnlessOverwriteIsSet() throws Exception {
        try (TestDatabase target = TestDatabase.create(Kind.POSTGRESQL, tmp)) {
            target.run("CREATE TABLE SOMETHING_ELSE (ID INTEGER)");
            TestRun r = run(target).set("apim.restore.set", set.getFileName().toString());
            BackupRefusedException e = assertThrows(BackupRefusedException.class, () -> r.run(ctx -> new RestoreGoal(ctx).run()));
            assertTrue(e.getMessage().contains("is not empty") && e.getMessage().contains("something_else")
                    && e.getMessage().contains("apim.restore.overwrite"), e.getMessage());
            assertTrue(e.getMessage().contains(homes[0].resolve("repository/conf").toString()), e.getMessage());
            assertEquals(1, Fixtures.tableCount(target));

            TestRun again = run(target).set("apim.restore.overwrite", "true");
            again.run(ctx -> new RestoreGoal(ctx).run());
            assertTrue(Fixtures.tableCount(target) > 10);
            assertTrue(again.logText().contains("using the newest complete set"), again.logText());
        }
    }
}
