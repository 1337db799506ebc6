package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.amdb.AmDbSteps;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.run.Outcome;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.JournalEntry;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The journal and the report a release manager attaches to the change ticket, rendered by a real browser. */
class ReportTest {
    private static final List<String> LIFECYCLE = List.of("backup", "migrate-config", "migrate-db", "migrate-identity",
            "migrate-analytics", "reindex");

    @TempDir
    Path tmp;

    private Path work;

    private List<JournalEntry> runUpgrade() throws Exception {
        work = tmp.resolve("work");
        Path dbscripts = Files.createDirectories(tmp.resolve("new/dbscripts/apimgt"));
        Files.writeString(dbscripts.resolve("h2.sql"), TestDatabase.read("fixtures/am-3.1.0-h2.sql"));
        Files.writeString(dbscripts.getParent().resolve("h2.sql"), TestDatabase.read("fixtures/registry-h2.sql"));
        try (TestDatabase db = TestDatabase.create(Kind.H2, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql")
                .loadFixture("registry").load("fixtures/registry-rows.sql")) {
            TestRun run = new TestRun(tmp).database("apim", db).database("shared", db).set("apim.env", "staging <eu>")
                    .set("apim.newHome", tmp.resolve("new").toString()).set("apim.workDir", work.toString())
                    .set("apim.registry.disableVersioning", "true").set("apim.verify.acceptIdentityNotMigrated", "true");
            Journal journal = new Journal(work, "staging <eu>", "r1", "all-in-one");
            journal.record("migrate-db", "(goal)", "STARTED", "", 0);
            run.run(ctx -> new MigrateDbGoal(ctx).run());
            journal.record("migrate-db", "(goal)", "SUCCEEDED", "", 5);
            journal.record("verify", "(goal)", "STARTED", "", 0);
            run.run(ctx -> new VerifyGoal(ctx).run());
            journal.record("verify", "(goal)", "SUCCEEDED", "", 5);
        }
        ReportWriter.write(work, "staging <eu>", LIFECYCLE);
        return ReportWriter.readJournal(work);
    }

    @Test
    void journalAndReportHoldEveryStepAndNoSecret() throws Exception {
        List<JournalEntry> entries = runUpgrade();
        Set<String> steps = new HashSet<>();
        entries.forEach(e -> steps.add(e.step()));
        assertTrue(steps.containsAll(List.of("am-api-categories", "certificate-metadata-widen", "disable-registry-versioning", "schema")), steps.toString());
        String json = Files.readString(work.resolve(ReportWriter.JSON));
        assertTrue(json.contains("\"outcome\":\"succeeded\""), json);
        String html = Files.readString(work.resolve(ReportWriter.HTML));
        assertTrue(html.contains("staging &lt;eu&gt;") && !html.contains("staging <eu>"), "escaped");
        for (String step : steps) {
            assertTrue(html.contains(step.replace("<", "&lt;")), step);
        }
        assertFalse(json.contains("wso2carbon") || html.contains("wso2carbon"), "no password (the H2 fixture's is wso2carbon)");
    }

    @Test
    void outcomeSaysRefusedOrFailedOrInterrupted() throws Exception {
        Path w = tmp.resolve("w");
        Journal j = new Journal(w, "dev", "r1", "all-in-one");
        j.record("check", "(goal)", "STARTED", "", 0);
        j.record("check", "(goal)", "REFUSED", "Refused by check: 1 FAIL", 3);
        ReportWriter.write(w, "dev", LIFECYCLE);
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"refused\""));
        j.record("migrate-db", "(goal)", "STARTED", "", 0);
        ReportWriter.write(w, "dev", LIFECYCLE);
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"interrupted\""));
        j.record("migrate-db", "(goal)", "FAILED", "boom", 3);
        ReportWriter.write(w, "dev", LIFECYCLE);
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"failed\""));
    }

    /** A check refused after the upgrade (say, the next day, because the 3.0.0 home is gone) does not turn it into "refused". */
    @Test
    void aLaterRefusedCheckLeavesTheUpgradesOutcome() throws Exception {
        Path w = tmp.resolve("w");
        Journal j = new Journal(w, "dev", "r1", "all-in-one");
        j.record("migrate-db", "(goal)", "STARTED", "", 0);
        j.record("migrate-db", "(goal)", "SUCCEEDED", "", 3);
        j.record("verify", "(goal)", "STARTED", "", 0);
        j.record("verify", "(goal)", "SUCCEEDED", "", 3);
        j.record("check", "(goal)", "STARTED", "", 0);
        j.record("check", "(goal)", "REFUSED", "Refused by check: 1 FAIL", 3);
        ReportWriter.write(w, "dev", LIFECYCLE);
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"succeeded\""));
        String html = Files.readString(w.resolve(ReportWriter.HTML));
        assertFalse(html.matches("(?s).*\\d\\d:\\d\\d:\\d\\d\\.\\d+.*"), "times are shown to the second");
    }

    /** Each mvn invocation is its own section with its own outcome; each environment has its own view and summary. */
    @Test
    void eachInvocationIsItsOwnSectionAndEachEnvironmentItsOwnView() throws Exception {
        Path w = tmp.resolve("w");
        Journal upgrade = new Journal(w, "dev", "r1", "all-in-one");
        for (String goal : LIFECYCLE) {
            upgrade.record(goal, Journal.GOAL, "STARTED", "", 0);
            if (goal.equals("migrate-db")) {
                upgrade.recordStep(goal, AmDbSteps.all().get(0), "APPLIED", "AM_API_CATEGORIES exists", 12,
                        List.of(PlannedAction.sql("WSO2AM_DB (H2)", "CREATE TABLE AM_API_CATEGORIES (UUID VARCHAR(50))")));
            }
            upgrade.record(goal, Journal.GOAL, "SUCCEEDED", "", 20);
        }
        Journal later = new Journal(w, "dev", "r2", "all-in-one");
        later.record("check", Journal.GOAL, "STARTED", "", 0);
        later.record("check", Journal.GOAL, "REFUSED", "Refused by check: 1 FAIL", 3);
        Journal other = new Journal(w, "prod", "r3", "gateway");
        other.record("backup", Journal.GOAL, "STARTED", "", 0);
        other.record("backup", Journal.GOAL, "SUCCEEDED", "", 3);
        ReportWriter.write(w, "dev", LIFECYCLE);

        JsonNode report = JsonMapper.builder().build().readTree(w.resolve(ReportWriter.JSON).toFile());
        assertEquals("succeeded", report.get("outcome").asString(), "the upgrade's outcome, not the later check's");
        JsonNode dev = report.get("environments").get(0);
        assertEquals("dev", dev.get("env").asString());
        assertEquals(List.of("SUCCEEDED", "REFUSED"), dev.get("runs").valueStream().map(r -> r.get("outcome").asString()).toList());
        assertEquals(List.of("r1", "r2"), dev.get("runs").valueStream().map(r -> r.get("run").asString()).toList());
        assertEquals(6, dev.get("runs").get(0).get("goals").size(), "one invocation ran the six goals");
        assertTrue(dev.get("summary").get("changed").get(0).asString()
                .endsWith("migrate-db / am-api-categories: Create AM_API_CATEGORIES (AM_API_CATEGORIES exists)"), dev.toString());
        assertTrue(dev.get("summary").get("failed").get(0).asString().contains("check: refused: Refused by check: 1 FAIL"), dev.toString());
        assertEquals(0, dev.get("summary").get("byHand").size(), dev.toString());
        JsonNode prod = report.get("environments").get(1);
        assertEquals("prod", prod.get("env").asString());
        assertEquals("gateway", prod.get("runs").get(0).get("node").asString());
        assertTrue(prod.get("summary").get("byHand").valueStream().anyMatch(n -> n.asString().equals("migrate-db: not run yet")),
                prod.toString());
        String html = Files.readString(w.resolve(ReportWriter.HTML));
        assertTrue(html.contains("CREATE TABLE AM_API_CATEGORIES"), "the SQL a step ran is in the report");
        assertTrue(html.contains("id=\"env-1\""), "the second environment has its own view");
    }

    /** A goal skipped by a flag is in the journal and on the report's list of what is left to do. */
    @Test
    void aSkippedGoalIsLeftToDo() throws Exception {
        Path w = tmp.resolve("work");
        TestRun run = new TestRun(tmp).set("apim.workDir", w.toString()).set("apim.migrate-identity.skip", "true");
        assertEquals(Outcome.SKIPPED, run.execute("migrate-identity").outcome(), run.logText());
        JsonNode report = JsonMapper.builder().build().readTree(w.resolve(ReportWriter.JSON).toFile());
        assertTrue(report.get("environments").get(0).get("summary").get("byHand").valueStream()
                .anyMatch(n -> n.asString().startsWith("migrate-identity: not done, skipped. Skipping apim:migrate-identity (apim.migrate-identity.skip is true)")), report.toString());
    }

    /**
     * The real lifecycle on the embedded example, one mvn invocation, then a check refused the next day (the 3.0.0
     * server was started again): the report still says the upgrade succeeded, and headless Chromium shows the summary,
     * the SQL and the TOML diffs, each laid out with a size, and the outcome's badge (amber: succeeded, with the reindex server run left to do) in the screenshot.
     */
    @Test
    void reportOfARealLifecycleRendersInHeadlessChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium) || Boolean.getBoolean("apim.test.requireChromium"),
                "headless Chromium (Debian package chromium) is needed; .ci/run installs it");
        LifecycleFixtures.homes(tmp);
        try (DeploymentLayout d = DeploymentLayout.create(DeploymentLayout.Layout.EMBEDDED, Kind.H2, null, tmp)) {
            String key = "upgrade-" + UUID.randomUUID();
            for (String goal : LIFECYCLE) {
                TestRun run = new TestRun(tmp);
                LifecycleFixtures.pomProperties(tmp).forEach(run::set);
                assertEquals(Outcome.SUCCEEDED, run.execute(goal, key, LIFECYCLE).outcome(), goal + ":\n" + run.logText());
            }
            Path pidFile = tmp.resolve(ExampleHomes.OLD).resolve("wso2carbon.pid");
            Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
            TestRun check = new TestRun(tmp);
            LifecycleFixtures.pomProperties(tmp).forEach(check::set);
            assertEquals(Outcome.REFUSED, check.execute("check").outcome(), check.logText());
            Files.delete(pidFile);
        }
        Path work = tmp.resolve(".apim-upgrade");
        JsonNode report = JsonMapper.builder().build().readTree(work.resolve(ReportWriter.JSON).toFile());
        assertEquals("succeeded", report.get("outcome").asString());
        assertEquals(List.of("SUCCEEDED", "REFUSED"), report.get("environments").get(0).get("runs").valueStream()
                .map(r -> r.get("outcome").asString()).toList(), "the lifecycle's invocation, then the check's");
        // left to the operator: the reindex server run (runbook Step 2.6.5) and the customised Synapse files 3.1.0 changed
        List<String> left = report.get("environments").get(0).get("summary").get("byHand").valueStream().map(JsonNode::asString).toList();
        assertTrue(left.stream().anyMatch(s -> s.startsWith("reindex: the registry index is not rebuilt yet: start the 3.1.0 server once")),
                left.toString());
        assertTrue(left.stream().anyMatch(s -> s.startsWith("migrate-config: REVIEW repository/deployment/server/synapse-configs/default/"
                + "sequences/main.xml: customised in 3.0.0, but 3.1.0 changed this file")), left.toString());

        // the report as the browser lays it out: a script added to a copy measures what is shown
        Path page = tmp.resolve("report-measured.html");
        Files.writeString(page, Files.readString(work.resolve(ReportWriter.HTML)).replace("</body>", """
                <script>
                const shown = s => [...document.querySelectorAll(s)].filter(e => e.getBoundingClientRect().height > 0
                    && getComputedStyle(e).visibility === 'visible' && getComputedStyle(e).display !== 'none');
                const out = document.createElement('pre');
                out.id = 'measured';
                out.textContent = ['#summary', '#summary ul.changed li', 'pre.sql', 'pre.diff', 'pre.diff .hunk', 'ul.files li', '#outcome']
                    .map(s => s + '=' + shown(s).length).join('|')
                    + '|sql-text=' + shown('pre.sql').some(e => /CREATE TABLE (IF NOT EXISTS )?AM_API_CATEGORIES/.test(e.textContent))
                    + '|diff-text=' + shown('pre.diff .hunk').some(e => /@@ line \\d+ \\[[a-z_.]+\\] @@/.test(e.textContent));
                document.body.appendChild(out);
                </script></body>"""));
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1280,1600");
        Process dom = new ProcessBuilder(concat(chromium.toString(), flags, "--dump-dom", page.toUri().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String rendered = new String(dom.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dom.waitFor(120, TimeUnit.SECONDS));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<pre id=\"measured\">([^<]*)</pre>").matcher(rendered);
        assertTrue(m.find(), "the measuring script ran:\n" + rendered);
        Map<String, String> measured = new java.util.HashMap<>();
        for (String pair : m.group(1).split("\\|")) {
            measured.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
        }
        assertEquals("1", measured.get("#summary"), m.group(1));
        assertEquals("1", measured.get("#outcome"), m.group(1));
        assertTrue(rendered.contains(">succeeded, " + left.size() + " left to do</span>"), "the outcome badge says what is left");
        assertTrue(Integer.parseInt(measured.get("#summary ul.changed li")) >= 10, "the summary lists what changed: " + m.group(1));
        assertTrue(Integer.parseInt(measured.get("pre.sql")) >= 1, m.group(1));
        assertTrue(Integer.parseInt(measured.get("pre.diff")) >= 1, m.group(1));
        assertTrue(Integer.parseInt(measured.get("ul.files li")) >= 1, m.group(1));
        assertEquals("true", measured.get("sql-text"), "the SQL migrate-db ran is shown: " + m.group(1));
        assertEquals("true", measured.get("diff-text"), "the TOML diff names its table and line: " + m.group(1));

        Path png = tmp.resolve("report.png");
        Process shot = new ProcessBuilder(concat(chromium.toString(), flags, "--screenshot=" + png, work.resolve(ReportWriter.HTML).toUri().toString()))
                .redirectErrorStream(true).start();
        shot.getInputStream().readAllBytes();
        assertTrue(shot.waitFor(120, TimeUnit.SECONDS));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        int amber = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y) & 0xffffff;
                colours.add(rgb);
                if (y < 200 && rgb == 0x8a5a00) {
                    amber++;
                }
            }
        }
        assertTrue(colours.size() > 20, "the screenshot shows a rendered page, not a blank one: " + colours.size() + " colours");
        assertTrue(amber > 100, "the outcome badge at the top is amber (succeeded, with work left to do): " + amber + " pixels");
    }

    private static List<String> concat(String first, List<String> middle, String... last) {
        List<String> out = new java.util.ArrayList<>();
        out.add(first);
        out.addAll(middle);
        out.addAll(List.of(last));
        return out;
    }
}
