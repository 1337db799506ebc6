package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.settings.UpgradeSettings;

import io.github.apimupgrade.core.server.Ports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runbook Step 2.1: no WSO2 server may run while the deployment is upgraded. A server runs when a home's
 * {@code wso2carbon.pid} names a live process, or when something listens on the carbon HTTPS port
 * (9443 + {@code apim.server.offset}). The one place that tells; check and backup both ask it.
 */
public final class ServerStatus {
    public static final String OFFSET = "apim.server.offset";

    private ServerStatus() {
    }

    /** What shows that a server is running, each with what to do; empty when none is. */
    public static List<String> running(UpgradeSettings settings) {
        List<String> out = new ArrayList<>();
        for (Optional<Path> home : List.of(settings.oldHome(), settings.newHome())) {
            if (home.isEmpty()) {
                continue;
            }
            Path pidFile = home.get().resolve("wso2carbon.pid");
            pid(pidFile).filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).ifPresent(p ->
                    out.add("a WSO2 server is running from " + home.get() + " (PID " + p + " in " + pidFile + "): stop it (runbook Step 2.1)"));
        }
        int port = port(settings);
        if (Ports.listening(port)) {
            out.add("something listens on 127.0.0.1:" + port + " (the API-M HTTPS port, 9443 + '" + OFFSET + "'): stop the API-M server, "
                    + "or set '" + OFFSET + "' to the offset of this node if that process is another product");
        }
        return out;
    }

    public static int port(UpgradeSettings settings) {
        return Ports.CARBON_HTTPS + Integer.parseInt(settings.properties().get(OFFSET, "0"));
    }

    private static Optional<Long> pid(Path file) {
        try {
            return Files.isRegularFile(file) ? Optional.of(Long.parseLong(Files.readString(file).trim())) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // an unreadable or stale PID file does not prove the server runs
        }
    }
}
