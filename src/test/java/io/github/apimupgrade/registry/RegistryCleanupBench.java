package io.github.apimupgrade.registry;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;

/**
 * The Java side of bench/registry-cleanup.sh.
 * <ul>
 * <li>{@code load <url> <script>...}: runs SQL scripts (WSO2's schemas) split with the dialect's parser.</li>
 * <li>{@code gen <url> <resources> <versions> <properties>}: a registry kept with versioning on, generated on
 * the server: 1,000 paths, every resource with its versions (the last current), every version with its
 * properties and one tag; link rows carry the version id and no path id, as a versioned registry writes them.</li>
 * <li>{@code digest <url>}: rows and a SHA-256 of the ordered rows of the eight tables the clean-up touches.</li>
 * </ul>
 */
public final class RegistryCleanupBench {
    private static final List<String> TABLES = List.of("REG_RESOURCE_TAG", "REG_RESOURCE_COMMENT", "REG_RESOURCE_PROPERTY",
            "REG_RESOURCE_RATING", "REG_TAG", "REG_COMMENT", "REG_PROPERTY", "REG_RATING");

    private RegistryCleanupBench() {
    }

    public static void main(String[] args) throws Exception {
        String url = args[1];
        Dialect dialect = Dialect.fromJdbcUrl(url);
        String user = url.startsWith("jdbc:postgresql") ? "postgres" : url.startsWith("jdbc:h2") ? "wso2carbon" : "root";
        String password = url.startsWith("jdbc:h2") ? "wso2carbon" : "";
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            switch (args[0]) {
                case "load" -> {
                    for (int i = 2; i < args.length; i++) {
                        for (String sql : StatementSplitter.split(dialect, Files.readString(Path.of(args[i])))) {
                            s.execute(sql);
                        }
                    }
                }
                case "gen" -> {
                    for (String sql : generate(dialect, Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]))) {
                        s.execute(sql);
                    }
                }
                case "digest" -> {
                    for (String t : TABLES) {
                        System.out.println(t + " " + digest(s, t));
                    }
                }
                default -> throw new IllegalArgumentException("usage: load <url> <script>... | gen <url> <R> <V> <P> | digest <url>");
            }
        }
    }

    /** {@code n} from 1 to {@code count} as a row source, per dialect. */
    private static String range(Dialect d, long count) {
        return switch (d) {
            case POSTGRESQL -> "generate_series(1, " + count + ") AS g(n)";
            case MYSQL -> "(SELECT seq AS n FROM seq_1_to_" + count + ") g";
            case H2 -> "(SELECT X AS n FROM SYSTEM_RANGE(1, " + count + ")) g";
            default -> throw new IllegalArgumentException(d.name());
        };
    }

    private static String concat(Dialect d, String text, String number) {
        return d == Dialect.MYSQL ? "CONCAT('" + text + "', " + number + ")" : "'" + text + "' || " + number;
    }

    private static String div(Dialect d, String a, int b) {
        return d == Dialect.POSTGRESQL || d == Dialect.H2 ? "((" + a + ") / " + b + ")" : "((" + a + ") DIV " + b + ")";
    }

    private static List<String> generate(Dialect d, int resources, int versions, int properties) {
        long all = (long) resources * versions;
        String ts = "TIMESTAMP '2020-01-01 00:00:00'";
        String resourceOfVersion = div(d, "n - 1", versions);
        String columns = "(REG_PATH_ID, REG_NAME, REG_VERSION, REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME, REG_LAST_UPDATOR, "
                + "REG_LAST_UPDATED_TIME, REG_TENANT_ID, REG_UUID)";
        return List.of(
                "INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (1, '/', NULL, -1234)",
                "INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) SELECT n + 1, "
                        + concat(d, "/_system/governance/apis/p", "n") + ", 1, -1234 FROM " + range(d, 1000),
                "INSERT INTO REG_RESOURCE " + columns + " SELECT 2 + MOD(" + resourceOfVersion + ", 1000), "
                        + concat(d, "api-", resourceOfVersion) + ", n, 'application/json', 'admin', " + ts + ", 'admin', " + ts
                        + ", -1234, " + concat(d, "uuid-", resourceOfVersion) + " FROM " + range(d, all) + " WHERE MOD(n, " + versions + ") = 0",
                "INSERT INTO REG_RESOURCE_HISTORY " + columns + " SELECT 2 + MOD(" + resourceOfVersion + ", 1000), "
                        + concat(d, "api-", resourceOfVersion) + ", n, 'application/json', 'admin', " + ts + ", 'admin', " + ts
                        + ", -1234, " + concat(d, "uuid-", resourceOfVersion) + " FROM " + range(d, all) + " WHERE MOD(n, " + versions + ") <> 0",
                "INSERT INTO REG_PROPERTY (REG_ID, REG_NAME, REG_VALUE, REG_TENANT_ID) SELECT n, "
                        + concat(d, "prop", "MOD(n, " + properties + ")") + ", " + concat(d, "value ", "n") + ", -1234 FROM "
                        + range(d, all * properties),
                "INSERT INTO REG_RESOURCE_PROPERTY (REG_PROPERTY_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID) "
                        + "SELECT n, " + div(d, "n - 1", properties) + " + 1, NULL, NULL, -1234 FROM " + range(d, all * properties),
                "INSERT INTO REG_TAG (REG_ID, REG_TAG_NAME, REG_USER_ID, REG_TAGGED_TIME, REG_TENANT_ID) SELECT n, "
                        + concat(d, "tag-", "MOD(n, 100)") + ", 'admin', " + ts + ", -1234 FROM " + range(d, all),
                "INSERT INTO REG_RESOURCE_TAG (REG_TAG_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME, REG_TENANT_ID) "
                        + "SELECT n, n, NULL, NULL, -1234 FROM " + range(d, all));
    }

    private static String digest(Statement s, String table) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        long rows = 0;
        String order = table.startsWith("REG_RESOURCE_") ? "REG_" + table.substring("REG_RESOURCE_".length()) + "_ID, REG_TENANT_ID"
                : "REG_ID, REG_TENANT_ID";
        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sha.update(String.valueOf(rs.getString(i)).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    sha.update((byte) 0);
                }
                rows++;
            }
        }
        return rows + " rows " + HexFormat.of().formatHex(sha.digest()).substring(0, 16);
    }
}
