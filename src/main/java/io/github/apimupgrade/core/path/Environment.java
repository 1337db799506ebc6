package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.files.JdbcDrivers;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the build tool gives a run besides settings: artifact resolution, the class loader that holds the
 * JDBC drivers, the local repository, the project folder, role mappings of the plugin configuration, and
 * the goals this invocation runs (so that check and the first goal can look ahead at all of them).
 */
public record Environment(JdbcDrivers.ArtifactResolver resolver, ClassLoader driverLoader, Optional<Path> localRepository,
                          Path baseDir, Map<String, String> roleMappings, List<String> runGoals) {

    /** For tests and tools: no artifact resolution, this class loader, the working directory, the goal alone. */
    public static Environment plain(Path baseDir) {
        return new Environment(JdbcDrivers.ArtifactResolver.none(), Environment.class.getClassLoader(), Optional.empty(),
                baseDir.toAbsolutePath(), Map.of(), List.of());
    }

    public Environment withRunGoals(List<String> goals) {
        return new Environment(resolver, driverLoader, localRepository, baseDir, roleMappings, List.copyOf(goals));
    }
}
