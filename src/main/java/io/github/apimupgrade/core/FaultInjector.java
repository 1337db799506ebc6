package io.github.apimupgrade.core;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test hook for crash-safety tests: with the system property {@code apim.fault.haltAfterStatements=N}
 * the JVM halts (no shutdown hooks, no commits) right after the N-th statement the plugin executes,
 * as a power cut or {@code kill -9} would. Without the property it does nothing.
 */
public final class FaultInjector {
    public static final String HALT_AFTER_STATEMENTS = "apim.fault.haltAfterStatements";
    public static final int HALT_EXIT_CODE = 86;
    private static final AtomicInteger STATEMENTS = new AtomicInteger();

    private FaultInjector() {
    }

    public static void afterStatement() {
        String limit = System.getProperty(HALT_AFTER_STATEMENTS);
        if (limit != null && !limit.isBlank() && STATEMENTS.incrementAndGet() >= Integer.parseInt(limit.trim())) {
            Runtime.getRuntime().halt(HALT_EXIT_CODE);
        }
    }
}
