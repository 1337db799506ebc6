package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.settings.NodeRole;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the steps of a goal that are not SQL migrations (files, TOML, YAML, external processes):
 * skips those not for this node role, probes each, prints the plan, stops there on a dry run, then
 * applies, verifies and journals every step that has work to do. Re-runs find the work done.
 */
public final class StepRunner {
    private final StepContext context;
    private final Journal journal;

    public StepRunner(StepContext context) {
        this.context = context;
        this.journal = new Journal(context.settings());
    }

    /** One step's probe and planned actions. */
    public record StepPlan(Step step, Probe probe, List<PlannedAction> actions) {
    }

    public List<StepPlan> plan(List<? extends Step> steps) {
        NodeRole role = context.settings().nodeRole();
        List<StepPlan> out = new ArrayList<>();
        for (Step step : steps) {
            if (!step.roles().contains(role)) {
                out.add(new StepPlan(step, Probe.notApplicable("not done on a " + role.id() + " node"), List.of()));
                continue;
            }
            Probe probe = step.probe(context);
            out.add(new StepPlan(step, probe, probe.is(Probe.Status.APPLICABLE) ? step.plan(context) : List.of()));
        }
        return out;
    }

    /** Runs a goal's steps with what the goal does around them; returns how many steps changed something. */
    public int run(Goal goal, GoalSteps goalSteps) {
        try {
            if (!context.settings().dryRun()) {
                goalSteps.begin();
            }
            int applied = run(goal, goalSteps.steps());
            goalSteps.afterSuccess(applied);
            return applied;
        } catch (RuntimeException e) {
            if (!context.settings().dryRun()) {
                goalSteps.afterFailure(e);
            }
            throw e;
        } finally {
            goalSteps.close();
        }
    }

    /** Returns how many steps changed something. */
    public int run(Goal goal, List<? extends Step> steps) {
        List<StepPlan> plans = plan(steps);
        print(context, goal, plans, context.settings().dryRun());
        if (context.settings().dryRun()) {
            context.log().info("Dry run (apim.dryRun=true): nothing was changed.");
            return 0;
        }
        List<String> blocked = plans.stream().filter(p -> p.probe().is(Probe.Status.BLOCKED))
                .map(p -> p.step().id() + ": " + p.probe().reason()).toList();
        if (!blocked.isEmpty()) {
            throw new ApimUserException(goal.id() + " cannot run: " + String.join("; ", blocked));
        }
        int applied = 0;
        Map<String, Integer> occurrences = new HashMap<>();
        for (StepPlan plan : plans) {
            int occurrence = occurrences.merge(plan.step().id(), 1, Integer::sum); // a step repeated per database
            if (!plan.probe().is(Probe.Status.APPLICABLE)) {
                journal.record(goal.id(), plan.step().id(), plan.probe().status().name(), plan.probe().reason(), 0);
                continue;
            }
            long start = System.currentTimeMillis();
            context.log().debug("  " + plan.step().id() + ": starting");
            try {
                FaultInjector.within(goal.id() + " " + plan.step().id() + (occurrence > 1 ? "#" + occurrence : ""));
                plan.step().apply(context);
                FaultInjector.at(FaultInjector.STEP_APPLIED);
            } catch (RuntimeException e) {
                context.log().error("  " + plan.step().id() + ": " + plan.step().summary() + " (failed after " + seconds(start) + ")");
                journal.recordStep(goal.id(), plan.step(), "FAILED", String.valueOf(e.getMessage()), System.currentTimeMillis() - start,
                        plan.actions());
                throw e;
            } finally {
                FaultInjector.within(goal.id());
            }
            Verification v = plan.step().verify(context);
            long took = System.currentTimeMillis() - start;
            context.log().info("  " + plan.step().id() + ": " + plan.step().summary() + " (" + (v.ok() ? "done" : "NOT AS EXPECTED")
                    + " in " + seconds(start) + ")");
            journal.recordStep(goal.id(), plan.step(), v.ok() ? "APPLIED" : "FAILED", v.detail(), took, plan.actions());
            if (!v.ok()) {
                throw new ApimException(plan.step().id() + " ran but its result is not as expected: " + v.detail());
            }
            applied++;
        }
        context.log().info(goal.id() + (applied == 0 ? ": nothing to do, every step is already done." : ": done (" + applied + " step(s) applied)."));
        return applied;
    }

    private static String seconds(long startMillis) {
        return String.format(java.util.Locale.ROOT, "%.1f s", (System.currentTimeMillis() - startMillis) / 1000.0);
    }

    /**
     * Prints a goal's plan: each step with its state; with {@code detail} (apim:plan, dry runs) also why it exists and
     * what it would do, which a real run logs at debug level only (-X), to keep one line per step.
     */
    public static void print(StepContext context, Goal goal, List<StepPlan> plans, boolean detail) {
        context.log().info("Plan of " + goal.id() + " (" + context.settings().nodeRole().id() + " node, environment "
                + context.settings().env() + "):");
        java.util.function.Consumer<String> more = detail ? context.log()::info : context.log()::debug;
        int n = 1;
        for (StepPlan p : plans) {
            context.log().info(String.format("  %d. %-36s %-15s %s", n++, p.step().id(), label(p.probe()), p.probe().reason()));
            more.accept("       " + p.step().summary() + " [" + p.step().provenance() + "]");
            for (PlannedAction a : p.actions()) {
                for (String line : a.text().split("\n")) {
                    more.accept("         " + line);
                }
            }
        }
    }

    static String label(Probe probe) {
        return switch (probe.status()) {
            case APPLICABLE -> "TO DO";
            case ALREADY_DONE -> "DONE";
            case NOT_APPLICABLE -> "NOT APPLICABLE";
            case BLOCKED -> "BLOCKED";
        };
    }
}
