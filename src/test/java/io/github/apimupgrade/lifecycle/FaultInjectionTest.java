package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of the whole upgrade: the lifecycle (backup, migrate-config, migrate-db,
 * migrate-identity, migrate-analytics, reindex, verify) is killed after the k-th statement, file or
 * batch, at one k inside every goal, then run again to the end. The goal's units are split in four and each
 * database kind is killed at another quarter (H2 after the first, PostgreSQL the second, MariaDB the third), so
 * that every goal is killed at three places in all within the CI's time; and once on PostgreSQL and MariaDB while WSO2's
 * identity migration runs in the server migrate-identity started (the server outlives the killed JVM). The databases
 * (schema and every row, by checksum) and the new and analytics homes (every file, by SHA-256) must
 * equal those of a run that was never interrupted; WSO2's identity migration ran once (the stand-in server
 * counts), and no verify scratch schema is left.
 */
class FaultInjectionTest {
    /** The kinds in the order their kill points are chosen: the i-th is killed after the (i+1)-th quarter of each goal. */
    private static final List<Kind> KINDS = List.of(Kind.H2, Kind.POSTGRESQL, Kind.MARIADB_VIA_MYSQL_DRIVER);
    /**
     * The child JVMs are short-lived: C1 only and the serial collector start them faster, and H2's
     * compaction on close (up to 200 ms each time a goal closes its pool) is skipped. None of this
     * changes what a kill leaves behind.
     */
    private static final List<String> CHILD_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dh2.maxCompactTime=0");
    private static final Pattern GOAL = Pattern.compile("(?m)^GOAL (\\S+) (\\d+) (\\d+) ");
    private static final AtomicInteger SURVIVED = new AtomicInteger();

    @TempDir
    Path tmp;
    private Path pristine;

    @AfterAll
    static void report() {
        System.out.println("Fault injection: " + SURVIVED.get() + " kill points survived");
    }

    private FaultDeployment deployment(Kind kind, String name) throws Exception {
        if (pristine == null) {
            pristine = FaultDeployment.pristine(Files.createDirectories(tmp.resolve("pristine")));
        }
        return FaultDeployment.create(kind, pristine, tmp.resolve(name));
    }

    private static List<String> halting(int k) {
        List<String> options = new ArrayList<>(CHILD_JVM);
        options.add("-D" + FaultInjector.HALT_AFTER + "=" + k);
        return options;
    }

    /** Each goal of a LifecycleMain run with the units counted before and after it, in run order. */
    static Map<String, int[]> goalUnits(String output) {
        Map<String, int[]> out = new LinkedHashMap<>();
        Matcher m = GOAL.matcher(output);
        while (m.find()) {
            out.put(m.group(1), new int[] {Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))});
        }
        return out;
    }

    /** Up to {@code count} distinct kill points spread over the units (before, after] of one goal. */
    static List<Integer> inside(int before, int after, int count) {
        TreeSet<Integer> points = new TreeSet<>();
        for (int j = 1; j <= count; j++) {
            points.add(before + (int) Math.ceil(j * (after - before) / (count + 1.0)));
        }
        points.removeIf(k -> k <= before);
        return new ArrayList<>(points);
    }

    /** The entries that differ, for a readable failure. */
    private static String differences(Map<String, String> expected, Map<String, String> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            if (!Objects.equals(expected.get(k), actual.get(k))) {
                sb.append("\n  ").append(k).append(": expected ").append(expected.get(k)).append(" | got ").append(actual.get(k));
            }
        }
        return sb.toString();
    }

    /** A fresh deployment's lifecycle halted by {@code options}, run again, and compared with the uninterrupted end state. */
    private void killThenRunAgain(Kind kind, String name, List<String> options, String at, Map<String, String> expected) throws Exception {
        try (FaultDeployment d = deployment(kind, name)) {
            Jvm.Result killed = Jvm.run(LifecycleMain.class, options, d.args());
            assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), at + ":\n" + killed.output());
            Jvm.Result again = Jvm.run(LifecycleMain.class, CHILD_JVM, d.args());
            assertEquals(0, again.exitCode(), "run after " + at + ":\n" + again.output());
            Map<String, String> actual = d.endState();
            assertTrue(expected.equals(actual), "end state after " + at + ":" + differences(expected, actual));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void killedInsideEveryGoalThenRunAgainEndsAsAnUninterruptedRun(Kind kind) throws Exception {
        Map<String, String> expected;
        Map<String, int[]> goals;
        try (FaultDeployment reference = deployment(kind, "reference")) {
            Jvm.Result clean = Jvm.run(LifecycleMain.class, CHILD_JVM, reference.args());
            assertEquals(0, clean.exitCode(), clean.output());
            goals = goalUnits(clean.output());
            expected = reference.endState();
        }
        assertEquals(List.of("backup", "migrate-config", "migrate-db", "migrate-identity", "migrate-analytics", "reindex", "verify"),
                List.copyOf(goals.keySet()));
        for (String g : List.of("migrate-identity", "migrate-analytics")) {
            int units = goals.get(g)[1] - goals.get(g)[0];
            assertTrue(units >= KINDS.size(), g + " does " + units + " units of work: the deployment must give it work");
        }
        Map<String, List<Integer>> killPoints = new LinkedHashMap<>();
        goals.forEach((g, range) -> {
            List<Integer> quarters = inside(range[0], range[1], KINDS.size());
            assertTrue(!quarters.isEmpty(), g + " does no unit of work");
            killPoints.put(g, List.of(quarters.get(Math.min(KINDS.indexOf(kind), quarters.size() - 1))));
        });
        // verify's units are the statements that build its scratch schema: a kill there must leave nothing behind
        int survived = 0;
        for (Map.Entry<String, List<Integer>> goal : killPoints.entrySet()) {
            for (int k : goal.getValue()) {
                killThenRunAgain(kind, "kill-" + k, halting(k), "kill point " + k + " (in " + goal.getKey() + ")", expected);
                survived++;
                SURVIVED.incrementAndGet();
            }
        }
        // and while WSO2's identity migration runs in the server migrate-identity started: the server goes on without
        // the killed JVM, and the next run must take it over, not migrate a second time. Not on embedded H2: there the
        // server holds the database files, so the next run is refused (saying to let that server finish) until it ends.
        if (kind != Kind.H2) {
            List<String> options = new ArrayList<>(CHILD_JVM);
            options.add("-D" + FaultInjector.HALT_AT + "=" + FaultInjector.IDENTITY_SERVER_MIGRATING);
            killThenRunAgain(kind, "kill-identity-server", options, "kill while the identity migration server runs", expected);
            survived++;
            SURVIVED.incrementAndGet();
        }
        StringBuilder perGoal = new StringBuilder();
        goals.forEach((g, range) -> perGoal.append("\n  ").append(g).append(": ").append(range[1] == range[0] ? "no units of work"
                : "units " + (range[0] + 1) + "-" + range[1] + ", killed after " + killPoints.get(g)
                + (g.equals("migrate-identity") && kind != Kind.H2 ? " and while WSO2's identity migration ran in the server" : "")));
        System.out.println("Fault injection on " + kind + ": " + survived + " kill points survived" + perGoal);
    }
}
