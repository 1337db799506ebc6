package io.github.apimupgrade.core.run;

import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.path.GoalDefinition;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;
import io.github.apimupgrade.core.report.Json;
import io.github.apimupgrade.core.report.JournalEntry;
import io.github.apimupgrade.core.report.ReportWriter;
import io.github.apimupgrade.core.verify.VerifyGoal;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * apim:status: per goal of the lifecycle, what the deployment itself says is done (every step probed, as
 * plan does; a goal skipped by a flag is shown skipped, not done) and the journal's last run of it, in one line per goal; with
 * {@code apim.status.json} the same as one JSON document, on standard output and in {@code <workDir>/status-<env>.json}.
 * Changes nothing in the deployment.
 */
public final class StatusView {
    public static final String JSON_OPTION = "apim.status.json";
    private static final String DONE = "done";
    private static final String NOT_APPLICABLE = "not applicable";
    private static final String TO_DO = "to do";
    private static final String BLOCKED = "blocked";
    private static final String SKIPPED = "skipped";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** One goal's state: done, not applicable, to do (with the steps left) or blocked (with why), and its last recorded run. */
    record GoalStatus(String goal, String state, int steps, List<String> left, String reason, String lastOutcome, String lastTime) {
        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("goal", goal);
            m.put("state", state);
            m.put("steps", steps);
            m.put("stepsLeft", left);
            m.put("reason", reason);
            m.put("lastOutcome", lastOutcome);
            m.put("lastTime", lastTime);
            return m;
        }

        boolean finished() {
            return state.equals(DONE) || state.equals(NOT_APPLICABLE);
        }

