package io.github.apimupgrade.db;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.ConnectionLoss;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A session the server ends mid-run (as a restart does) is told from an error in the work: the run ends with one
 * line that says to run again, not a stack trace; a failing statement is still reported as what it is.
 */
class ConnectionLossTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER", "MARIADB_VIA_MARIADB_DRIVER"})
    void aSessionEndedByTheServerIsAConnectionLoss(Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            TestRun run = new TestRun(tmp).database("apim", db);
            ApimException lost = assertThrows(ApimException.class, () -> run.run(ctx -> ctx.withConnection(DbKey.APIM, c -> {
                long id = id(c, kind);
                try (Connection admin = db.connect(); Statement s = admin.createStatement()) {
                    s.execute(kind == Kind.POSTGRESQL ? "SELECT pg_terminate_backend(" + id + ")" : "KILL CONNECTION " + id);
                }
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT 1");
                }
                return null;
            })));
            assertTrue(ConnectionLoss.in(lost).isPresent(), "not told as a lost connection: " + lost);
            String line = ConnectionLoss.message("migrate-db", ConnectionLoss.in(lost).get());
            assertTrue(line.startsWith("The connection to the database was lost during apim:migrate-db (")
                    && line.endsWith("run the same command again: every goal finishes what an interrupted run started.")
                    && !line.contains("\n"), line);

            ApimException wrong = assertThrows(ApimException.class, () -> run.run(ctx -> ctx.withConnection(DbKey.APIM, c -> {
                try (Statement s = c.createStatement()) {
                    s.execute("SELECT * FROM NO_SUCH_TABLE");
                }
                return null;
            })));
            assertFalse(ConnectionLoss.in(wrong).isPresent(), "an error in the work is not a lost connection: " + wrong);
        }
    }

    private static long id(Connection c, Kind kind) throws java.sql.SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(kind == Kind.POSTGRESQL ? "SELECT pg_backend_pid()" : "SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
