package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.report.JournalEntry;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.settings.SettingsResolver;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Homes built from the files a WSO2 pack ships ({@code packs/} of the reference): each new home starts from
 * the pristine 3.1.0 deployment.toml or profile template of its node role and the 3.1.0 Synapse defaults, each
 * old home from the 3.0.0 file of the same role edited as an operator would, with the 3.0.0 Synapse defaults.
 */
@EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
class PackHomesConformanceTest {
    private static final String CONF = "modules/distribution/product/src/main/conf/";
    private static final String TEMPLATES = "modules/distribution/product/src/main/resources/conf/deployment-templates/";

    @TempDir
    Path root;

    private static Path pack(String version) {
        return ConformanceTest.referenceDir().resolve("packs/product-apim/v" + version);
    }

    private static Path packToml(String version, String template) {
        return template.isEmpty() ? pack(version).resolve(CONF + "deployment.toml") : pack(version).resolve(TEMPLATES + template);
    }

    private Path home(String which) {
        return root.resolve(which.equals("old") ? ExampleHomes.OLD : ExampleHomes.NEW);
    }

    /** The pack's Synapse defaults in place of the example's, plus one file the operator changed in 3.0.0. */
    private void synapseFromPacks() throws IOException {
        for (String v : List.of("3.0.0", "3.1.0")) {
            Path target = home(v.equals("3.0.0") ? "old" : "new").resolve(ExampleHomes.SYN);
            Path source = pack(v).resolve(CONF + "synapse-configs/default");
            try (Stream<Path> files = Files.walk(source)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    Path t = target.resolve(source.relativize(f).toString());
                    Files.createDirectories(t.getParent());
                    Files.copy(f, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path main = home("old").resolve(ExampleHomes.SYN + "sequences/main.xml");
        Files.writeString(main, Files.readString(main).replace("</sequence>", "<!-- an operator's change --></sequence>"));
    }

    private TestRun run(String role) {
        return new TestRun(root).set("apim.oldHome", home("old").toString()).set("apim.newHome", home("new").toString())
                .set("apim.workDir", root.resolve("work").toString()).set("apim.nodeRole", role);
    }

    /**
     * Every database block a node's 3.1.0 file uses points at the operator's database after migrate-config: no
     * template placeholder host is left, the operator's options are kept, the file parses with a second TOML parser.
     * An untouched excluded Synapse default is skipped quietly; the customised main.xml is reported for review;
     * the 3.1.0 pack's own files stay where 3.1.0 changed them.
     */
    @ParameterizedTest
    @CsvSource({"all-in-one,", "publisher,api-publisher.toml", "devportal,api-devportal.toml", "key-manager,api-key-manager.toml",
            "gateway,gateway-worker.toml", "traffic-manager,traffic-manager.toml"})
    void everyDatasourceOfThePackFilePointsAtTheOperatorsDatabase(String role, String template) throws Exception {
        String tpl = template == null ? "" : template;
        ExampleHomes.build(root);
        synapseFromPacks();
        String oldText = Files.readString(packToml("3.0.0", tpl));
        // as an operator edits the 3.0.0 file: the real database servers, a URL with parameters on the all-in-one node
        oldText = oldText.replace("\"apim.mysql\"", "\"am-db.prod.internal\"").replace("\"shared_db.mysql\"", "\"reg-db.prod.internal\"")
                .replace("password = \"apimuser\"", "password = \"Am-Pa55\"").replace("password = \"shareduser\"", "password = \"Reg-Pa55\"");
        if (tpl.isEmpty()) {
            oldText = oldText.replace("url = \"jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE\"",
                            "url = \"jdbc:mysql://am-db.prod.internal:3306/apim_prod?useSSL=false&amp;autoReconnect=true\"")
                    .replace("url = \"jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE\"",
                            "url = \"jdbc:mysql://reg-db.prod.internal:3306/reg_prod?useSSL=false&amp;autoReconnect=true\"")
                    .replaceFirst("type = \"h2\"", "type = \"mysql\"").replaceFirst("type = \"h2\"", "type = \"mysql\"");
        }
        Files.writeString(home("old").resolve("repository/conf/deployment.toml"), oldText);
        Path newToml = home("new").resolve("repository/conf/deployment.toml");
        Files.writeString(newToml, Files.readString(packToml("3.1.0", tpl)));
        String main310 = Files.readString(home("new").resolve(ExampleHomes.SYN + "sequences/main.xml"));
        String wss310 = Files.readString(home("new").resolve(ExampleHomes.SYN + "inbound-endpoints/SecureWebSocketInboundEndpoint.xml"));

        TestRun r = run(role);
        r.run(c -> new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), getClass().getClassLoader()).run());

        String written = Files.readString(newToml);
        JsonNode databases = new TomlMapper().readTree(written).path("database");
        Set<String> blocks = new TreeSet<>();
        Iterator<String> names = databases.propertyNames().iterator();
        names.forEachRemaining(blocks::add);
        Set<String> expected = new TreeSet<>(Set.of("shared_db", "local"));
        if (!role.equals("gateway") && !role.equals("traffic-manager")) {
            expected.add("apim_db");
        }
        expected.retainAll(blocks);
        assertTrue(blocks.containsAll(expected), blocks.toString());
        for (String b : List.of("apim_db", "shared_db")) {
            if (!blocks.contains(b)) {
                continue;
            }
            JsonNode block = databases.path(b);
            String host = b.equals("apim_db") ? "am-db.prod.internal" : "reg-db.prod.internal";
            String where = block.has("url") ? block.path("url").asString() : block.path("hostname").asString();
            assertTrue(where.contains(host), role + " [database." + b + "] does not point at the operator's database: " + block);
            assertEquals("mysql", block.path("type").asString());
            assertFalse(block.has("url") && block.has("hostname"), "stale keys beside each other: " + block);
        }
        assertFalse(written.contains(".mysql\""), role + ": a template placeholder host is left:\n" + written);
        if (tpl.isEmpty()) {
            assertTrue(written.contains("?useSSL=false&amp;autoReconnect=true"), "the URL must keep &amp;:\n" + written);
        }

        if (role.equals("all-in-one") || role.equals("gateway")) {
            String report = Files.readString(root.resolve("work").resolve(MigrateConfigGoal.REPORT));
            for (String quiet : List.of("api/_RevokeAPI_.xml", "sequences/_cors_request_handler_.xml", "proxy-services/WorkflowCallbackService.xml")) {
                assertFalse(report.contains("REVIEW  " + ExampleHomes.SYN + quiet), quiet + " is WSO2's own default, not customised:\n" + report);
            }
            assertTrue(report.contains("REVIEW  " + ExampleHomes.SYN + "sequences/main.xml"), report);
            assertEquals(main310, Files.readString(home("new").resolve(ExampleHomes.SYN + "sequences/main.xml")));
            assertEquals(wss310, Files.readString(home("new").resolve(ExampleHomes.SYN + "inbound-endpoints/SecureWebSocketInboundEndpoint.xml")),
                    "the untouched 3.0.0 default must not replace the file 3.1.0 changed");
        }
    }

    /**
     * The 3.1.0 pack ships fresh embedded databases of its own. With them in the new home, plan and the dry run
     * read the 3.0.0 databases of the old home and show the steps, in the states, that the real run then takes.
     */
    @Test
    void planAndDryRunShowWhatTheRunThenDoes() throws Exception {
        Path ref = ConformanceTest.referenceDir();
        ExampleHomes.build(root);
        Files.writeString(home("old").resolve("repository/conf/deployment.toml"), Files.readString(packToml("3.0.0", "")));
        Files.writeString(home("new").resolve("repository/conf/deployment.toml"), Files.readString(packToml("3.1.0", "")));
        Files.copy(pack("3.0.0").resolve(CONF + "registry.xml"), home("old").resolve("repository/conf/registry.xml"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        h2(home("old").resolve("repository/database"), "WSO2AM_DB", ref.resolve("apimgt-3.0.0/h2.sql"));
        h2(home("old").resolve("repository/database"), "WSO2SHARED_DB", ref.resolve("carbon-kernel-4.5.1/h2.sql"));
        h2(home("new").resolve("repository/database"), "WSO2AM_DB", ref.resolve("apimgt-3.1.0/h2.sql"));
        h2(home("new").resolve("repository/database"), "WSO2SHARED_DB", ref.resolve("carbon-kernel-4.6.0/h2.sql"));

        Map<String, String> planned = new TreeMap<>();
        TestRun plan = run("all-in-one").h2Home(SettingsResolver.H2Home.NEW_OR_OLD);
        plan.run(c -> {
            new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), getClass().getClassLoader()).plan()
                    .forEach(p -> planned.put("migrate-config/" + p.step().id(), label(p.probe().status())));
            new MigrateDbGoal(c).plan().forEach(p -> planned.put("migrate-db/" + p.step().id(), label(p.probe().status())));
        });
        Map<String, String> dryRun = new TreeMap<>();
        run("all-in-one").set("apim.dryRun", "true").run(c -> {
            new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), getClass().getClassLoader()).plan()
                    .forEach(p -> dryRun.put("migrate-config/" + p.step().id(), label(p.probe().status())));
            new MigrateDbGoal(c).plan().forEach(p -> dryRun.put("migrate-db/" + p.step().id(), label(p.probe().status())));
        });
        assertEquals(planned, dryRun, "plan and the dry run disagree");
        assertEquals("TO DO", planned.get("migrate-config/h2-databases"), planned.toString());
        assertTrue(planned.entrySet().stream().anyMatch(e -> e.getKey().startsWith("migrate-db/am-") && e.getValue().equals("TO DO")),
                "plan must read the old home's 3.0.0 WSO2AM_DB, not the pack's fresh 3.1.0 one: " + planned);

