package io.github.apimupgrade.core.run;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What lives as long as one invocation (e.g. {@code mvn apim-verify}, which runs several goals in one JVM):
 * whether the run's pre-flight was done, and the run's locks, taken once and released when the run's last
 * goal ends, when a goal fails, or when the JVM ends.
 */
final class RunScope {
    private static final Map<String, RunScope> OPEN = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.values().forEach(RunScope::release), "apim-run-locks"));
    }

    private final String key;
    private boolean preflightDone;
    private RunLocks locks;

    private RunScope(String key) {
        this.key = key;
    }

    static RunScope of(String key) {
        return OPEN.computeIfAbsent(key, RunScope::new);
    }

    /** True once: the first goal of the run looks ahead at every goal of it. */
    synchronized boolean firstLook() {
        boolean first = !preflightDone;
        preflightDone = true;
        return first;
    }

    synchronized boolean locked() {
        return locks != null;
    }

    synchronized void hold(RunLocks taken) {
        this.locks = taken;
    }

    /** Releases the run's locks and forgets the run. */
    synchronized void release() {
        if (locks != null) {
            locks.close();
            locks = null;
        }
        OPEN.remove(key);
    }
}
