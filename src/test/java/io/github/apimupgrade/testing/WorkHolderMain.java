package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.RunLock;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * A run that dies while its work goes on on the server: takes the upgrade lock, starts a long statement
 * on a work session (as a pooled connection of a run does), and halts the JVM without a word to the server.
 * Arguments: url, user, password, the statement.
 */
public final class WorkHolderMain {
    private WorkHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        Dialect dialect = Dialect.fromJdbcUrl(url);
        DatabaseSettings db = new DatabaseSettings(DbKey.APIM, url, args[1], Secret.of(args[2]), dialect);
        RunLock.acquire(DriverManager.getConnection(url, args[1], args[2]), db, 0, UpgradeLog.silent());
        Connection work = DriverManager.getConnection(url, args[1], args[2]);
        try (Statement s = work.createStatement()) {
            s.execute(RunLock.workSessionSql(dialect).orElseThrow());
        }
        Thread worker = new Thread(() -> {
            try (Statement s = work.createStatement()) {
                s.execute(args[3]);
            } catch (Exception ignored) {
                // the JVM halts long before the statement ends
            }
        });
        worker.start();
        Thread.sleep(1000);
        System.out.println("WORKING");
        Runtime.getRuntime().halt(FaultInjector.HALT_EXIT_CODE);
    }
}
