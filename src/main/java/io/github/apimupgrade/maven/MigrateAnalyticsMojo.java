package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Migrates API-M Analytics (runbook Step 3) when an analytics database is configured. */
@Mojo(name = "migrate-analytics", requiresProject = false, threadSafe = true)
public class MigrateAnalyticsMojo extends AbstractApimMojo {
    @Inject
    public MigrateAnalyticsMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("migrate-analytics", decrypter, repositorySystem);
    }
}
