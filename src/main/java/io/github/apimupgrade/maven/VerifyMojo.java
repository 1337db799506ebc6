package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Post-flight: the migrated databases compared with the new pack's own 3.1.0 scripts, row counts with the 3.0.0 backup set, the new home with what migrate-config wrote. Changes nothing. */
@Mojo(name = "verify", requiresProject = false, threadSafe = true)
public class VerifyMojo extends AbstractApimMojo {
    @Inject
    public VerifyMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("verify", decrypter, repositorySystem);
    }
}
