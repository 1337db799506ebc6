package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.UpgradeLog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One WSO2 server process started by the plugin. Before it starts, a server that an interrupted
 * run left behind is stopped, and a server that is already running from the home (one the plugin
 * did not start) is refused; or such a left server is taken over ({@link #adopt}) when its work is
 * still going on. Until {@link #stop()} or {@link #leaveRunning()}, a shutdown hook stops it when the
 * JVM ends, and a run record in the work directory lets the next run stop it if the JVM is killed.
 */
public final class ServerProcess {
    private final ServerCommand command;
    private final ProcessHandle process;
    /** The process this JVM started, for its exit code; empty for one taken over from an interrupted run. */
    private final Optional<Process> child;
    private final RunRecord record;
    private final UpgradeLog log;
    private final Thread hook;
    private boolean ended;

    private ServerProcess(ServerCommand command, ProcessHandle process, Optional<Process> child, RunRecord record, UpgradeLog log) {
        this.command = command;
        this.process = process;
        this.child = child;
        this.record = record;
        this.log = log;
        this.hook = new Thread(this::stopFromHook, "apim-stop-" + command.id());
    }

    /** Where the run records live: {@code <workDir>/server}. */
    public static Path stateDir(Path workDir) {
        return workDir.resolve("server");
    }

    /** Stops what an interrupted run of this server left running, if anything; true when there was a record. */
    public static boolean recover(ServerCommand command, Path stateDir, UpgradeLog log) {
        return new RunRecord(stateDir, command.id()).recover(command, log);
    }

    public static ServerProcess start(ServerCommand command, Path stateDir, UpgradeLog log) {
        RunRecord record = new RunRecord(stateDir, command.id());
        record.recover(command, log);
        Optional<ProcessHandle> running = command.runningServer();
        if (running.isPresent()) {
            throw new ApimUserException("A server is already running from " + command.home() + " (pid " + running.get().pid()
                    + " in " + command.pidFile() + "), and this plugin did not start it: stop it (sh "
                    + command.script() + " stop, or kill " + running.get().pid() + ") and run again.");
        }
        Path script = command.home().resolve(command.script());
        if (!Files.isRegularFile(script)) {
            throw new ApimUserException("There is no " + script + ": is " + command.home() + " the right home?");
        }
        record.starting(command.home());
        Process process;
        try {
            Files.createDirectories(command.console().getParent());
            ProcessBuilder pb = new ProcessBuilder(command.argv()).directory(command.home().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(command.console().toFile()));
            Map<String, String> env = childEnvironment(pb.environment(), command.env());
            pb.environment().clear();
            pb.environment().putAll(env);
            process = pb.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            record.clear();
            throw new ApimException("Could not start " + script + ": " + e.getMessage(), e);
        }
        record.started(command.home(), process.toHandle());
        ServerProcess started = new ServerProcess(command, process.toHandle(), Optional.of(process), record, log);
        Runtime.getRuntime().addShutdownHook(started.hook);
        log.info("  Started " + command.id() + ": " + command.display() + "  (in " + command.home() + ", pid " + process.pid()
                + "; console output in " + command.console() + ")");
        return started;
    }

    /**
     * The server an interrupted run of this plugin started and left running, taken over as if this run had started it
     * (stopped by {@link #stop()}, by the shutdown hook, or by the next run); empty when no such server is alive.
     */
    public static Optional<ServerProcess> adopt(ServerCommand command, Path stateDir, UpgradeLog log) {
        RunRecord record = new RunRecord(stateDir, command.id());
        Optional<ProcessHandle> left = record.leftRunning(command);
        if (left.isEmpty()) {
            return Optional.empty();
        }
        ServerProcess adopted = new ServerProcess(command, left.get(), Optional.empty(), record, log);
        Runtime.getRuntime().addShutdownHook(adopted.hook);
        log.info("  Took over " + command.id() + " (pid " + left.get().pid() + "), which an interrupted run started and left running");
        return Optional.of(adopted);
    }

    /**
     * The server's environment: this JVM's without Maven's own variables ({@code MAVEN_CMD_LINE_ARGS} holds every
     * {@code -D} of the command line, passwords included; {@code MAVEN_OPTS} may too), plus the command's own.
     */
    public static Map<String, String> childEnvironment(Map<String, String> inherited, Map<String, String> extra) {
        Map<String, String> out = new TreeMap<>(inherited);
        out.keySet().removeIf(k -> k.startsWith("MAVEN_"));
        out.putAll(extra);
        return out;
    }

    public ServerCommand command() {
        return command;
    }

    public long pid() {
        return process.pid();
    }

    /** Whether the started process or the server its pid file names is still alive. */
    public boolean alive() {
        return process.isAlive() || command.runningServer().isPresent();
    }

    /** The started process's exit code, once it has ended (unknown for one taken over). */
    public OptionalInt exitCode() {
        return child.filter(c -> !c.isAlive()).map(c -> OptionalInt.of(c.exitValue())).orElse(OptionalInt.empty());
    }

    /** Stops the server and its children, and forgets it. */
    public synchronized void stop() {
        if (ended) {
            return;
        }
        ProcessTree.stop(Optional.of(process), command.runningServer());
        ended = true;
        removeHook();
        record.clear();
        log.info("  Stopped " + command.id() + " (pid " + process.pid() + ").");
    }

    /** Leaves the server running after this JVM ends, as asked; the next run will not stop it. */
    public synchronized void leaveRunning() {
        ended = true;
        removeHook();
        record.clear();
        log.info("  " + command.id() + " keeps running (pid " + command.runningServer().map(ProcessHandle::pid).orElse(process.pid())
                + "); stop it with: cd " + command.home() + " && sh " + command.script() + " stop");
    }

    private void removeHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    private synchronized void stopFromHook() {
        if (!ended) {
            ProcessTree.stop(Optional.of(process), command.runningServer());
            ended = true;
            record.clear();
        }
    }
}
