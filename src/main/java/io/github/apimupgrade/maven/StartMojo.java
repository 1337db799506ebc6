package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/**
 * Runbook Step 4: starts the 3.1.0 node, proves it serves what 3.0.0 served, stops it again. In the apim
 * lifecycle (phase apim-start, after apim-verify) only with -Dapim.start=true; mvn apim:start always runs.
 */
@Mojo(name = "start", requiresProject = false, threadSafe = true)
public class StartMojo extends AbstractApimMojo {
    @Inject
    public StartMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("start", decrypter, repositorySystem);
    }
}
