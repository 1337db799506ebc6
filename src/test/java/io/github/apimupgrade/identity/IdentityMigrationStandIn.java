package io.github.apimupgrade.identity;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The database work of WSO2's identity migration client (IS 5.9.0 to 5.10.0) in the stand-in server, written for
 * apim-maven-plugin's tests: it reads the home's {@code migration-resources/migration-config.yaml} as the client does,
 * takes the 5.10.0 migrators in their order, and for each SchemaMigrator runs
 * {@code migration-resources/5.10.0/dbscripts/<location>/<schema>/<dialect>.sql} on the database the client runs it on
 * ({@code identity}: WSO2AM_DB; {@code um}: the user store), split line by line the way the client splits (a statement
 * ends on a line that ends with the delimiter; {@code DELIMITER} lines change it; comment lines are skipped).
 * ScopeDataMigrator adds {@code IDN_OAUTH2_SCOPE.SCOPE_TYPE DEFAULT 'OAUTH2'}. The Java data migrators change no
 * schema and are not emulated. It does nothing unless deployment.toml names both databases and the resources hold WSO2's
 * scripts for their dialect (the project's own fixture resources do not).
 */
public final class IdentityMigrationStandIn {
    /** The second argument that makes it hold the home's embedded databases instead, as the running server does. */
    static final String HOLD_H2 = "--hold-h2";
    private final Path home;
    private final TomlParseResult toml;

    private IdentityMigrationStandIn(Path home) throws Exception {
        this.home = home;
        this.toml = Toml.parse(home.resolve("repository/conf/deployment.toml"));
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals(HOLD_H2)) {
            new IdentityMigrationStandIn(Path.of(args[0]).toAbsolutePath().normalize()).holdEmbeddedDatabases();
            return;
        }
        try {
            new IdentityMigrationStandIn(Path.of(args[0]).toAbsolutePath().normalize()).run();
        } catch (Exception e) {
            // as the client logs a failed migrator: on the console the plugin follows
            System.out.println("[" + java.time.LocalDateTime.now().format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS"))
                    + "] [] ERROR {org.wso2.carbon.is.migration.service.SchemaMigrator} - " + e.getMessage().replace('\n', ' '));
            System.exit(1);
        }
    }

    /**
     * As the server's datasources hold its embedded H2 databases while it runs (opened with {@code AUTO_SERVER=TRUE}, as
     * the pack's URLs are, so that the migration client's own connections share them): every {@code jdbc:h2:} database of
     * deployment.toml opened, "held" printed, then kept open until the server is stopped, which closes them.
     */
    private void holdEmbeddedDatabases() throws Exception {
        List<Connection> held = new java.util.ArrayList<>();
        for (String key : toml.getTable("database") == null ? java.util.Set.<String>of() : toml.getTable("database").keySet()) {
            String url = datasource(key).getString("url");
            if (url != null && url.startsWith("jdbc:h2:")) {
                try {
                    held.add(connect(key, ";IFEXISTS=TRUE"));
                } catch (SQLException e) {
                    // a database the home does not have (the goal's own tests use homes without databases)
                }
            }
        }
        // a graceful stop (SIGTERM) closes the datasources, so the files are left without a lock (DB_CLOSE_ON_EXIT=FALSE)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> held.forEach(c -> {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing on the way out
            }
        })));
        System.out.println("held " + held.size());
        Thread.sleep(Long.MAX_VALUE);
    }

    @SuppressWarnings("unchecked")
    private void run() throws Exception {
        Path resources = home.resolve("migration-resources");
        if (toml.getTable("database.apim_db") == null || toml.getTable("database." + userStore()) == null
                || !Files.isRegularFile(resources.resolve("5.10.0/dbscripts/step1/um/" + dialect(datasource(userStore()).getString("url")) + ".sql"))) {
            return;
        }
        Map<String, Object> yaml = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(resources.resolve("migration-config.yaml")));
        for (Map<String, Object> version : (List<Map<String, Object>>) yaml.get("versions")) {
            if (!"5.10.0".equals(String.valueOf(version.get("version")))) {
                continue;
            }
            for (Map<String, Object> migrator : (List<Map<String, Object>>) version.get("migratorConfigs")) {
                String name = String.valueOf(migrator.get("name"));
                Map<String, Object> parameters = (Map<String, Object>) migrator.getOrDefault("parameters", Map.of());
                if (name.equals("ScopeDataMigrator")) {
                    try (Connection c = connect("apim_db")) {
                        String dialect = dialect(datasource("apim_db").getString("url"));
                        if (!hasColumn(c, "IDN_OAUTH2_SCOPE", "SCOPE_TYPE")) {
                            execute(c, List.of(dialect.equals("mysql")
                                    ? "ALTER TABLE IDN_OAUTH2_SCOPE ADD SCOPE_TYPE VARCHAR(255) NOT NULL DEFAULT 'OAUTH2'"
                                    : "ALTER TABLE IDN_OAUTH2_SCOPE ADD COLUMN SCOPE_TYPE VARCHAR(255) DEFAULT 'OAUTH2' NOT NULL"));
                        }
                    }
                } else if (name.equals("SchemaMigrator")) {
                    String location = String.valueOf(parameters.get("location"));
                    String schema = String.valueOf(parameters.get("schema"));
                    String target = schema.equals("um") ? userStore() : "apim_db";
                    Path script = resources.resolve("5.10.0/dbscripts/" + location + "/" + schema + "/"
                            + dialect(datasource(target).getString("url")) + ".sql");
                    try (Connection c = connect(target)) {
                        execute(c, statements(Files.readString(script)));
                    }
                    System.out.println("SchemaMigrator " + location + "/" + schema + ": " + script.getFileName() + " executed");
                }
            }
        }
    }

    private String userStore() {
        return toml.getTable("database.user") != null ? "user" : "shared_db";
    }

    private TomlTable datasource(String name) {
        TomlTable t = toml.getTable("database." + name);
        if (t == null) {
            throw new IllegalStateException("deployment.toml has no [database." + name + "]");
        }
        return t;
    }

    private Connection connect(String name) throws SQLException, java.io.IOException {
        return connect(name, "");
    }

    private Connection connect(String name, String h2Options) throws SQLException, java.io.IOException {
        TomlTable t = datasource(name);
        // the server puts these values into master-datasources.xml, so they are written XML-escaped
        String url = xml(t.getString("url")).replace("jdbc:h2:./", "jdbc:h2:" + home + "/");
        if (url.startsWith("jdbc:h2:") && !url.toUpperCase(java.util.Locale.ROOT).contains("AUTO_SERVER=TRUE")) {
            url += ";AUTO_SERVER=TRUE"; // the server and the migration client share the file
        }
        if (url.startsWith("jdbc:h2:")) {
            url += h2Options;
        }
        return DriverManager.getConnection(url, t.getString("username"), xml(password(t.getString("password"))));
    }

    /**
     * A {@code $secret{alias}} password as the server's secure vault resolves it: from {@code [secrets]}, else from
     * {@code repository/conf/security/cipher-text.properties} (plain text in brackets, as before ciphertool encrypts it).
     * An alias defined in neither fails the connection, as it fails the server's datasource.
     */
    private String password(String value) throws java.io.IOException {
        if (value == null || !value.startsWith("$secret{")) {
            return value;
        }
        String alias = value.substring("$secret{".length(), value.length() - 1);
        String secret = toml.getTable("secrets") == null ? null : toml.getTable("secrets").getString(List.of(alias));
        Path vault = home.resolve("repository/conf/security/cipher-text.properties");
        if (secret == null && Files.isRegularFile(vault)) {
            java.util.Properties p = new java.util.Properties();
            try (var in = Files.newInputStream(vault)) {
                p.load(in);
            }
            secret = p.getProperty(alias);
        }
        if (secret == null) {
            throw new IllegalStateException("the secure vault has no secret " + alias);
        }
        return secret.replaceAll("^\\[(.*)]$", "$1");
    }

    private static String xml(String value) {
        return value == null ? null : value.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
                .replace("&amp;", "&");
    }

    private static String dialect(String url) {
        for (String d : List.of("h2", "mysql", "mariadb", "postgresql")) {
            if (url.startsWith("jdbc:" + d + ":")) {
                return d.equals("mariadb") ? "mysql" : d;
            }
        }
        throw new IllegalStateException("the stand-in knows no dialect for " + url);
    }

    private static boolean hasColumn(Connection c, String table, String column) throws SQLException {
        for (String t : List.of(table, table.toLowerCase())) {
            try (ResultSet rs = c.getMetaData().getColumns(c.getCatalog(), null, t, null)) {
                while (rs.next()) {
                    if (rs.getString("COLUMN_NAME").equalsIgnoreCase(column)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Statements as WSO2's client cuts them: line by line, up to a line that ends with the delimiter, not inside a
     * {@code $$} body (PostgreSQL functions, H2 Java aliases).
     */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        String delimiter = ";";
        boolean inBody = false;
        StringBuilder current = new StringBuilder();
        for (String raw : script.split("\n")) {
            String line = raw.trim();
            if (!inBody && (line.startsWith("//") || line.startsWith("--"))) {
                continue;
            }
            if (line.toUpperCase().startsWith("DELIMITER ")) {
                delimiter = line.substring("DELIMITER ".length()).trim();
                continue;
            }
            if (delimiter.equals(";") && (line.split("\\$\\$", -1).length - 1) % 2 == 1) {
                inBody = !inBody;
            }
            if (inBody) {
                current.append(raw).append('\n');
                continue;
            }
            current.append(raw).append('\n');
            if (line.endsWith(delimiter)) {
                String sql = current.toString().trim();
                sql = sql.substring(0, sql.length() - delimiter.length()).trim();
                if (!sql.isEmpty()) {
                    out.add(sql);
                }
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().trim());
        }
        return out;
    }

    private static void execute(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
