package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Prints the whole upgrade for this environment and node role, goal by goal, each step with its state and exact actions; refused when the upgrade it shows would be. Changes nothing. */
@Mojo(name = "plan", requiresProject = false, threadSafe = true)
public class PlanMojo extends AbstractApimMojo {
    @Inject
    public PlanMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("plan", decrypter, repositorySystem);
    }
}
