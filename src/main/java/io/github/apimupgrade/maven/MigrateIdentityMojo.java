package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.identity.MigrateIdentityGoal;
import io.github.apimupgrade.core.path.StepContext;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

import javax.inject.Inject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Upgrades the identity component (5.9.0 to 5.10.0, runbook Step 2.5 with its later corrections) and
 * maps custom roles to the REST API scopes in every tenant's tenant-conf.json. With
 * {@code -Dapim.identity.run=true} it runs the server itself; otherwise it prepares the home, prints
 * the command, and {@code -Dapim.identity.finish=true} cleans up afterwards. Any failure puts the
 * home's files back as they were.
 */
@Mojo(name = "migrate-identity", requiresProject = false, threadSafe = true)
public class MigrateIdentityMojo extends AbstractApimMojo {
    /** Role to comma-separated scopes, per environment (overridden by apim.roleMapping.&lt;role&gt; properties). */
    @Parameter
    protected Map<String, String> roleMappings = new HashMap<>();

    @Inject
    public MigrateIdentityMojo(SettingsDecrypter decrypter) {
        super(decrypter);
    }

    @Override
    protected String goalName() {
        return "migrate-identity";
    }

    @Override
    protected void run(StepContext context) {
        Optional<Path> localRepo = Optional.ofNullable(session == null || session.getRepositorySession() == null ? null
                : session.getRepositorySession().getLocalRepository().getBasedir().toPath());
        Path baseDir = project != null && project.getBasedir() != null ? project.getBasedir().toPath() : Path.of(".");
        MigrateIdentityGoal.of(context, roleMappings, localRepo, baseDir.toAbsolutePath()).run();
    }
}
