package io.github.apimupgrade.identity;

import io.github.apimupgrade.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Test deployments for migrate-identity: a 3.1.0 home with a fake {@code bin/wso2server.sh}, the
 * test identity migration resources, and a registry with three tenants' tenant-conf.json and the user
 * store tables. Used by the JUnit tests and by the invoker ITs' setup.groovy.
 */
public final class IdentityFixtures {
    public static final String RESOURCES = "identity/wso2is-migration-9.9.1";
    public static final int SUPER = -1234;
    public static final int WSO2 = 1;
    public static final int ACME = 2;

    private IdentityFixtures() {
    }

    /** A 3.1.0 home whose server script plays the given scenario (success, failed-migrator, pool-exhausted). */
    public static Path home(Path dir, String scenario) {
        try {
            Files.createDirectories(dir.resolve("bin"));
            Files.createDirectories(dir.resolve("repository/conf"));
            Files.createDirectories(dir.resolve("repository/components/dropins"));
            Files.writeString(dir.resolve("repository/components/dropins/README.txt"), "bundles dropped in here are loaded at start-up\n");
            Files.writeString(dir.resolve("bin/wso2server.sh"), serverScript(scenario));
            dir.resolve("bin/wso2server.sh").toFile().setExecutable(true);
            Files.writeString(dir.resolve("repository/conf/deployment.toml"), read("identity/deployment.toml"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stand-in {@code bin/wso2server.sh} playing a scenario; with the success scenario it runs IdentityMigrationStandIn. */
    public static String serverScript(String scenario) {
        return read("identity/wso2server.sh").replace("@SCENARIO@", scenario)
                .replace("@JAVA@", io.github.apimupgrade.server.StandIns.java()).replace("@CP@", io.github.apimupgrade.server.StandIns.classPath());
    }

    /**
     * The test migration resources with, in the conformance run, WSO2's own 5.10.0 schema scripts of every dialect
     * (identity-migration-resources v1.0.147) under {@code migration-resources/5.10.0/dbscripts/}, for the stand-in to run.
     */
    public static Path resourcesWithWso2Scripts(Path dir) {
        Path target = resources(dir);
        io.github.apimupgrade.testing.Wso2Schemas.reference().ifPresent(ref -> {
            Path from = ref.resolve("identity-migration-resources-v1.0.147/5.10.0");
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path to = target.resolve("migration-resources/5.10.0/dbscripts").resolve(from.relativize(f).toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return target;
    }

    /** The test migration resources copied as a folder under {@code dir}. */
    public static Path resources(Path dir) {
        Path target = dir.resolve("wso2is-migration-9.9.1");
        for (String rel : List.of("migration-resources/migration-config.yaml",
                "migration-resources/5.10.0/dbscripts/step1/identity/h2.sql", "dropins/org.wso2.carbon.is.migration-9.9.1.jar")) {
            copyResource(RESOURCES + "/" + rel, target.resolve(rel));
        }
        return target;
    }

    /** The same resources as a zip (with the wso2is-migration-9.9.1/ root folder, as WSO2 ships it). */
    public static Path resourcesZip(Path dir, Path zip) throws IOException {
        Path folder = resources(dir.resolve("zip-src"));
        Files.createDirectories(zip.getParent());
        try (var out = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip)); Stream<Path> files = Files.walk(folder)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new java.util.zip.ZipEntry("wso2is-migration-9.9.1/" + folder.relativize(f).toString().replace('\\', '/')));
                Files.copy(f, out);
                out.closeEntry();
            }
        }
        return zip;
    }

    public static String read(String resource) {
        try (InputStream in = IdentityFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyResource(String resource, Path to) {
        try (InputStream in = IdentityFixtures.class.getClassLoader().getResourceAsStream(resource)) {
            Files.createDirectories(to.getParent());
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under a folder with its SHA-256, for before/after comparisons file by file. */
    public static Map<String, String> snapshot(Path root) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted().toList()) {
                String rel = root.relativize(p).toString();
                out.put(rel + (Files.isDirectory(p) ? "/" : ""), Files.isDirectory(p) ? "dir"
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The registry tables (project fixture), three tenants' tenant-conf.json and the user store tables. */
    public static void registry(TestDatabase db) throws SQLException {
        db.loadFixture("registry");
        try (Connection c = db.connect()) {
            registryRows(c);
        }
    }

    /**
     * An embedded H2 registry file with the fixture's tables and these rows, closed again (for the invoker ITs'
     * setup.groovy); returns what tenant-conf.json each tenant stored, to compare with after the run.
     */
    public static Map<Integer, String> h2Registry(Path file) throws SQLException {
        java.util.Properties login = new java.util.Properties();
        login.setProperty("user", "wso2carbon");
        login.setProperty("password", "wso2carbon");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:" + file.toAbsolutePath(), login); Statement s = c.createStatement()) {
            for (String sql : io.github.apimupgrade.core.sql.StatementSplitter.split(io.github.apimupgrade.core.db.Dialect.H2,
                    TestDatabase.read("fixtures/registry-h2.sql"))) {
                s.execute(sql);
            }
            registryRows(c);
            Map<Integer, String> stored = stored(c);
            s.execute("SHUTDOWN");
            return stored;
        }
    }

    /** Rows only, on a connection whose database already has the REG_* tables. */
    public static void registryRows(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE UM_TENANT (UM_ID INTEGER NOT NULL, UM_DOMAIN_NAME VARCHAR(255) NOT NULL)");
            s.execute("CREATE TABLE UM_DOMAIN (UM_DOMAIN_ID INTEGER NOT NULL, UM_DOMAIN_NAME VARCHAR(255), UM_TENANT_ID INTEGER)");
            s.execute("CREATE TABLE UM_ROLE (UM_ID INTEGER NOT NULL, UM_ROLE_NAME VARCHAR(255) NOT NULL, UM_TENANT_ID INTEGER)");
            s.execute("CREATE TABLE UM_HYBRID_ROLE (UM_ID INTEGER NOT NULL, UM_ROLE_NAME VARCHAR(255), UM_TENANT_ID INTEGER)");
            s.execute("CREATE TABLE UM_PERMISSION (UM_ID INTEGER NOT NULL, UM_RESOURCE_ID VARCHAR(255) NOT NULL, "
                    + "UM_ACTION VARCHAR(255) NOT NULL, UM_TENANT_ID INTEGER)");
            s.execute("CREATE TABLE UM_ROLE_PERMISSION (UM_ID INTEGER NOT NULL, UM_PERMISSION_ID INTEGER NOT NULL, "
                    + "UM_ROLE_NAME VARCHAR(255) NOT NULL, UM_IS_ALLOWED SMALLINT NOT NULL, UM_TENANT_ID INTEGER, UM_DOMAIN_ID INTEGER)");
            s.execute("INSERT INTO UM_TENANT VALUES (1, 'wso2.com')");
            s.execute("INSERT INTO UM_TENANT VALUES (2, 'acme.org')");
            for (int t : new int[] {SUPER, WSO2, ACME}) {
                s.execute("INSERT INTO UM_DOMAIN VALUES (" + (t * 10 + 1) + ", 'PRIMARY', " + t + ")");
                s.execute("INSERT INTO UM_DOMAIN VALUES (" + (t * 10 + 2) + ", 'Internal', " + t + ")");
                s.execute("INSERT INTO UM_ROLE VALUES (" + (t * 10 + 1) + ", 'admin', " + t + ")");
                s.execute("INSERT INTO UM_HYBRID_ROLE VALUES (" + (t * 10 + 1) + ", 'creator', " + t + ")");
                s.execute("INSERT INTO UM_HYBRID_ROLE VALUES (" + (t * 10 + 2) + ", 'publisher', " + t + ")");
                s.execute("INSERT INTO UM_HYBRID_ROLE VALUES (" + (t * 10 + 3) + ", 'subscriber', " + t + ")");
                s.execute("INSERT INTO UM_PERMISSION VALUES (" + (t * 10 + 1) + ", '/permission/admin/manage/api/create', 'ui.execute', " + t + ")");
                s.execute("INSERT INTO UM_PERMISSION VALUES (" + (t * 10 + 2) + ", '/permission/admin/manage/api/subscribe', 'ui.execute', " + t + ")");
                s.execute("INSERT INTO UM_PERMISSION VALUES (" + (t * 10 + 3) + ", '/permission/admin/login', 'ui.execute', " + t + ")");
                s.execute("INSERT INTO UM_ROLE_PERMISSION VALUES (" + (t * 10 + 1) + ", " + (t * 10 + 1) + ", 'creator', 1, " + t + ", " + (t * 10 + 2) + ")");
            }
            // custom roles: carbon.super has api-team (create) and Internal/partners (subscribe); wso2.com has creators
            s.execute("INSERT INTO UM_ROLE VALUES (-9001, 'api-team', -1234)");
            s.execute("INSERT INTO UM_HYBRID_ROLE VALUES (-9002, 'partners', -1234)");
            s.execute("INSERT INTO UM_ROLE VALUES (9003, 'creators', 1)");
            s.execute("INSERT INTO UM_ROLE VALUES (9004, 'auditors', 1)");
            s.execute("INSERT INTO UM_ROLE_PERMISSION VALUES (-9001, -12339, 'api-team', 1, -1234, -12339)");
            s.execute("INSERT INTO UM_ROLE_PERMISSION VALUES (-9002, -12338, 'partners', 1, -1234, -12338)");
            s.execute("INSERT INTO UM_ROLE_PERMISSION VALUES (9003, 11, 'creators', 1, 1, 11)");
            s.execute("INSERT INTO UM_ROLE_PERMISSION VALUES (9004, 13, 'auditors', 1, 1, 11)");
            // acme.org (2) has only the default roles
        }
        tenantConfRows(c);
    }

    /** The three tenants' tenant-conf.json (REG_PATH 101-103, REG_CONTENT 201-203) and a decoy (199, 299), without user store tables. */
    public static void tenantConfRows(Connection c) throws SQLException {
        int path = 100;
        int content = 200;
        int version = 300;
        for (Object[] t : new Object[][] {{SUPER, "tenant-conf-super.json"}, {WSO2, "tenant-conf-wso2.json"}, {ACME, "tenant-conf-acme.json"}}) {
            int tenant = (Integer) t[0];
            path++;
            content++;
            version++;
            // a decoy: the same name under the governance path must not be touched
            insert(c, "INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (?, ?, NULL, ?)",
                    path, "/_system/config/apimgt/applicationdata", tenant);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO REG_CONTENT (REG_CONTENT_ID, REG_CONTENT_DATA, REG_TENANT_ID) VALUES (?, ?, ?)")) {
                ps.setInt(1, content);
                ps.setBytes(2, read("identity/" + t[1]).getBytes(StandardCharsets.UTF_8));
                ps.setInt(3, tenant);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO REG_RESOURCE (REG_PATH_ID, REG_NAME, REG_VERSION, REG_MEDIA_TYPE, "
                    + "REG_CREATOR, REG_CREATED_TIME, REG_LAST_UPDATOR, REG_LAST_UPDATED_TIME, REG_DESCRIPTION, REG_CONTENT_ID, "
                    + "REG_TENANT_ID, REG_UUID) VALUES (?, 'tenant-conf.json', ?, 'application/json', 'admin', ?, 'admin', ?, NULL, ?, ?, ?)")) {
                ps.setInt(1, path);
                ps.setInt(2, version);
                ps.setTimestamp(3, Timestamp.valueOf("2020-01-01 00:00:00"));
                ps.setTimestamp(4, Timestamp.valueOf("2020-01-01 00:00:00"));
                ps.setInt(5, content);
                ps.setInt(6, tenant);
                ps.setString(7, "uuid-conf-" + tenant);
                ps.executeUpdate();
            }
        }
        // a decoy: a tenant-conf.json under the governance path must not be read or written
        int decoyPath = existingPath(c, "/_system/governance/apimgt/applicationdata", SUPER);
        if (decoyPath == 0) {
            decoyPath = 199;
            insert(c, "INSERT INTO REG_PATH (REG_PATH_ID, REG_PATH_VALUE, REG_PATH_PARENT_ID, REG_TENANT_ID) VALUES (?, ?, NULL, ?)",
                    decoyPath, "/_system/governance/apimgt/applicationdata", SUPER);
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO REG_CONTENT (REG_CONTENT_ID, REG_CONTENT_DATA, REG_TENANT_ID) VALUES (299, ?, -1234)")) {
            ps.setBytes(1, "{\"decoy\":true}".getBytes(StandardCharsets.UTF_8));
            ps.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO REG_RESOURCE (REG_PATH_ID, REG_NAME, REG_VERSION, REG_MEDIA_TYPE, REG_CREATOR, REG_CREATED_TIME, "
                    + "REG_LAST_UPDATOR, REG_LAST_UPDATED_TIME, REG_DESCRIPTION, REG_CONTENT_ID, REG_TENANT_ID, REG_UUID) VALUES "
                    + "(" + decoyPath + ", 'tenant-conf.json', 399, 'application/json', 'admin', TIMESTAMP '2020-01-01 00:00:00', 'admin', "
                    + "TIMESTAMP '2020-01-01 00:00:00', NULL, 299, -1234, 'uuid-decoy')");
        }
    }

    /** The id of a registry path already there (a registry loaded with rows of its own holds it, and REG_PATH's value is unique per tenant), or 0. */
    private static int existingPath(Connection c, String value, int tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT REG_PATH_ID FROM REG_PATH WHERE REG_PATH_VALUE = ? AND REG_TENANT_ID = ?")) {
            ps.setString(1, value);
            ps.setInt(2, tenant);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        }
    }

    private static void insert(Connection c, String sql, int id, String value, int tenant) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, id);
            ps.setString(2, value);
            ps.setInt(3, tenant);
            ps.executeUpdate();
        }
    }

    /** The mapping the tests and ITs configure. */
    public static Map<String, String> mappingProperties() {
        return Map.of(
                "apim.roleMapping.api-team", "apim:api_view,apim:api_create",
                "apim.roleMapping.creators", "apim:api_view,apim:api_create,apim:api_publish",
                "apim.roleMapping.partners", "Internal/partners=apim:subscribe",
                "apim.roleMapping.ghost", "apim:admin");
    }

    /** The stored JSON by REG_CONTENT_ID: 201 carbon.super, 202 wso2.com, 203 acme.org, 299 the decoy. */
    public static Map<Integer, String> stored(Connection c) throws SQLException {
        Map<Integer, String> out = new TreeMap<>();
        try (Statement s = c.createStatement(); var rs = s.executeQuery(
                "SELECT REG_CONTENT_ID, REG_CONTENT_DATA FROM REG_CONTENT WHERE REG_CONTENT_ID IN (201, 202, 203, 299)")) {
            while (rs.next()) {
                out.put(rs.getInt(1), new String(rs.getBytes(2), StandardCharsets.UTF_8));
            }
        }
        return out;
    }
}