        String line() {
            String what = switch (state) {
                case DONE -> reason == null ? "done" : "done (" + reason + ")";
                case NOT_APPLICABLE -> "nothing to do on this deployment (" + reason + ")";
                case SKIPPED -> "skipped: " + reason;
                case TO_DO -> left.size() + " of " + steps + " steps to do (" + String.join(", ", left) + ")";
                default -> "blocked: " + reason;
            };
            return String.format("  %-18s %s%s", goal, what, lastOutcome == null ? "" : "; last run " + lastOutcome + " at " + lastTime);
        }
    }

    private StatusView() {
    }

    public static void print(StepContext context, List<GoalDefinition> lifecycle, List<String> skipped, List<RunWalk.GoalPlan> walk) {
        String env = context.settings().env();
        List<JournalEntry> journal = ReportWriter.readJournal(context.settings().workDir()).stream()
                .filter(e -> e.env().equals(env) && e.isGoalLine() && !e.status().equals("STARTED")).toList();
        List<GoalStatus> goals = new ArrayList<>();
        for (GoalDefinition goal : lifecycle) {
            if (skipped.contains(goal.id())) {
                goals.add(new GoalStatus(goal.id(), SKIPPED, 0, List.of(), "apim." + goal.id() + ".skip is true: not done by this plugin",
                        lastOutcome(journal, goal.id()), lastTime(journal, goal.id())));
            } else {
                walk.stream().filter(p -> p.goal().id().equals(goal.id())).findFirst().ifPresent(p -> goals.add(status(context, p, journal)));
            }
        }
        boolean finished = goals.stream().allMatch(GoalStatus::finished);
        Verified verified = Verified.of(context, journal, goals);
        if (context.settings().properties().flag(JSON_OPTION, false)) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("environment", env);
            doc.put("nodeRole", context.settings().nodeRole().id());
            doc.put("upgradeFinished", finished);
            doc.put("goals", goals.stream().map(GoalStatus::json).toList());
            doc.put("verify", verified.json());
            String json = Json.object(doc);
            // Maven 3.8 puts terminal codes before standard output even in batch mode: the file is what a program reads
            Path file = context.settings().workDir().resolve("status-" + env.replaceAll("[^A-Za-z0-9_.-]", "_") + ".json");
            AtomicWrite.text(file, json + "\n");
            context.log().output(json);
            context.log().info("Status written to " + file);
            return;
        }
        context.log().info("Status of the upgrade (environment " + env + ", " + context.settings().nodeRole().id() + " node):");
        goals.forEach(g -> context.log().info(g.line()));
        context.log().info(verified.line());
        context.log().info(finished ? "Every goal of the lifecycle is done." : "Left to do: "
                + String.join(", ", goals.stream().filter(g -> !g.finished()).map(GoalStatus::goal).toList())
                + " (mvn apim:plan shows each step).");
        if (finished && !verified.afterLastGoal()) {
            context.log().info("verify has not passed since the last goal ran: mvn apim:verify proves the upgrade.");
        }
    }

    /**
     * verify's last run (the journal) and what it said ({@code verify.json}); whether it passed after every goal's last
     * run, so that a deployment changed since verify passed is not taken for a proven one.
     */
    record Verified(String lastOutcome, String lastTime, String summary, boolean afterLastGoal) {
        static Verified of(StepContext context, List<JournalEntry> journal, List<GoalStatus> goals) {
            Optional<JournalEntry> last = last(journal, "verify");
            if (last.isEmpty()) {
                return new Verified(null, null, null, false);
            }
            String lastGoal = goals.stream().map(GoalStatus::lastTime).filter(Objects::nonNull).max(String::compareTo).orElse("");
            String time = seconds(last.get().time());
            boolean passed = last.get().status().equals(Outcome.SUCCEEDED.name());
            return new Verified(last.get().status().toLowerCase(Locale.ROOT), time, summary(context).orElse(null),
                    passed && time.compareTo(lastGoal) >= 0);
        }

        private static Optional<String> summary(StepContext context) {
            Path file = context.settings().workDir().resolve(VerifyGoal.FILE);
            try {
                return Files.isRegularFile(file) ? Optional.ofNullable(JSON.readTree(file.toFile()).get("summary")).map(n -> n.asString())
                        : Optional.empty();
            } catch (RuntimeException e) {
                return Optional.empty(); // a damaged verify.json: the journal's outcome still says enough
            }
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lastOutcome", lastOutcome);
            m.put("lastTime", lastTime);
            m.put("summary", summary);
            m.put("passedAfterLastGoal", afterLastGoal);
            return m;
        }

        String line() {
            return String.format("  %-18s %s", "verify", lastOutcome == null ? "not run yet"
                    : "last run " + lastOutcome + " at " + lastTime + (summary == null ? "" : ": " + summary));
        }
    }

    private static GoalStatus status(StepContext context, RunWalk.GoalPlan plan, List<JournalEntry> journal) {
        String goal = plan.goal().id();
        String lastOutcome = lastOutcome(journal, goal);
        String lastTime = lastTime(journal, goal);
        List<StepRunner.StepPlan> steps = plan.steps();
        if (plan.blocked()) {
            return new GoalStatus(goal, BLOCKED, steps.size(), List.of(), String.join("; ", plan.reasons()), lastOutcome, lastTime);
        }
        if (steps.stream().allMatch(s -> s.probe().is(Probe.Status.NOT_APPLICABLE))) {
            String why = steps.isEmpty() ? "nothing configured for it" : steps.get(0).probe().reason();
            return new GoalStatus(goal, NOT_APPLICABLE, steps.size(), List.of(), why, lastOutcome, lastTime);
        }
        List<StepRunner.StepPlan> applicable = steps.stream().filter(s -> s.probe().is(Probe.Status.APPLICABLE)).toList();
        List<String> standing = applicable.stream().map(s -> s.step().standing(context)).flatMap(Optional::stream).toList();
        if (!applicable.isEmpty() && standing.size() == applicable.size()) {
            return new GoalStatus(goal, DONE, steps.size(), List.of(), String.join("; ", standing), lastOutcome, lastTime);
        }
        List<String> left = applicable.stream().map(s -> s.step().id()).toList();
        return new GoalStatus(goal, left.isEmpty() ? DONE : TO_DO, steps.size(), left, null, lastOutcome, lastTime);
    }

    private static Optional<JournalEntry> last(List<JournalEntry> journal, String goal) {
        return journal.stream().filter(e -> e.goal().equals(goal)).reduce((a, b) -> b);
    }

    private static String lastOutcome(List<JournalEntry> journal, String goal) {
        return last(journal, goal).map(e -> e.status().toLowerCase(Locale.ROOT)).orElse(null);
    }

    private static String lastTime(List<JournalEntry> journal, String goal) {
        return last(journal, goal).map(e -> seconds(e.time())).orElse(null);
    }

    private static String seconds(String time) {
        try {
            return Instant.parse(time).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (RuntimeException e) {
            return time;
        }
    }
}
