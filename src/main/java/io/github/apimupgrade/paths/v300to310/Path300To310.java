package io.github.apimupgrade.paths.v300to310;

import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.backup.BackupSetStep;
import io.github.apimupgrade.core.backup.RestoreSetStep;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.identity.LeftMigrationServer;
import io.github.apimupgrade.core.identity.MigrateIdentityGoal;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.path.GoalDefinition;
import io.github.apimupgrade.core.path.GoalDefinition.DatabaseUse;
import io.github.apimupgrade.core.path.GoalSteps;
import io.github.apimupgrade.core.path.UpgradePath;
import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.core.server.StartServerStep;
import io.github.apimupgrade.core.settings.SettingsResolver.H2Home;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.util.List;

/**
 * WSO2 API Manager 3.0.0 to 3.1.0, as WSO2's runbook "Upgrading from 3.0.0 to 3.1.0" describes it, with
 * the corrections of its later revisions and of the ground truth (wrong keys, missing steps, per-dialect
 * script bugs). Each goal is one phase of the runbook; backup reads the deployment's databases where they are
 * (the 3.0.0 home's embedded ones until migrate-config has copied them), every later goal the new home.
 */
public final class Path300To310 implements UpgradePath {
    private static final List<GoalDefinition> GOALS = List.of(
            new GoalDefinition("backup", "runbook Step 1.1: a verified set of every database and the deployment's folders", true, true,
                    H2Home.NEW_OR_OLD, c -> GoalSteps.of(List.of(new BackupSetStep()))).databases(DatabaseUse.READ),
            new GoalDefinition("migrate-config", "runbook Step 1 (3-9), 2.4, 3.3: deployment.toml, drivers, Synapse files, keystores",
                    true, true, H2Home.NEW, c -> new MigrateConfigGoal(c, c.environment().resolver(), c.environment().driverLoader())).databases(DatabaseUse.NONE),
            new GoalDefinition("migrate-db", "runbook Step 2.3 with its corrections, and the registry versioning clean-up", true, true,
                    H2Home.NEW, MigrateDbGoal::new),
            new GoalDefinition("migrate-identity", "runbook Step 2.5: the identity component 5.9.0 -> 5.10.0 and the scope-role mapping",
                    true, true, H2Home.NEW, c -> MigrateIdentityGoal.of(c, c.environment().roleMappings(), c.environment().localRepository(),
                    c.environment().baseDir())),
            new GoalDefinition("migrate-analytics", "runbook Step 3: the analytics database and profiles", true, true, H2Home.NEW,
                    MigrateAnalyticsGoal::new),
            new GoalDefinition("reindex", "runbook Step 2.6: REG_LOG compaction, the re-indexing counter, Solr, the tenant loader",
                    true, true, H2Home.NEW, c -> new ReindexGoal(c, c.environment().resolver(), c.environment().credentials())),
            new GoalDefinition("start", "runbook Step 4: start the upgraded node and prove it serves what 3.0.0 served", true, true,
                    H2Home.NEW, c -> GoalSteps.of(List.of(new StartServerStep())), "apim.start"),
            new GoalDefinition("restore", "put a backup set back (not in the lifecycle)", true, false, H2Home.NEW,
                    c -> GoalSteps.of(List.of(new RestoreSetStep()))));

    private static final List<String> PHASES = List.of("check", "backup", "migrate-config", "migrate-db", "migrate-identity",
            "migrate-analytics", "reindex", "verify", "start");

    @Override
    public List<String> phases() {
        return PHASES;
    }

    @Override
    public String from() {
        return "3.0.0";
    }

    @Override
    public String to() {
        return "3.1.0";
    }

    @Override
    public String provenance() {
        return "WSO2 API-M documentation 'Upgrading from 3.0.0 to 3.1.0' (and its later revision), corrected as the README lists";
    }

    @Override
    public List<io.github.apimupgrade.core.check.Check> environmentChecks() {
        return io.github.apimupgrade.core.check.PreflightChecks.all();
    }

    /** A migration server of an interrupted migrate-identity: on embedded H2 it holds the files every goal opens. */
    @Override
    public void finishInterruptedWork(UpgradeSettings settings, UpgradeLog log) {
        LeftMigrationServer.finish(settings, log);
    }

    @Override
    public List<GoalDefinition> goals() {
        return GOALS;
    }
}
