package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Writes a verified backup set of every configured database and the deployment's folders (runbook Step 1.1). */
@Mojo(name = "backup", requiresProject = false, threadSafe = true)
public class BackupMojo extends AbstractApimMojo {
    @Inject
    public BackupMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("backup", decrypter, repositorySystem);
    }
}
