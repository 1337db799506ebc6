package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.run.RunWalk;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check}: every pre-flight finding as PASS / WARN / FAIL with its fix, written to
 * {@code <workDir>/check.json}. Any FAIL refuses the upgrade; nothing is changed either way.
 */
public final class CheckGoal {
    public static final String FILE = "check.json";
    private final StepContext context;
    private final List<Check> checks;

    public CheckGoal(StepContext context) {
        this(context, PreflightChecks.all());
    }

    CheckGoal(StepContext context, List<Check> checks) {
        this.context = context;
        this.checks = checks;
    }

    public List<Finding> run() {
        return run(List.of());
    }

    /** The environment's findings, then one per goal of the walk: its blocked steps, or how much is left to do. */
    public List<Finding> run(List<RunWalk.GoalPlan> walk) {
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            findings.addAll(check.run(context));
        }
        for (RunWalk.GoalPlan goal : walk) {
            if (!goal.blocked()) {
                long toDo = goal.steps().stream().filter(s -> s.probe().is(Probe.Status.APPLICABLE)).count();
                findings.add(Finding.pass(goal.goal().id(), toDo == 0 ? "nothing to do" : toDo + " step(s) to do, none blocked"));
            }
            goal.reasons().forEach(r -> findings.add(Finding.fail(goal.goal().id(), r.substring(goal.goal().id().length() + 2),
                    "change what the message names; apim:plan shows every step")));
        }
        for (Finding f : findings) {
            String line = String.format("%-4s %-9s %s", f.status(), f.area(), f.message())
                    + (f.fix().isEmpty() ? "" : "  -> " + f.fix());
            switch (f.status()) {
                case PASS -> context.log().info(line);
                case WARN -> context.log().warn(line);
                case FAIL -> context.log().error(line);
            }
        }
        write(context.settings().workDir().resolve(FILE), findings);
        long fails = findings.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
        long warns = findings.stream().filter(f -> f.status() == Finding.Status.WARN).count();
        Journal journal = new Journal(context.settings().workDir(), context.settings().env());
        for (Finding f : findings) {
            journal.record("check", f.area(), f.status().name(), f.message() + (f.fix().isEmpty() ? "" : " -> " + f.fix()), 0);
        }
        if (fails > 0) {
            throw new CheckRefusedException("Refused by check: " + fails + " FAIL finding(s); the first: "
                    + findings.stream().filter(f -> f.status() == Finding.Status.FAIL).findFirst().map(f -> f.message() + " -> " + f.fix())
                    .orElse("") + ". Nothing was changed.");
        }
        context.log().info("check: " + findings.size() + " findings, " + warns + " WARN, no FAIL.");
        return findings;
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
