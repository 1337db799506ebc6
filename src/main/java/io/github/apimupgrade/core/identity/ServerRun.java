package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.UpgradeLog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The external-process step: starts {@code bin/wso2server.sh} of a home with the migration system
 * properties, streams its console log (which is the carbon log) into the Maven log with progress,
 * and decides from the lines what happened. It stops the server as soon as the outcome is known: on
 * the first failure marker, or once the server reports it has started (the migration clients run
 * during start-up, before that line).
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

    private static final Pattern ERROR_LINE = Pattern.compile("(^|\\s|\\])ERROR(\\s|\\{|\\]|:)");

    private final Markers markers;
    private final UpgradeLog log;
    private final Set<String> seenSteps = new LinkedHashSet<>();
    private boolean clientSeen;
    private final long startNanos = System.nanoTime();

    public ServerRun(Markers markers, UpgradeLog log) {
        this.markers = markers;
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
        List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
        cmd.addAll(args);
        log.info("  Starting: " + command(args) + "  (in " + home + "; full log in " + transcript + ")");
        Process process;
        try {
            Files.createDirectories(transcript.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile()).redirectErrorStream(true);
            pb.environment().put("CARBON_HOME", home.toString());
            process = pb.start();
        } catch (IOException e) {
            return new Outcome(Result.FAILED, "could not start " + script + ": " + e.getMessage());
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("[apim-maven-plugin] reading the server output failed: " + e.getMessage());
            } finally {
                lines.add(EOF);
            }
        }, "apim-server-log");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(timeoutMinutes);
        try (Writer out = Files.newBufferedWriter(transcript, StandardCharsets.UTF_8)) {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    stop(process);
                    return new Outcome(Result.FAILED, markers.what() + " did not finish within " + timeoutMinutes
                            + " minutes (apim.identity.timeoutMinutes); the server was stopped");
                }
                String line = lines.poll(Math.min(left, TimeUnit.SECONDS.toNanos(5)), TimeUnit.NANOSECONDS);
                if (line == null) {
                    continue;
                }
                if (line == EOF) {
                    int code = process.waitFor();
                    return new Outcome(Result.FAILED, "the server exited (code " + code + ") before it reported '" + STARTED + "'");
                }
                out.write(line);
                out.write('\n');
                Outcome o = classify(line);
                if (o != null) {
                    out.flush();
                    stop(process);
                    return o;
                }
            }
        } catch (IOException e) {
            stop(process);
            throw new ApimException("Cannot write " + transcript + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process);
            return new Outcome(Result.FAILED, "interrupted; the server was stopped");
        }
    }

    private static final String EOF = new String("<eof>");

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

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
