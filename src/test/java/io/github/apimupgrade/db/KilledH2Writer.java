package io.github.apimupgrade.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * Leaves an embedded H2 file as a killed process leaves it: 1,000 committed rows, then a transaction that keeps
 * inserting until the JVM halts after the given milliseconds. Arguments: the file (without .mv.db), milliseconds.
 */
public final class KilledH2Writer {
    private KilledH2Writer() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:" + args[0], "wso2carbon", "wso2carbon"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE AM_API (API_ID INTEGER PRIMARY KEY, API_NAME VARCHAR(256))");
            s.execute("INSERT INTO AM_API SELECT X, 'api-' || X FROM SYSTEM_RANGE(1, 1000)");
            c.setAutoCommit(false);
            long haltAt = System.currentTimeMillis() + Long.parseLong(args[1]);
            for (int i = 1001; ; i += 1000) {
                s.execute("INSERT INTO AM_API SELECT X, SPACE(200) FROM SYSTEM_RANGE(" + i + ", " + (i + 999) + ")");
                if (System.currentTimeMillis() > haltAt) {
                    Runtime.getRuntime().halt(86);
                }
            }
        }
    }
}
