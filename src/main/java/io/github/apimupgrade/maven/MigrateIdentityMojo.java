package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Upgrades the identity component (5.9.0 to 5.10.0, runbook Step 2.5) and maps custom roles to the REST API scopes. */
@Mojo(name = "migrate-identity", requiresProject = false, threadSafe = true)
public class MigrateIdentityMojo extends AbstractApimMojo {
    @Inject
    public MigrateIdentityMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("migrate-identity", decrypter, repositorySystem);
    }
}
