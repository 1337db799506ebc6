package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.zip.ZipFile;

/** Finding the jar of a JDBC driver: in a home's lib folder, or where the plugin loaded it from. */
public final class JdbcDrivers {
    private JdbcDrivers() {
    }

    /** Resolves Maven coordinates {@code groupId:artifactId:version} to a local jar (the Mojo uses Maven's resolver). */
    @FunctionalInterface
    public interface ArtifactResolver {
        Path resolve(String coordinates);

        static ArtifactResolver none() {
            return coords -> {
                throw new ApimException("No Maven resolver available to resolve " + coords);
            };
        }
    }

    /** The jar in {@code dir} that holds {@code className}, if any. */
    public static Optional<Path> jarWithClass(Path dir, String className) {
        String entry = className.replace('.', '/') + ".class";
        for (Path jar : JarRules.jars(dir)) {
            if (contains(jar, entry)) {
                return Optional.of(jar);
            }
        }
        return Optional.empty();
    }

    public static boolean contains(Path jar, String entry) {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(entry) != null;
        } catch (IOException e) {
            return false;
        }
    }

    /** The jar the given class loader loads {@code className} from, when that is a jar file. */
    public static Optional<Path> onClassPath(String className, ClassLoader loader) {
        try {
            Class<?> c = Class.forName(className, false, loader);
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                return Optional.empty();
            }
            Path p = Path.of(cs.getLocation().toURI());
            return Files.isRegularFile(p) && p.getFileName().toString().endsWith(".jar") ? Optional.of(p) : Optional.empty();
        } catch (ClassNotFoundException | LinkageError | URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
