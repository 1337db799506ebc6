package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A migration server that an interrupted {@code migrate-identity} started and left running, finished before the next
 * run opens a database: followed to its outcome and stopped, never started a second time. On embedded H2 that server
 * holds the database files, so no goal could run beside it; on every database the goal's server step then takes the
 * outcome from the transcript, so WSO2's migration runs once.
 */
public final class LeftMigrationServer {
    private LeftMigrationServer() {
    }

    public static void finish(UpgradeSettings settings, UpgradeLog log) {
        Optional<Path> home = settings.newHome();
        Optional<Path> transcript = newestTranscript(IdentityState.dir(settings));
        if (home.isEmpty() || transcript.isEmpty()) {
            return;
        }
        ServerRun.Markers markers = transcript.get().getFileName().toString().equals(MigrateIdentityGoal.APIM_CLIENT_LOG) ? ServerRun.Markers.apimClient()
                : ServerRun.Markers.identity(Files.isDirectory(home.get().resolve(MigrateIdentityGoal.RESOURCES))
                ? MigrateIdentityGoal.migratorNames(home.get()) : List.of());
        new ServerRun(markers, settings.workDir(), log)
                .finishLeft(home.get(), IdentityOptions.timeoutMinutes(settings.properties()), transcript.get())
                .ifPresent(o -> log.info("  The " + markers.what() + " the interrupted run left running has ended: " + o.detail()
                        + " (" + transcript.get() + "); migrate-identity takes that outcome."));
    }

    /** The transcript the last server started by the goal writes: the identity migration's (first or retried), or the API-M client's. */
    private static Optional<Path> newestTranscript(Path dir) {
        return List.of(MigrateIdentityGoal.IDENTITY_FIRST_LOG, MigrateIdentityGoal.IDENTITY_RETRY_LOG, MigrateIdentityGoal.APIM_CLIENT_LOG).stream().map(dir::resolve).filter(Files::isRegularFile)
                .max(Comparator.comparing(LeftMigrationServer::modified));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
