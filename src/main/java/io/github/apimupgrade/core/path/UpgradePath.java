package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.util.List;
import java.util.Optional;

/**
 * One upgrade, from one version to the next: its goals in lifecycle order, each with its steps. The
 * Mojos, check, plan and verify all work from this, so that a later path is a new implementation
 * (with its SQL and data beside it), not new Mojos.
 */
public interface UpgradePath {
    String from();

    String to();

    /** Where the path comes from: the runbook it automates, and its corrections. */
    String provenance();

    /** The goals that change the deployment, in the order the lifecycle runs them, then those outside it (restore). */
    List<GoalDefinition> goals();

    /** The phases of the {@code apim} lifecycle in order: the path's goals and the views (check, verify) between them. */
    List<String> phases();

    /** The goals the lifecycle runs, in order. */
    default List<GoalDefinition> lifecycle() {
        return goals().stream().filter(GoalDefinition::inLifecycle).toList();
    }

    /** What check looks at besides the goals' own steps (databases, homes, servers, disk...); none by default. */
    default List<io.github.apimupgrade.core.check.Check> environmentChecks() {
        return List.of();
    }

    /**
     * Finishes what an interrupted run left going outside its JVM (a server it started), before a run that holds the
     * deployment's locks opens any database; nothing by default.
     */
    default void finishInterruptedWork(UpgradeSettings settings, UpgradeLog log) {
    }

    default Optional<GoalDefinition> goal(String id) {
        return goals().stream().filter(g -> g.id().equals(id)).findFirst();
    }
}
