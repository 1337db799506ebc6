package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.identity.IdentityFixtures;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.DeploymentSnapshot;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** setup.groovy of the older ITs: {@code kind} is h2 (layout a), postgresql or mariadb (layout b). */
    public static void setup(Path basedir, String kind) throws Exception {
        setup(basedir, kind.equals("h2") ? "a" : "b", kind.equals("h2") ? "H2" : kind.equals("postgresql") ? "POSTGRESQL"
                : "MARIADB_VIA_MYSQL_DRIVER", null);
    }

    /**
     * setup.groovy of a layout IT: the homes, the databases of layout {@code letter} (a to e, see DeploymentLayout) on
     * {@code kind} (and {@code other} for layout d), named only in the old deployment.toml. Databases an earlier
     * failed run of the same IT left behind are dropped first.
     */
    public static DeploymentLayout setup(Path basedir, String letter, String kind, String other) throws Exception {
        homes(basedir);
        Path pending = pending(basedir);
        DeploymentLayout.forget(pending);
        DeploymentLayout layout = DeploymentLayout.create(DeploymentLayout.Layout.of(letter), Kind.valueOf(kind),
                other == null ? null : Kind.valueOf(other), basedir);
        layout.remember(pending);
        Files.writeString(basedir.resolve("it-db.properties"), "# the databases are named in the old home's deployment.toml only\n");
        Files.writeString(basedir.resolve("layout.txt"), layout.toString());
        return layout;
    }

    /** What the lifecycle ITs' poms set: the homes and the identity migration's and reindex's inputs. */
    public static Map<String, String> pomProperties(Path basedir) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("apim.oldHome", basedir.resolve(ExampleHomes.OLD).toString());
        p.put("apim.newHome", basedir.resolve(ExampleHomes.NEW).toString());
        p.put("apim.workDir", basedir.resolve(".apim-upgrade").toString());
        p.put("apim.identity.resources", basedir.resolve("downloads/wso2is-migration-9.9.1").toString());
        p.put("apim.identity.run", "true");
        p.put("apim.identity.timeoutMinutes", "2");
        p.put("apim.reindex.tenantLoader", basedir.resolve("downloads/tenantloader-1.0.jar").toString());
        return p;
    }

    /** Both homes' files and every table of the layout's databases, to prove by checksum that a goal changed nothing. */
    public static DeploymentSnapshot snapshot(Path basedir, DeploymentLayout d) throws Exception {
        DeploymentSnapshot s = new DeploymentSnapshot()
                .files("old", basedir.resolve(ExampleHomes.OLD)).files("new", basedir.resolve(ExampleHomes.NEW));
        for (Map.Entry<String, TestDatabase> db : d.databases().entrySet()) {
            s.database(db.getKey(), db.getValue(), List.of());
        }
        return s;
    }

    /** The homes of a lifecycle deployment, without databases (versioning on, dbscripts, identity resources, tenant loader). */
    public static void homes(Path basedir) throws Exception {
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
        Files.writeString(nu.resolve("bin/wso2server.sh"), IdentityFixtures.serverScript("success"));
        nu.resolve("bin/wso2server.sh").toFile().setExecutable(true);
        IdentityFixtures.resourcesWithWso2Scripts(basedir.resolve("downloads"));
        tenantLoader(basedir.resolve("downloads/tenantloader-1.0.jar"));
    }

    /** Where an IT keeps the names of its scratch databases (beside the cloned ITs, which the invoker wipes). */
    private static Path pending(Path basedir) {
        return basedir.toAbsolutePath().getParent().getParent().resolve("it-databases").resolve(basedir.getFileName() + ".properties");
    }

    /**
     * verify.groovy of the lifecycle ITs: every phase ran in order, twice; the second run changed nothing; verify
     * found nothing unexplained; the report says succeeded. Then drops the scratch databases and adds a line to
     * {@code target/layouts/}, which .ci/run prints as the layout x dialect table.
     */
    public static void verifyLifecycle(Path basedir) throws Exception {
        String log = Files.readString(basedir.resolve("build.log"));
        int at = -1;
        for (String g : List.of("check", "backup", "migrate-config", "migrate-db", "migrate-identity", "migrate-analytics", "reindex", "verify")) {
            int i = log.indexOf(":" + g + " (default-" + g + ")", at + 1);
            if (i <= at) {
                throw new AssertionError("apim:" + g + " did not run after the previous phase");
            }
            at = i;
        }
        int second = log.indexOf(":check (default-check)", at);
        if (second < 0) {
            throw new AssertionError("the lifecycle did not run twice");
        }
        String rerun = log.substring(second);
        for (String done : List.of("migrate-config: nothing to do", "migrate-db: nothing to do", "reindex: nothing to do")) {
            if (!rerun.contains(done)) {
                throw new AssertionError("the second run did work: no '" + done + "'");
            }
        }
        java.util.regex.Matcher verify = java.util.regex.Pattern.compile("verify: .*?(\\d+) unexplained").matcher(rerun);
        if (!verify.find() || !verify.group(1).equals("0")) {
            throw new AssertionError("verify found unexplained differences");
        }
        Path work = basedir.resolve(".apim-upgrade");
        if (!Files.readString(work.resolve("report.json")).contains("\"outcome\":\"succeeded\"")) {
            throw new AssertionError("report.json does not say succeeded");
        }
        if (!Files.readString(basedir.resolve(ExampleHomes.NEW).resolve("repository/conf/deployment.toml")).contains("re_indexing")) {
            throw new AssertionError("the new deployment.toml has no re_indexing");
        }
        DeploymentLayout.forget(pending(basedir));
        Path line = basedir.toAbsolutePath().getParent().getParent().resolve("layouts").resolve(basedir.getFileName() + ".txt");
        Files.createDirectories(line.getParent());
        Files.writeString(line, Files.readString(basedir.resolve("layout.txt")) + " | lifecycle twice, second run changed nothing, verify 0 unexplained\n");
    }

    /** verify.groovy of server ITs: drops the scratch databases the IT created. */
    public static void dropServerDatabase(Path basedir, String kind) throws Exception {
        DeploymentLayout.forget(pending(basedir));
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
