package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Moves the node's configuration and artifacts from the 3.0.0 home to the 3.1.0 home (runbook Step 1.3-1.9, 2.4, 3.3). */
@Mojo(name = "migrate-config", requiresProject = false, threadSafe = true)
public class MigrateConfigMojo extends AbstractApimMojo {
    @Inject
    public MigrateConfigMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("migrate-config", decrypter, repositorySystem);
    }
}
