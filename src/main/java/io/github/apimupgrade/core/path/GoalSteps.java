package io.github.apimupgrade.core.path;

import java.util.List;

/**
 * One goal's steps for one run, built from the run's settings, with what the goal does around them:
 * a report after success, compensation after a failure. The runner is always {@link StepRunner}.
 */
public interface GoalSteps {
    List<Step> steps();

    /** Before the first step runs (not on a dry run, not when check or plan only look). */
    default void begin() {
    }

    /** After every step ran (or was found done); {@code applied} steps changed something. */
    default void afterSuccess(int applied) {
    }

    /** After a step failed, before the failure is reported: undo what can be undone. */
    default void afterFailure(RuntimeException failure) {
    }

    /** Always, last: temporary files. */
    default void close() {
    }

    static GoalSteps of(List<? extends Step> steps) {
        List<Step> copy = List.copyOf(steps);
        return () -> copy;
    }
}
