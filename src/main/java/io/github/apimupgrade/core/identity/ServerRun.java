package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.server.CarbonLog;
import io.github.apimupgrade.core.server.LogFollower;
import io.github.apimupgrade.core.server.LogWatch;
import io.github.apimupgrade.core.server.ServerCommand;
import io.github.apimupgrade.core.server.ServerProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A migration run of the 3.1.0 server: starts {@code bin/wso2server.sh} of a home with the
 * migration system properties (through {@link ServerProcess}), follows its console output (the
 * migration clients log there) with progress, and decides from the lines what happened. It stops
 * the server as soon as the outcome is known: on the first failure marker, or once the server
 * reports it has started (the migration clients run during start-up, before that line).
 */
public final class ServerRun {
    /** Carbon logs this once start-up (and so the migration) is over. */
    public static final String STARTED = "WSO2 Carbon started in";
    /** The IS migration client logs this when a migrator failed and continueOnError is false. */
    public static final String STOPPED = "Migration process was stopped";
    public static final String POOL_EXHAUSTED = "PoolExhaustedException";

    public enum Result { MIGRATED, FAILED, POOL_EXHAUSTED }

    public record Outcome(Result result, String detail) {
    }

    /**
     * What to watch for one migration client.
     *
     * @param what     a label for messages ("identity migration")
     * @param logger   a pattern that the client's own log lines match (its logger's package)
     * @param steps    the names of its steps, for progress (may be empty)
     */
    public record Markers(String what, Pattern logger, List<String> steps) {
        public static Markers identity(List<String> migrators) {
            return new Markers("identity migration", Pattern.compile("org\\.wso2\\.carbon\\.is\\.migration"), migrators);
        }

        public static Markers apimClient() {
            return new Markers("API-M migration client", Pattern.compile("org\\.wso2\\.carbon\\.apimgt\\.migrat"), List.of());
        }
    }

    private static final Pattern ERROR_LINE = CarbonLog.ERROR_LINE;

    private final Markers markers;
    private final Path workDir;
    private final UpgradeLog log;
    private final Set<String> seenSteps = new LinkedHashSet<>();
    private boolean clientSeen;
    private final long startNanos = System.nanoTime();

    /** {@code workDir} keeps the record of the started server, so that a killed run's server is stopped by the next run. */
    public ServerRun(Markers markers, Path workDir, UpgradeLog log) {
        this.markers = markers;
        this.workDir = workDir;
        this.log = log;
    }

    /** The exact command a user would type in the home. */
    public static String command(List<String> args) {
        return "sh bin/wso2server.sh " + String.join(" ", args);
    }

    /** Runs the server and returns what happened; the full output goes to {@code transcript}. */
    public Outcome run(Path home, List<String> args, long timeoutMinutes, Path transcript) {
        Path script = home.resolve("bin/wso2server.sh");
        if (!Files.isRegularFile(script)) {
            return new Outcome(Result.FAILED, "there is no " + script);
        }
        ServerCommand command = command(home, args, transcript);
        Optional<Outcome> earlier = finishedEarlier(transcript);
        if (earlier.isPresent()) {
            // a run killed after its server had finished: stop that server, and do not migrate a second time
            ServerProcess.recover(command, ServerProcess.stateDir(workDir), log);
            log.info("  The server an interrupted run started had finished (" + transcript + "): " + earlier.get().detail()
                    + "; it is not run again.");
            return earlier.get();
        }
        // a run killed while its server migrated: that server goes on with the migration, so it is waited for, not
        // stopped and run again (WSO2's migration is not made to run twice); its transcript is read from the start
        Optional<ServerProcess> left = ServerProcess.adopt(command, ServerProcess.stateDir(workDir), log);
        if (left.isEmpty()) {
            keepEarlier(transcript);
        }
        return follow(left.isPresent() ? left.get() : ServerProcess.start(command, ServerProcess.stateDir(workDir), log),
                transcript, timeoutMinutes);
    }

    /**
     * The server an interrupted run started in {@code home} and left running (its transcript {@code transcript}), followed
     * to its outcome and stopped; empty when no such server is alive.
     */
    public Optional<Outcome> finishLeft(Path home, long timeoutMinutes, Path transcript) {
        return ServerProcess.adopt(command(home, List.of(), transcript), ServerProcess.stateDir(workDir), log)
                .map(server -> follow(server, transcript, timeoutMinutes));
    }

