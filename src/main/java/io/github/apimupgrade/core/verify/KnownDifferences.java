package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/** Tables whose difference from a fresh 3.1.0 schema is known and explained ({@code apim-data/verify/known-differences.properties}). */
final class KnownDifferences {
    private static final String RESOURCE = "apim-data/verify/known-differences.properties";
    private final Map<String, String> reasons = new TreeMap<>();

    KnownDifferences() {
        Properties p = new Properties();
        try (InputStream in = KnownDifferences.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ApimException("The plugin jar has no " + RESOURCE);
            }
            p.load(in);
        } catch (IOException e) {
            throw new ApimException("Cannot read " + RESOURCE, e);
        }
        p.stringPropertyNames().forEach(k -> reasons.put(k.toUpperCase(), p.getProperty(k)));
    }

    Optional<String> reason(String table) {
        return Optional.ofNullable(reasons.get(table.toUpperCase()));
    }
}
