package io.github.apimupgrade.core.settings;

import java.util.Map;

/** One source of settings (command line, config file, pom properties, plugin configuration, defaults). */
public record PropertyLayer(String name, Map<String, String> values) {
    public PropertyLayer {
        values = Map.copyOf(values);
    }
}
