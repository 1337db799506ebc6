package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.run.RunWalk;

import java.util.ArrayList;
import java.util.List;

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

    public CheckGoal(StepContext context, List<Check> checks) {
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
        Findings.report(context, "check", FILE, findings);
        long fails = Findings.count(findings, Finding.Status.FAIL);
        if (fails > 0) {
            throw new CheckRefusedException("Refused by check: " + fails + " FAIL finding(s); the first: "
                    + Findings.firstFailure(findings) + ". Nothing was changed.");
        }
        context.log().info("check: " + findings.size() + " findings, " + Findings.count(findings, Finding.Status.WARN) + " WARN, no FAIL.");
        return findings;
    }
}
