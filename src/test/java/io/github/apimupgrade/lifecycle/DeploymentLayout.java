package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.Wso2Schemas;
import io.github.apimupgrade.testing.Wso2Schemas.Schema;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The database layouts WSO2 documents, built as an operator has them: the databases at 3.0.0 (WSO2's own
 * scripts in the conformance run, else the fixtures proven to have their shape) and the old home's
 * deployment.toml naming them, the way the operator wrote it (URLs with parameters as {@code &amp;}, user
 * names and passwords, a separate user store and config registry with {@code [realm_manager]}). The plugin
 * is then given only the homes: everything else it reads from the deployment.
 */
public final class DeploymentLayout implements AutoCloseable {
    /** The layouts of issue #11, (a) to (e). */
    public enum Layout {
        EMBEDDED("a", "embedded H2 (the pack default)"),
        TWO_DATABASES("b", "WSO2AM_DB and the registry: two databases on one server (the runbook's layout)"),
        FOUR_DATABASES("c", "WSO2AM_DB, registry, user store and config registry: four databases on one server"),
        TWO_SERVERS("d", "WSO2AM_DB and the registry on two servers of different dialects"),
        ONE_DATABASE("e", "one database for everything");

        public final String letter;
        public final String description;

        Layout(String letter, String description) {
            this.letter = letter;
            this.description = description;
        }

        public static Layout of(String letter) {
            for (Layout l : values()) {
                if (l.letter.equals(letter) || l.name().equalsIgnoreCase(letter)) {
                    return l;
                }
            }
            throw new IllegalArgumentException("no layout " + letter);
        }
    }

    /** A password with the characters that break naive quoting (TOML, XML, shells, JDBC URLs). */
    public static final String ODD_PASSWORD = "Odd;P@ss&w\"rd'#1";

    private final Layout layout;
    private final Path basedir;
    private final Map<String, TestDatabase> databases = new LinkedHashMap<>();
    private final List<String> users = new ArrayList<>();

    private DeploymentLayout(Layout layout, Path basedir) {
        this.layout = layout;
        this.basedir = basedir;
    }

    /**
     * Builds the databases of a layout for the homes under {@code basedir} (ExampleHomes already built) and
     * writes the old home's datasource blocks. {@code kind} is the server of WSO2AM_DB; layout (d) puts the
     * registry on {@code other}.
     */
    public static DeploymentLayout create(Layout layout, Kind kind, Kind other, Path basedir) throws Exception {
        DeploymentLayout d = new DeploymentLayout(layout, basedir);
        try {
            d.build(kind, other);
            return d;
        } catch (Exception e) {
            d.close();
            throw e;
        }
    }

    private void build(Kind kind, Kind other) throws Exception {
        Path old = basedir.resolve(ExampleHomes.OLD);
        if (layout == Layout.EMBEDDED) {
            Path dbs = old.resolve("repository/database");
            h2(dbs.resolve("WSO2AM_DB"), Schema.AM_300, "fixtures/am-3.0.0-rows.sql");
            h2(dbs.resolve("WSO2SHARED_DB"), Schema.REGISTRY_300, "fixtures/registry-rows.sql");
            ExampleHomes.oldDatasources(basedir, ExampleHomes.PACK_H2_DATASOURCES);
            newHomeScripts(Dialect.H2);
            return;
        }
        TestDatabase am = database("apim", kind);
        am.loadSchema(Schema.AM_300).load("fixtures/am-3.0.0-rows.sql");
        TestDatabase reg = switch (layout) {
            case ONE_DATABASE -> am;
            case TWO_SERVERS -> database("shared", other);
            default -> database("shared", kind);
        };
        reg.loadSchema(Schema.REGISTRY_300).load("fixtures/registry-rows.sql");
        if (layout == Layout.ONE_DATABASE) {
            databases.put("shared", am);
        }
        if (layout == Layout.FOUR_DATABASES) {
            tenants(database("user", kind).loadSchema(Schema.REGISTRY_300));
            database("config", kind).loadSchema(Schema.REGISTRY_300);
        } else {
            tenants(reg);
        }
        StringBuilder toml = new StringBuilder();
        for (Map.Entry<String, TestDatabase> e : databases.entrySet()) {
            toml.append(block(e.getKey(), e.getValue()));
        }
        if (layout == Layout.FOUR_DATABASES) {
            toml.append("\n[realm_manager]\ndata_source = \"WSO2USER_DB\"\n");
        }
        ExampleHomes.oldDatasources(basedir, toml.toString());
        secureVault();
        for (TestDatabase db : databases.values()) {
            newHomeScripts(db.dialect());
        }
    }

