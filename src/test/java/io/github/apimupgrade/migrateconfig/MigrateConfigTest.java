package io.github.apimupgrade.migrateconfig;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.config.LineDiff;
import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.migrateconfig.ConfigState;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tomlj.Toml;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.apimupgrade.migrateconfig.ExampleHomes.NEW;
import static io.github.apimupgrade.migrateconfig.ExampleHomes.OLD;
import static io.github.apimupgrade.migrateconfig.ExampleHomes.SYN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** migrate-config on example homes: trees per node role, re-runs, conflicts, bad input, secrets. */
class MigrateConfigTest {
    static final String PASSWORD = "Pg-Secret-7731!";

    @TempDir
    Path root;
    Path defaults;

    @BeforeEach
    void homes() throws Exception {
        ExampleHomes.build(root);
        // The 3.0.0 defaults of the excluded Synapse files of these example homes.
        defaults = root.resolve("defaults.sha256");
        Files.writeString(defaults, Checksums.sha256(ExampleHomes.revoke("3.0.0")) + "  api/_RevokeAPI_.xml\n"
                + Checksums.sha256(ExampleHomes.cors("3.0.0")) + "  sequences/_cors_request_handler_.xml\n"
                + Checksums.sha256("<proxy name=\"WorkflowCallbackService\" version=\"3.0.0\"/>\n")
                + "  proxy-services/WorkflowCallbackService.xml\n");
    }

    TestRun run(String role) {
        return new TestRun(root)
                .set("apim.oldHome", root.resolve(OLD).toString())
                .set("apim.newHome", root.resolve(NEW).toString())
                .set("apim.workDir", root.resolve("work").toString())
                .set("apim.nodeRole", role)
                .set("apim.config.synapseDefaults", defaults.toString())
                .set("apim.db.apim.url", "jdbc:postgresql://db.example:5432/am_db")
                .set("apim.db.apim.username", "apim_it_bad")
                .set("apim.db.apim.password", PASSWORD);
    }

