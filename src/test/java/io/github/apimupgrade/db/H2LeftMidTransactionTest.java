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
        SQLException plain = null;
        for (String millis : List.of("300", "200", "500", "1000", "2000", "3000")) {
            Files.deleteIfExists(file);
            Jvm.Result killed = Jvm.run(KilledH2Writer.class, List.of(), List.of(base.toString(), millis));
            assertEquals(86, killed.exitCode(), killed.output());
            try {
                DriverManager.getConnection("jdbc:h2:" + base + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "wso2carbon", "wso2carbon").close();
            } catch (SQLException refused) {
                plain = refused;
                break;
            }
        }
        Assumptions.assumeTrue(plain != null, "no halted writer left a file H2 refuses to open read-only on this machine");
        String before = Checksums.sha256(file);

        AtomicLong rows = new AtomicLong();
        new TestRun(tmp).set("apim.db.apim.url", "jdbc:h2:" + base).set("apim.db.apim.username", "wso2carbon")
                .set("apim.db.apim.password", "wso2carbon").set("apim.dryRun", "true")
                .run(ctx -> ctx.withConnection(DbKey.APIM, c -> {
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AM_API")) {
                        rs.next();
                        rows.set(rs.getLong(1));
                    }
                    return null;
                }));
        assertEquals(1000, rows.get(), "the committed rows, the killed transaction rolled back in the copy");
        assertEquals(before, Checksums.sha256(file), "the deployment's file was written");
    }
}
