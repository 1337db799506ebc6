package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;

import java.util.List;

/** Runbook Step 4 as a step: start the upgraded node, prove it serves what 3.0.0 served, stop it again ({@link StartGoal}). */
public final class StartServerStep implements Step {
    private boolean served;

    @Override public String id() { return "start-and-check"; }
    @Override public Goal goal() { return Goal.START; }
    @Override public String summary() { return "Start the 3.1.0 node, check that it serves every tenant's APIs, stop it again"; }
    @Override public String provenance() { return "runbook Step 4; reindex Step 2.6.5; users' reports of APIs missing after an upgrade"; }

    @Override
    public Probe probe(StepContext context) {
        if (context.settings().newHome().isEmpty()) {
            return Probe.blocked("set 'apim.newHome' to the WSO2 API-M 3.1.0 home");
        }
        return Probe.applicable("the node is started and checked on port " + StartOptions.from(context.settings()).httpsPort());
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        StartOptions o = StartOptions.from(context.settings());
        return List.of(PlannedAction.note("server", "cd " + o.home() + " && " + ApimServer.command(o, context.settings().workDir()).display()
                + (o.keepRunning() ? "; left running" : "; stopped again")));
    }

    @Override
    public void apply(StepContext context) {
        new StartGoal(context, context.environment().credentials()).run();
        served = true;
    }

    @Override
    public Verification verify(StepContext context) {
        return served ? Verification.ok("the node started and served what 3.0.0 served") : Verification.failed("not started");
    }
}
