package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.backup.RestoreGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/**
 * Puts a backup set back ({@code apim.restore.set}, default the newest of {@code apim.env}) after
 * verifying it; refuses non-empty targets unless {@code apim.restore.overwrite=true}.
 * {@code -Dapim.restore.verifyOnly=true} only verifies the set.
 */
@Mojo(name = "restore", requiresProject = false, threadSafe = true)
public class RestoreMojo extends AbstractApimMojo {
    @Inject
    public RestoreMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "restore";
    }

    @Override
    protected void run(StepContext context) {
        new RestoreGoal(context).run();
    }
}
