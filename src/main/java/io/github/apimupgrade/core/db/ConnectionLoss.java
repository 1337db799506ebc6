package io.github.apimupgrade.core.db;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import java.util.Set;

/**
 * Tells a failure that is a lost database connection (the server restarted, the network dropped, the session
 * was terminated) from an error in the work itself, wherever it was wrapped (Flyway, the pool, the plugin).
 */
public final class ConnectionLoss {
    /** PostgreSQL: admin shutdown, crash shutdown, cannot connect now; SQL standard class 08: connection exception. */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03");

    private ConnectionLoss() {
    }

    /** The lost connection's exception in the failure's causes, if the failure is one. */
    public static Optional<SQLException> in(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState() == null ? "" : sql.getSQLState();
                if (state.startsWith("08") || STATES.contains(state) || sql instanceof SQLRecoverableException
                        || sql instanceof SQLNonTransientConnectionException || sql instanceof SQLTransientConnectionException) {
                    return Optional.of(sql);
                }
            }
        }
        return Optional.empty();
    }

    /** One line an operator can act on. */
    public static String message(String goal, SQLException lost) {
        String first = String.valueOf(lost.getMessage()).lines().findFirst().orElse("").strip();
        return "The connection to the database was lost during apim:" + goal + " (" + first + "). Once the database is back, "
                + "run the same command again: every goal finishes what an interrupted run started.";
    }
}
