package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;

import java.util.Optional;

/**
 * A goal of an upgrade path as data: its id (the Maven goal), what it does, whether it changes the
 * deployment (then it runs under the work directory's lock), how it uses the databases, whether the
 * {@code apim} lifecycle runs it, which home's embedded databases it reads, and how its steps are built.
 */
public record GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home,
                             Factory factory, String lifecycleSwitch, DatabaseUse databaseUse) {

    /** How a goal uses the deployment's databases. */
    public enum DatabaseUse {
        /**
         * Not at all: configuring the nodes of a cluster at once (an Ansible play on every gateway) must not
         * be refused by the other nodes' database locks.
         */
        NONE,
        /** Reads them (backup): opened read-only, yet under the upgrade lock so no other run changes them meanwhile. */
        READ,
        /** Changes them. */
        WRITE
    }

    public GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home, Factory factory) {
        this(id, summary, changesDeployment, inLifecycle, h2Home, factory, null, DatabaseUse.WRITE);
    }

    public GoalDefinition(String id, String summary, boolean changesDeployment, boolean inLifecycle, H2Home h2Home, Factory factory,
                          String lifecycleSwitch) {
        this(id, summary, changesDeployment, inLifecycle, h2Home, factory, lifecycleSwitch, DatabaseUse.WRITE);
    }

    /** The same goal with another use of the databases. */
    public GoalDefinition databases(DatabaseUse use) {
        return new GoalDefinition(id, summary, changesDeployment, inLifecycle, h2Home, factory, lifecycleSwitch, use);
    }

    /** Whether its run opens the databases for writing (a goal that changes only files, or only reads, does not). */
    public boolean writesDatabases() {
        return changesDeployment && databaseUse == DatabaseUse.WRITE;
    }

    /** A goal the lifecycle runs only when this flag is true (apim.start); null: always. */
    public Optional<String> optIn() {
        return Optional.ofNullable(lifecycleSwitch);
    }

    /** Builds a goal's steps for one run; a problem with the run's input is an ApimUserException. */
    @FunctionalInterface
    public interface Factory {
        GoalSteps create(StepContext context);
    }
}
