package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.backup.BackupGoal;
import io.github.apimupgrade.core.backup.PreUpgradeBackup;
import java.nio.file.Path;
import java.util.Optional;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/**
 * Writes a verified backup set of every configured database and the deployment's folders
 * (runbook Step 1.1) under {@code apim.backup.dir}; {@code -Dapim.backup.verify=true} re-reads it.
 */
@Mojo(name = "backup", requiresProject = false, threadSafe = true)
public class BackupMojo extends AbstractApimMojo {
    @Inject
    public BackupMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "backup";
    }

    @Override
    protected boolean readsOldDeployment() {
        return true;
    }

    @Override
    protected void run(StepContext context) {
        Optional<Path> before = PreUpgradeBackup.existing(context);
        if (before.isPresent()) {
            context.log().info("backup: nothing to do. The upgrade of WSO2AM_DB has begun and " + before.get()
                    + " holds the databases and files from before it; set " + PreUpgradeBackup.FORCE + "=true to take another set.");
            return;
        }
        new BackupGoal(context).run();
    }
}
