package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.files.ServerStatus;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.List;
import java.util.stream.Stream;

/** Checks before a backup writes anything: the server is stopped, the root is writable, the disk has room. */
final class Preflight {
    private Preflight() {
    }

    /** Runbook Step 2.1: no WSO2 server may run while the databases are backed up. */
    static void serverStopped(UpgradeSettings settings, BackupOptions options) {
        List<String> running = options.ignoreRunningServer() ? List.of() : ServerStatus.running(settings);
        if (!running.isEmpty()) {
            throw new ConfigurationException("Backup refused: " + String.join("; ", running)
                    + ". Set apim.backup.ignoreRunningServer=true if that is not an API-M server.");
        }
    }

    /** Creates the root and a probe folder in it; a failure names the property to change. */
    static Path writable(Path root, String probeName) {
        try {
            Files.createDirectories(root);
            return Files.createDirectory(root.resolve(probeName));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot write backups to " + root + " (" + e.getMessage()
                    + "): set 'apim.backup.dir' to a folder this user can write.");
        }
    }

    /** Refuses when the free space is less than the databases' and folders' sizes plus 10%. */
    static void diskSpace(Path root, long needed) {
        try {
            FileStore store = Files.getFileStore(root);
            long free = FaultInjector.usableSpace(store.getUsableSpace());
            if (free < needed + needed / 10) {
                throw new ConfigurationException(String.format(Locale.ROOT, "Not enough free space for the backup under %s: "
                        + "%.1f MB free, about %.1f MB needed (database sizes reported by the servers plus the folders, "
                        + "plus 10%%). Free space or set 'apim.backup.dir' to another disk.", root, free / 1e6, needed * 1.1 / 1e6));
            }
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read the free space of " + root + ": " + e.getMessage());
        }
    }

    static long size(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }
}
