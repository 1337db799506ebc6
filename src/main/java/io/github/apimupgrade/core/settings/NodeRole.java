package io.github.apimupgrade.core.settings;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The role of the node being upgraded in a distributed deployment. */
public enum NodeRole {
    ALL_IN_ONE("all-in-one"),
    GATEWAY("gateway"),
    TRAFFIC_MANAGER("traffic-manager"),
    PUBLISHER("publisher"),
    DEVPORTAL("devportal"),
    KEY_MANAGER("key-manager");

    private final String id;

    NodeRole(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static NodeRole parse(String value) {
        return Arrays.stream(values()).filter(r -> r.id.equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new ConfigurationException("Property 'apim.nodeRole' is '" + value
                        + "'; use one of " + Arrays.stream(values()).map(NodeRole::id)
                        .collect(Collectors.joining(", ")) + "."));
    }
}
