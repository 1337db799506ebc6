package io.github.apimupgrade.core.goal;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.RunLock;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs a goal that changes things while holding the upgrade lock of every database the deployment
 * uses (each distinct database once, however its URLs are spelled), so that two runs on one database
 * never interleave while runs on other databases of the same server go ahead.
 */
public final class ExclusiveRun {
    public static final String WAIT_PROPERTY = "apim.lock.waitSeconds";

    private ExclusiveRun() {
    }

    public static void run(StepContext context, Runnable body) {
        run(context, true, body);
    }

    /** Runs {@code body} under the work directory's lock and, when it uses them, the databases' locks. */
    public static void run(StepContext context, boolean usesDatabases, Runnable body) {
        int wait = Integer.parseInt(context.settings().properties().get(WAIT_PROPERTY, "0"));
        Deque<RunLock> locks = new ArrayDeque<>();
        try (WorkDirLock ignored = WorkDirLock.acquire(context.settings().workDir(), wait)) {
            if (usesDatabases) {
                Set<String> scopes = new HashSet<>();
                for (DbKey key : DbKey.values()) {
                    if (!context.databases().isConfigured(key)) {
                        continue;
                    }
                    DatabaseSettings db = context.databases().settings(key);
                    if (db.dialect() == Dialect.H2) {
                        continue; // an embedded file is opened by one process only
                    }
                    Connection session = context.databases().openSession(key);
                    String scope = scope(session, db);
                    if (!scopes.add(scope)) {
                        close(session); // another key names the same database: its lock is held already
                        continue;
                    }
                    locks.push(RunLock.acquire(session, db, wait, context.log()));
                }
                context.databases().markWorkSessions();
            }
            body.run();
        } finally {
            while (!locks.isEmpty()) {
                locks.pop().close();
            }
        }
    }

    private static String scope(Connection session, DatabaseSettings db) {
        try {
            return RunLock.scope(session, db.dialect());
        } catch (SQLException e) {
            close(session);
            throw new ApimException("Cannot tell which database " + db.describe() + " at " + db.url() + " is: " + e.getMessage(), e);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a session we no longer need
        }
    }
}
