package io.github.apimupgrade.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test hook for crash-safety tests: the JVM halts (no shutdown hooks, no commits) at a chosen moment, as a power
 * cut or {@code kill -9} would. Without the {@code apim.fault.*} properties it does nothing.
 * <ul>
 * <li>{@code apim.fault.haltAfter=N}: right after the N-th unit of work the plugin completes (a SQL statement, a file
 * written or copied, a batch).</li>
 * <li>{@code apim.fault.haltAt=POINT}: at a kill point by name. A kill point is where a goal's step first completes a
 * unit of work at one place in the code ({@code "migrate-db am-user StepContext.execute"}), a step's end before
 * the journal records it ({@code "... @applied"}), or a named moment ({@code "... @identity-server-migrating"},
 * which also matches by its bare name). Names do not depend on counts, so a run that resumes interrupted work
 * halts at the same place as a first run.</li>
 * <li>{@code apim.fault.trace=FILE}: appends every kill point the run passes, in order, with the units done so
 * far, so a test can kill at each of them.</li>
 * </ul>
 */
public final class FaultInjector {
    public static final String HALT_AFTER = "apim.fault.haltAfter";
    /** The same switch under its first name, kept for existing callers. */
    public static final String HALT_AFTER_STATEMENTS = HALT_AFTER;
    public static final String HALT_AT = "apim.fault.haltAt";
    public static final String TRACE = "apim.fault.trace";
    /** The moment WSO2's identity migration client has started logging in the server migrate-identity started. */
    public static final String IDENTITY_SERVER_MIGRATING = "identity-server-migrating";
    /** The moment a step's work is done and not yet recorded in the journal. */
    public static final String STEP_APPLIED = "applied";
    public static final int HALT_EXIT_CODE = 86;
    private static final AtomicInteger UNITS = new AtomicInteger();
    private static final Set<String> PASSED = new HashSet<>();
    private static volatile String within = "";

    private FaultInjector() {
    }

    /** Names the goal (and step) whose work follows, for the kill points' names. */
    public static void within(String goalAndStep) {
        within = goalAndStep;
    }

    public static void afterStatement() {
        checkpoint();
    }

    public static void afterFile() {
        checkpoint();
    }

    public static void afterBatch() {
        checkpoint();
    }

    /** Halts here when {@code apim.fault.haltAt} names this moment, alone or with the goal and step it is in. */
    public static void at(String moment) {
        String haltAt = System.getProperty(HALT_AT);
        if (haltAt == null && System.getProperty(TRACE) == null) {
            return;
        }
        String point = within + " @" + moment;
        passed(point);
        if (moment.equals(haltAt) || point.equals(haltAt)) {
            Runtime.getRuntime().halt(HALT_EXIT_CODE);
        }
    }

    /** Simulates a nearly full disk in tests: {@code apim.fault.usableSpaceBytes} replaces the free space read from the disk. */
    public static long usableSpace(long actual) {
        String simulated = System.getProperty("apim.fault.usableSpaceBytes");
        return simulated == null || simulated.isBlank() ? actual : Long.parseLong(simulated.trim());
    }

    /** How many units of work this JVM has completed (tests use it to choose kill points). */
    public static int unitsDone() {
        return UNITS.get();
    }

    private static void checkpoint() {
        int done = UNITS.incrementAndGet();
        String limit = System.getProperty(HALT_AFTER);
        if (limit != null && !limit.isBlank() && done >= Integer.parseInt(limit.trim())) {
            Runtime.getRuntime().halt(HALT_EXIT_CODE);
        }
        String haltAt = System.getProperty(HALT_AT);
        if (haltAt == null && System.getProperty(TRACE) == null) {
            return;
        }
        String point = within + " " + caller();
        if (passed(point) && point.equals(haltAt)) {
            Runtime.getRuntime().halt(HALT_EXIT_CODE);
        }
    }

    /** Records a kill point the first time the run passes it; true then. */
    private static synchronized boolean passed(String point) {
        if (!PASSED.add(point)) {
            return false;
        }
        String trace = System.getProperty(TRACE);
        if (trace != null) {
            try {
                Files.writeString(Path.of(trace), UNITS.get() + "\t" + point + "\n", StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return true;
    }

    /** The class and method that completed the unit of work; a lambda is named by the method it is written in. */
    private static String caller() {
        StackWalker.StackFrame frame = StackWalker.getInstance().walk(frames -> frames
                .filter(f -> !f.getClassName().equals(FaultInjector.class.getName())).findFirst()).orElseThrow();
        String cls = frame.getClassName();
        String method = frame.getMethodName();
        if (method.startsWith("lambda$")) {
            method = method.split("\\$")[1];
        }
        int nested = cls.indexOf('$');
        cls = cls.substring(cls.lastIndexOf('.') + 1, nested < 0 ? cls.length() : nested);
        return cls + "." + method;
    }
}