    /**
     * The operator's secure vault in the 3.1.0 home: the database passwords under the aliases migrate-config writes
     * ({@code <section>_password}), in brackets as ciphertool.sh reads them before encrypting. The stand-in server
     * resolves {@code $secret{alias}} from it, as WSO2's server does.
     */
    private void secureVault() throws Exception {
        java.util.Properties vault = new java.util.Properties();
        for (Map.Entry<String, TestDatabase> e : databases.entrySet()) {
            vault.setProperty(section(e.getKey()) + "_password", "[" + password(e.getValue()) + "]");
        }
        Path file = basedir.resolve(ExampleHomes.NEW).resolve("repository/conf/security/cipher-text.properties");
        Files.createDirectories(file.getParent());
        java.io.StringWriter text = new java.io.StringWriter();
        vault.store(text, null);
        // without the date line Properties writes, so that two builds of a deployment are byte for byte equal
        Files.writeString(file, "# test deployment: the operator's secrets, before ciphertool.sh encrypts them\n"
                + text.toString().lines().filter(l -> !l.startsWith("#")).sorted().collect(java.util.stream.Collectors.joining("\n")) + "\n");
    }

    private static String section(String key) {
        return switch (key) {
            case "apim" -> "apim_db";
            case "shared" -> "shared_db";
            default -> key;
        };
    }

    private TestDatabase database(String key, Kind kind) throws Exception {
        TestDatabase db = TestDatabase.create(kind, basedir);
        databases.put(key, db);
        if (kind != Kind.POSTGRESQL && layout != Layout.ONE_DATABASE) {
            // one user of this deployment's own, granted on its databases only, with an awkward password
            if (users.isEmpty()) {
                String user = "apim_u_" + db.name().substring("apim_t_".length());
                TestDatabase.adminMariaDb("CREATE USER '" + user + "'@'%' IDENTIFIED BY '" + ODD_PASSWORD.replace("'", "''") + "'");
                // what the README asks of a MySQL user: its own databases, plus verify's scratch databases
                TestDatabase.adminMariaDb("GRANT ALL PRIVILEGES ON `apim\\_verify\\_%`.* TO '" + user + "'@'%'");
                users.add(user);
            }
            TestDatabase.adminMariaDb("GRANT ALL PRIVILEGES ON " + db.name() + ".* TO '" + users.get(0) + "'@'%'");
        }
        return db;
    }

    private String user(TestDatabase db) {
        return db.kind() == Kind.POSTGRESQL || users.isEmpty() ? db.user() : users.get(0);
    }

    private String password(TestDatabase db) {
        return db.kind() == Kind.POSTGRESQL || users.isEmpty() ? db.password() : ODD_PASSWORD;
    }

