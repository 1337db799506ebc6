package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
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
 * Crash safety of the whole upgrade: the lifecycle (backup, migrate-config, migrate-db, migrate-identity,
 * migrate-analytics, reindex, verify) is killed, as {@code kill -9} would, then run again to the end. On PostgreSQL and
 * MariaDB (four databases on one server: WSO2AM_DB, registry, user store, config registry, and the analytics database)
 * at every kill point of every goal; on embedded H2 in the middle of every goal's work and while the identity migration
 * runs in the server. The databases (schema and every
 * row, by checksum) and the new and analytics homes (every file, by SHA-256) must equal those of a run that was never
 * interrupted; WSO2's identity migration ran once (the stand-in server counts), and no verify scratch schema is left.
 */
class FaultInjectionTest {
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

    /**
     * On embedded H2, a fresh deployment per goal killed after the unit of work in the middle of that goal's work (the
     * unit counts of an uninterrupted run), then run again; and one killed while WSO2's identity migration runs in the
     * server, which holds the H2 files until the next run has followed it to its end and stopped it.
     */
    @Test
    void killedInTheMiddleOfEveryGoalOnH2EndsAsAnUninterruptedRun() throws Exception {
        Map<String, String> expected;
        Map<String, int[]> goals;
        try (FaultDeployment reference = deployment(Kind.H2, "reference")) {
            Jvm.Result clean = Jvm.run(LifecycleMain.class, CHILD_JVM, reference.args());
            assertEquals(0, clean.exitCode(), clean.output());
            goals = goalUnits(clean.output());
            expected = reference.endState();
        }
        assertEquals(LifecycleMain.GOALS, List.copyOf(goals.keySet()));
        StringBuilder perGoal = new StringBuilder();
        for (Map.Entry<String, int[]> goal : goals.entrySet()) {
            int[] range = goal.getValue();
            assertTrue(range[1] > range[0], goal.getKey() + " does no unit of work: the deployment must give it work");
            int k = range[0] + (range[1] - range[0] + 1) / 2;
            killThenRunAgain(Kind.H2, "kill-" + k, halting(k), "kill point " + k + " (in " + goal.getKey() + ")", expected);
            SURVIVED.incrementAndGet();
            perGoal.append("\n  ").append(goal.getKey()).append(": units ").append(range[0] + 1).append("-").append(range[1])
                    .append(", killed after ").append(k);
        }
        // and while WSO2's identity migration runs in the server, which holds the embedded databases as the real one does
        List<String> options = new ArrayList<>(CHILD_JVM);
        options.add("-D" + FaultInjector.HALT_AT + "=" + FaultInjector.IDENTITY_SERVER_MIGRATING);
        killThenRunAgain(Kind.H2, "kill-identity-server", options, "kill while the identity migration server runs", expected);
        SURVIVED.incrementAndGet();
        System.out.println("Fault injection on H2: " + (goals.size() + 1) + " kill points survived" + perGoal
                + "\n  and while WSO2's identity migration ran in the server (holding the H2 files)");
    }

