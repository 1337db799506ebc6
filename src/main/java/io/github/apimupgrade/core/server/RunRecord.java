package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.files.AtomicWrite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * The work directory's note of a server this plugin started and has not stopped yet
 * ({@code <workDir>/server/<id>.run}). It is written before the process starts and removed once
 * it is stopped (or deliberately left running), so a run that was killed in between leaves it
 * behind, and the next run stops that server before it starts another.
 */
final class RunRecord {
    private final Path file;

    RunRecord(Path stateDir, String id) {
        this.file = stateDir.resolve(id + ".run");
    }

    Path file() {
        return file;
    }

    void starting(Path home) {
        Properties p = new Properties();
        p.setProperty("home", home.toAbsolutePath().normalize().toString());
        write(p);
    }

    void started(Path home, ProcessHandle process) {
        Properties p = new Properties();
        p.setProperty("home", home.toAbsolutePath().normalize().toString());
        p.setProperty("pid", Long.toString(process.pid()));
        process.info().startInstant().ifPresent(t -> p.setProperty("startedAt", Long.toString(t.toEpochMilli())));
        write(p);
    }

    void clear() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new ApimException("Cannot delete " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Stops what an earlier run of the same server left running: the process it started (when its
     * start time still matches, so that a recycled pid is left alone) with its children, and the
     * server named by the home's pid file. Returns whether anything was left.
     */
    boolean recover(ServerCommand command, UpgradeLog log) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties p = read();
        Optional<ProcessHandle> started = started(p);
        Optional<ProcessHandle> server = server(p, command);
        if (started.isPresent() || server.isPresent()) {
            log.warn("  An earlier run was interrupted while " + command.id() + " was running from " + p.getProperty("home")
                    + " (pid " + started.or(() -> server).map(ProcessHandle::pid).orElseThrow() + "); stopping it first.");
            ProcessTree.stop(started, server);
        }
        clear();
        return true;
    }

    /** The process an earlier run started and left running, when it is still alive (the server's own, else the script's). */
    Optional<ProcessHandle> leftRunning(ServerCommand command) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = read();
        return started(p).or(() -> server(p, command));
    }

    /** The recorded process, when it is alive and its start time still matches (a recycled pid is someone else's). */
    private static Optional<ProcessHandle> started(Properties p) {
        return Optional.ofNullable(p.getProperty("pid")).map(Long::parseLong).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(h -> p.getProperty("startedAt") == null || h.info().startInstant()
                        .map(t -> Long.toString(t.toEpochMilli()).equals(p.getProperty("startedAt"))).orElse(true));
    }

    /** The server named by the home's pid file, when the record is of this home. */
    private static Optional<ProcessHandle> server(Properties p, ServerCommand command) {
        return p.getProperty("home", "").equals(command.home().toAbsolutePath().normalize().toString())
                ? command.runningServer() : Optional.empty();
    }

    private Properties read() {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }

    private void write(Properties p) {
        AtomicWrite.properties(file, p, "a server started by apim-maven-plugin; removed when it is stopped");
    }
}
