package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.settings.NodeRole;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One row of the upgrade runbook as an object. {@code probe} and {@code plan} only read, so that
 * dry runs, the {@code plan} goal and re-runs all rest on them; {@code apply} does the work and
 * {@code verify} checks the post-condition.
 */
public interface Step {
    /** A stable id, used in plans, journals and history tables. */
    String id();

    Goal goal();

    /** What the step does, in one line. */
    String summary();

    /** Where the step comes from: a runbook section, or the fact that made us add or correct it. */
    String provenance();

    default Set<NodeRole> roles() {
        return EnumSet.allOf(NodeRole.class);
    }

    Probe probe(StepContext context);

    /**
     * For a step that is repeated on purpose while its probe says applicable (backup takes a fresh set each run until
     * the upgrade begins): what its last completed run left, which apim:status shows as done. Empty by default.
     */
    default Optional<String> standing(StepContext context) {
        return Optional.empty();
    }

    List<PlannedAction> plan(StepContext context);

    void apply(StepContext context);

    Verification verify(StepContext context);
}
