package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reports a goal's findings: one log line each (PASS info, WARN warn, FAIL error), a JSON file, and the run journal (so the report shows them). */
public final class Findings {
    private Findings() {
    }

    public static void report(StepContext context, String goal, String fileName, List<Finding> findings) {
        for (Finding f : findings) {
            String line = String.format("%-4s %-9s %s", f.status(), f.area(), f.message()) + (f.fix().isEmpty() ? "" : "  -> " + f.fix());
            switch (f.status()) {
                case PASS -> context.log().info(line);
                case WARN -> context.log().warn(line);
                case FAIL -> context.log().error(line);
            }
        }
        write(context.settings().workDir().resolve(fileName), findings);
        Journal journal = new Journal(context.settings());
        for (Finding f : findings) {
            journal.record(goal, f.area(), f.status().name(), f.message() + (f.fix().isEmpty() ? "" : " -> " + f.fix()), 0);
        }
    }

    public static long count(List<Finding> findings, Finding.Status status) {
        return findings.stream().filter(f -> f.status() == status).count();
    }

    /** The first FAIL as "message -> fix", for the goal's exception. */
    public static String firstFailure(List<Finding> findings) {
        return findings.stream().filter(f -> f.status() == Finding.Status.FAIL).findFirst()
                .map(f -> f.message() + (f.fix().isEmpty() ? "" : " -> " + f.fix())).orElse("");
    }

    static void write(Path file, List<Finding> findings) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", f.status().name());
            m.put("area", f.area());
            m.put("message", f.message());
            m.put("fix", f.fix());
            rows.add(m);
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.value(rows) + "\n");
        } catch (IOException e) {
            throw new ApimException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
