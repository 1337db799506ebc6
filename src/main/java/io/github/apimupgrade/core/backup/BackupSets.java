package io.github.apimupgrade.core.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sets under a backup root: complete ones have a COMPLETE marker; {@code .<name>.partial} ones were interrupted. */
public final class BackupSets {
    private BackupSets() {
    }

    public static List<Path> complete(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(root)) {
            return s.filter(Files::isDirectory).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> Files.isRegularFile(p.resolve(Manifest.COMPLETE))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The complete sets of one environment (named {@code <time>-<env>}), oldest first. */
    public static List<Path> completeOf(Path root, String env) {
        String suffix = "-" + BackupGoal.safe(env);
        return complete(root).stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }

    static String list(Path root) {
        if (!Files.isDirectory(root)) {
            return "none, the folder does not exist";
        }
        try (Stream<Path> s = Files.list(root)) {
            List<String> names = s.filter(Files::isDirectory).map(p -> p.getFileName().toString()
                    + (Files.isRegularFile(p.resolve(Manifest.COMPLETE)) ? "" : " (incomplete)")).sorted().toList();
            return names.isEmpty() ? "none" : String.join(", ", names);
        } catch (IOException e) {
            return "unreadable: " + e.getMessage();
        }
    }
}
