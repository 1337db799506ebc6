package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.goal.PlanPrinter;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/** Prints the upgrade's steps for this environment, with their state and exact statements. Changes nothing. */
@Mojo(name = "plan", requiresProject = false, threadSafe = true)
public class PlanMojo extends AbstractApimMojo {
    @Inject
    public PlanMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "plan";
    }

    @Override
    protected boolean changesDeployment() {
        return false;
    }

    @Override
    protected void run(StepContext context) {
        PlanPrinter.print(context.log(), "migrate-db", new MigrateDbGoal(context).plan());
        context.log().info("apim:plan changes nothing.");
    }
}