    private static ServerCommand command(Path home, List<String> args, Path transcript) {
        return new ServerCommand("api-m", home, "bin/wso2server.sh", args, transcript, "wso2carbon.pid", Map.of("CARBON_HOME", home.toString()));
    }

    /** Reads the server's transcript from the start until it decides the outcome, then stops the server. */
    private Outcome follow(ServerProcess server, Path transcript, long timeoutMinutes) {
        try {
            LogWatch.Result<Outcome> r = LogWatch.await(server, new LogFollower(transcript, 0),
                    this::watch, Duration.ofMinutes(timeoutMinutes), 60, log);
            return switch (r.end()) {
                case DECIDED -> r.decision();
                case EXITED -> new Outcome(Result.FAILED, "the server exited (code " + r.exitCode() + ") before it reported '"
                        + STARTED + "'");
                case TIMED_OUT -> new Outcome(Result.FAILED, markers.what() + " did not finish within " + timeoutMinutes
                        + " minutes (apim.identity.timeoutMinutes); the server was stopped");
            };
        } finally {
            server.stop();
        }
    }

    /** What an earlier run's transcript shows, when that run's server finished successfully. */
    private Optional<Outcome> finishedEarlier(Path transcript) {
        if (!Files.isRegularFile(transcript)) {
            return Optional.empty();
        }
        ServerRun reader = new ServerRun(markers, workDir, UpgradeLog.silent());
        try (var lines = Files.lines(transcript, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                Outcome o = reader.classify(line);
                if (o != null) {
                    return o.result() == Result.MIGRATED ? Optional.of(o) : Optional.empty();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ApimException("Cannot read " + transcript + ": " + e.getMessage(), e);
        }
        return Optional.empty();
    }

    /** An unfinished earlier transcript is kept beside the new one, never overwritten: it is the record of what ran. */
    private static void keepEarlier(Path transcript) {
        try {
            if (Files.isRegularFile(transcript)) {
                Files.move(transcript, transcript.resolveSibling(transcript.getFileName() + ".interrupted-" + System.currentTimeMillis()));
            }
        } catch (IOException e) {
            throw new ApimException("Cannot keep " + transcript + ": " + e.getMessage(), e);
        }
    }

    /** A line of the running server's transcript; the moment its migration client first logs is a fault-injection point. */
    private Optional<Outcome> watch(String line) {
        boolean migrating = clientSeen;
        Outcome o = classify(line);
        if (!migrating && clientSeen) {
            FaultInjector.at(FaultInjector.IDENTITY_SERVER_MIGRATING);
        }
        return Optional.ofNullable(o);
    }

    /** The outcome a line decides, or null to keep reading. Also used on a log file (finish mode). */
    public Outcome classify(String line) {
        if (line.contains(POOL_EXHAUSTED)) {
            log.warn("  [server] " + line.strip());
            return new Outcome(Result.POOL_EXHAUSTED, "the database connection pool was exhausted (" + POOL_EXHAUSTED + ")");
        }
        boolean client = markers.logger().matcher(line).find();
        if (line.contains(STOPPED) || (client && ERROR_LINE.matcher(line).find())) {
            log.error("  [server] " + line.strip());
            return new Outcome(Result.FAILED, markers.what() + " failed: " + line.strip());
        }
        if (client) {
            clientSeen = true;
            for (String step : markers.steps()) {
                if (line.contains(step) && seenSteps.add(step)) {
                    log.info(String.format("  [%s] %d/%d %s  (%ds)", markers.what(), seenSteps.size(),
                            markers.steps().size(), step, (System.nanoTime() - startNanos) / 1_000_000_000L));
                }
            }
            log.debug("  [server] " + line.strip());
        }
        if (line.contains(STARTED)) {
            if (!clientSeen) {
                return new Outcome(Result.FAILED, "the server started but the " + markers.what()
                        + " never logged anything: was the client jar loaded from repository/components/dropins?");
            }
            log.info("  [server] " + line.strip());
            return new Outcome(Result.MIGRATED, markers.what() + " finished; the server had started"
                    + (markers.steps().isEmpty() ? "" : " (" + seenSteps.size() + " of " + markers.steps().size() + " migrators logged)"));
        }
        return null;
    }
}
