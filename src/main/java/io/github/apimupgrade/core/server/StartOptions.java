package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.NodeRole;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How to start the 3.1.0 node: its home, role and port offset, the profile it runs as, and how long
 * to wait. The offset is {@code apim.server.offset} (then passed as {@code -DportOffset}), else the
 * home's {@code [server] offset}, else 0.
 */
public record StartOptions(Path home, NodeRole role, int offset, boolean offsetOnCommandLine, Optional<String> profile,
                           Duration startTimeout, Duration indexTimeout, boolean keepRunning, long progressSeconds) {
    public static final String OFFSET = io.github.apimupgrade.core.files.ServerStatus.OFFSET;
    public static final String PROFILE = "apim.start.profile";
    public static final String TIMEOUT = "apim.start.timeoutSeconds";
    public static final String INDEX_TIMEOUT = "apim.start.indexTimeoutSeconds";
    public static final String KEEP_RUNNING = "apim.start.keepRunning";

    public static StartOptions from(UpgradeSettings s) {
        Path home = s.newHome().orElseThrow(() -> new ConfigurationException(
                "Starting the 3.1.0 node needs 'apim.newHome' (the WSO2 API-M 3.1.0 home)."));
        LayeredProperties p = s.properties();
        Optional<String> offsetProperty = p.get(OFFSET);
        int offset = offsetProperty.map(v -> number(OFFSET, v)).orElseGet(() -> tomlOffset(home));
        Optional<String> profile = p.get(PROFILE).map(String::trim)
                .map(v -> v.equalsIgnoreCase("none") ? Optional.<String>empty() : Optional.of(v))
                .orElseGet(() -> Optional.ofNullable(profileOf(s.nodeRole())));
        return new StartOptions(home, s.nodeRole(), offset, offsetProperty.isPresent(), profile,
                Duration.ofSeconds(number(TIMEOUT, p.get(TIMEOUT, "600"))),
                Duration.ofSeconds(number(INDEX_TIMEOUT, p.get(INDEX_TIMEOUT, "300"))),
                p.flag(KEEP_RUNNING, false), number("apim.progress.intervalSeconds", p.get("apim.progress.intervalSeconds", "10")));
    }

    /** The 3.1.0 profile a node of this role runs as ({@code -Dprofile=...}); none for all-in-one. */
    static String profileOf(NodeRole role) {
        return switch (role) {
            case ALL_IN_ONE -> null;
            case GATEWAY -> "gateway-worker";
            case TRAFFIC_MANAGER -> "traffic-manager";
            case PUBLISHER -> "api-publisher";
            case DEVPORTAL -> "api-devportal";
            case KEY_MANAGER -> "api-key-manager";
        };
    }

    public int httpsPort() {
        return Ports.CARBON_HTTPS + offset;
    }

    /** The start script's arguments. */
    public List<String> args() {
        List<String> out = new ArrayList<>();
        profile.ifPresent(p -> out.add("-Dprofile=" + p));
        if (offsetOnCommandLine) {
            out.add("-DportOffset=" + offset);
        }
        return out;
    }

    private static int tomlOffset(Path home) {
        Path toml = home.resolve("repository/conf/deployment.toml");
        if (!Files.isRegularFile(toml)) {
            return 0;
        }
        Object v = DeploymentToml.read(toml).get("server", "offset").orElse(0L);
        if (v instanceof Long l) {
            return l.intValue();
        }
        return number(toml + " [server] offset", String.valueOf(v));
    }

    private static int number(String property, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigurationException("'" + property + "' is '" + value + "'; it must be a whole number of 0 or more.");
        }
    }
}
