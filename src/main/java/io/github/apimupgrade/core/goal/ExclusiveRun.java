package io.github.apimupgrade.core.goal;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.RunLock;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Runs a goal that changes things while holding the upgrade lock on WSO2AM_DB and on the registry
 * database (when it is another database), so that two runs never interleave.
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
        Set<String> urls = new LinkedHashSet<>();
        try (WorkDirLock ignored = WorkDirLock.acquire(context.settings().workDir(), wait)) {
            for (DbKey key : usesDatabases ? new DbKey[] {DbKey.APIM, DbKey.SHARED} : new DbKey[0]) {
                if (!context.databases().isConfigured(key)) {
                    continue;
                }
                DatabaseSettings db = context.databases().settings(key);
                if (db.dialect() == Dialect.H2 || !urls.add(db.url())) {
                    continue;
                }
                try {
                    locks.push(RunLock.acquire(context.databases().dataSource(key).getConnection(), db, wait, context.log()));
                } catch (SQLException e) {
                    throw new ApimException("Cannot open a connection for the upgrade lock on " + db.describe() + ": " + e.getMessage(), e);
                }
            }
            body.run();
        } finally {
            while (!locks.isEmpty()) {
                locks.pop().close();
            }
        }
    }
}
