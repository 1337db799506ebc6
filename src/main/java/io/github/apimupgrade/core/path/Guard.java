package io.github.apimupgrade.core.path;

import java.util.List;
import java.util.Set;

/**
 * A step that only looks: the condition a goal needs before anything changes (the database is the one
 * this path starts from, the homes are what they say). Its probe answers done (the condition holds) or
 * blocked (with what to change); it has nothing to apply, so check and plan report it like any step.
 */
public abstract class Guard implements Step {
    private final String id;
    private final Goal goal;
    private final String summary;
    private final String provenance;

    protected Guard(String id, Goal goal, String summary, String provenance) {
        this.id = id;
        this.goal = goal;
        this.summary = summary;
        this.provenance = provenance;
    }

    @Override public String id() { return id; }
    @Override public Goal goal() { return goal; }
    @Override public String summary() { return summary; }
    @Override public String provenance() { return provenance; }

    @Override
    public Set<io.github.apimupgrade.core.settings.NodeRole> roles() {
        return java.util.EnumSet.allOf(io.github.apimupgrade.core.settings.NodeRole.class);
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        return List.of();
    }

    @Override
    public void apply(StepContext context) {
        // a guard changes nothing; a blocked probe stops the run before any step applies
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.BLOCKED) ? Verification.failed(p.reason()) : Verification.ok(p.reason());
    }
}
