package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run journal: one JSON object per line in {@code <workDir>/journal.jsonl}, appended by every goal (the mvn
 * invocation, environment, node and who ran it; step, status, detail, duration; what an applied step ran), read back by
 * the report and by apim:status. Passwords shown as values are masked before anything is written.
 */
public final class Journal {
    public static final String FILE = "journal.jsonl";
    /** The step name of a goal's own lines (STARTED, then its outcome). */
    public static final String GOAL = "(goal)";
    /** The step name of something the operator has to do by hand. */
    public static final String MANUAL = "(by hand)";
    private static final String USER = System.getProperty("user.name", "");
    private static final String HOST = host();

    private final Path file;
    private final String env;
    private final String run;
    private final String node;

    public Journal(UpgradeSettings settings) {
        this(settings.workDir(), settings.env(), settings.run(), settings.nodeRole().id());
    }

    public Journal(Path workDir, String env, String run, String node) {
        this.file = workDir.resolve(FILE);
        this.env = env;
        this.run = run;
        this.node = node;
    }

    public Path file() {
        return file;
    }

    public void record(String goal, String step, String status, String detail, long durationMillis) {
        write(goal, step, "", status, detail, durationMillis, List.of());
    }

    /** A step that ran: what it is for, and the SQL statements, TOML edits and file operations it ran (notes are left out). */
    public void recordStep(String goal, Step step, String status, String detail, long durationMillis, List<PlannedAction> actions) {
        write(goal, step.id(), step.summary(), status, detail, durationMillis, actions);
    }

    private synchronized void write(String goal, String step, String summary, String status, String detail, long durationMillis,
                                    List<PlannedAction> actions) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("run", run);
        entry.put("env", env);
        entry.put("node", node);
        entry.put("user", USER);
        entry.put("host", HOST);
        entry.put("goal", goal);
        entry.put("step", step);
        if (!summary.isEmpty()) {
            entry.put("summary", summary);
        }
        entry.put("status", status);
        entry.put("detail", SecretRedactor.maskValues(detail));
        entry.put("durationMs", durationMillis);
        List<Map<String, Object>> done = actions.stream().filter(a -> a.kind() != PlannedAction.Kind.NOTE).map(a -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", a.kind().name());
            m.put("target", a.target());
            m.put("text", SecretRedactor.maskValues(a.text()));
            return m;
        }).toList();
        if (!done.isEmpty()) {
            entry.put("actions", done);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.object(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ApimException("Cannot write the run journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static String host() {
        String h = System.getenv("HOSTNAME");
        if (h == null || h.isBlank()) {
            try {
                h = java.net.InetAddress.getLocalHost().getHostName();
            } catch (IOException e) {
                h = "";
            }
        }
        return h;
    }
}
