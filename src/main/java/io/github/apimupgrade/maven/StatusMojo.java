package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Shows, per goal of the lifecycle, whether the deployment says it is done, what is left, and when it last ran; -Dapim.status.json=true prints it as JSON. Changes nothing. */
@Mojo(name = "status", requiresProject = false, threadSafe = true)
public class StatusMojo extends AbstractApimMojo {
    @Inject
    public StatusMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("status", decrypter, repositorySystem);
    }
}
