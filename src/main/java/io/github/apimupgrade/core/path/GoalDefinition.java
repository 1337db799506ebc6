package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;

/**
 * A goal of an upgrade path as data: its id (the Maven goal), what it does, whether it changes the
 * deployment (then it runs under the upgrade lock and opens databases for writing), whether the {@code apim}
 * lifecycle runs it, which home's embedded databases it reads, and how its steps are built for a run.
 */
public record GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home,
                             Factory factory, String lifecycleSwitch) {

    public GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home, Factory factory) {
        this(id, summary, changesDeployment, inLifecycle, h2Home, factory, null);
    }

    /** A goal the lifecycle runs only when this flag is true (apim.start); null: always. */
    public java.util.Optional<String> optIn() {
        return java.util.Optional.ofNullable(lifecycleSwitch);
    }

    /** Builds a goal's steps for one run; a problem with the run's input is an ApimUserException. */
    @FunctionalInterface
    public interface Factory {
        GoalSteps create(StepContext context);
    }
}
