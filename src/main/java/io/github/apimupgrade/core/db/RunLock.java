package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.settings.DatabaseSettings;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/**
 * Keeps two upgrade runs from interleaving on one database: a session-level lock held in the
 * database on a connection of its own for the whole goal. The server releases it when that
 * connection ends, so a crashed run never leaves it behind. An embedded H2 file is opened by one
 * process at a time anyway. A second run waits up to {@code apim.lock.waitSeconds}, then is refused.
 */
public final class RunLock implements AutoCloseable {
    static final String NAME = "apim-maven-plugin-upgrade";
    /** A fixed 64-bit key for PostgreSQL advisory locks. */
    static final long PG_KEY = 0x41504D5550475244L;

    private final Connection connection;
    private final Dialect dialect;

    private RunLock(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    public static RunLock acquire(Connection connection, DatabaseSettings db, int waitSeconds, UpgradeLog log) {
        Dialect dialect = db.dialect();
        try {
            boolean got = switch (dialect) {
                case H2, DB2 -> true;
                case POSTGRESQL -> poll(connection, "SELECT pg_try_advisory_lock(" + PG_KEY + ")", waitSeconds);
                case MYSQL -> single(connection, "SELECT GET_LOCK('" + NAME + "', " + waitSeconds + ")");
                case MSSQL -> mssql(connection, waitSeconds);
                case ORACLE -> oracle(connection, waitSeconds);
            };
            if (dialect == Dialect.DB2) {
                log.warn("DB2 has no session lock this plugin can take without extra grants: make sure only one upgrade runs against "
                        + db.describe() + ".");
            }
            if (!got) {
                connection.close();
                throw new ApimUserException("Another apim-maven-plugin run is upgrading " + db.describe() + " at " + db.url()
                        + " (it holds the upgrade lock). Wait for it to finish, or set 'apim.lock.waitSeconds' to wait for it.");
            }
            return new RunLock(connection, dialect);
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the lock query already failed; closing is best effort
            }
            throw new DatabaseAccessException("Cannot take the upgrade lock on " + db.describe() + ": " + e.getMessage(), e);
        }
    }

    private static boolean poll(Connection c, String sql, int waitSeconds) throws SQLException, InterruptedIOException {
        long deadline = System.currentTimeMillis() + waitSeconds * 1000L;
        while (true) {
            if (single(c, sql)) {
                return true;
            }
            if (System.currentTimeMillis() >= deadline) {
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException();
            }
        }
    }

    private static boolean single(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return false;
            }
            Object v = rs.getObject(1);
            return v instanceof Boolean b ? b : v instanceof Number n && n.intValue() == 1;
        }
    }

    private static boolean mssql(Connection c, int waitSeconds) throws SQLException {
        try (CallableStatement cs = c.prepareCall("{? = call sp_getapplock(@Resource = ?, @LockMode = 'Exclusive', "
                + "@LockOwner = 'Session', @LockTimeout = ?)}")) {
            cs.registerOutParameter(1, Types.INTEGER);
            cs.setString(2, NAME);
            cs.setInt(3, waitSeconds * 1000);
            cs.execute();
            return cs.getInt(1) >= 0;
        }
    }

    private static boolean oracle(Connection c, int waitSeconds) throws SQLException {
        try (CallableStatement cs = c.prepareCall("{? = call DBMS_LOCK.REQUEST(DBMS_UTILITY.GET_HASH_VALUE(?, 1073741824, 1073741823), "
                + "DBMS_LOCK.X_MODE, ?, FALSE)}")) {
            cs.registerOutParameter(1, Types.INTEGER);
            cs.setString(2, NAME);
            cs.setInt(3, waitSeconds);
            cs.execute();
            int result = cs.getInt(1);
            return result == 0 || result == 4;
        }
    }

    @Override
    public void close() {
        try (connection) {
            switch (dialect) {
                case POSTGRESQL -> single(connection, "SELECT pg_advisory_unlock(" + PG_KEY + ")");
                case MYSQL -> single(connection, "SELECT RELEASE_LOCK('" + NAME + "')");
                default -> {
                    // closing the session releases the lock
                }
            }
        } catch (SQLException ignored) {
            // the session ends below or has ended; the server releases the lock with it
        }
    }

    /** Signals an interrupted wait. */
    static final class InterruptedIOException extends SQLException {
        InterruptedIOException() {
            super("interrupted while waiting for the upgrade lock");
        }
    }
}
