package io.github.apimupgrade.registry;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.registry.VersioningCleanup;

import java.sql.Connection;
import java.sql.DriverManager;

/** Runs the registry clean-up in its own JVM (url user password dialect batchRows), so that a test can kill it. */
public final class CleanupMain {
    private CleanupMain() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            new VersioningCleanup(Dialect.valueOf(args[3]), Integer.parseInt(args[4]), UpgradeLog.silent()).run(c);
        }
    }
}
