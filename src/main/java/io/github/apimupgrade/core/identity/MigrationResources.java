package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.FileTrees;
import io.github.apimupgrade.core.settings.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * WSO2's identity migration resources ({@code wso2is-migration-<version>.zip}: {@code migration-resources/}
 * and {@code dropins/org.wso2.carbon.is.migration-<version>.jar}), found in a directory, a zip, or a zip
 * in the local Maven repository named by coordinates. Nothing is ever downloaded.
 */
public record MigrationResources(Path resourcesDir, Path jar, String origin) {
    private static final Pattern COORDINATES = Pattern.compile("[\\w.\\-]+:[\\w.\\-]+:[\\w.\\-]+(:[\\w.\\-]+)?(:[\\w.\\-]+)?");

    public Path configYaml() {
        return resourcesDir.resolve("migration-config.yaml");
    }

    /**
     * Finds the resources. A zip is unpacked into {@code unpackDir} (emptied first), outside the deployment.
     */
    public static MigrationResources locate(String location, Path baseDir, Optional<Path> localRepository, Path unpackDir) {
        Path p = Path.of(location);
        Path candidate = p.isAbsolute() ? p : baseDir.resolve(p);
        if (!Files.exists(candidate) && COORDINATES.matcher(location).matches()) {
            candidate = fromLocalRepository(location, localRepository);
        }
        if (Files.isDirectory(candidate)) {
            return inDirectory(candidate, location);
        }
        if (Files.isRegularFile(candidate) && candidate.getFileName().toString().endsWith(".zip")) {
            unzip(candidate, unpackDir);
            return inDirectory(unpackDir, location);
        }
        throw new ConfigurationException("'apim.identity.resources' is '" + location + "': no such directory or .zip"
                + (COORDINATES.matcher(location).matches() ? " in the local Maven repository" : "")
                + ". Give the unpacked wso2is-migration-<version> folder, its zip, or groupId:artifactId:version[:zip] of a zip "
                + "you installed with 'mvn install:install-file' (nothing is downloaded).");
    }

    static Path fromLocalRepository(String coordinates, Optional<Path> localRepository) {
        String[] parts = coordinates.split(":");
        String type = parts.length >= 4 ? parts[3] : "zip";
        String classifier = parts.length == 5 ? parts[4] : null;
        Path repo = localRepository.orElseThrow(() -> new ConfigurationException(
                "'apim.identity.resources' gives Maven coordinates (" + coordinates + ") but the local repository is unknown."));
        String file = parts[1] + "-" + parts[2] + (classifier == null ? "" : "-" + classifier) + "." + type;
        Path p = repo.resolve(parts[0].replace('.', '/')).resolve(parts[1]).resolve(parts[2]).resolve(file);
        if (!Files.isRegularFile(p)) {
            throw new ConfigurationException("'apim.identity.resources' = " + coordinates + ": " + p + " is not in the local Maven "
                    + "repository. Install the zip there first (mvn install:install-file -Dfile=wso2is-migration-<v>.zip -DgroupId="
                    + parts[0] + " -DartifactId=" + parts[1] + " -Dversion=" + parts[2] + " -Dpackaging=" + type
                    + "); the plugin never downloads it.");
        }
        return p;
    }

    private static MigrationResources inDirectory(Path dir, String origin) {
        for (Path root : roots(dir)) {
            Path res = root.resolve("migration-resources");
            Path dropins = root.resolve("dropins");
            if (Files.isRegularFile(res.resolve("migration-config.yaml")) && Files.isDirectory(dropins)) {
                List<Path> jars = list(dropins).stream()
                        .filter(f -> f.getFileName().toString().matches("org\\.wso2\\.carbon\\.is\\.migration-.*\\.jar")).toList();
                if (jars.size() == 1) {
                    return new MigrationResources(res, jars.get(0), origin);
                }
                throw new ConfigurationException(dropins + " holds " + jars.size()
                        + " org.wso2.carbon.is.migration-*.jar files; it must hold exactly one.");
            }
        }
        throw new ConfigurationException("'apim.identity.resources' (" + origin + ") has no migration-resources/migration-config.yaml "
                + "with a dropins/org.wso2.carbon.is.migration-<version>.jar beside it (directly or in one sub-folder).");
    }

    private static List<Path> roots(Path dir) {
        List<Path> subs = list(dir).stream().filter(Files::isDirectory).toList();
        return Stream.concat(Stream.of(dir), subs.stream()).toList();
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new ApimException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void unzip(Path zip, Path target) {
        try {
            FileTrees.delete(target);
            Files.createDirectories(target);
            Path root = target.toRealPath();
            try (InputStream in = Files.newInputStream(zip); ZipInputStream z = new ZipInputStream(in)) {
                ZipEntry e;
                while ((e = z.getNextEntry()) != null) {
                    Path out = root.resolve(e.getName()).normalize();
                    if (!out.startsWith(root)) {
                        throw new ConfigurationException(zip + " has an entry outside its folder (" + e.getName() + "); refused.");
                    }
                    if (e.isDirectory()) {
                        Files.createDirectories(out);
                    } else {
                        Files.createDirectories(out.getParent());
                        Files.copy(z, out, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new ApimException("Cannot unpack " + zip + ": " + e.getMessage(), e);
        }
    }
}
