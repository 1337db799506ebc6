package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.check.CheckGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/**
 * Pre-flight: databases reachable and at 3.0.0, homes and their versions, servers stopped, disk for
 * the backup, registry versioning, tenants, keystores, JDBC drivers, identity resources. Each finding
 * is PASS, WARN or FAIL with its fix; a FAIL stops the build. Changes nothing.
 */
@Mojo(name = "check", requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractApimMojo {
    @Inject
    public CheckMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "check";
    }

    @Override
    protected boolean changesDeployment() {
        return false;
    }

    @Override
    protected boolean readsOldDeployment() {
        return true;
    }

    @Override
    protected void run(StepContext context) {
        new CheckGoal(context).run();
    }
}
