package io.github.apimupgrade.maven;

import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;

import javax.inject.Inject;

/** Runbook Step 2.6: REG_LOG compacted in linear time, the re-indexing counter raised, Solr moved aside, the tenant loader placed. */
@Mojo(name = "reindex", requiresProject = false, threadSafe = true)
public class ReindexMojo extends AbstractApimMojo {
    @Inject
    public ReindexMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super("reindex", decrypter, repositorySystem);
    }
}
