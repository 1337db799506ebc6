package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * A {@code table = text} properties file shipped in the plugin jar under {@code apim-data/verify/},
 * looked up case-insensitively; a key ending in {@code *} matches every table with that prefix.
 */
final class TableRules {
    private final Map<String, String> exact = new TreeMap<>();
    private final Map<String, String> prefixes = new TreeMap<>();

    TableRules(String resource) {
        Properties p = new Properties();
        try (InputStream in = TableRules.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ApimException("The plugin jar has no " + resource);
            }
            p.load(in);
        } catch (IOException e) {
            throw new ApimException("Cannot read " + resource, e);
        }
        for (String key : p.stringPropertyNames()) {
            String k = key.toUpperCase(Locale.ROOT);
            if (k.endsWith("*")) {
                prefixes.put(k.substring(0, k.length() - 1), p.getProperty(key));
            } else {
                exact.put(k, p.getProperty(key));
            }
        }
    }

    /** The rule of the table whose name begins this one (a sequence or index named after its table). */
    Optional<String> forObjectOf(String name) {
        String n = name.toUpperCase(Locale.ROOT);
        return forTable(n).or(() -> exact.entrySet().stream().filter(e -> n.startsWith(e.getKey() + "_")).map(Map.Entry::getValue).findFirst());
    }

    Optional<String> forTable(String table) {
        String t = table.toUpperCase(Locale.ROOT);
        if (exact.containsKey(t)) {
            return Optional.of(exact.get(t));
        }
        return prefixes.entrySet().stream().filter(e -> t.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst();
    }
}
