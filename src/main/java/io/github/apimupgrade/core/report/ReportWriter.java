package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.AtomicWrite;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.apimupgrade.core.report.ReportModel.seconds;

/**
 * {@code report.json} and a self-contained {@code report.html} in the work directory, rebuilt from the run journal after
 * every goal: the change-ticket document. Per environment (the current one first): the upgrade's outcome, a summary
 * (what changed, what is left to do by hand, what failed, what verify found), then one section per mvn invocation with
 * who ran it where, when, its outcome, and each goal's steps with the SQL, TOML diffs and file operations they ran.
 * No secrets: the journal never holds any.
 */
public final class ReportWriter {
    public static final String JSON = "report.json";
    public static final String HTML = "report.html";
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

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
                    out.add(JournalEntry.of(MAPPER.readTree(line)));
                }
            }
        } catch (IOException | JacksonException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** {@code lifecycle}: the goals an upgrade runs, so that one not run or skipped is listed as left to do. */
    public static void write(Path workDir, String env, List<String> lifecycle) {
        List<ReportModel.Environment> envs = ReportModel.of(readJournal(workDir), env, lifecycle);
        String generated = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        AtomicWrite.text(workDir.resolve(JSON), json(envs, generated) + "\n");
        AtomicWrite.text(workDir.resolve(HTML), html(envs, generated));
    }

    private static String json(List<ReportModel.Environment> envs, String generated) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("generated", generated);
        root.put("env", envs.get(0).env());
        root.put("outcome", envs.get(0).outcome());
        List<Map<String, Object>> environments = new ArrayList<>();
        for (ReportModel.Environment e : envs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("env", e.env());
            m.put("outcome", e.outcome());
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("changed", e.summary().changed());
            summary.put("byHand", e.summary().byHand());
            summary.put("failed", e.summary().failed());
            summary.put("verified", e.summary().verified());
            m.put("summary", summary);
            List<Map<String, Object>> runs = new ArrayList<>();
            for (ReportModel.Run r : e.runs()) {
                Map<String, Object> run = new LinkedHashMap<>();
                run.put("run", r.id());
                run.put("node", r.first().node());
                run.put("user", r.first().user());
                run.put("host", r.first().host());
                run.put("started", r.first().time());
                run.put("ended", r.ended());
                run.put("outcome", r.outcome());
                List<Map<String, Object>> goals = new ArrayList<>();
                for (ReportModel.GoalRun g : r.goals()) {
                    Map<String, Object> goal = new LinkedHashMap<>();
                    goal.put("goal", g.goal());
                    goal.put("outcome", g.outcome());
                    goal.put("entries", g.entries().stream().map(ReportWriter::entry).toList());
                    goals.add(goal);
                }
                run.put("goals", goals);
                runs.add(run);
            }
            m.put("runs", runs);
            environments.add(m);
        }
        root.put("environments", environments);
        return Json.object(root);
    }

    private static Map<String, Object> entry(JournalEntry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", e.time());
        m.put("step", e.step());
        if (!e.summary().isEmpty()) {
            m.put("summary", e.summary());
        }
        m.put("status", e.status());
        m.put("detail", e.detail());
        m.put("durationMs", e.durationMs());
        if (!e.actions().isEmpty()) {
            m.put("actions", e.actions().stream().map(a -> {
                Map<String, Object> action = new LinkedHashMap<>();
                action.put("kind", a.kind());
                action.put("target", a.target());
                action.put("text", a.text());
                return action;
            }).toList());
        }
        return m;
    }

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}h1{font-size:1.4em}"
            + "h2{font-size:1.2em;margin-top:2em;border-bottom:2px solid #ddd}h3{font-size:1.05em;margin-top:1.6em}h4{margin:1em 0 .3em}"
            + "table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
            + "th{background:#f3f3f3}.s{font-weight:bold;white-space:nowrap}.ok{color:#17692b}.warn{color:#8a5a00}.bad{color:#b00020}.quiet{color:#666}.summ{font-weight:600}"
            + ".outcome{display:inline-block;padding:2px 10px;border-radius:4px;color:#fff}"
            + ".o-succeeded{background:#17692b}.o-failed,.o-interrupted{background:#b00020}.o-refused{background:#8a5a00}"
            + ".o-no-upgrade-goal-has-run{background:#666}.o-left{background:#8a5a00}.t{white-space:nowrap;color:#555}"
            + "pre{margin:0;white-space:pre-wrap;font-family:ui-monospace,monospace;font-size:.9em}"
            + ".summary{background:#f7f7f2;border:1px solid #ddd;padding:.6em 1.2em}.summary h3{margin-top:.6em}"
            + "pre.sql,pre.diff,ul.files{background:#f6f8fa;border:1px solid #e1e4e8;padding:6px;margin:4px 0}"
            + ".add{color:#17692b}.del{color:#b00020}.hunk{color:#555;font-weight:bold}.meta{color:#555}";

    private static String html(List<ReportModel.Environment> envs, String generated) {
        ReportModel.Environment current = envs.get(0);
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>WSO2 API-M 3.0.0 to 3.1.0 upgrade: ")
                .append(esc(current.env())).append("</title>\n<style>\n").append(STYLE).append("\n</style></head><body>\n")
                .append("<h1>WSO2 API-M 3.0.0 &rarr; 3.1.0 upgrade &mdash; environment <code>").append(esc(current.env()))
                .append("</code></h1>\n<p>Outcome: ").append(badge("outcome", current))
                .append(" &middot; generated ").append(esc(seconds(generated))).append("</p>\n");
        if (envs.size() > 1) {
            sb.append("<p id=\"environments\">Environments in this work directory: ");
            for (int i = 0; i < envs.size(); i++) {
                sb.append(i == 0 ? "" : " &middot; ").append("<a href=\"#env-").append(i).append("\">").append(esc(envs.get(i).env()))
                        .append("</a> ").append(badge(null, envs.get(i)));
            }
            sb.append("</p>\n");
        }
        for (int i = 0; i < envs.size(); i++) {
            environment(sb, envs.get(i), i);
        }
        return sb.append("</body></html>\n").toString();
    }

    private static void environment(StringBuilder sb, ReportModel.Environment env, int index) {
        sb.append("<section class=\"env\" id=\"env-").append(index).append("\">\n");
        if (index > 0) {
            sb.append("<h2>Environment <code>").append(esc(env.env())).append("</code> ").append(badge(null, env)).append("</h2>\n");
        }
        ReportModel.Summary s = env.summary();
        sb.append("<div class=\"summary\"").append(index == 0 ? " id=\"summary\"" : "").append(">\n");
        list(sb, "changed", "What changed (" + s.changed().size() + " step(s) applied)", s.changed(), "nothing yet");
        list(sb, "by-hand", "Left to do", s.byHand(), "nothing");
        list(sb, "failed", "What failed (and was not run again successfully)", s.failed(), "nothing");
        list(sb, "verified", "What the last verify found", s.verified(), "verify has not run");
        sb.append("</div>\n");
        sb.append("<h3>Runs (one per mvn invocation)</h3>\n<table class=\"runs\"><thead><tr><th>run</th><th>started</th><th>ended</th>")
                .append("<th>node</th><th>who</th><th>goals</th><th>outcome</th></tr></thead><tbody>\n");
        for (ReportModel.Run r : env.runs()) {
            sb.append("<tr><td><a href=\"#").append(anchor(index, r)).append("\">").append(esc(r.id())).append("</a></td><td class=\"t\">")
                    .append(esc(seconds(r.first().time()))).append("</td><td class=\"t\">").append(esc(seconds(r.ended())))
                    .append("</td><td>").append(esc(r.first().node())).append("</td><td>").append(esc(who(r))).append("</td><td>")
                    .append(esc(String.join(", ", r.goals().stream().map(ReportModel.GoalRun::goal).toList())))
                    .append("</td><td class=\"s ").append(css(r.outcome())).append("\">").append(esc(r.outcome())).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
        for (ReportModel.Run r : env.runs()) {
            sb.append("<section class=\"run\" id=\"").append(anchor(index, r)).append("\">\n<h3>Run ").append(esc(r.id()))
                    .append(" <span class=\"t\">").append(esc(seconds(r.first().time()))).append(" &ndash; ").append(esc(seconds(r.ended())))
                    .append(", ").append(esc(r.first().node())).append(" node, ").append(esc(who(r))).append("</span> <span class=\"s ")
                    .append(css(r.outcome())).append("\">").append(esc(r.outcome())).append("</span></h3>\n");
            for (ReportModel.GoalRun g : r.goals()) {
                goal(sb, g);
            }
            sb.append("</section>\n");
        }
        sb.append("</section>\n");
    }

    private static void goal(StringBuilder sb, ReportModel.GoalRun g) {
        sb.append("<h4>apim:").append(esc(g.goal())).append(" <span class=\"s ").append(css(g.outcome())).append("\">")
                .append(esc(g.outcome())).append("</span></h4>\n<table><thead><tr>")
                .append("<th>time</th><th>step</th><th>status</th><th>detail</th><th>ms</th></tr></thead><tbody>\n");
        for (JournalEntry e : g.entries()) {
            sb.append("<tr class=\"step\"><td class=\"t\">").append(esc(clock(e.time()))).append("</td><td>").append(esc(e.step()))
                    .append("</td><td class=\"s ").append(css(e.status())).append("\">").append(esc(e.status()))
                    .append("</td><td>").append(e.summary().isEmpty() ? "" : "<div class=\"summ\">" + esc(e.summary()) + "</div>")
                    .append("<pre>").append(esc(e.detail())).append("</pre>");
            actions(sb, e.actions());
            sb.append("</td><td>").append(e.durationMs()).append("</td></tr>\n");
        }
        sb.append("</tbody></table>\n");
    }

    /** The SQL per database, the TOML diffs with their hunks marked, and the file operations of one step. */
    private static void actions(StringBuilder sb, List<JournalEntry.Action> actions) {
        Map<String, List<String>> sql = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (JournalEntry.Action a : actions) {
            switch (a.kind()) {
                case "SQL" -> sql.computeIfAbsent(a.target(), k -> new ArrayList<>()).add(a.text().strip() + ";");
                case "TOML" -> {
                    sb.append("<pre class=\"diff\"><span class=\"meta\">--- ").append(esc(a.target())).append("</span>\n");
                    for (String line : a.text().split("\n")) {
                        String cls = line.startsWith("@@") ? "hunk" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "";
                        sb.append(cls.isEmpty() ? esc(line) : "<span class=\"" + cls + "\">" + esc(line) + "</span>").append('\n');
                    }
                    sb.append("</pre>");
                }
                default -> files.add(a.text());
            }
        }
        sql.forEach((db, statements) -> sb.append("<pre class=\"sql\"><span class=\"meta\">-- ").append(esc(db)).append("</span>\n")
                .append(esc(String.join("\n", statements))).append("</pre>"));
        if (!files.isEmpty()) {
            sb.append("<ul class=\"files\">");
            files.forEach(f -> sb.append("<li><code>").append(esc(f)).append("</code></li>"));
            sb.append("</ul>");
        }
    }

    private static void list(StringBuilder sb, String id, String title, List<String> items, String none) {
        sb.append("<h3>").append(esc(title)).append("</h3>\n<ul class=\"").append(id).append("\">");
        if (items.isEmpty()) {
            sb.append("<li class=\"none\">").append(esc(none)).append("</li>");
        }
        items.forEach(i -> sb.append("<li><pre>").append(esc(i)).append("</pre></li>"));
        sb.append("</ul>\n");
    }

    /** The outcome; a succeeded upgrade with something left to do is amber and says how much. */
    private static String badge(String id, ReportModel.Environment env) {
        int left = env.summary().byHand().size();
        boolean pending = env.outcome().equals("succeeded") && left > 0;
        String css = pending ? "left" : env.outcome().replace(' ', '-');
        String text = pending ? env.outcome() + ", " + left + " left to do" : env.outcome();
        return "<span" + (id == null ? "" : " id=\"" + id + "\"") + " class=\"outcome o-" + esc(css) + "\">" + esc(text) + "</span>";
    }

    private static String anchor(int env, ReportModel.Run run) {
        return "run-" + env + "-" + run.id().replaceAll("[^A-Za-z0-9]", "");
    }

    private static String who(ReportModel.Run r) {
        String user = r.first().user();
        String host = r.first().host();
        return user.isEmpty() && host.isEmpty() ? "" : user + "@" + host;
    }

    private static String clock(String time) {
        int t = time.indexOf('T');
        return t > 0 && time.length() >= t + 9 ? time.substring(t + 1, t + 9) : time;
    }

    private static String css(String status) {
        return switch (status) {
            case "APPLIED", "PASS", "PASSED", "SUCCEEDED", "SAME", "ALREADY_DONE", "EXPLAINED" -> "ok";
            case "WARN", "SKIPPED", "TODO", "ACCEPTED" -> "warn";
            case "NOT_APPLICABLE", "STARTED" -> "quiet";
            case "FAILED", "FAIL", "REFUSED", "UNEXPLAINED", "BLOCKED", "INTERRUPTED", "IDENTITY_NOT_DONE" -> "bad";
            default -> "";
        };
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
