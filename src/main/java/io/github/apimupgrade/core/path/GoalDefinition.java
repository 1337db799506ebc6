package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;

/**
 * A goal of an upgrade path as data: its id (the Maven goal), what it does, whether it changes the
 * deployment (then it runs under the work directory's lock and opens databases for writing), whether it
 * works on the databases (then a run with it also holds every database's upgrade lock), whether the
 * {@code apim} lifecycle runs it, which home's embedded databases it reads, and how its steps are built.
 */
public record GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home,
                             Factory factory, String lifecycleSwitch, boolean usesDatabases) {

    public GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home, Factory factory) {
        this(id, summary, changesDeployment, inLifecycle, h2Home, factory, null, true);
    }

    public GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home, Factory factory,
                          String lifecycleSwitch) {
        this(id, summary, changesDeployment, inLifecycle, h2Home, factory, lifecycleSwitch, true);
    }

    /**
     * The same goal working on one node's files only: configuring the nodes of a cluster at once (an
     * Ansible play on every gateway) must not be refused by the other nodes' database locks.
     */
    public GoalDefinition filesOnly() {
        return new GoalDefinition(id, summary, changesDeployment, inLifecycle, h2Home, factory, lifecycleSwitch, false);
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
