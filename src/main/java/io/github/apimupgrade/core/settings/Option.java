package io.github.apimupgrade.core.settings;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code apim.*} setting: its name (or a family of names, such as {@code apim.db.<key>.url}), its type,
 * its default as text, and what it does. {@link Options} holds them all; nothing else declares a setting.
 */
public record Option(String name, Type type, String defaultValue, String description, List<String> choices) {
    /** What a value must look like. */
    public enum Type { TEXT, FLAG, NUMBER, PATH, CHOICE, SECRET }

    /** A family's name has one {@code <...>} part, e.g. {@code apim.db.<key>.url}. */
    public boolean isFamily() {
        return name.contains("<");
    }

    /** The values a family's {@code <part>} may take; a part not listed may be any name. */
    static final Map<String, List<String>> PARTS = Map.of(
            "<goal>", List.of("check", "plan", "status", "backup", "restore", "migrate-config", "migrate-db", "migrate-identity",
                    "migrate-analytics", "reindex", "verify", "start"),
            "<key>", List.of("apim", "shared", "user", "config", "analytics"),
            "<name>", List.of("primary", "tls", "internal", "truststore"));

    /** Whether {@code key} is this option or, for a family, one of its names. */
    public boolean matches(String key) {
        if (!isFamily()) {
            return name.equals(key);
        }
        int open = name.indexOf('<');
        int close = name.indexOf('>');
        String prefix = name.substring(0, open);
        String suffix = name.substring(close + 1);
        if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length() <= prefix.length() + suffix.length()) {
            return false;
        }
        String part = key.substring(prefix.length(), key.length() - suffix.length());
        List<String> allowed = PARTS.get(name.substring(open, close + 1));
        // the last part may hold dots (a role name, a TOML table.key); a middle one is one name
        return allowed != null ? allowed.contains(part) : suffix.isEmpty() || !part.contains(".");
    }

    /** The problem with {@code value} as this option's value, or null when it is fine. */
    String problem(String value) {
        String v = value.trim();
        return switch (type) {
            case FLAG -> v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null : "must be true or false";
            case NUMBER -> v.matches("-?[0-9]{1,9}") ? null : "must be a whole number";
            case CHOICE -> choices.contains(v.toLowerCase(Locale.ROOT)) ? null : "must be one of " + String.join(", ", choices);
            default -> null;
        };
    }
}
