package io.github.apimupgrade.reindex;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The Java side of bench/reindex.sh. {@code gen <url> <rows>}: REG_LOG with rows/6.7 paths over four
 * tenants (the 2,000,000 rows over 300,000 paths), created in an existing empty database.
 * {@code ids <url>}: the ids left, one per line, sorted (to compare the two copies).
 */
public final class ReindexBench {
    private ReindexBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        String user = url.startsWith("jdbc:postgresql") ? "postgres" : url.startsWith("jdbc:h2") ? "wso2carbon" : "root";
        String password = url.startsWith("jdbc:h2") ? "wso2carbon" : "";
        if (args[0].equals("gen")) {
            int rows = Integer.parseInt(args[2]);
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                String pathType = url.startsWith("jdbc:mariadb") || url.startsWith("jdbc:mysql") ? "VARCHAR(750)" : "VARCHAR(2000)";
                s.execute("CREATE TABLE REG_LOG (REG_LOG_ID INTEGER NOT NULL, REG_PATH " + pathType + ", REG_USER_ID VARCHAR(31) NOT NULL, "
                        + "REG_LOGGED_TIME TIMESTAMP NOT NULL, REG_ACTION INTEGER NOT NULL, REG_ACTION_DATA VARCHAR(500), "
                        + "REG_TENANT_ID INTEGER DEFAULT 0, CONSTRAINT PK_REG_LOG PRIMARY KEY (REG_LOG_ID, REG_TENANT_ID))");
                s.execute("CREATE INDEX REG_LOG_IND_BY_REG_LOGTIME ON REG_LOG(REG_LOGGED_TIME, REG_TENANT_ID)");
                s.execute("CREATE TABLE REG_PATH (REG_PATH_ID INTEGER NOT NULL, REG_PATH_VALUE VARCHAR(750) NOT NULL, "
                        + "REG_PATH_PARENT_ID INTEGER, REG_TENANT_ID INTEGER DEFAULT 0, PRIMARY KEY (REG_PATH_ID, REG_TENANT_ID))");
                s.execute("INSERT INTO REG_PATH VALUES (1, '/', NULL, -1234)");
                RegLogData.generate(c, rows, Math.max(1, rows * 3 / 20), 2020);
            }
        } else if (args[0].equals("ids")) {
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                RegLogData.ids(c).forEach(System.out::println);
            }
        } else {
            throw new IllegalArgumentException("usage: gen <url> <rows> | ids <url>");
        }
    }
}
