package io.github.apimupgrade.core.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to start one WSO2 server: {@code sh <script> <args>} in its home, with its console output
 * appended to {@code console}; the server itself writes its process id into {@code pidFile}.
 *
 * @param id      a short name for messages and the run record ("api-m", "analytics-worker")
 * @param home    the server's home, the working directory
 * @param script  the start script, relative to the home ({@code bin/wso2server.sh})
 * @param args    the script's arguments
 * @param console where the console output goes (a file, never a pipe: a server left running must not
 *                depend on this JVM reading its output)
 * @param pidFile the pid file the server writes (relative to the home)
 * @param env     extra environment variables
 */
public record ServerCommand(String id, Path home, String script, List<String> args, Path console, String pidFile,
                            Map<String, String> env) {
    public ServerCommand {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** The command as an operator would type it in the home. */
    public String display() {
        return "sh " + script + (args.isEmpty() ? "" : " " + String.join(" ", args));
    }

    List<String> argv() {
        List<String> out = new ArrayList<>(List.of("sh", home.resolve(script).toString()));
        out.addAll(args);
        return out;
    }

    /** The live process the pid file names, if any. */
    public Optional<ProcessHandle> runningServer() {
        Path file = home.resolve(pidFile);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            long pid = Long.parseLong(Files.readString(file).trim());
            // a stale pid file may name a recycled pid: a process whose command line does not mention the home is not the server
            String where = home.toAbsolutePath().normalize().toString();
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(h -> h.info().commandLine().map(c -> c.contains(where)).orElse(true));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