    /**
     * The kill points a lifecycle run passed, in order, grouped by goal, from the run's {@code apim.fault.trace} file
     * ({@code <units done> TAB <point>}). A step's end ({@code @applied}) is left out where it directly follows the step's
     * point of a unit of work with no unit completed between: a kill there leaves what the kill at that point leaves.
     */
    static Map<String, List<String>> killPoints(List<String> trace) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String previous = "";
        for (String line : trace) {
            String point = line.substring(line.indexOf('\t') + 1);
            String step = point.substring(0, point.lastIndexOf(' '));
            boolean sameAsPrevious = point.equals(step + " @" + FaultInjector.STEP_APPLIED)
                    && previous.startsWith(line.substring(0, line.indexOf('\t')) + "\t" + step + " ") && !previous.contains(" @");
            previous = line;
            if (!sameAsPrevious) {
                out.computeIfAbsent(goalOf(point), g -> new ArrayList<>()).add(point);
            }
        }
        return out;
    }

    private static String goalOf(String point) {
        return point.substring(0, point.indexOf(' '));
    }

    private static List<String> haltingAt(String point) {
        List<String> options = new ArrayList<>(CHILD_JVM);
        options.add("-D" + FaultInjector.HALT_AT + "=" + point);
        return options;
    }

    /**
     * Every kill point of every goal, on the servers: a fresh deployment runs the lifecycle and is killed at the first
     * kill point the uninterrupted run passed, then the run resumed from the goal it interrupted is killed at the next
     * point, and so on through every point of every goal (each place a step first completes a unit of work, each step's
     * end before the journal records it, a verify scratch schema full, WSO2's identity migration running in the server);
     * then the whole lifecycle runs to the end and the end state must equal the uninterrupted run's. Points are named,
     * not counted, so a resumed run halts at the same place as a first one. A point a resumed run does not reach (it
     * found that work done, so it finished the lifecycle) ends the deployment there: its end state is compared and the
     * next point starts on a fresh one.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void killedAtEveryKillPointOfEveryGoalEndsAsAnUninterruptedRun(Kind kind) throws Exception {
        Map<String, String> expected;
        Map<String, List<String>> points;
        try (FaultDeployment reference = deployment(kind, "reference")) {
            Path trace = tmp.resolve("trace-" + kind + ".txt");
            List<String> options = new ArrayList<>(CHILD_JVM);
            options.add("-D" + FaultInjector.TRACE + "=" + trace);
            Jvm.Result clean = Jvm.run(LifecycleMain.class, options, reference.args());
            assertEquals(0, clean.exitCode(), clean.output());
            expected = reference.endState();
            points = killPoints(Files.readAllLines(trace));
        }
        assertEquals(LifecycleMain.GOALS, List.copyOf(points.keySet()), "every goal of the lifecycle has kill points");
        assertTrue(points.get("migrate-identity").stream().anyMatch(p -> p.endsWith("@" + FaultInjector.IDENTITY_SERVER_MIGRATING)),
                "the identity migration ran in the server: " + points.get("migrate-identity"));
        List<String> chain = points.values().stream().flatMap(List::stream).toList();
        Map<String, Integer> survived = new LinkedHashMap<>();
        List<String> notReached = new ArrayList<>();
        long start = System.nanoTime();
        int next = 0;
        int deployments = 0;
        while (next < chain.size()) {
            try (FaultDeployment d = deployment(kind, "every-" + ++deployments)) {
                String resumeFrom = null; // the goal the last kill interrupted: the next run resumes there
                boolean finished = false;
                for (; next < chain.size() && !finished; next++) {
                    String point = chain.get(next);
                    List<String> args = new ArrayList<>(d.args());
                    if (resumeFrom != null) {
                        args.add(LifecycleMain.FROM_GOAL + "=" + resumeFrom);
                    }
                    Jvm.Result killed = Jvm.run(LifecycleMain.class, haltingAt(point), args);
                    if (resumeFrom != null && killed.exitCode() == 0) {
                        notReached.add(point);
                        finished = true; // the resumed run finished the lifecycle: compared below, the next point on a fresh deployment
                        continue;
                    }
                    assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), "killed at '" + point + "':\n" + killed.output());
                    resumeFrom = goalOf(point);
                    survived.merge(resumeFrom, 1, Integer::sum);
                    SURVIVED.incrementAndGet();
                }
                if (!finished) {
                    Jvm.Result again = Jvm.run(LifecycleMain.class, CHILD_JVM, d.args());
                    assertEquals(0, again.exitCode(), "run after the kill points up to '" + chain.get(next - 1) + "':\n" + again.output());
                }
                Map<String, String> actual = d.endState();
                assertTrue(expected.equals(actual), "end state after the kill points up to '" + chain.get(next - 1) + "':"
                        + differences(expected, actual));
            }
        }
        StringBuilder report = new StringBuilder();
        points.forEach((goal, list) -> report.append("\n  ").append(goal).append(": ").append(survived.getOrDefault(goal, 0))
                .append(" of ").append(list.size()).append(" kill points"));
        if (!notReached.isEmpty()) {
            report.append("\n  not reached by a resumed run (its work found done), each then run on a fresh deployment: ").append(notReached);
        }
        int total = survived.values().stream().mapToInt(Integer::intValue).sum();
        report.append("\n  in ").append((System.nanoTime() - start) / 1_000_000_000).append(" s, ").append(deployments)
                .append(" deployment(s), the end state compared on each");
        System.out.println("Every kill point on " + kind + ": " + total + " survived" + report);
    }
}
