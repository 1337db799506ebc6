package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.UpgradeLog;
import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;
import org.flywaydb.core.api.logging.LogFactory;

/**
 * Flyway's log lines go through the run's log, so that they pass the redactor like every other line.
 * Flyway's notices ("Schema history table ... does not exist yet", "No migrations found") are the
 * plugin's own business (it gives Flyway one step at a time): they go to debug; warnings and errors stay.
 */
final class FlywayLog implements LogCreator {
    private final UpgradeLog log;

    private FlywayLog(UpgradeLog log) {
        this.log = log;
    }

    /** Makes Flyway log to {@code log} (Flyway's logging is global: the run that uses it sets it). */
    static void to(UpgradeLog log) {
        LogFactory.setFallbackLogCreator(new FlywayLog(log));
    }

    /** The {@code loggers} value that makes Flyway use the fallback creator set by {@link #to}. */
    static final String LOGGERS = "maven";

    @Override
    public Log createLogger(Class<?> clazz) {
        return new Log() {
            @Override public boolean isDebugEnabled() { return false; }
            @Override public void debug(String message) { log.debug("[flyway] " + message); }
            @Override public void info(String message) { log.debug("[flyway] " + message); }
            @Override public void notice(String message) { log.debug("[flyway] " + message); }
            @Override public void warn(String message) { log.warn("[flyway] " + message); }
            @Override public void error(String message) { log.error("[flyway] " + message); }
            @Override public void error(String message, Exception e) { log.error("[flyway] " + message + ": " + e.getMessage()); }
        };
    }
}
