package io.github.apimupgrade.core.run;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.path.GoalDefinition;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.StepRunner;

import java.util.ArrayList;
import java.util.List;

/**
 * Every step of every goal of a run, probed and planned without changing anything: what check refuses on,
 * what plan prints, and what the first goal of a run looks at before it changes anything. A goal whose steps
 * cannot even be built (a home missing, a setting wrong) is refused as a whole, with the reason.
 */
public final class RunWalk {
    private RunWalk() {
    }

    /** One goal of the walk: its steps' plans, or why the goal cannot run at all. */
    public record GoalPlan(GoalDefinition goal, List<StepRunner.StepPlan> steps, String refusal) {
        public boolean blocked() {
            return refusal != null || steps.stream().anyMatch(s -> s.probe().is(Probe.Status.BLOCKED));
        }

        /** Each reason the goal cannot run, as "goal: step: reason". */
        public List<String> reasons() {
            List<String> out = new ArrayList<>();
            if (refusal != null) {
                out.add(goal.id() + ": " + refusal);
            }
            steps.stream().filter(s -> s.probe().is(Probe.Status.BLOCKED))
                    .forEach(s -> out.add(goal.id() + ": " + s.step().id() + ": " + s.probe().reason()));
            return out;
        }
    }

    public static List<GoalPlan> walk(List<GoalDefinition> goals, StepContext context) {
        List<GoalPlan> out = new ArrayList<>();
        for (GoalDefinition goal : goals) {
            GoalSteps steps = null;
            try {
                steps = goal.factory().create(context);
                out.add(new GoalPlan(goal, new StepRunner(context).plan(steps.steps()), null));
            } catch (ApimUserException e) {
                out.add(new GoalPlan(goal, List.of(), e.getMessage()));
            } finally {
                if (steps != null) {
                    steps.close();
                }
            }
        }
        return out;
    }

    /** Every reason any goal of the walk cannot run. */
    public static List<String> reasons(List<GoalPlan> plans) {
        return plans.stream().flatMap(p -> p.reasons().stream()).toList();
    }
}
