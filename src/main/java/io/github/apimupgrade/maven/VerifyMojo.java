package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.verify.VerifyGoal;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/**
 * Post-flight: compares the migrated databases with the 3.1.0 schema of the new pack's own
 * dbscripts, loaded into a scratch schema of the same dialect, and lists every difference as
 * explained (with the reason) or unexplained. Any unexplained difference fails the build.
 */
@Mojo(name = "verify", requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractApimMojo {
    @Inject
    public VerifyMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "verify";
    }

    @Override
    protected boolean changesDeployment() {
        return false;
    }

    @Override
    protected void run(StepContext context) {
        new VerifyGoal(context).run();
    }
}
