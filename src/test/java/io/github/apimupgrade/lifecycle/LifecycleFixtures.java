package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.identity.IdentityFixtures;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A whole deployment for the lifecycle ITs: the example 3.0.0 and 3.1.0 homes (tenants, Synapse,
 * keystores, TOML), registry versioning on, the new pack's dbscripts, identity migration resources
 * with a stand-in server, a tenant loader jar, and WSO2AM_DB plus the registry at 3.0.0 — embedded
 * H2 in the old home, or a scratch PostgreSQL/MariaDB database.
 */
public final class LifecycleFixtures {
    private LifecycleFixtures() {
    }

    /** setup.groovy: {@code kind} is h2, postgresql or mariadb. Server databases go into it-db.properties. */
    public static void setup(Path basedir, String kind) throws Exception {
        ExampleHomes.build(basedir);
        Path old = basedir.resolve(ExampleHomes.OLD);
        Path nu = basedir.resolve(ExampleHomes.NEW);
        Files.writeString(old.resolve("repository/conf/registry.xml"), """
                <wso2registry>
                    <staticConfiguration>
                        <versioningProperties>true</versioningProperties>
                        <versioningComments>true</versioningComments>
                        <versioningTags>true</versioningTags>
                        <versioningRatings>true</versioningRatings>
                    </staticConfiguration>
                </wso2registry>
                """);
        Dialect dialect = kind.equals("h2") ? Dialect.H2 : kind.equals("postgresql") ? Dialect.POSTGRESQL : Dialect.MYSQL;
        String d = dialect.folder();
        Files.createDirectories(nu.resolve("dbscripts/apimgt"));
        Files.writeString(nu.resolve("dbscripts/apimgt/" + d + ".sql"), TestDatabase.read("fixtures/am-3.1.0-" + d + ".sql"));
        Files.writeString(nu.resolve("dbscripts/" + d + ".sql"), TestDatabase.read("fixtures/registry-" + d + ".sql"));
        Files.writeString(nu.resolve("bin/wso2server.sh"), IdentityFixtures.read("identity/wso2server.sh").replace("@SCENARIO@", "success"));
        nu.resolve("bin/wso2server.sh").toFile().setExecutable(true);
        IdentityFixtures.resources(basedir.resolve("downloads"));
        tenantLoader(basedir.resolve("downloads/tenantloader-1.0.jar"));

        if (dialect == Dialect.H2) {
            Path dbs = old.resolve("repository/database");
            h2(dbs.resolve("WSO2AM_DB"), List.of("am-3.0.0-h2.sql", "am-3.0.0-rows.sql"));
            h2(dbs.resolve("WSO2SHARED_DB"), List.of("registry-h2.sql", "registry-rows.sql"));
            return;
        }
        TestDatabase db = TestDatabase.create(kind.equals("postgresql") ? TestDatabase.Kind.POSTGRESQL
                : TestDatabase.Kind.MARIADB_VIA_MYSQL_DRIVER, basedir);
        db.loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql").loadFixture("registry").load("fixtures/registry-rows.sql");
        Properties p = new Properties();
        for (String key : List.of("apim", "shared")) {
            p.setProperty("apim.db." + key + ".url", db.url());
            p.setProperty("apim.db." + key + ".username", db.user());
            p.setProperty("apim.db." + key + ".password", db.password());
        }
        try (var out = Files.newOutputStream(basedir.resolve("it-db.properties"))) {
            p.store(out, "written by setup.groovy");
        }
        Files.writeString(basedir.resolve("it-db.name"), db.name());
    }

    /** verify.groovy of server ITs: drops the scratch database named in it-db.name. */
    public static void dropServerDatabase(Path basedir, String kind) throws Exception {
        Path name = basedir.resolve("it-db.name");
        if (!Files.exists(name)) {
            return;
        }
        String db = Files.readString(name).trim();
        if (!db.matches("apim_t_[0-9a-f]{12}")) {
            throw new IllegalStateException("not a test database name: " + db);
        }
        boolean pg = kind.equals("postgresql");
        try (Connection c = java.sql.DriverManager.getConnection(pg ? TestDatabase.PG_ADMIN_URL : TestDatabase.MARIADB_ADMIN_URL,
                pg ? "postgres" : "root", ""); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + (pg ? " WITH (FORCE)" : ""));
        }
    }

    private static void h2(Path file, List<String> fixtures) throws SQLException {
        for (String ext : List.of(".mv.db", ".h2.db", ".trace.db")) {
            try {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + ext));
            } catch (IOException e) {
                throw new SQLException(e);
            }
        }
        Properties login = new Properties();
        login.setProperty("user", "wso2carbon");
        login.setProperty("password", "wso2carbon");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:" + file.toAbsolutePath(), login); Statement s = c.createStatement()) {
            for (String f : fixtures) {
                for (String sql : StatementSplitter.split(Dialect.H2, TestDatabase.read("fixtures/" + f))) {
                    s.execute(sql);
                }
            }
            s.execute("SHUTDOWN");
        }
    }

    private static void tenantLoader(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            out.write("Manifest-Version: 1.0\nBundle-SymbolicName: tenantloader (test stand-in)\n".getBytes());
            out.closeEntry();
        }
    }
}
