package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.ConfigurationException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The runbook's note: "If you are using WSO2 Identity Server (WSO2 IS) as a Key Manager", WSO2's
 * other guide applies, not these steps. Read from the 3.0.0 configuration:
 * <ul>
 *   <li>the old home is the prepackaged IS as Key Manager ({@code [server] serverDetails} /
 *       {@code userAgent} "WSO2 IS as KM 5.9.0" in its deployment.toml);</li>
 *   <li>{@code [apim.key_manager] type} names WSO2 IS;</li>
 *   <li>{@code [apim.key_manager] service_url} points at another server. In 3.0.0 that is written the
 *       same way for an IS as Key Manager and for a separate API-M key manager node, so the operator
 *       says which with {@code apim.keyManager} ({@code api-m} or {@code wso2is}).</li>
 * </ul>
 */
public final class KeyManagerCheck implements Check {
    public static final String PROPERTY = "apim.keyManager";
    public static final String GUIDE = "WSO2's guide \"Upgrading WSO2 IS as the Key Manager to 5.10.0\" (install-and-setup/"
            + "upgrading-wso2-is-as-key-manager/upgrading-from-is-km-590-to-5100), the IS as Key Manager upgrade for API-M 3.0.0 -> 3.1.0";
    private static final String AREA = "keymanager";
    private static final Set<String> LOCAL = Set.of("localhost", "127.0.0.1", "::1", "[::1]");

    @Override
    public List<Finding> run(StepContext ctx) {
        Optional<Path> oldHome = ctx.settings().oldHome();
        if (oldHome.isEmpty()) {
            return List.of();
        }
        Path file = oldHome.get().resolve("repository/conf/deployment.toml");
        if (!Files.isRegularFile(file)) {
            return List.of(Finding.warn(AREA, "no " + file + ": cannot tell which Key Manager 3.0.0 uses",
                    "set 'apim.oldHome' to the 3.0.0 home"));
        }
        DeploymentToml toml;
        try {
            toml = DeploymentToml.read(file);
        } catch (ConfigurationException e) {
            return List.of(Finding.fail(AREA, e.getMessage(), "fix the file"));
        }
        String choice = ctx.settings().properties().get(PROPERTY, "").trim().toLowerCase(Locale.ROOT);
        if (!choice.isEmpty() && !choice.equals("api-m") && !choice.equals("wso2is")) {
            return List.of(Finding.fail(AREA, "'" + PROPERTY + "' is '" + choice + "'", "set it to 'api-m' or 'wso2is'"));
        }
        Optional<String> details = string(toml, "server", "serverDetails").or(() -> string(toml, "server", "userAgent"))
                .filter(d -> d.matches("(?i).*\\bIS as KM\\b.*|.*Identity Server.*Key Manager.*"));
        if (details.isPresent()) {
            return List.of(isKm(oldHome.get() + " is WSO2 Identity Server as Key Manager ([server] serverDetails '" + details.get()
                    + "' in " + file + "), not an API-M 3.0.0 node"));
        }
        Optional<String> type = string(toml, "apim.key_manager", "type");
        if (type.isPresent() && type.get().toUpperCase(Locale.ROOT).replace("-", "").contains("WSO2IS")) {
            return List.of(isKm("[apim.key_manager] type = \"" + type.get() + "\" in " + file + ": WSO2 IS is the Key Manager"));
        }
        Optional<String> url = string(toml, "apim.key_manager", "service_url");
        if (url.isEmpty() || local(url.get(), toml)) {
            return List.of(Finding.pass(AREA, "the Key Manager is API-M itself" + url.map(u -> " ([apim.key_manager] service_url = " + u + ")")
                    .orElse(" (no [apim.key_manager] service_url)")));
        }
        return switch (choice) {
            case "api-m" -> List.of(Finding.pass(AREA, "[apim.key_manager] service_url = " + url.get() + " is an API-M key manager node ('"
                    + PROPERTY + "=api-m'): upgrade it with this plugin as well (apim.nodeRole=key-manager)"));
            case "wso2is" -> List.of(isKm("[apim.key_manager] service_url = " + url.get() + " is WSO2 IS as Key Manager ('" + PROPERTY
                    + "=wso2is')"));
            default -> List.of(Finding.fail(AREA, "[apim.key_manager] service_url = " + url.get() + " in " + file + " points at a separate "
                    + "Key Manager: if it is WSO2 Identity Server, " + GUIDE + " applies instead of these steps",
                    "say which it is: '" + PROPERTY + "=api-m' for an API-M 3.0.0 key manager node, '" + PROPERTY + "=wso2is' for WSO2 IS"));
        };
    }

    private static Finding isKm(String what) {
        return Finding.fail(AREA, what + ". The API-M identity and database steps of this plugin do not apply to it",
                "follow " + GUIDE + "; nothing was changed");
    }

    private static Optional<String> string(DeploymentToml toml, String table, String key) {
        return toml.get(table, key).filter(String.class::isInstance).map(String.class::cast).map(String::trim).filter(s -> !s.isEmpty());
    }

    /** A service URL of this node itself: a local host, or the node's own [server] hostname. */
    private static boolean local(String url, DeploymentToml toml) {
        String host;
        try {
            host = URI.create(url.replaceAll("\\$\\{[^}]*}", "9443")).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String own = string(toml, "server", "hostname").orElse("localhost");
        return LOCAL.contains(host.toLowerCase(Locale.ROOT)) || host.equalsIgnoreCase(own);
    }
}
