package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Pre-flight: the environment (databases, homes, servers, disk, registry, tenants) and every step of every goal this run executes; any FAIL refuses the run before anything changes. Changes nothing. */
@Mojo(name = "check", requiresProject = false, threadSafe = true)
public class CheckMojo extends AbstractApimMojo {
    @Inject
    public CheckMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("check", decrypter, repositorySystem);
    }
}
