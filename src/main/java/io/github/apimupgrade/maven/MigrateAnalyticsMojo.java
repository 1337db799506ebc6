package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.analytics.MigrateAnalyticsGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/** {@code apim:migrate-analytics}: see {@link MigrateAnalyticsGoal}. With {@code -Dapim.dryRun=true} it prints the plan and changes nothing. */
@Mojo(name = "migrate-analytics", requiresProject = false, threadSafe = true)
public class MigrateAnalyticsMojo extends AbstractApimMojo {
    @Inject
    public MigrateAnalyticsMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "migrate-analytics";
    }

    @Override
    protected void run(StepContext context) {
        new MigrateAnalyticsGoal(context).run();
    }
}
