package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/**
 * Upgrades WSO2AM_DB from 3.0.0 to 3.1.0 (runbook Step 2.3 with its corrections) and, where the
 * 3.0.0 deployment kept registry versions, cleans the registry database. With
 * {@code -Dapim.dryRun=true} it prints the exact statements and changes nothing.
 */
@Mojo(name = "migrate-db", requiresProject = false, threadSafe = true)
public class MigrateDbMojo extends AbstractApimMojo {
    @Inject
    public MigrateDbMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "migrate-db";
    }

    @Override
    protected void run(StepContext context) {
        new MigrateDbGoal(context).run();
    }
}
