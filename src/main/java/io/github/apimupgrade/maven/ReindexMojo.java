package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.reindex.ReindexGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** {@code apim:reindex}: see {@link ReindexGoal}. With {@code -Dapim.dryRun=true} it prints the plan and changes nothing. */
@Mojo(name = "reindex", requiresProject = false, threadSafe = true)
public class ReindexMojo extends AbstractApimMojo {
    private final RepositorySystem repositorySystem;

    @Inject
    public ReindexMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super(decrypter);
        this.repositorySystem = repositorySystem;
    }

    @Override
    protected String goalName() {
        return "reindex";
    }

    @Override
    protected void run(StepContext context) {
        new ReindexGoal(context, c -> MavenArtifacts.resolve(repositorySystem, session, project, c), credentials()).run();
    }
}
