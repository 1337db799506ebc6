package io.github.apimupgrade.core.db;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Work that commits its own batches: auto-commit is off while it runs and restored after it; on a failure
 * what the work left uncommitted is rolled back, and the failure itself is what is reported.
 */
public final class ManualCommit {
    private ManualCommit() {
    }

    /** The work, given the connection it runs on. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws SQLException;
    }

    public static <T> T run(Connection c, Work<T> work) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            return work.run();
        } catch (SQLException | RuntimeException e) {
            try {
                c.rollback();
            } catch (SQLException ignored) {
                // the original error is the one to report
            }
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }
}
