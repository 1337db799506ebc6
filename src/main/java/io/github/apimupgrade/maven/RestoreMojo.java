package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Puts a backup set back after checking every checksum and row count. */
@Mojo(name = "restore", requiresProject = false, threadSafe = true)
public class RestoreMojo extends AbstractApimMojo {
    @Inject
    public RestoreMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("restore", decrypter, repositorySystem);
    }
}
