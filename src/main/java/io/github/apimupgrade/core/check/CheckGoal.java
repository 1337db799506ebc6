package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.path.StepContext;

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

    CheckGoal(StepContext context, List<Check> checks) {
        this.context = context;
        this.checks = checks;
    }

    public List<Finding> run() {
        List<Finding> findings = new ArrayList<>();
        for (Check check : checks) {
            findings.addAll(check.run(context));
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
