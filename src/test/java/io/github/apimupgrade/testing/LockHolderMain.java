package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.RunLock;
import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.sql.DriverManager;

/** Takes the upgrade lock in its own JVM, says so, and dies without releasing it (as a crash would). */
public final class LockHolderMain {
    private LockHolderMain() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[0];
        DatabaseSettings db = new DatabaseSettings(DbKey.APIM, url, args[1], Secret.of(args.length > 2 ? args[2] : ""),
                Dialect.fromJdbcUrl(url));
        RunLock.acquire(DriverManager.getConnection(url, args[1], args.length > 2 ? args[2] : ""), db, 0, UpgradeLog.silent());
        System.out.println("LOCKED");
        Runtime.getRuntime().halt(FaultInjector.HALT_EXIT_CODE);
    }
}