        run("all-in-one").run(c -> new MigrateConfigGoal(c, JdbcDrivers.ArtifactResolver.none(), getClass().getClassLoader()).run());
        run("all-in-one").run(c -> new MigrateDbGoal(c).run());
        Set<String> applied = new TreeSet<>();
        for (JournalEntry e : ReportWriter.readJournal(root.resolve("work"))) {
            if (e.status().equals("APPLIED")) {
                applied.add(e.goal() + "/" + e.step());
            }
        }
        Set<String> toDo = new TreeSet<>();
        planned.forEach((step, state) -> {
            if (state.equals("TO DO")) {
                toDo.add(step);
            }
        });
        assertEquals(toDo, applied, "the run did other steps than the plan showed");
    }

    private static String label(Probe.Status s) {
        return switch (s) {
            case APPLICABLE -> "TO DO";
            case ALREADY_DONE -> "DONE";
            case NOT_APPLICABLE -> "NOT APPLICABLE";
            case BLOCKED -> "BLOCKED";
        };
    }

    /** An H2 1.4.199 file at {@code dir/name} loaded with one of WSO2's real scripts. */
    private static void h2(Path dir, String name, Path script) throws Exception {
        for (String ext : List.of(".mv.db", ".h2.db", ".trace.db")) {
            Files.deleteIfExists(dir.resolve(name + ext));
        }
        TestDatabase db = TestDatabase.atH2File(dir.resolve(name));
        ConformanceTest.loadReal(db, script);
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }
}
