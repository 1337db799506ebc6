package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;

/** {@code apim:reindex}: see {@link ReindexGoal}. With {@code -Dapim.dryRun=true} it prints the plan and changes nothing. */
@Mojo(name = "reindex", requiresProject = false, threadSafe = true)
public class ReindexMojo extends AbstractApimMojo {
    @Inject
    public ReindexMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "reindex";
    }

    @Override
    protected void run(StepContext context) {
        new ReindexGoal(context).run();
    }
}
