package io.github.apimupgrade.backup;

import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every column type the dumps print or copy comes back bit for bit: on MariaDB compared by the server's own
 * {@code CHECKSUM TABLE} (over the stored row) and by the hex of every value; on PostgreSQL by the text of every row.
 */
class BackupTypesTest {
    @TempDir
    Path tmp;

    static final String MYSQL_TABLE = "CREATE TABLE T_TYPES (ID INT PRIMARY KEY, I INT, BI BIGINT UNSIGNED, TI1 TINYINT(1), "
            + "BO BOOLEAN, BT BIT(3), B64 BIT(64), D DECIMAL(30,10), F FLOAT, DB DOUBLE, "
            + "L VARCHAR(40) CHARACTER SET latin1, U VARCHAR(40) CHARACTER SET utf8mb4, C CHAR(3), DT DATETIME(6), "
            + "TS TIMESTAMP(3) NULL, DA DATE, TM TIME(2), YR YEAR, BL LONGBLOB, TX MEDIUMTEXT, VB VARBINARY(16), "
            + "E ENUM('a','b'), S SET('x','y'), J JSON, G BIGINT AS (I * 2) VIRTUAL, GS INT AS (I + 1) STORED) "
            + "ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

    static final String MYSQL_ROWS = "SET SESSION sql_mode = '';\n"
            + "INSERT INTO T_TYPES (ID, I, BI, TI1, BO, BT, B64, D, F, DB, L, U, C, DT, TS, DA, TM, YR, BL, TX, VB, E, S, J) VALUES "
            + "(1, -2147483648, 18446744073709551615, 1, 0, b'101', b'1111111111111111111111111111111111111111111111111111111111111111', "
            + "-12345678901234567890.0123456789, 1.1, 0.1, 'caf\u00e9 \u00fc', 'emoji \uD83D\uDE00 \u20ac', 'ab', "
            + "'2020-01-02 03:04:05.123456', '2021-03-28 02:30:00.5', '1000-01-01', '-838:59:59.99', 1901, "
            + "X'00FF275C0A0D1A22', 'quote '' backslash \\\\ nul \\0 newline \\n cr \\r ctrl-z \\Z tab \t end', X'', 'b', 'x,y', "
            + "'{\"k\": [1, \"two\", null]}'),\n"
            + "(2, NULL, 0, NULL, NULL, b'0', b'0', 0, -3.40282e38, 1.7976931348623157e308, '', '', '', "
            + "'0000-00-00 00:00:00', NULL, '0000-00-00', '00:00:00', 0, NULL, '', NULL, NULL, '', NULL),\n"
            + "(3, 0, 1, 0, 1, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '1970-01-01 00:00:01', NULL, NULL, NULL, "
            + "X'0102', NULL, X'00', 'a', NULL, 'null')";

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"MARIADB_VIA_MARIADB_DRIVER", "MARIADB_VIA_MYSQL_DRIVER"})
    void everyMysqlTypeComesBackBitForBit(Kind kind) throws Exception {
        List<String> before;
        long checksum;
        AtomicReference<BackupGoal.Result> result = new AtomicReference<>();
        try (TestDatabase db = TestDatabase.create(kind, tmp)) {
            db.run(MYSQL_TABLE + ";\n" + MYSQL_ROWS + ";\nCREATE TABLE EMPTY_ONE (ID INT)");
            try (Connection c = db.connect()) {
                before = hexRows(c);
                checksum = checksum(c);
            }
            run(db).run(ctx -> result.set(new BackupGoal(ctx).run()));
        }
        try (TestDatabase target = TestDatabase.create(kind, tmp)) {
            run(target).set("apim.restore.set", result.get().set().toString()).run(ctx -> new RestoreGoal(ctx).run());
            try (Connection c = target.connect()) {
                assertEquals(before, hexRows(c));
                assertEquals(checksum, checksum(c));
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT G, GS FROM T_TYPES WHERE ID = 1")) {
                    assertTrue(rs.next());
                    assertEquals(-2147483648L * 2, rs.getLong(1));
                }
            }
        }
    }

    private static long checksum(Connection c) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("CHECKSUM TABLE T_TYPES EXTENDED")) {
            assertTrue(rs.next());
            return rs.getLong(2);
        }
    }

    /** Every value of every row, as the hex of its stored bytes (text as utf8mb4, TIMESTAMPs in UTC). */
    private static List<String> hexRows(Connection c) throws Exception {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            try (ResultSet rs = s.executeQuery("SELECT ID, HEX(I), HEX(BI), HEX(TI1), HEX(BO), HEX(BT), HEX(B64), HEX(D), HEX(F), "
                    + "HEX(DB), HEX(L), HEX(U), HEX(C), HEX(DT), HEX(TS), HEX(DA), HEX(TM), HEX(YR), HEX(BL), HEX(TX), HEX(VB), "
                    + "HEX(E), HEX(S), HEX(J), G, GS FROM T_TYPES ORDER BY ID")) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 1; i <= n; i++) {
                        sb.append(rs.getString(i)).append('|');
                    }
                    out.add(sb.toString());
                }
            }
        }
        assertEquals(3, out.size());
        return out;
    }

    @Test
    void everyPostgresTypeComesBack() throws Exception {
        String table = "CREATE TABLE t_types (id serial PRIMARY KEY, i int, bi bigint, n numeric(40,12), r real, d double precision, "
                + "b boolean, t text, vc varchar(10), ch char(3), by bytea, ts timestamp(6), tz timestamptz, da date, tm time, "
                + "iv interval, j json, jb jsonb, u uuid, ar int[], ta text[], inet_c inet, g bigint GENERATED ALWAYS AS (i::bigint * 2) STORED, "
                + "idn bigint GENERATED BY DEFAULT AS IDENTITY)";
        String rows = "INSERT INTO t_types (i, bi, n, r, d, b, t, vc, ch, by, ts, tz, da, tm, iv, j, jb, u, ar, ta, inet_c) VALUES "
                + "(-2147483648, 9223372036854775807, -1234567890123456789012345678.123456789012, 'NaN', '-Infinity', true, "
                + "E'quote '' backslash \\\\ tab \\t nl \\n \u00e9 \uD83D\uDE00', 'x', 'ab', E'\\\\x00ff275c0a', "
                + "'2020-01-02 03:04:05.123456', '2021-03-28 02:30:00.5+02', '4713-01-01 BC', '24:00:00', '1 year 2 mons -3 days 04:05:06', "
                + "'{\"k\": [1, \"two\"]}', '{\"b\": 1, \"a\": [null]}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '{1,NULL,3}', "
                + "'{\"a,b\",\"\"}', '192.168.0.1/24'), "
                + "(NULL, NULL, NULL, NULL, NULL, NULL, '', NULL, NULL, '', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '{}', NULL, NULL)";
        List<String> before;
        AtomicReference<BackupGoal.Result> result = new AtomicReference<>();
        try (TestDatabase db = TestDatabase.create(Kind.POSTGRESQL, tmp)) {
            db.run(table + ";\n" + rows);
            before = pgRows(db);
            run(db).run(ctx -> result.set(new BackupGoal(ctx).run()));
        }
        try (TestDatabase target = TestDatabase.create(Kind.POSTGRESQL, tmp)) {
            run(target).set("apim.restore.set", result.get().set().toString()).run(ctx -> new RestoreGoal(ctx).run());
            assertEquals(before, pgRows(target));
            try (Connection c = target.connect(); Statement s = c.createStatement()) {
                // The sequences continue where they were.
                s.execute("INSERT INTO t_types (i) VALUES (7)");
                try (ResultSet rs = s.executeQuery("SELECT id, idn, g FROM t_types WHERE i = 7")) {
                    assertTrue(rs.next());
                    assertEquals(3, rs.getInt(1));
                    assertEquals(3, rs.getInt(2));
                    assertEquals(14, rs.getInt(3));
                }
            }
        }
    }

    private static List<String> pgRows(TestDatabase db) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SET TimeZone = 'UTC'");
            try (ResultSet rs = s.executeQuery("SELECT t::text FROM t_types t ORDER BY id")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        assertEquals(2, out.size());
        return out;
    }

    private TestRun run(TestDatabase db) {
        return new TestRun(tmp).database("apim", db).set("apim.workDir", tmp.resolve("work").toString()).set("apim.env", "types");
    }
}
