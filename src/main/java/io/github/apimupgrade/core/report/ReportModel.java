package io.github.apimupgrade.core.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The journal grouped the way a change ticket reads it: per environment, the mvn invocations (runs) in the order they
 * happened, each with its goals and their lines; and a summary of what changed, what is left to do and what failed.
 */
final class ReportModel {
    /** The goals that only look: a later refused check or plan does not undo an upgrade that succeeded (verify does count). */
    private static final List<String> LOOK_ONLY = List.of("check", "plan", "status");

    private ReportModel() {
    }

    /** One goal of one run: its lines from STARTED to its outcome line. */
    record GoalRun(String goal, List<JournalEntry> entries) {
        String outcome() {
            JournalEntry last = entries.get(entries.size() - 1);
            return last.isGoalLine() && !last.status().equals("STARTED") ? last.status() : "INTERRUPTED";
        }

        String message() {
            JournalEntry last = entries.get(entries.size() - 1);
            return last.isGoalLine() ? last.detail() : "";
        }

        String ended() {
            return entries.get(entries.size() - 1).time();
        }
    }

    /** One mvn invocation (or, for journal lines older than run ids, one goal). */
    record Run(String id, JournalEntry first, List<GoalRun> goals) {
        String outcome() {
            List<String> outcomes = goals.stream().map(GoalRun::outcome).toList();
            for (String worst : List.of("FAILED", "INTERRUPTED", "REFUSED")) {
                if (outcomes.contains(worst)) {
                    return worst;
                }
            }
            return outcomes.stream().allMatch("SKIPPED"::equals) ? "SKIPPED" : "SUCCEEDED";
        }

        String ended() {
            return goals.get(goals.size() - 1).ended();
        }
    }

    /** What the top of an environment's report says. */
    record Summary(List<String> changed, List<String> byHand, List<String> failed, List<String> verified) {
    }

    record Environment(String env, String outcome, List<Run> runs, Summary summary) {
    }

    /** Every environment of the journal, the given one first. */
    static List<Environment> of(List<JournalEntry> entries, String current, List<String> lifecycle) {
        Map<String, List<JournalEntry>> byEnv = new LinkedHashMap<>();
        byEnv.put(current, new ArrayList<>());
        entries.forEach(e -> byEnv.computeIfAbsent(e.env(), k -> new ArrayList<>()).add(e));
        List<Environment> out = new ArrayList<>();
        byEnv.forEach((env, list) -> {
            List<Run> runs = runs(list);
            out.add(new Environment(env, outcome(list), runs, summary(runs, lifecycle)));
        });
        return out;
    }

    private static List<Run> runs(List<JournalEntry> entries) {
        List<Run> out = new ArrayList<>();
        Map<String, Run> byId = new LinkedHashMap<>();
        Map<String, Map<String, GoalRun>> open = new LinkedHashMap<>();
        int legacy = 0;
        for (JournalEntry e : entries) {
            boolean starts = e.isGoalLine() && e.status().equals("STARTED");
            String id = e.run().isEmpty() ? "#" + (starts ? ++legacy : legacy) : e.run();
            Run run = byId.get(id);
            if (run == null) {
                run = new Run(id, e, new ArrayList<>());
                byId.put(id, run);
                out.add(run);
            }
            Map<String, GoalRun> goals = open.computeIfAbsent(id, k -> new LinkedHashMap<>());
            GoalRun goal = goals.get(e.goal());
            if (goal == null || starts) {
                goal = new GoalRun(e.goal(), new ArrayList<>());
                goals.put(e.goal(), goal);
                run.goals().add(goal);
            }
            goal.entries().add(e);
        }
        return out;
    }

    /**
     * succeeded, failed, refused or interrupted: the upgrade's outcome, from the last goal line of a goal that changes
     * the deployment or verifies it. Before any has run, only a look that was refused or failed says so; otherwise "no
     * upgrade goal has run" (a plan or status that looked is not an upgrade that succeeded). Skipped goals do not count.
     */
    static String outcome(List<JournalEntry> entries) {
        List<JournalEntry> goalLines = entries.stream().filter(e -> e.isGoalLine() && !e.status().equals("SKIPPED")).toList();
        boolean upgradeRan = goalLines.stream().anyMatch(e -> !LOOK_ONLY.contains(e.goal()));
        for (int i = goalLines.size() - 1; i >= 0; i--) {
            JournalEntry e = goalLines.get(i);
            if (!(upgradeRan && LOOK_ONLY.contains(e.goal()))) {
                String outcome = switch (e.status()) {
                    case "FAILED" -> "failed";
                    case "REFUSED" -> "refused";
                    case "STARTED" -> "interrupted";
                    default -> "succeeded";
                };
                return upgradeRan || !outcome.equals("succeeded") ? outcome : NOTHING_RAN;
            }
        }
        return NOTHING_RAN;
    }

    static final String NOTHING_RAN = "no upgrade goal has run";

    private static Summary summary(List<Run> runs, List<String> lifecycle) {
        List<String> changed = new ArrayList<>();
        Map<String, GoalRun> latest = new LinkedHashMap<>();
        for (Run run : runs) {
            for (GoalRun g : run.goals()) {
                latest.put(g.goal(), g);
                for (JournalEntry e : g.entries()) {
                    if (e.status().equals("APPLIED")) {
                        changed.add(seconds(e.time()) + "  " + e.goal() + " / " + e.step() + ": "
                                + (e.summary().isEmpty() ? e.detail() : e.summary() + " (" + e.detail() + ")"));
                    }
                }
            }
        }
        List<String> byHand = new ArrayList<>();
        latest.values().forEach(g -> g.entries().stream().filter(e -> e.step().equals(Journal.MANUAL))
                .forEach(e -> byHand.add(e.goal() + ": " + e.detail())));
        List<String> failed = new ArrayList<>();
        for (String goal : lifecycle) {
            GoalRun g = latest.get(goal);
            String outcome = g == null ? "" : g.outcome();
            switch (outcome) {
                case "SUCCEEDED" -> { }
                case "" -> byHand.add(goal + ": not run yet");
                case "SKIPPED" -> byHand.add(goal + ": not done, skipped. " + g.message());
                default -> { } // listed under failed
            }
        }
        latest.values().stream().filter(g -> List.of("FAILED", "REFUSED", "INTERRUPTED").contains(g.outcome()))
                .forEach(g -> failed.add(seconds(g.ended()) + "  " + g.goal() + ": " + g.outcome().toLowerCase()
                        + (g.message().isEmpty() ? "" : ": " + g.message())));
        List<String> verified = Optional.ofNullable(latest.get("verify")).map(g -> g.entries().stream()
                .filter(e -> !e.isGoalLine()).map(e -> e.step() + " " + e.status() + ": " + e.detail()).toList()).orElse(List.of());
        return new Summary(changed, byHand, failed, verified);
    }

    /** 2026-12-04T20:36:41.123456789Z as 2026-12-04 20:36:41 UTC. */
    static String seconds(String time) {
        return time.length() >= 19 && time.charAt(10) == 'T' ? time.substring(0, 10) + " " + time.substring(11, 19) + " UTC" : time;
    }
}
