package io.github.apimupgrade.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test hook for crash-safety tests: with the system property {@code apim.fault.haltAfter=N} the JVM
 * halts (no shutdown hooks, no commits) right after the N-th unit of work the plugin completes —
 * a SQL statement, a file written or copied, a batch — as a power cut or {@code kill -9} would.
 * With {@code apim.fault.haltAt=NAME} it halts at the named moment instead ({@link #at}), for moments that are not a
 * unit of work, such as while a server the plugin started is running. Without either property it does nothing.
 */
public final class FaultInjector {
    public static final String HALT_AFTER = "apim.fault.haltAfter";
    /** The same switch under its first name, kept for existing callers. */
    public static final String HALT_AFTER_STATEMENTS = HALT_AFTER;
    public static final String HALT_AT = "apim.fault.haltAt";
    /** The moment WSO2's identity migration client has started logging in the server migrate-identity started. */
    public static final String IDENTITY_SERVER_MIGRATING = "identity-server-migrating";
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

    /** Halts here when {@code apim.fault.haltAt} names this moment. */
    public static void at(String moment) {
        if (moment.equals(System.getProperty(HALT_AT))) {
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
    }
}
