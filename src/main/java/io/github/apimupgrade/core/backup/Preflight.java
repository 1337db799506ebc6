package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** Checks before a backup writes anything: the server is stopped, the root is writable, the disk has room. */
final class Preflight {
    private Preflight() {
    }

    /** Runbook Step 2.1: the 3.0.0 server must be stopped (no live PID in wso2carbon.pid, nothing on its HTTPS port). */
    static void serverStopped(UpgradeSettings settings, BackupOptions options) {
        if (options.ignoreRunningServer() || settings.oldHome().isEmpty()) {
            return;
        }
        Path pidFile = settings.oldHome().get().resolve("wso2carbon.pid");
        if (Files.isRegularFile(pidFile)) {
            try {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                Optional<ProcessHandle> p = ProcessHandle.of(pid);
                if (p.isPresent() && p.get().isAlive()) {
                    throw new ConfigurationException("The WSO2 server of " + settings.oldHome().get() + " is running (PID " + pid
                            + " in " + pidFile + "). Stop it before the backup (runbook Step 2.1), or set "
                            + "apim.backup.ignoreRunningServer=true if that process is not the server.");
                }
            } catch (IOException | NumberFormatException ignored) {
                // an unreadable or stale PID file does not prove the server runs
            }
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", options.serverPort()), 300);
            throw new ConfigurationException("Something listens on port " + options.serverPort() + " (the carbon HTTPS port): "
                    + "is the WSO2 server still running? Stop it before the backup (runbook Step 2.1), or set "
                    + "apim.backup.serverPort to the port it uses, or apim.backup.ignoreRunningServer=true.");
        } catch (IOException closed) {
            // nothing listens: the server is stopped
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
