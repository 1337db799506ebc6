package io.github.apimupgrade.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test hook for crash-safety tests: with the system property {@code apim.fault.haltAfter=N} the JVM
 * halts (no shutdown hooks, no commits) right after the N-th unit of work the plugin completes —
 * a SQL statement, a file written or copied, a batch — as a power cut or {@code kill -9} would.
 * Without the property it does nothing.
 */
public final class FaultInjector {
    public static final String HALT_AFTER = "apim.fault.haltAfter";
    /** The same switch under its first name, kept for existing callers. */
    public static final String HALT_AFTER_STATEMENTS = HALT_AFTER;
    public static final int HALT_EXIT_CODE = 86;
    private static final AtomicInteger UNITS = new AtomicInteger();

    private FaultInjector() {
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
    }
}
