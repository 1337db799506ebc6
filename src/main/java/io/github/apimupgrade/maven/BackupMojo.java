package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.backup.BackupGoal;
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
    protected void run(StepContext context) {
        new BackupGoal(context).run();
    }
}
