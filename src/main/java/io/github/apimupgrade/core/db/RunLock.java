package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.settings.DatabaseSettings;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Keeps two upgrade runs from interleaving on one database: a session-level lock held in the database,
 * on a connection of its own, scoped to that database (MySQL's and Oracle's lock names are server-wide,
 * so the name carries the database or schema; PostgreSQL's and SQL Server's locks are per database). One
 * run may hold the locks of several databases on one server; two environments on one server never block
 * each other. The server drops the lock with the session, so a crashed run never leaves it behind.
 *
 * <p>Every session that does upgrade work holds a second, shared "work" lock (see {@link #workSessionSql}).
 * A statement that a killed run left running keeps it, so the next run is refused (or waits) until the
 * server has finished or cancelled that statement, instead of racing it.
 */
public final class RunLock implements AutoCloseable {
    /** First keys of PostgreSQL's two-key advisory locks ('APMU', 'APMW'); the second key is the database's oid. */
    static final int PG_RUN_CLASS = 0x41504D55;
    static final int PG_WORK_CLASS = 0x41504D57;

    private final Connection connection;
    private final DatabaseSettings db;
    private final String scope;

    private RunLock(Connection connection, DatabaseSettings db, String scope) {
        this.connection = connection;
        this.db = db;
        this.scope = scope;
    }

    /** What a lock protects, as the server names it: server (or cluster) and database (or schema). */
    public static String scope(Connection connection, Dialect dialect) throws SQLException {
        Optional<String> sql = LockSql.statement(dialect, "scope", Map.of());
        return dialect.folder() + ":" + (sql.isPresent() ? LockSql.value(connection, sql.get()) : connection.getMetaData().getURL());
    }

    /** The statement every pooled session of a run that changes the database runs first, if the dialect has one. */
    public static Optional<String> workSessionSql(Dialect dialect) {
        return LockSql.statement(dialect, "work-session", placeholders(dialect, 0));
    }

    /** Takes the lock on {@code connection} (which it then owns), waiting up to {@code waitSeconds}. */
    public static RunLock acquire(Connection connection, DatabaseSettings db, int waitSeconds, UpgradeLog log) {
        Dialect dialect = db.dialect();
        try {
            String scope = scope(connection, dialect);
            Optional<String> acquire = LockSql.statement(dialect, "acquire", placeholders(dialect, waitSeconds));
            if (acquire.isEmpty()) {
                if (dialect == Dialect.DB2) {
                    log.warn("DB2 has no session lock this plugin can take without extra grants: make sure only one upgrade runs against "
                            + db.describe() + ".");
                }
                return new RunLock(connection, db, scope);
            }
            long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
            if (!poll(connection, acquire.get(), deadline)) {
                connection.close();
                throw new ApimUserException("Another apim-maven-plugin run is upgrading " + db.describe() + " at " + db.url()
                        + " (it holds the upgrade lock of " + scope + "). Wait for it to finish, or set 'apim.lock.waitSeconds' to wait for it.");
            }
            RunLock lock = new RunLock(connection, db, scope);
            lock.awaitNoLeftoverWork(deadline);
            return lock;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw new DatabaseAccessException("Cannot take the upgrade lock on " + db.describe() + ": " + e.getMessage(), e);
        }
    }

    public String scope() {
        return scope;
    }

    /** Refuses while sessions of an earlier run (killed, but its statement still running on the server) hold the work lock. */
    private void awaitNoLeftoverWork(long deadline) throws SQLException {
        Dialect dialect = db.dialect();
        Optional<String> free = LockSql.statement(dialect, "work-free", placeholders(dialect, 0));
        if (free.isEmpty() || poll(connection, free.get(), deadline)) {
            return;
        }
        String sessions = LockSql.statement(dialect, "work-sessions", placeholders(dialect, 0))
                .map(sql -> {
                    try {
                        return LockSql.rows(connection, sql).stream()
                                .map(r -> "session " + r[0] + " (" + r[1] + " s: " + r[2].replaceAll("\\s+", " ").strip() + ")")
                                .collect(Collectors.joining("; "));
                    } catch (SQLException e) {
                        return "the sessions could not be listed: " + e.getMessage();
                    }
                }).orElse("");
        close();
        throw new ApimUserException("Work of an earlier apim-maven-plugin run is still running on " + db.describe() + " at " + db.url()
                + ": " + sessions + ". The server ends it once it notices that run is gone. Wait for it (set 'apim.lock.waitSeconds'), "
                + "or end it: " + endHint(dialect) + ". Then run again.");
    }

    private static String endHint(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> "SELECT pg_cancel_backend(<session>)";
            case MYSQL -> "KILL <session>";
            case MSSQL -> "KILL <session>";
            case ORACLE -> "ALTER SYSTEM KILL SESSION '<sid>,<serial#>'";
            default -> "ask the database administrator";
        };
    }

    private static boolean poll(Connection c, String sql, long deadline) throws SQLException {
        while (true) {
            if (LockSql.yes(c, sql)) {
                return true;
            }
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SQLException("interrupted while waiting for the upgrade lock");
            }
        }
    }

    private static Map<String, String> placeholders(Dialect dialect, int waitSeconds) {
        // MySQL, SQL Server and Oracle wait on the server; PostgreSQL's try-lock is polled (poll's deadline).
        return Map.of("runClass", Integer.toString(PG_RUN_CLASS), "workClass", Integer.toString(PG_WORK_CLASS),
                "waitSeconds", Integer.toString(dialect == Dialect.POSTGRESQL ? 0 : waitSeconds),
                "waitMillis", Integer.toString(waitSeconds * 1000));
    }

    @Override
    public void close() {
        try (connection) {
            Optional<String> release = LockSql.statement(db.dialect(), "release", Map.of("runClass", Integer.toString(PG_RUN_CLASS)));
            if (release.isPresent()) {
                LockSql.value(connection, release.get());
            }
        } catch (SQLException ignored) {
            // the session ends here or has ended; the server releases the lock with it
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (SQLException ignored) {
            // the lock query already failed; closing is best effort
        }
    }
}