    static void migrate(TestRun r) {
        r.run(c -> new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), MigrateConfigTest.class.getClassLoader()).run());
    }

    Path newHome() {
        return root.resolve(NEW);
    }

    String toml() throws Exception {
        return Files.readString(newHome().resolve("repository/conf/deployment.toml"));
    }

    Map<String, String> driverEntry() throws Exception {
        Path jar = JdbcDrivers.onClassPath("org.postgresql.Driver", getClass().getClassLoader()).orElseThrow();
        return Map.of("repository/components/lib/" + jar.getFileName(), Checksums.sha256(jar));
    }

    @ParameterizedTest
    @ValueSource(strings = {"all-in-one", "gateway", "traffic-manager"})
    void newHomeEqualsTheExpectedTreeAndASecondRunChangesNothing(String role) throws Exception {
        Map<String, String> before = Checksums.tree(newHome());
        TestRun first = run(role);
        migrate(first);
        Map<String, String> expected = ExampleHomes.expected(root, before, role, ExampleHomes.EXPECTED_TOML_PG, driverEntry());
        assertEquals(List.of(), ExampleHomes.compare(expected, Checksums.tree(newHome())), first.logText());

        // The excluded files keep their 3.1.0 content (already part of the tree comparison; stated here too).
        assertEquals(ExampleHomes.revoke("3.1.0"), Files.readString(newHome().resolve(SYN + "api/_RevokeAPI_.xml")));
        assertFalse(Files.exists(newHome().resolve("repository/tenants/2/synapse-configs/default/sequences/_cors_request_handler_.xml")));
        if (!role.equals("traffic-manager")) {
            assertTrue(first.logText().contains("REVIEW " + SYN + "sequences/main.xml"), first.logText());
            String report = Files.readString(root.resolve("work").resolve(MigrateConfigGoal.REPORT));
            assertTrue(report.contains("+<sequence name=\"main\"><!-- 3.1.0 --></sequence>"), report);
            assertTrue(report.contains("3.0.0-tenant-2-customised"), report);
        } else {
            assertTrue(first.logText().contains("synapse-super-tenant") && first.logText().contains("not done on a traffic-manager node"));
        }

        String firstReport = Files.readString(root.resolve("work").resolve(MigrateConfigGoal.REPORT));
        TestRun second = run(role);
        migrate(second);
        assertTrue(second.logText().contains("migrate-config: nothing to do, every step is already done."), second.logText());
        assertEquals(firstReport, Files.readString(root.resolve("work").resolve(MigrateConfigGoal.REPORT)),
                "the report of the run that changed the home is kept by a run that changed nothing");
        assertEquals(List.of(), ExampleHomes.compare(expected, Checksums.tree(newHome())));
        assertNoPassword(first.logText() + second.logText());
    }

    void assertNoPassword(String log) throws Exception {
        String everything = log + Files.readString(root.resolve("work").resolve(MigrateConfigGoal.REPORT))
                + (Files.exists(root.resolve("work/state/default.json")) ? Files.readString(root.resolve("work/state/default.json")) : "")
                + (Files.exists(root.resolve("work/journal.jsonl")) ? Files.readString(root.resolve("work/journal.jsonl")) : "");
        for (String secret : List.of(PASSWORD, "old-toml-password", "partner-pass")) {
            assertFalse(everything.contains(secret), "a password leaked: " + secret);
        }
    }

    @Test
    void everyUnchangedLineOfTheOriginalStaysInOrder() throws Exception {
        migrate(run("all-in-one"));
        List<String> diff = LineDiff.diff(List.of(ExampleHomes.NEW_TOML.split("\n", -1)), List.of(toml().split("\n", -1)));
        List<String> removed = diff.stream().filter(l -> l.startsWith("-")).toList();
        assertEquals(List.of("-type = \"database_unique_id\"", "-type = \"h2\"",
                "-url = \"jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE\"",
                "-username = \"wso2carbon\"", "-password = \"wso2carbon\""), removed);
        assertFalse(Toml.parse(toml()).hasErrors());
        assertEquals(ExampleHomes.NEW_TOML, Files.readString(newHome().resolve("repository/conf/deployment.toml.apim-orig")));
    }

    @Test
    void aHandEditedKeyIsAConflictNotOverwritten() throws Exception {
        migrate(run("all-in-one"));
        String edited = toml().replace("jdbc:postgresql://db.example:5432/am_db", "jdbc:postgresql://db-replica:5432/am_db");
        Files.writeString(newHome().resolve("repository/conf/deployment.toml"), edited);
        TestRun again = run("all-in-one");
        migrate(again);
        assertEquals(edited, toml());
        assertTrue(again.logText().contains("CONFLICT deployment.toml [database.apim_db] url was changed by hand"), again.logText());
        assertTrue(again.logText().contains("nothing to do"), again.logText());

        // A hand edit of a copied file is a conflict too.
        Path api = newHome().resolve(SYN + "api/admin--PizzaShackAPI_v1.0.0.xml");
        Files.writeString(api, "<api name=\"edited on the 3.1.0 node\"/>\n");
        TestRun third = run("all-in-one").set("apim.config.overwriteHandEdits", "true");
        migrate(third);
        assertTrue(third.logText().contains("CONFLICT " + SYN + "api/admin--PizzaShackAPI_v1.0.0.xml"), third.logText());
        assertEquals("<api name=\"edited on the 3.1.0 node\"/>\n", Files.readString(api));
        assertTrue(toml().contains("url = \"jdbc:postgresql://db.example:5432/am_db\""), "overwriteHandEdits restores the TOML key");
    }

    @Test
    void dryRunShowsTheDiffAndTheFileOperationsAndChangesNothing() throws Exception {
        Map<String, String> before = Checksums.tree(root.resolve(NEW));
        TestRun r = run("gateway").set("apim.dryRun", "true");
        migrate(r);
        assertEquals(before, Checksums.tree(root.resolve(NEW)));
        String log = r.logText();
        for (String s : List.of("+type = \"postgre\"", "+password = \"$secret{apim_db_password}\"", "-password = \"******\"",
                "copy    " + SYN + "sequences/custom_in_seq.xml", "replace " + SYN + "sequences/fault.xml",
                "skip    " + SYN + "api/_RevokeAPI_.xml", "execution-plans", "not done on a gateway node",
                "Dry run (apim.dryRun=true): nothing was changed.")) {
            assertTrue(log.contains(s), "log lacks " + s + "\n" + log);
        }
        assertFalse(log.contains("wso2carbon\"") && log.contains("-password = \"wso2carbon\""));
        assertNoPassword(log);
    }

    @Test
    void plainPasswordsOnlyWhenAskedAndNeverInTheLog() throws Exception {
        TestRun r = run("all-in-one").set("apim.config.passwords", "plain");
        migrate(r);
        assertEquals(PASSWORD, Toml.parse(toml()).getString("database.apim_db.password"));
        assertNoPassword(r.logText());
    }

    /** A password inside the URL is written to deployment.toml (WSO2 reads it there) but to no file of the work directory. */
    @Test
    void aPasswordInsideTheUrlReachesNoFileOfTheWorkDirectory() throws Exception {
        String url = "jdbc:postgresql://db.example:5432/am_db?sslmode=require&password=UrlPw-9137";
        TestRun r = run("all-in-one").set("apim.db.apim.url", url);
        migrate(r);
        // encoded as WSO2 expects: deployment.toml values are rendered into XML unescaped
        assertEquals(url.replace("&", "&amp;"), Toml.parse(toml()).getString("database.apim_db.url"));
        StringBuilder work = new StringBuilder(r.logText());
        try (var files = Files.walk(root.resolve("work"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                work.append(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        assertFalse(work.toString().contains("UrlPw-9137"), "the URL's password leaked into the log or the work directory");
        assertTrue(work.toString().contains("pbkdf2:"), "the URL is recorded as a PBKDF2 fingerprint");
        TestRun again = run("all-in-one").set("apim.db.apim.url", url);
        migrate(again);
        assertTrue(again.logText().contains("migrate-config: nothing to do"), again.logText());
    }

    /** State an earlier plugin version recorded (passwords as salted SHA-256) is still recognised: no false conflict. */
    @Test
    void fingerprintsOfEarlierVersionsStillMatch() throws Exception {
        TestRun r = run("all-in-one");
        r.run(c -> {
            ConfigState state = ConfigState.load(c.settings());
            state.save();
            ConfigState loaded = ConfigState.load(c.settings());
            String salt = io.github.apimupgrade.core.state.DeploymentState.of(c.settings()).read(ConfigState.SECTION).get("salt");
            String legacy = "sha256:" + Checksums.sha256(salt + "String:" + PASSWORD);
            assertTrue(loaded.matches(java.util.Optional.of(legacy), PASSWORD, true));
            assertFalse(loaded.matches(java.util.Optional.of(legacy), "another", true));
            assertTrue(loaded.fingerprint(PASSWORD, true).startsWith("pbkdf2:"));
            assertFalse(loaded.fingerprint(PASSWORD, true).contains(PASSWORD));
            assertTrue(loaded.matches(java.util.Optional.of(loaded.fingerprint(PASSWORD, true)), PASSWORD, true));
        });
    }

    @Test
    void brokenTomlMissingHomeAndBadKeystoreStopBeforeAnythingIsWritten() throws Exception {
        Files.writeString(newHome().resolve("repository/conf/deployment.toml"), ExampleHomes.NEW_TOML + "\n[server\nx = ");
        Map<String, String> before = Checksums.tree(root);
        ApimUserException e = assertThrows(ApimUserException.class, () -> migrate(run("all-in-one")));
        assertTrue(e.getMessage().contains("is not valid TOML") && e.getMessage().contains("nothing was changed"), e.getMessage());
        assertEquals(before, Checksums.tree(root));

        ExampleHomes.build(root);
        before = Checksums.tree(root);
        e = assertThrows(ApimUserException.class, () -> migrate(run("all-in-one").set("apim.newHome", root.resolve("nowhere").toString())));
        assertTrue(e.getMessage().contains("apim.newHome"), e.getMessage());
        Path notAHome = Files.createDirectories(root.resolve("wso2am-3.1.0-unpacked-elsewhere/bin"));
        e = assertThrows(ApimUserException.class, () -> migrate(run("all-in-one").set("apim.newHome", notAHome.toString())));
        assertTrue(e.getMessage().contains("does not look like a WSO2 API-M 3.1.0 home"), e.getMessage());
        e = assertThrows(ApimUserException.class, () -> migrate(run("all-in-one").set("apim.newHome", root.resolve(OLD + "/bin").toString())));
        assertTrue(e.getMessage().contains("must be two separate folders"), e.getMessage());

        e = assertThrows(ApimUserException.class, () -> migrate(run("all-in-one").set("apim.keystore.primary.password", "not-the-password")));
        assertTrue(e.getMessage().contains("Cannot open the keystore") && e.getMessage().contains("wso2carbon.jks")
                && e.getMessage().contains("'apim.keystore.primary.password'"), e.getMessage());
        assertFalse(e.getMessage().contains("not-the-password"));

        Files.writeString(root.resolve(OLD).resolve("repository/resources/security/partner-mtls.jks"), "not a keystore");
        before = Checksums.tree(root);
        e = assertThrows(ApimUserException.class, () -> migrate(run("all-in-one")));
        assertTrue(e.getMessage().contains("partner-mtls.jks"), e.getMessage());
        assertEquals(before, Checksums.tree(root));
    }

    @Test
    void secureVaultInTheOldHomeStopsWithGuidance() throws Exception {
        ExampleHomes.write(root.resolve(OLD), "repository/conf/security/cipher-text.properties", "apim_db_password=c2VjcmV0\n");
        Map<String, String> before = Checksums.tree(root);
        ApimUserException e = assertThrows(ApimUserException.class, () -> migrate(run("all-in-one")));
        assertTrue(e.getMessage().contains("ciphertool.sh -Dconfigure") && e.getMessage().contains("secure-vault"), e.getMessage());
        assertEquals(before, Checksums.tree(root));
        // Once ciphertool has run on the new home, the run goes on.
        ExampleHomes.write(root.resolve(NEW), "repository/conf/security/cipher-text.properties", "apim_db_password=bmV3\n");
        migrate(run("all-in-one"));
    }

    @Test
    void keepingRegistryVersioningWritesTheKeys310ReadsAndWarns() throws Exception {
        assertThrows(ApimUserException.class, () -> migrate(run("all-in-one").set("apim.registry.keepVersioning", "true")));
        TestRun r = run("all-in-one").set("apim.registry.keepVersioning", "true").set("apim.registry.disableVersioning", "false");
        migrate(r);
        var t = Toml.parse(toml());
        for (String k : List.of("properties", "comments", "tags", "ratings")) {
            assertEquals(Boolean.TRUE, t.getBoolean("static_configuration.versioning_" + k + ".enable"));
        }
        assertFalse(toml().contains("[registry.static_configuration]"));
        assertTrue(r.logText().contains("WARN Registry versioning stays ON"), r.logText());
    }

    @Test
    void userDatabaseAnalyticsAndCustomKeystoresWriteTheirSections() throws Exception {
        TestRun r = run("all-in-one")
                .set("apim.db.user.url", "jdbc:postgresql://db.example:5432/um_db").set("apim.db.user.username", "um")
                .set("apim.db.user.password", PASSWORD)
                .set("apim.db.analytics.url", "jdbc:postgresql://db.example:5432/stats").set("apim.db.analytics.username", "s")
                .set("apim.keystore.truststore.file_name", "partner-mtls.jks").set("apim.keystore.truststore.password", "partner-pass")
                .set("apim.userStore.type", "database_unique_id");
        migrate(r);
        var t = Toml.parse(toml());
        assertEquals("WSO2USER_DB", t.getString("realm_manager.data_source"));
        assertEquals("$secret{user_password}", t.getString("database.user.password"));
        assertEquals(Boolean.TRUE, t.getBoolean("apim.analytics.enable"));
        assertEquals("partner-mtls.jks", t.getString("truststore.file_name"));
        assertEquals("$secret{truststore_keystore_password}", t.getString("truststore.password"));
        assertEquals("database_unique_id", t.getString("user_store.type"));
        assertTrue(r.logText().contains("truststore_keystore_password") && r.logText().contains("ciphertool.sh -Dconfigure"), r.logText());
        assertNoPassword(r.logText());
    }

    @Test
    void driverFromMavenCoordinates() throws Exception {
        Path fake = root.resolve("repo/org/postgresql/postgresql/42.7.8/postgresql-42.7.8.jar");
        Files.createDirectories(fake.getParent());
        Files.copy(JdbcDrivers.onClassPath("org.postgresql.Driver", getClass().getClassLoader()).orElseThrow(), fake);
        TestRun r = run("all-in-one").set("apim.jdbcDriver", "org.postgresql:postgresql:42.7.8");
        r.run(c -> new MigrateConfigGoal(c, coords -> {
            assertEquals("org.postgresql:postgresql:42.7.8", coords);
            return fake;
        }, ClassLoader.getPlatformClassLoader()).run());
        assertTrue(Files.exists(newHome().resolve("repository/components/lib/postgresql-42.7.8.jar")));

        ExampleHomes.build(root);
        ApimUserException e = assertThrows(ApimUserException.class, () -> run("all-in-one")
                .run(c -> new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), ClassLoader.getPlatformClassLoader()).run()));
        assertTrue(e.getMessage().contains("apim.jdbcDriver") && e.getMessage().contains("org.postgresql.Driver"), e.getMessage());
    }
}
