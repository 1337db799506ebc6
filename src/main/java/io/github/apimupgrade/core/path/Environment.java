package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.files.JdbcDrivers;
import io.github.apimupgrade.core.settings.CredentialSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the build tool gives a run besides settings: artifact resolution, settings.xml credentials (admin
 * logins of apim:start), the class loader that holds the JDBC drivers, the local repository, the project
 * folder, role mappings of the plugin configuration, the goals this invocation runs (so that check and the
 * first goal can look ahead at all of them), and whether this goal was reached through the apim lifecycle.
 */
public record Environment(JdbcDrivers.ArtifactResolver resolver, CredentialSource credentials, ClassLoader driverLoader,
                          Optional<Path> localRepository, Path baseDir, Map<String, String> roleMappings, List<String> runGoals,
                          boolean viaLifecycle) {

    /** For tests and tools: no artifact resolution nor credentials, this class loader, the goal alone. */
    public static Environment plain(Path baseDir) {
        return new Environment(JdbcDrivers.ArtifactResolver.none(), CredentialSource.none(), Environment.class.getClassLoader(),
                Optional.empty(), baseDir.toAbsolutePath(), Map.of(), List.of(), false);
    }

    public Environment withRunGoals(List<String> goals) {
        return new Environment(resolver, credentials, driverLoader, localRepository, baseDir, roleMappings, List.copyOf(goals), viaLifecycle);
    }

    public Environment withCredentials(CredentialSource source) {
        return new Environment(resolver, source, driverLoader, localRepository, baseDir, roleMappings, runGoals, viaLifecycle);
    }
}
