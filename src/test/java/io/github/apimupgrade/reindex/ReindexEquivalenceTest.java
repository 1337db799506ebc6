package io.github.apimupgrade.reindex;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On live H2, PostgreSQL and MariaDB: after {@code reindex} the remaining REG_LOG rows are exactly
 * those WSO2's reg-index.sql leaves on a copy of the same data; also when the run is killed at a
 * random batch and run again; and a second run has nothing to do.
 */
class ReindexEquivalenceTest {
    private static final int ROWS = 6000;
    private static final int PATHS = 700;

    @TempDir
    Path temp;

    private TestDatabase registry(TestDatabase.Kind kind, long seed) throws Exception {
        return registry(kind, seed, ROWS, PATHS);
    }

    private TestDatabase registry(TestDatabase.Kind kind, long seed, int rows, int paths) throws Exception {
        TestDatabase db = TestDatabase.create(kind, temp).loadFixture("registry");
        try (Connection c = db.connect()) {
            c.createStatement().execute("DELETE FROM REG_LOG");
            RegLogData.generate(c, rows, paths, seed);
        }
        return db;
    }

    private static TreeSet<String> oracle(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            RegLogData.referenceScript(c);
            return RegLogData.ids(c);
        }
    }

    private TestRun run(TestDatabase db, String batch) {
        return new TestRun(temp).database("shared", db).set("apim.reindex.batchSize", batch)
                .set("apim.workDir", temp.resolve("work").toString());
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER", "MARIADB_VIA_MYSQL_DRIVER"})
    void leavesExactlyWhatRegIndexSqlLeaves(TestDatabase.Kind kind) throws Exception {
        long seed = 42;
        try (TestDatabase reference = registry(kind, seed); TestDatabase ours = registry(kind, seed)) {
            TreeSet<String> expected = oracle(reference);
            assertTrue(expected.size() > 100 && expected.size() < ROWS / 2, "a meaningful data set: " + expected.size());
            TestRun first = run(ours, "500");
            first.run(ctx -> new ReindexGoal(ctx).run());
            try (Connection c = ours.connect()) {
                TreeSet<String> got = RegLogData.ids(c);
                assertTrue(expected.equals(got), diff(expected, got));
            }
            assertTrue(first.logText().matches("(?s).*rows deleted, .* rows/s, ETA .*"), first.logText());
            TestRun second = run(ours, "500");
            second.run(ctx -> assertEquals(0, new ReindexGoal(ctx).run()));
            assertTrue(second.logText().contains("nothing to do"), second.logText());
        }
    }

    /** One block of ids holding thousands of newest ids: the statement is split at 1,000 bound ids. */
    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void aBlockWithMoreNewestIdsThanOneStatementBindsIsSplit(TestDatabase.Kind kind) throws Exception {
        long seed = 11;
        int rows = 12_000;
        try (TestDatabase reference = registry(kind, seed, rows, 3000); TestDatabase ours = registry(kind, seed, rows, 3000)) {
            TreeSet<String> expected = oracle(reference);
            assertTrue(expected.size() > 2000, "more than two statements' worth of kept ids: " + expected.size());
            TestRun run = run(ours, "1000000");
            run.run(ctx -> new ReindexGoal(ctx).run());
            try (Connection c = ours.connect()) {
                TreeSet<String> got = RegLogData.ids(c);
                assertTrue(expected.equals(got), diff(expected, got));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void killedAtARandomBatchAndRunAgainGivesTheSameIds(TestDatabase.Kind kind) throws Exception {
        long seed = 7;
        int batch = 200;
        try (TestDatabase reference = registry(kind, seed); TestDatabase ours = registry(kind, seed)) {
            TreeSet<String> expected = oracle(reference);
            int batches = (ROWS - expected.size()) / batch;
            int haltAt = 1 + new Random().nextInt(Math.max(1, batches - 1));
            List<String> args = new ArrayList<>(List.of("apim.db.shared.url=" + ours.url(), "apim.db.shared.username=" + ours.user(),
                    "apim.db.shared.password=" + ours.password(), "apim.reindex.batchSize=" + batch,
                    "apim.workDir=" + temp.resolve("work")));
            Jvm.Result killed = Jvm.run(ReindexMain.class, List.of("-D" + FaultInjector.HALT_AFTER_STATEMENTS + "=" + haltAt), args);
            assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), killed.output());
            try (Connection c = ours.connect()) {
                TreeSet<String> halfway = RegLogData.ids(c);
                assertNotEquals(expected, halfway, "killed after batch " + haltAt + " of about " + batches);
                assertTrue(halfway.containsAll(expected), "no row reg-index.sql keeps is lost half-way");
            }
            run(ours, String.valueOf(batch)).run(ctx -> new ReindexGoal(ctx).run());
            try (Connection c = ours.connect()) {
                TreeSet<String> got = RegLogData.ids(c);
                assertTrue(expected.equals(got), "killed after batch " + haltAt + ": " + diff(expected, got));
            }
        }
    }

    private static String diff(TreeSet<String> expected, TreeSet<String> got) {
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(got);
        TreeSet<String> extra = new TreeSet<>(got);
        extra.removeAll(expected);
        return expected.size() + " expected, " + got.size() + " left; missing " + missing.stream().limit(10).toList()
                + ", extra " + extra.stream().limit(10).toList();
    }
}
