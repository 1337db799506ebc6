package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.ApimException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;

import java.io.File;
import java.nio.file.Path;
import java.util.List;

/** Resolves {@code groupId:artifactId:version} with the build's repositories (a driver to copy, for example). */
final class MavenArtifacts {
    private MavenArtifacts() {
    }

    static Path resolve(RepositorySystem system, MavenSession session, MavenProject project, String coordinates) {
        if (session == null || system == null) {
            throw new ApimException("no Maven session to resolve " + coordinates + " in");
        }
        try {
            ArtifactRequest request = new ArtifactRequest(new DefaultArtifact(coordinates),
                    project == null ? List.of() : project.getRemoteProjectRepositories(), null);
            File f = system.resolveArtifact(session.getRepositorySession(), request).getArtifact().getFile();
            return f.toPath();
        } catch (ArtifactResolutionException | IllegalArgumentException e) {
            throw new ApimException(e.getMessage(), e);
        }
    }
}
