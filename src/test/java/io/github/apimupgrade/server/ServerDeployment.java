package io.github.apimupgrade.server;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.Credentials;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * An upgraded 3.1.0 node for the server tests: the example 3.1.0 home with WSO2AM_DB (the 3.1.0
 * schema with the fixtures' three APIs, one per tenant) and the registry in its embedded H2 files,
 * {@code [indexing] re_indexing = 1}, optionally the tenant loader in dropins, and the stand-in
 * server as its {@code bin/wso2server.sh}.
 */
public final class ServerDeployment {
    /** What any server start writes into its home: logs, pid file, index, tmp, the embedded databases' files. */
    private static final List<String> RUNTIME = List.of("repository/logs/", "wso2carbon.pid", "solr/", "tmp/", "repository/database/");

    private ServerDeployment() {
    }

    public static Path home(Path root, boolean tenantLoader, Map<String, String> standIn) throws Exception {
        ExampleHomes.build(root);
        Path home = root.resolve(ExampleHomes.NEW);
        Files.writeString(home.resolve("repository/conf/deployment.toml"), ExampleHomes.NEW_TOML + "\n[indexing]\nre_indexing = 1\n");
        // the server reads AM_API; the 3.0.0 scope rows do not fit 3.1.0's IDN_OAUTH2_SCOPE (SCOPE_TYPE NOT NULL, which the
        // identity migration fills), so they are left out of this already upgraded database
        h2(home.resolve("repository/database/WSO2AM_DB"), List.of("fixtures/am-3.1.0-h2.sql", "fixtures/am-3.0.0-rows.sql"));
        h2(home.resolve("repository/database/WSO2SHARED_DB"), List.of("fixtures/registry-h2.sql", "fixtures/registry-rows.sql"));
        if (tenantLoader) {
            tenantLoader(home.resolve("repository/components/dropins/tenantloader-1.0.jar"));
        }
        StandIns.apim(home, standIn);
        return home;
    }

    /**
     * A node before apim:reindex: no {@code [indexing]} table yet, the old {@code solr} index in the
     * home, no tenant loader; the loader jar waits in {@code <root>/downloads}.
     */
    public static Path beforeReindex(Path root, Map<String, String> standIn) throws Exception {
        Path home = home(root, false, standIn);
        Files.writeString(home.resolve("repository/conf/deployment.toml"), ExampleHomes.NEW_TOML);
        Files.createDirectories(home.resolve("solr/data/index"));
        Files.writeString(home.resolve("solr/data/index/segments_1"), "the index 3.1.0 built before the registry was migrated\n");
        tenantLoader(root.resolve("downloads/tenantloader-1.0.jar"));
        return home;
    }

    static void h2(Path file, List<String> fixtures) throws SQLException, IOException {
        for (String ext : List.of(".mv.db", ".h2.db", ".trace.db")) {
            Files.deleteIfExists(file.resolveSibling(file.getFileName() + ext));
        }
        Properties login = new Properties();
        login.setProperty("user", "wso2carbon");
        login.setProperty("password", "wso2carbon");
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:" + file.toAbsolutePath(), login); Statement s = c.createStatement()) {
            for (String f : fixtures) {
                for (String sql : StatementSplitter.split(Dialect.H2, TestDatabase.read(f))) {
                    if (!sql.startsWith("INSERT INTO IDN_")) {
                        s.execute(sql);
                    }
                }
            }
        }
    }

    public static void tenantLoader(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new ZipEntry("META-INF/MANIFEST.MF"));
            out.write("Manifest-Version: 1.0\nBundle-SymbolicName: tenantloader (test stand-in)\n".getBytes());
            out.closeEntry();
        }
    }

    /** A run against the home with the tenant admins' server ids, and a work directory beside it. */
    public static TestRun run(Path root, Path home, int offset) {
        return new TestRun(root).set("apim.newHome", home.toString()).set("apim.workDir", root.resolve("work").toString())
                .set("apim.env", "test").set("apim.server.offset", Integer.toString(offset))
                .set("apim.start.adminServerId", "admin").set("apim.start.adminServerId.wso2.com", "admin@wso2.com")
                .set("apim.start.adminServerId.acme.org", "admin@acme.org")
                .set("apim.start.timeoutSeconds", "60").set("apim.start.indexTimeoutSeconds", "30").set("apim.progress.intervalSeconds", "5");
    }

    /** settings.xml as the tests have it: each server id is the admin's user name. */
    public static CredentialSource credentials() {
        return id -> Optional.ofNullable(StandIns.USERS.get(id)).map(pw -> new Credentials(id, Secret.of(pw)));
    }

    /** The home's files by SHA-256, without what any server start writes. */
    public static Map<String, String> files(Path home) {
        Map<String, String> out = new TreeMap<>(Checksums.tree(home));
        out.keySet().removeIf(k -> RUNTIME.stream().anyMatch(k::startsWith));
        return out;
    }
}
