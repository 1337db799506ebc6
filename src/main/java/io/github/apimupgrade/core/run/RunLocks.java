package io.github.apimupgrade.core.run;

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
 * The locks of a run that changes the deployment: the work directory's, and the upgrade lock of every
 * database the deployment uses (each distinct database once, however its URLs are spelled), held until
 * the whole run ends, so that two runs on one database never interleave while runs on other databases of
 * the same server go ahead.
 */
public final class RunLocks implements AutoCloseable {
    public static final String WAIT_PROPERTY = "apim.lock.waitSeconds";

    private final WorkDirLock workDir;
    private final Deque<RunLock> databases;

    private RunLocks(WorkDirLock workDir, Deque<RunLock> databases) {
        this.workDir = workDir;
        this.databases = databases;
    }

    /** Takes every lock (waiting up to apim.lock.waitSeconds), or none: a refusal releases what was taken. */
    public static RunLocks acquire(StepContext context) {
        return acquire(context, true);
    }

    /** As {@link #acquire(StepContext)}; without {@code databases} only the work directory's lock (a run on one node's files). */
    public static RunLocks acquire(StepContext context, boolean databases) {
        int wait = Integer.parseInt(context.settings().properties().get(WAIT_PROPERTY, "0"));
        WorkDirLock dir = WorkDirLock.acquire(context.settings().workDir(), wait);
        Deque<RunLock> locks = new ArrayDeque<>();
        try {
            Set<String> scopes = new HashSet<>();
            for (DbKey key : databases ? DbKey.values() : new DbKey[0]) {
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
            return new RunLocks(dir, locks);
        } catch (RuntimeException e) {
            new RunLocks(dir, locks).close();
            throw e;
        }
    }

    private static String scope(Connection session, DatabaseSettings db) {
        try {
            return RunLock.scope(session, db.dialect());
        } catch (SQLException e) {
            close(session);
            throw new ApimException("Cannot tell which database " + db.describe() + " at " + db.configuredUrl() + " is: " + e.getMessage(), e);
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // a session we no longer need
        }
    }

    @Override
    public void close() {
        while (!databases.isEmpty()) {
            databases.pop().close();
        }
        workDir.close();
    }
}
