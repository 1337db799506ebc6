package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.JournalEntry;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The journal and the report a release manager attaches to the change ticket, rendered by a real browser. */
class ReportTest {
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
                    .set("apim.registry.disableVersioning", "true");
            Journal journal = new Journal(work, "staging <eu>");
            journal.record("migrate-db", "(goal)", "STARTED", "", 0);
            run.run(ctx -> new MigrateDbGoal(ctx).run());
            journal.record("migrate-db", "(goal)", "SUCCEEDED", "", 5);
            journal.record("verify", "(goal)", "STARTED", "", 0);
            run.run(ctx -> new VerifyGoal(ctx).run());
            journal.record("verify", "(goal)", "SUCCEEDED", "", 5);
        }
        ReportWriter.write(work, "staging <eu>");
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
        Journal j = new Journal(w, "dev");
        j.record("check", "(goal)", "STARTED", "", 0);
        j.record("check", "(goal)", "REFUSED", "Refused by check: 1 FAIL", 3);
        ReportWriter.write(w, "dev");
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"refused\""));
        j.record("migrate-db", "(goal)", "STARTED", "", 0);
        ReportWriter.write(w, "dev");
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"interrupted\""));
        j.record("migrate-db", "(goal)", "FAILED", "boom", 3);
        ReportWriter.write(w, "dev");
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"failed\""));
    }

    /** A check refused after the upgrade (say, the next day, because the 3.0.0 home is gone) does not turn it into "refused". */
    @Test
    void aLaterRefusedCheckLeavesTheUpgradesOutcome() throws Exception {
        Path w = tmp.resolve("w");
        Journal j = new Journal(w, "dev");
        j.record("migrate-db", "(goal)", "STARTED", "", 0);
        j.record("migrate-db", "(goal)", "SUCCEEDED", "", 3);
        j.record("verify", "(goal)", "STARTED", "", 0);
        j.record("verify", "(goal)", "SUCCEEDED", "", 3);
        j.record("check", "(goal)", "STARTED", "", 0);
        j.record("check", "(goal)", "REFUSED", "Refused by check: 1 FAIL", 3);
        ReportWriter.write(w, "dev");
        assertTrue(Files.readString(w.resolve(ReportWriter.JSON)).contains("\"outcome\":\"succeeded\""));
        String html = Files.readString(w.resolve(ReportWriter.HTML));
        assertFalse(html.matches("(?s).*\\d\\d:\\d\\d:\\d\\d\\.\\d+.*"), "times are shown to the second");
    }

    @Test
    void reportRendersInHeadlessChromium() throws Exception {
        Path chromium = Path.of("/usr/bin/chromium");
        assumeTrue(Files.isExecutable(chromium) || Boolean.getBoolean("apim.test.requireChromium"),
                "headless Chromium (Debian package chromium) is needed; .ci/run installs it");
        List<JournalEntry> entries = runUpgrade();
        Path html = work.resolve(ReportWriter.HTML);
        Path png = tmp.resolve("report.png");
        List<String> flags = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + tmp.resolve("profile"), "--window-size=1280,1600");
        Process dom = new ProcessBuilder(concat(chromium.toString(), flags, "--dump-dom", html.toUri().toString()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String rendered = new String(dom.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(dom.waitFor(120, TimeUnit.SECONDS));
        assertTrue(rendered.contains("id=\"outcome\""), rendered);
        long rows = rendered.split("class=\"step\"", -1).length - 1;
        assertEquals(entries.size(), rows, "every journal entry is a rendered row");

        Process shot = new ProcessBuilder(concat(chromium.toString(), flags, "--screenshot=" + png, html.toUri().toString()))
                .redirectErrorStream(true).start();
        shot.getInputStream().readAllBytes();
        assertTrue(shot.waitFor(120, TimeUnit.SECONDS));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 7) {
            for (int x = 0; x < image.getWidth(); x += 7) {
                colours.add(image.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 20, "the screenshot shows a rendered page, not a blank one: " + colours.size() + " colours");
    }

    private static List<String> concat(String first, List<String> middle, String... last) {
        List<String> out = new java.util.ArrayList<>();
        out.add(first);
        out.addAll(middle);
        out.addAll(List.of(last));
        return out;
    }
}
