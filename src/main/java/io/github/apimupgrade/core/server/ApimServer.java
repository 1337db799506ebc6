package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the API-M 3.1.0 node ({@code sh bin/wso2server.sh} with the role's profile and the port
 * offset) and follows {@code repository/logs/wso2carbon.log} until it reports it has started, logs a
 * failure, exits, or the timeout passes. A server that does not come up is stopped.
 */
public final class ApimServer {
    public static final String CARBON_LOG = "repository/logs/wso2carbon.log";
    public static final String PID_FILE = "wso2carbon.pid";
    private static final CarbonLog MARKERS = new CarbonLog(CarbonLog.API_M_STARTED);

    /** A node that reported it has started; {@code lines} is its log since the start. */
    public record Started(ServerProcess process, LogFollower log, List<String> lines) {
        /** Reads what the server has logged since, adds it to {@code lines} and returns it. */
        public List<String> more() {
            List<String> more = log.poll();
            lines.addAll(more);
            return more;
        }
    }

    private ApimServer() {
    }

    public static ServerCommand command(StartOptions o, Path workDir) {
        return new ServerCommand("api-m", o.home(), "bin/wso2server.sh", o.args(),
                ServerProcess.stateDir(workDir).resolve("api-m.console.log"), PID_FILE, Map.of("CARBON_HOME", o.home().toString()));
    }

    /** Stops the node an interrupted run of the plugin left running from the new home, if any (it may hold embedded H2 files). */
    public static void recoverLeftover(UpgradeSettings settings, UpgradeLog log) {
        if (settings.newHome().isPresent()) {
            ServerProcess.recover(command(StartOptions.from(settings), settings.workDir()), ServerProcess.stateDir(settings.workDir()), log);
        }
    }

    /**
     * Before anything else: stops a server that an interrupted run of the plugin left running, and
     * refuses when another server runs from the home or listens on the node's HTTPS port.
     */
    public static void ensureFree(StartOptions o, Path workDir, UpgradeLog log) {
        ServerCommand command = command(o, workDir);
        ServerProcess.recover(command, ServerProcess.stateDir(workDir), log);
        command.runningServer().ifPresent(h -> {
            throw new ApimUserException("A server is already running from " + o.home() + " (pid " + h.pid() + " in " + PID_FILE
                    + "), and this plugin did not start it: stop it (sh bin/wso2server.sh stop) and run again.");
        });
        if (Ports.listening(o.httpsPort())) {
            throw new ApimUserException("Something already listens on localhost:" + o.httpsPort() + ", the HTTPS port of this node (9443 + "
                    + "offset " + o.offset() + "): stop it, or set '" + StartOptions.OFFSET + "' to the offset this node runs with.");
        }
    }

    public static Started start(StartOptions o, Path workDir, UpgradeLog log) {
        ServerCommand command = command(o, workDir);
        Path state = ServerProcess.stateDir(workDir);
        ensureFree(o, workDir, log);
        LogFollower follower = LogFollower.fromEnd(o.home().resolve(CARBON_LOG));
        ServerProcess server = ServerProcess.start(command, state, log);
        List<String> lines = new ArrayList<>();
        LogWatch.Result<CarbonLog.Outcome> r;
        try {
            r = LogWatch.await(server, follower, line -> {
                lines.add(line);
                return MARKERS.classify(line);
            }, o.startTimeout(), o.progressSeconds(), log);
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        String where = " Server log: " + follower.file() + "; console: " + command.console() + ".";
        if (r.end() == LogWatch.End.DECIDED && r.decision().started()) {
            log.info("  [api-m] " + r.decision().line() + "  (" + r.seconds() + " s)");
            return new Started(server, follower, lines);
        }
        server.stop();
        throw new ServerFailedException(switch (r.end()) {
            case DECIDED -> "The 3.1.0 server logged a failure while starting: " + r.decision().line() + ". It was stopped." + where;
            case EXITED -> "The 3.1.0 server exited (code " + r.exitCode() + ") before it reported '" + CarbonLog.API_M_STARTED.pattern()
                    + "'." + where;
            case TIMED_OUT -> "The 3.1.0 server did not report '" + CarbonLog.API_M_STARTED.pattern() + "' within "
                    + o.startTimeout().toSeconds() + " s ('" + StartOptions.TIMEOUT + "'); it was stopped." + lastLine(lines) + where;
        });
    }

    private static String lastLine(List<String> lines) {
        Optional<String> last = lines.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b);
        return last.map(l -> " Its last log line: " + l.strip()).orElse(" It logged nothing.");
    }
}
