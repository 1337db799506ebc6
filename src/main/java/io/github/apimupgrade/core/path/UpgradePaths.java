package io.github.apimupgrade.core.path;

import io.github.apimupgrade.core.settings.ConfigurationException;

import java.util.Optional;
import java.util.function.Supplier;

/** Finds the upgrade path an operator names ({@code apim.path}): the built-in 3.0.0 -> 3.1.0, or a data path on the class path. */
public final class UpgradePaths {
    public static final String PROPERTY = "apim.path";
    public static final String DEFAULT = "3.0.0-3.1.0";

    private UpgradePaths() {
    }

    public static UpgradePath named(Optional<String> id, Supplier<UpgradePath> builtIn) {
        String name = id.orElse(DEFAULT);
        if (name.equals(DEFAULT)) {
            return builtIn.get();
        }
        return DataPath.load(name).orElseThrow(() -> new ConfigurationException("There is no upgrade path '" + name + "' (property '"
                + PROPERTY + "'): this plugin upgrades " + DEFAULT + "."));
    }
}
