package io.github.apimupgrade.backup;

import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.testing.Schema;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Backup, drop everything, restore: every table's rows and every file equal the originals, on H2, PostgreSQL and MariaDB. */
class BackupRoundTripTest {
    /** Set as the database password where the server ignores or accepts it; must appear nowhere. */
    static final String SECRET = "Pw-Secret-4711";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"H2,false", "H2,true", "POSTGRESQL,false", "POSTGRESQL,true", "MARIADB_VIA_MARIADB_DRIVER,false",
            "MARIADB_VIA_MYSQL_DRIVER,true"})
    void roundTripRestoresEveryRowAndFile(Kind kind, boolean compress) throws Exception {
        Path[] homes = Fixtures.homes(tmp);
        Map<String, String> files = Fixtures.files(homes);
        Map<String, String> rows;
        Map<String, String> shape;
        TestRun backup;
        AtomicReference<BackupGoal.Result> result = new AtomicReference<>();
        try (TestDatabase db = Fixtures.deployment(kind, tmp)) {
            rows = Fixtures.tables(db);
            shape = shape(db);
            backup = run(db, homes).set("apim.backup.compress", String.valueOf(compress)).set("apim.backup.verify", "true");
            if (kind == Kind.H2) {
                try (Connection c = db.connect(); Statement s = c.createStatement()) {
                    s.execute("CREATE USER BKUSER PASSWORD '" + SECRET + "' ADMIN");
                }
                backup.set("apim.db.apim.username", "BKUSER").set("apim.db.apim.password", SECRET)
                        .set("apim.db.shared.username", "BKUSER").set("apim.db.shared.password", SECRET);
            }
            backup.run(ctx -> result.set(new BackupGoal(ctx).run()));
        } // the source database is dropped here
        assertTrue(rows.get("REG_CONTENT").startsWith("30"), rows.toString());
        Path set = result.get().set();
        assertTrue(Files.isRegularFile(set.resolve("COMPLETE")));
        assertTrue(backup.logText().contains("verified"), backup.logText());
        assertTrue(backup.logText().matches("(?s).*backup: \\d+/\\d+ tables, [\\d,]+ rows \\([\\d,]+ rows/s\\), [\\d.]+ MB \\([\\d.]+ MB/s\\), ETA .*"),
                backup.logText());
        for (Path h : homes) {
            deleteTree(h);
            Files.createDirectories(h); // an empty home, as after a reinstall
        }

        try (TestDatabase target = TestDatabase.create(kind, tmp)) {
            target.connect().close(); // an empty database (for H2: the plugin never creates a missing file)
            TestRun restore = run(target, homes).set("apim.restore.set", set.getFileName().toString());
            if (kind == Kind.POSTGRESQL) {
                restore.set("apim.db.apim.password", SECRET).set("apim.db.shared.password", SECRET);
            }
            restore.run(ctx -> new RestoreGoal(ctx).run());
            assertEquals(rows, Fixtures.tables(target));
            assertEquals(shape, shape(target));
            assertEquals(files, Fixtures.files(homes));
            assertTrue(restore.logText().contains("Restored"), restore.logText());

            String manifest = Files.readString(set.resolve("manifest.tsv"));
            assertTrue(manifest.contains("\ttable\t") || manifest.contains("\ntable\t"));
            assertTrue(manifest.contains("REG_CONTENT") || manifest.contains("reg_content"));
            assertTrue(manifest.contains("WSO2AM_DB 3.0.0"), manifest);
            if (kind == Kind.H2 || kind == Kind.POSTGRESQL) {
                assertNoSecret(backup.logText(), "backup log");
                assertNoSecret(restore.logText(), "restore log");
                for (Path p : allFiles(set)) {
                    assertNoSecret(new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1), p.toString());
                }
                for (Path p : allFiles(tmp.resolve("work/reports"))) {
                    assertNoSecret(Files.readString(p), p.toString());
                }
            }
        }
    }

    static void assertNoSecret(String text, String where) {
        assertFalse(text.contains(SECRET), "password found in " + where);
    }

    TestRun run(TestDatabase db, Path[] homes) {
        TestRun r = new TestRun(tmp).database("apim", db).database("shared", db)
                .set("apim.workDir", tmp.resolve("work").toString()).set("apim.env", "test")
                .set("apim.oldHome", homes[0].toString()).set("apim.newHome", homes[1].toString())
                .set("apim.progress.intervalSeconds", "1");
        if (db.kind() == Kind.POSTGRESQL) {
            r.set("apim.db.apim.password", SECRET).set("apim.db.shared.password", SECRET);
        }
        return r;
    }

    static Map<String, String> shape(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            List<String> tables = new ArrayList<>(new Catalog(c, db.dialect()).tables().values());
            return Schema.shape(c, db.dialect(), tables);
        }
    }

    static List<Path> allFiles(Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> w = Files.walk(dir)) {
            return w.filter(Files::isRegularFile).toList();
        }
    }

    static void deleteTree(Path dir) throws Exception {
        try (Stream<Path> w = Files.walk(dir)) {
            for (Path p : w.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
