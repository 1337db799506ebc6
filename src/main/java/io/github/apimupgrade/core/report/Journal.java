package io.github.apimupgrade.core.report;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The run journal: one JSON object per line in {@code <workDir>/journal.jsonl}, appended by every
 * goal (step, status, detail, duration), read back by the report and by re-runs. No secrets go in.
 */
public final class Journal {
    public static final String FILE = "journal.jsonl";
    private final Path file;
    private final String env;

    public Journal(Path workDir, String env) {
        this.file = workDir.resolve(FILE);
        this.env = env;
    }

    public Path file() {
        return file;
    }

    public synchronized void record(String goal, String step, String status, String detail, long durationMillis) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("time", Instant.now().toString());
        entry.put("env", env);
        entry.put("goal", goal);
        entry.put("step", step);
        entry.put("status", status);
        entry.put("detail", detail);
        entry.put("durationMs", durationMillis);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.object(entry) + "\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ApimException("Cannot write the run journal " + file + ": " + e.getMessage(), e);
        }
    }
}
