package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.identity.IdentityFixtures;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.DeploymentSnapshot;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One deployment for {@link FaultInjectionTest}: the lifecycle fixture (homes, WSO2AM_DB, registry)
 * plus what makes migrate-identity and migrate-analytics do real work — tenant-conf.json rows in the
 * registry with role mappings to write into them, the identity settings ({@code run=true} against the
 * stand-in server), an Analytics 3.1.0 home (both deployment.yaml files and a stand-in
 * {@code bin/jartobundle.sh}) and an analytics database whose ApiLastAccessSummary has the 3.0.0 key.
 * H2 databases are files in the deployment (layout a); on PostgreSQL and MariaDB the deployment has the four
 * databases of layout (c) on one server (WSO2AM_DB, registry, user store, config registry) named only in the old
 * deployment.toml, and the analytics database beside them.
 */
final class FaultDeployment implements AutoCloseable {
    static final String ANALYTICS_HOME = "wso2am-analytics-3.1.0";
    private static final String H2_ANALYTICS_DB = "analytics-db/WSO2_ANALYTICS_DB";
    private static final String H2_USER = "wso2carbon";
    private static final List<String> PLUGIN_STATE = List.of("APIM_UPGRADE_");

    private final Kind kind;
    private final Path dir;
    private final DeploymentLayout layout;
    private final TestDatabase analytics;
    private final Map<String, String> props = new LinkedHashMap<>();

    private FaultDeployment(Kind kind, Path dir, DeploymentLayout layout, TestDatabase analytics) {
        this.kind = kind;
        this.dir = dir;
        this.layout = layout;
        this.analytics = analytics;
    }

