package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Upgrades WSO2AM_DB from 3.0.0 to 3.1.0 (runbook Step 2.3 with its corrections) and cleans registry versions where 3.0.0 kept them. */
@Mojo(name = "migrate-db", requiresProject = false, threadSafe = true)
public class MigrateDbMojo extends AbstractApimMojo {
    @Inject
    public MigrateDbMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("migrate-db", decrypter, repositorySystem);
    }
}
