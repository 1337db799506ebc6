package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.PropertyLayer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which scopes each custom role must be added to: {@code apim.roleMapping.<role>=<scope>,<scope>}
 * in any settings layer (highest layer wins per role), or the plugin's {@code <roleMappings>} map.
 * A value of the form {@code <role>=<scopes>} names the role itself, for role names that cannot be
 * an XML element or property name (e.g. {@code Internal/team-publisher}).
 */
public final class RoleMappings {
    public static final String PREFIX = "apim.roleMapping.";

    private RoleMappings() {
    }

    /** Role to scopes, sorted by role; empty when nothing is configured. */
    public static Map<String, List<String>> from(LayeredProperties props, Map<String, String> pluginMap) {
        Map<String, String> raw = new LinkedHashMap<>();
        if (pluginMap != null) {
            pluginMap.forEach((k, v) -> raw.put(PREFIX + k, v));
        }
        List<PropertyLayer> layers = new ArrayList<>(props.layers());
        Collections.reverse(layers);
        for (PropertyLayer layer : layers) {
            layer.values().forEach((k, v) -> {
                if (k.startsWith(PREFIX) && v != null && !v.isBlank()) {
                    raw.put(k, v);
                }
            });
        }
        Map<String, List<String>> out = new TreeMap<>();
        raw.forEach((k, v) -> {
            String role = k.substring(PREFIX.length());
            String scopes = v.trim();
            int eq = scopes.indexOf('=');
            if (eq >= 0) {
                role = scopes.substring(0, eq).trim();
                scopes = scopes.substring(eq + 1);
            }
            List<String> list = TenantConf.split(scopes);
            if (role.isEmpty() || list.isEmpty()) {
                throw new ConfigurationException("Role mapping '" + k + "' = '" + v + "' names no role or no scope; write "
                        + "apim.roleMapping.<role>=<scope>,<scope> (e.g. apim.roleMapping.api-team=apim:api_view,apim:api_create).");
            }
            out.computeIfAbsent(role, r -> new ArrayList<>());
            for (String s : list) {
                if (!out.get(role).contains(s)) {
                    out.get(role).add(s);
                }
            }
        });
        return out;
    }
}