    /** The template every deployment is copied from, so that generated keystores and jars are the same in every copy. */
    static Path pristine(Path dir) throws Exception {
        LifecycleFixtures.setup(dir, "h2");
        try (Connection c = h2(dir.resolve(ExampleHomes.OLD + "/repository/database/WSO2SHARED_DB"))) {
            IdentityFixtures.tenantConfRows(c);
        }
        try (Connection c = h2(dir.resolve(H2_ANALYTICS_DB)); Statement s = c.createStatement()) {
            for (String sql : StatementSplitter.split(Dialect.H2, TestDatabase.read("analytics/last-access-h2.sql"))) {
                s.execute(sql);
            }
        }
        Path home = dir.resolve(ANALYTICS_HOME);
        for (String profile : List.of("dashboard", "worker")) {
            Path yaml = home.resolve("conf").resolve(profile).resolve("deployment.yaml");
            Files.createDirectories(yaml.getParent());
            Files.writeString(yaml, TestDatabase.read("analytics/" + profile + "-deployment.yaml"));
        }
        Files.createDirectories(home.resolve("bin"));
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("bin/jartobundle.sh"), TestDatabase.read("analytics/jartobundle.sh"));
        return dir;
    }

    /** A copy of {@code pristine} in {@code dir}; on a server, with WSO2AM_DB, the registry and the analytics database in scratch databases. */
    static FaultDeployment create(Kind kind, Path pristine, Path dir) throws Exception {
        copyTree(pristine, dir);
        if (kind == Kind.H2) {
            return new FaultDeployment(kind, dir, null, null).settings();
        }
        String d = kind.dialect().folder();
        DeploymentLayout layout = DeploymentLayout.create(DeploymentLayout.Layout.FOUR_DATABASES, kind, null, dir);
        FaultDeployment f = new FaultDeployment(kind, dir, layout, TestDatabase.create(kind, dir));
        try {
            try (Connection c = layout.database("config").connect()) {
                IdentityFixtures.tenantConfRows(c); // tenant-conf.json lives in the config registry
            }
            f.analytics.load("analytics/last-access-" + (d.equals("mysql") ? "mysql-latin1" : d) + ".sql");
            return f.settings();
        } catch (Exception e) {
            f.close();
            throw e;
        }
    }

    private FaultDeployment settings() {
        props.put("apim.test.baseDir", dir.toString());
        props.put("apim.oldHome", dir.resolve(ExampleHomes.OLD).toString());
        props.put("apim.newHome", dir.resolve(ExampleHomes.NEW).toString());
        props.put("apim.workDir", dir.resolve("work").toString());
        props.put("apim.env", "fault");
        props.put("apim.reindex.tenantLoader", dir.resolve("downloads/tenantloader-1.0.jar").toString());
        props.put("apim.reindex.batchSize", "2");
        props.put("apim.identity.resources", dir.resolve("downloads/wso2is-migration-9.9.1").toString());
        props.put("apim.identity.run", "true");
        props.put("apim.identity.timeoutMinutes", "2");
        props.putAll(new TreeMap<>(IdentityFixtures.mappingProperties()));
        props.put("apim.analyticsHome", dir.resolve(ANALYTICS_HOME).toString());
        if (layout != null) {
            database("analytics", analytics.url(), analytics.user(), analytics.password());
        } else {
            database("analytics", "jdbc:h2:" + dir.resolve(H2_ANALYTICS_DB), H2_USER, H2_USER);
        }
        return this;
    }

    private void database(String key, String url, String user, String password) {
        props.put("apim.db." + key + ".url", url);
        props.put("apim.db." + key + ".username", user);
        props.put("apim.db." + key + ".password", password);
    }

    /** The settings as LifecycleMain arguments. */
    List<String> args() {
        return props.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /**
     * Schema shape and a checksum of the rows of every table (but the plugin's own history) of every
     * database, and the SHA-256 of every file of the new home and of the analytics home.
     */
    Map<String, String> endState() throws Exception {
        DeploymentSnapshot databases = new DeploymentSnapshot();
        if (layout == null) {
            Path dbs = dir.resolve(ExampleHomes.NEW + "/repository/database");
            databases.tables("WSO2AM_DB", "jdbc:h2:" + dbs.resolve("WSO2AM_DB"), H2_USER, H2_USER, Dialect.H2, PLUGIN_STATE);
            databases.tables("WSO2SHARED_DB", "jdbc:h2:" + dbs.resolve("WSO2SHARED_DB"), H2_USER, H2_USER, Dialect.H2, PLUGIN_STATE);
            databases.tables("analytics", "jdbc:h2:" + dir.resolve(H2_ANALYTICS_DB), H2_USER, H2_USER, Dialect.H2, PLUGIN_STATE);
        } else {
            for (Map.Entry<String, TestDatabase> db : layout.databases().entrySet()) {
                databases.database(db.getKey(), db.getValue(), PLUGIN_STATE);
            }
            databases.database("analytics", analytics, PLUGIN_STATE);
        }
        Map<String, String> out = new TreeMap<>(databases.entries());
        // WSO2's identity migration (the stand-in server counts its runs beside the homes) runs once, whatever was killed
        Path migrations = dir.resolve("identity-migrations.txt");
        out.put("identity migrations run", String.valueOf(Files.exists(migrations) ? Files.readAllLines(migrations).size() : 0));
        out.put("verify scratch schemas left", String.valueOf(scratchSchemasLeft()));
        files(out, "new-home", dir.resolve(ExampleHomes.NEW));
        files(out, "analytics-home", dir.resolve(ANALYTICS_HOME));
        return out;
    }

    /** Scratch schemas (PostgreSQL) or databases (MariaDB) of verify runs, on this deployment's servers. */
    private long scratchSchemasLeft() throws Exception {
        if (layout == null) {
            return 0; // H2: verify's scratch database lives in memory
        }
        long left = 0;
        List<TestDatabase> dbs = new ArrayList<>(layout.databases().values());
        dbs.add(analytics); // verify compares its ApiLastAccessSummary in a scratch schema there too
        for (TestDatabase db : dbs) {
            try (var c = db.connect(); var st = c.createStatement(); var rs = st.executeQuery(db.kind() == TestDatabase.Kind.POSTGRESQL
                    ? "SELECT COUNT(*) FROM pg_namespace WHERE nspname LIKE 'apim\\_verify\\_%'"
                    // server-wide on MariaDB: a live verify's (its session holds the lock) is not one left behind
                    : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SCHEMATA WHERE SCHEMA_NAME LIKE 'apim\\_verify\\_%' "
                    + "AND IS_FREE_LOCK(SCHEMA_NAME) = 1")) {
                rs.next();
                left += rs.getLong(1);
            }
        }
        return left;
    }

    private void files(Map<String, String> out, String label, Path home) throws Exception {
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = home.relativize(f).toString();
                if (rel.startsWith("repository/database/")) {
                    continue;
                }
                byte[] bytes = Files.readAllBytes(f);
                if (rel.endsWith(".toml") || rel.endsWith(".yaml")) {
                    bytes = normalized(new String(bytes, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.put(label + " " + rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
            }
        }
    }

    /** Each deployment has its own folder and scratch databases: their names are the expected differences in configuration files. */
    private String normalized(String text) {
        text = text.replace(dir.toString(), "DEPLOYMENT_DIR");
        if (layout != null) {
            for (Map.Entry<String, TestDatabase> db : layout.databases().entrySet()) {
                text = text.replace(db.getValue().name(), "SCRATCH_" + db.getKey().toUpperCase());
                text = text.replace(db.getValue().name().substring("apim_t_".length()), "SCRATCH_ID");
            }
            text = text.replace(analytics.name(), "SCRATCH_ANALYTICS_DB");
        }
        return text;
    }

    private static Connection h2(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:h2:" + file.toAbsolutePath(), H2_USER, H2_USER);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (layout != null) {
            layout.close();
        }
        if (analytics != null) {
            analytics.close();
        }
    }
}
