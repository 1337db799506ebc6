package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.migrateconfig.MigrateConfigGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import javax.inject.Inject;
import java.io.File;
import java.util.List;

/**
 * Moves the configuration and artifacts of a WSO2 API-M 3.0.0 node to its 3.1.0 home (runbook
 * Step 1.3-1.9, 2.4, 3.3): deployment.toml keys, JDBC driver, Synapse configurations, execution
 * plans, bundles, jars, keystores and embedded H2 files, per node role. {@code -Dapim.dryRun=true}
 * prints the deployment.toml diff and the file operations and changes nothing.
 */
@Mojo(name = "migrate-config", requiresProject = false, threadSafe = true)
public class MigrateConfigMojo extends AbstractApimMojo {
    private final RepositorySystem repositorySystem;

    @Inject
    public MigrateConfigMojo(SettingsDecrypter decrypter, RepositorySystem repositorySystem) {
        super(decrypter);
        this.repositorySystem = repositorySystem;
    }

    @Override
    protected String goalName() {
        return "migrate-config";
    }

    @Override
    protected boolean usesDatabases() {
        return false;
    }

    @Override
    protected void run(StepContext context) {
        new MigrateConfigGoal(context, this::resolve, getClass().getClassLoader()).run();
    }

    private java.nio.file.Path resolve(String coordinates) {
        return MavenArtifacts.resolve(repositorySystem, session, project, coordinates);
    }
}
