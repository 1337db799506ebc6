package io.github.apimupgrade.db;

import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Child JVM of {@link H2LeftMidTransactionTest}: tries to open an H2 file read-only; exits 0 when H2 opens it,
 * 3 when H2 refuses. In its own JVM because H2 1.4.199 keeps the file's lock in the JVM after a refused open.
 */
public final class ReadOnlyH2Open {
    private ReadOnlyH2Open() {
    }

    public static void main(String[] args) {
        try {
            DriverManager.getConnection("jdbc:h2:" + args[0] + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r", "wso2carbon", "wso2carbon").close();
            System.exit(0);
        } catch (SQLException refused) {
            System.out.println(refused.getMessage());
            System.exit(3);
        }
    }
}
