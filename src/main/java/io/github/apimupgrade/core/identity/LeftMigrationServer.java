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
import java.util.stream.Stream;

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
        ServerRun.Markers markers = transcript.get().getFileName().toString().equals(MigrateIdentityGoal.APIM_CLIENT_LOG)
                ? ServerRun.Markers.apimClient() : ServerRun.Markers.identity(migrators(home.get()));
        new ServerRun(markers, settings.workDir(), log)
                .finishLeft(home.get(), IdentityOptions.timeoutMinutes(settings.properties()), transcript.get())
                .ifPresent(o -> log.info("  The " + markers.what() + " the interrupted run left running has ended: " + o.detail()
                        + " (" + transcript.get() + "); migrate-identity takes that outcome."));
    }

    /** The migrators of the prepared home, for progress only: none when the home is no longer (or not validly) prepared. */
    private static List<String> migrators(Path home) {
        try {
            return Files.isRegularFile(home.resolve(MigrateIdentityGoal.RESOURCES).resolve("migration-config.yaml"))
                    ? MigrateIdentityGoal.migratorNames(home) : List.of();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The transcript of the last server the goal started: the identity migration's (first or retried), or the API-M client's. */
    private static Optional<Path> newestTranscript(Path dir) {
        return Stream.of(MigrateIdentityGoal.IDENTITY_FIRST_LOG, MigrateIdentityGoal.IDENTITY_RETRY_LOG, MigrateIdentityGoal.APIM_CLIENT_LOG)
                .map(dir::resolve).filter(Files::isRegularFile).max(Comparator.comparing(LeftMigrationServer::modified));
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
