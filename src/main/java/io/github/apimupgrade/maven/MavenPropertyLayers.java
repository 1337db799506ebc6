package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.settings.ConfigFile;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.PropertyLayer;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.UnaryOperator;

/**
 * The documented order of precedence, highest first: {@code -D}, the {@code apim.configFile},
 * the pom's properties (active profiles included), the plugin's {@code <configuration>}.
 */
final class MavenPropertyLayers {
    private MavenPropertyLayers() {
    }

    static LayeredProperties of(Properties commandLine, Properties pom, Map<String, String> pluginConfiguration,
                                Path baseDir, UnaryOperator<String> environment) {
        LayeredProperties props = new LayeredProperties(List.of(
                new PropertyLayer("the command line (-D)", strings(commandLine)),
                new PropertyLayer("the pom's properties", strings(pom)),
                new PropertyLayer("the plugin configuration", pluginConfiguration)));
        String file = props.get("apim.configFile").orElse(null);
        if (file != null) {
            props = props.withLayerAt(1, ConfigFile.load(baseDir.resolve(file), environment));
        }
        return props;
    }

    private static Map<String, String> strings(Properties p) {
        Map<String, String> m = new HashMap<>();
        if (p != null) {
            p.stringPropertyNames().forEach(k -> m.put(k, p.getProperty(k)));
        }
        return m;
    }
}
