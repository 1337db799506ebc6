package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.files.FileTrees;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
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
        Pattern name = Pattern.compile("\\d{8}-\\d{6}-" + Pattern.quote(BackupGoal.safe(env)));
        return complete(root).stream().filter(p -> name.matcher(p.getFileName().toString()).matches()).toList();
    }

    /**
     * Removes the sets of this environment that a killed backup left behind ({@code .<time>-<env>.partial}): called
     * once a new set is complete, by the run that holds the upgrade lock, so no other backup is writing one.
     */
    static void removeInterrupted(Path root, String env, UpgradeLog log) throws IOException {
        Pattern name = Pattern.compile("\\.\\d{8}-\\d{6}-" + Pattern.quote(BackupGoal.safe(env)) + "\\.partial");
        List<Path> partial;
        try (Stream<Path> s = Files.list(root)) {
            partial = s.filter(Files::isDirectory).filter(p -> name.matcher(p.getFileName().toString()).matches()).sorted().toList();
        }
        for (Path p : partial) {
            FileTrees.delete(p);
            log.info("Removed " + p + ", a set an interrupted backup left unfinished.");
        }
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