    /** A datasource block as the operator writes it: URL parameters joined with &amp;, the password XML- and TOML-escaped. */
    private String block(String key, TestDatabase db) {
        String section = section(key);
        String params = db.kind() == Kind.POSTGRESQL ? "?connectTimeout=10&amp;ApplicationName=wso2am"
                : "?useSSL=false&amp;connectTimeout=10000";
        String type = db.kind() == Kind.POSTGRESQL ? "postgre" : "mysql";
        String password = xml(password(db)).replace("\\", "\\\\").replace("\"", "\\\"");
        StringBuilder b = new StringBuilder();
        b.append("\n[database.").append(section).append("]\n")
                .append("type = \"").append(type).append("\"\n")
                .append("url = \"").append(db.url()).append(params).append("\"\n")
                .append("username = \"").append(user(db)).append("\"\n")
                .append("password = \"").append(password).append("\"\n");
        if (db.kind() == Kind.MARIADB_VIA_MARIADB_DRIVER) {
            b.append("driver = \"org.mariadb.jdbc.Driver\"\n");
        }
        b.append("\n[database.").append(section).append(".pool_options]\nmaxActive = 50\nmaxWait = 60000\ntestOnBorrow = true\n");
        return b.toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** What verify compares with: the new pack's dbscripts of every dialect the deployment uses. */
    private void newHomeScripts(Dialect dialect) throws Exception {
        Path dbscripts = basedir.resolve(ExampleHomes.NEW).resolve("dbscripts");
        Files.createDirectories(dbscripts.resolve("apimgt"));
        Files.writeString(dbscripts.resolve("apimgt/" + dialect.folder() + ".sql"), Wso2Schemas.script(Schema.AM_310, dialect));
        Files.writeString(dbscripts.resolve(dialect.folder() + ".sql"), Wso2Schemas.script(Schema.REGISTRY_310, dialect));
    }

    private static void h2(Path file, Schema schema, String rows) throws SQLException {
        TestDatabase db = TestDatabase.atH2File(file);
        try {
            for (String ext : List.of(".mv.db", ".h2.db", ".trace.db")) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + ext));
            }
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        db.loadSchema(schema).load(rows);
        if (file.getFileName().toString().equals("WSO2SHARED_DB")) {
            tenants(db);
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /**
     * The tenants of the fixture rows (wso2.com 1, acme.org 2) in the user store, when it has WSO2's UM_TENANT (the
     * conformance run loads the real kernel script): there, as on a real deployment, a provider 'alice@wso2.com' is
     * a tenant's user only when UM_TENANT says so.
     */
    private static void tenants(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            if (!new io.github.apimupgrade.core.db.Catalog(c, db.kind().dialect()).tableExists("UM_TENANT")) {
                return;
            }
            try (java.sql.PreparedStatement ps = c.prepareStatement("INSERT INTO UM_TENANT (UM_ID, UM_DOMAIN_NAME, UM_EMAIL, UM_ACTIVE, "
                    + "UM_CREATED_DATE, UM_USER_CONFIG) VALUES (?, ?, ?, TRUE, TIMESTAMP '2020-01-01 00:00:00', ?)")) {
                for (String[] t : new String[][] {{"1", "wso2.com"}, {"2", "acme.org"}}) {
                    ps.setInt(1, Integer.parseInt(t[0]));
                    ps.setString(2, t[1]);
                    ps.setString(3, "admin@" + t[1]);
                    ps.setBytes(4, "<UserStoreManager/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    ps.executeUpdate();
                }
            }
        }
    }

    public Layout layout() {
        return layout;
    }

    /** The scratch database of a key (apim, shared, user, config); empty for the embedded layout. */
    public TestDatabase database(String key) {
        return databases.get(key);
    }

    public Map<String, TestDatabase> databases() {
        return databases;
    }

    /** Dialects of the servers, for reports: "PostgreSQL", "MariaDB (Connector/J)", ... */
    public String servers() {
        if (databases.isEmpty()) {
            return "H2";
        }
        return String.join(" + ", databases.values().stream().map(DeploymentLayout::label).distinct().toList());
    }

    static String label(TestDatabase db) {
        return switch (db.kind()) {
            case H2 -> "H2";
            case POSTGRESQL -> "PostgreSQL";
            case MARIADB_VIA_MYSQL_DRIVER -> "MariaDB (Connector/J)";
            case MARIADB_VIA_MARIADB_DRIVER -> "MariaDB (MariaDB driver)";
        };
    }

    /** For ITs: remembers what to drop in {@code file}, so that a failed IT's databases are dropped by the next run. */
    public void remember(Path file) throws Exception {
        Properties p = new Properties();
        databases.forEach((k, db) -> p.setProperty("db." + db.name(), db.kind().name()));
        users.forEach(u -> p.setProperty("user." + u, "MARIADB"));
        Files.createDirectories(file.getParent());
        try (var out = Files.newOutputStream(file)) {
            p.store(out, "scratch databases and users of a layout IT, to drop");
        }
    }

    /** Drops what {@link #remember} listed (only names this class makes), then the file. */
    public static void forget(Path file) throws Exception {
        if (!Files.exists(file)) {
            return;
        }
        Properties p = new Properties();
        try (var in = Files.newInputStream(file)) {
            p.load(in);
        }
        for (String k : p.stringPropertyNames()) {
            String name = k.substring(k.indexOf('.') + 1);
            if (k.startsWith("db.") && name.matches("apim_t_[0-9a-f]{12}")) {
                Kind kind = Kind.valueOf(p.getProperty(k));
                TestDatabase.existing(kind, name, "").close();
            } else if (k.startsWith("user.") && name.matches("apim_u_[0-9a-f]{12}")) {
                TestDatabase.adminMariaDb("DROP USER IF EXISTS '" + name + "'@'%'");
            }
        }
        Files.delete(file);
    }

    @Override
    public void close() throws Exception {
        for (TestDatabase db : new java.util.LinkedHashSet<>(databases.values())) {
            db.close();
        }
        for (String u : users) {
            TestDatabase.adminMariaDb("DROP USER IF EXISTS '" + u + "'@'%'");
        }
    }

    @Override
    public String toString() {
        return "(" + layout.letter + ") " + layout.description + " on " + servers();
    }
}
