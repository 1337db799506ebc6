package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.AtomicWrite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json} and a self-contained {@code report.html} in the work directory, rebuilt from
 * the run journal after every goal: each goal's steps and findings with status, detail and timing,
 * and the outcome of the last goal (succeeded, failed, or refused by check). No secrets: the
 * journal never holds any.
 */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";

    private ReportWriter() {
    }

    public static List<JournalEntry> readJournal(Path workDir) {
        Path file = workDir.resolve(Journal.FILE);
        List<JournalEntry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank()) {
                    out.add(JournalEntry.of(FlatJson.parse(line)));
                }
            }
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    public static void write(Path workDir, String env) {
        List<JournalEntry> entries = readJournal(workDir);
        Map<String, List<JournalEntry>> byGoal = new LinkedHashMap<>();
        for (JournalEntry e : entries) {
            byGoal.computeIfAbsent(e.goal(), g -> new ArrayList<>()).add(e);
        }
        String outcome = outcome(entries);
        AtomicWrite.text(workDir.resolve(JSON), json(env, outcome, byGoal) + "\n");
        AtomicWrite.text(workDir.resolve(HTML), html(env, outcome, byGoal));
    }

    /** The goals that only look: a later refused check or plan does not undo an upgrade that succeeded. */
    private static final List<String> VIEWS = List.of("check", "plan", "status");

    /**
     * succeeded, failed, refused or interrupted: the upgrade's outcome, from the last goal-level entry of a goal that
     * changes the deployment or verifies it; only when none has run, from the last goal that looked.
     */
    static String outcome(List<JournalEntry> entries) {
        boolean upgradeRan = entries.stream().anyMatch(e -> e.step().equals("(goal)") && !VIEWS.contains(e.goal()));
        for (int i = entries.size() - 1; i >= 0; i--) {
            JournalEntry e = entries.get(i);
            if (e.step().equals("(goal)") && !(upgradeRan && VIEWS.contains(e.goal()))) {
                return switch (e.status()) {
                    case "FAILED" -> "failed";
                    case "REFUSED" -> "refused";
                    case "STARTED" -> "interrupted";
                    default -> "succeeded";
                };
            }
        }
        return entries.isEmpty() ? "no goal has run" : "succeeded";
    }

    private static String json(String env, String outcome, Map<String, List<JournalEntry>> byGoal) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        root.put("env", env);
        root.put("outcome", outcome);
        List<Map<String, Object>> goals = new ArrayList<>();
        byGoal.forEach((goal, list) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("goal", goal);
            List<Map<String, Object>> steps = new ArrayList<>();
            for (JournalEntry e : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("time", e.time());
                m.put("step", e.step());
                m.put("status", e.status());
                m.put("detail", e.detail());
                m.put("durationMs", e.durationMs());
                steps.add(m);
            }
            g.put("entries", steps);
            goals.add(g);
        });
        root.put("goals", goals);
        return Json.object(root);
    }

    /** One run of one goal: the entries from its STARTED line to its closing line. */
    private record Section(String goal, String started, List<JournalEntry> entries) {
        String outcome() {
            JournalEntry last = entries.get(entries.size() - 1);
            return last.step().equals("(goal)") && !last.status().equals("STARTED") ? last.status() : "INTERRUPTED";
        }

        long millis() {
            JournalEntry last = entries.get(entries.size() - 1);
            return last.step().equals("(goal)") ? last.durationMs() : 0;
        }
    }

    private static List<Section> sections(Map<String, List<JournalEntry>> byGoal) {
        List<JournalEntry> all = new ArrayList<>();
        byGoal.values().forEach(all::addAll);
        all.sort(java.util.Comparator.comparing(JournalEntry::time));
        List<Section> out = new ArrayList<>();
        Map<String, Section> open = new LinkedHashMap<>();
        for (JournalEntry e : all) {
            Section current = open.get(e.goal());
            if (current == null || e.step().equals("(goal)") && e.status().equals("STARTED")) {
                current = new Section(e.goal(), e.time(), new ArrayList<>());
                open.put(e.goal(), current);
                out.add(current);
            }
            current.entries().add(e);
        }
        return out;
    }

    private static String html(String env, String outcome, Map<String, List<JournalEntry>> byGoal) {
        List<Section> sections = sections(byGoal);
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>WSO2 API-M 3.0.0 to 3.1.0 upgrade: ")
                .append(esc(env)).append("</title>\n<style>\n")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.6em}")
                .append("table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}")
                .append("th{background:#f3f3f3}.s{font-weight:bold;white-space:nowrap}.ok{color:#17692b}.warn{color:#8a5a00}.bad{color:#b00020}")
                .append(".outcome{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff}")
                .append(".o-succeeded{background:#17692b}.o-failed,.o-interrupted{background:#b00020}.o-refused{background:#8a5a00}")
                .append(".t{white-space:nowrap;color:#555}pre{margin:0;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9em}\n")
                .append("</style></head><body>\n")
                .append("<h1>WSO2 API-M 3.0.0 &rarr; 3.1.0 upgrade &mdash; environment <code>").append(esc(env)).append("</code></h1>\n")
                .append("<p>Outcome: <span id=\"outcome\" class=\"outcome o-").append(esc(outcome)).append("\">").append(esc(outcome))
                .append("</span> &middot; generated ").append(esc(seconds(Instant.now().toString()))).append("</p>\n");
        sb.append("<h2>Runs</h2>\n<table id=\"runs\"><thead><tr><th>started</th><th>goal</th><th>outcome</th><th>ms</th></tr></thead><tbody>\n");
        int n = 0;
        for (Section sec : sections) {
            n++;
            sb.append("<tr><td class=\"t\">").append(esc(seconds(sec.started()))).append("</td><td><a href=\"#run-").append(n).append("\">")
                    .append(esc(sec.goal())).append("</a></td><td class=\"s ").append(css(sec.outcome())).append("\">")
                    .append(esc(sec.outcome())).append("</td><td>").append(sec.millis()).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        n = 0;
        for (Section sec : sections) {
            n++;
            sb.append("<h2 id=\"run-").append(n).append("\">").append(esc(sec.goal())).append(" <span class=\"t\">")
                    .append(esc(seconds(sec.started()))).append("</span></h2>\n<table><thead><tr>")
                    .append("<th>time</th><th>step</th><th>status</th><th>detail</th><th>ms</th></tr></thead><tbody>\n");
            for (JournalEntry e : sec.entries()) {
                sb.append("<tr class=\"step\"><td class=\"t\">").append(esc(clock(e.time()))).append("</td><td>").append(esc(e.step()))
                        .append("</td><td class=\"s ").append(css(e.status())).append("\">").append(esc(e.status()))
                        .append("</td><td><pre>").append(esc(e.detail())).append("</pre></td><td>").append(e.durationMs())
                        .append("</td></tr>\n");
            }
            sb.append("</tbody></table>\n");
        }
        return sb.append("</body></html>\n").toString();
    }

    /** 2026-11-25T14:28:20.948374594Z -> 14:28:20. */
    /** 2026-12-04T20:36:41.123456789Z as 2026-12-04 20:36:41 UTC. */
    private static String seconds(String time) {
        return time.length() >= 19 && time.charAt(10) == 'T' ? time.substring(0, 10) + " " + time.substring(11, 19) + " UTC" : time;
    }

    private static String clock(String time) {
        int t = time.indexOf('T');
        return t > 0 && time.length() >= t + 9 ? time.substring(t + 1, t + 9) : time;
    }

    private static String css(String status) {
        return switch (status) {
            case "APPLIED", "PASS", "PASSED", "SUCCEEDED", "SAME", "ALREADY_DONE", "EXPLAINED" -> "ok";
            case "WARN", "NOT_APPLICABLE", "STARTED" -> "warn";
            case "FAILED", "FAIL", "REFUSED", "UNEXPLAINED", "BLOCKED", "INTERRUPTED" -> "bad";
            default -> "";
        };
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
