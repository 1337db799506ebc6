package io.github.apimupgrade.db;

import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An embedded H2 file that a killed process left mid-transaction (a run killed inside migrate-db leaves the new
 * home's WSO2AM_DB so) cannot be opened read-only: H2 must roll the transaction back first. The goals that only
 * read (the look-ahead of a re-run, check, plan, verify, backup) read a scratch copy then, and the file stays as it is.
 */
class H2LeftMidTransactionTest {
    @TempDir
    Path tmp;

    @Test
    void aReadOnlyOpenReadsACopyAndLeavesTheFileAsItIs() throws Exception {
        Path base = tmp.resolve("wso2am-3.1.0/repository/database/WSO2AM_DB");
        Path file = base.resolveSibling("WSO2AM_DB.mv.db");
        // Whether H2 refuses to open the file read-only depends on where in its write the store was halted
        // (measured: refused after 300 ms of writing, opened after 700 ms here): try until it refuses.
        // The plain read-only open is tried in a child JVM: H2 keeps a refused file's lock in the JVM that tried.
        boolean refused = false;
        for (String millis : List.of("300", "200", "500", "1000", "2000", "3000")) {
            Files.deleteIfExists(file);
            Jvm.Result killed = Jvm.run(KilledH2Writer.class, List.of(), List.of(base.toString(), millis));
            assertEquals(86, killed.exitCode(), killed.output());
            Jvm.Result open = Jvm.run(ReadOnlyH2Open.class, List.of(), List.of(base.toString()));
            if (open.exitCode() == 3) {
                refused = true;
                break;
            }
            assertEquals(0, open.exitCode(), open.output());
        }
        Assumptions.assumeTrue(refused, "no halted writer left a file H2 refuses to open read-only on this machine");
        String before = Checksums.sha256(file);

        // what H2's own recovery keeps: a copy opened for writing rolls the killed transaction back (the committed
        // rows survive only as far as H2 had stored them when the writer was halted)
        Path recovered = tmp.resolve("recovered/WSO2AM_DB");
        Files.createDirectories(recovered.getParent());
        Files.copy(file, recovered.resolveSibling("WSO2AM_DB.mv.db"));
        long expected;
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + recovered + ";IFEXISTS=TRUE", "wso2carbon", "wso2carbon")) {
            expected = apis(c);
        }

        AtomicLong rows = new AtomicLong();
        new TestRun(tmp).set("apim.db.apim.url", "jdbc:h2:" + base).set("apim.db.apim.username", "wso2carbon")
                .set("apim.db.apim.password", "wso2carbon").set("apim.dryRun", "true")
                .run(ctx -> ctx.withConnection(DbKey.APIM, c -> {
                    rows.set(apis(c));
                    return null;
                }));
        assertEquals(expected, rows.get(), "the rows H2's recovery keeps, read from a copy");
        assertEquals(before, Checksums.sha256(file), "the deployment's file was written");
    }

    /** AM_API's rows, or -1 when H2 had not stored the table yet. */
    private static long apis(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'AM_API'")) {
            rs.next();
            if (rs.getLong(1) == 0) {
                return -1;
            }
        }
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AM_API")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
