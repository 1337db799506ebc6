package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.config.TomlValue;

/**
 * One deployment.toml key migrate-config sets (or removes: {@code value} null), why (the runbook step or
 * correction), and whether its value is a password (masked in plans and reports, hashed in the state file).
 */
public record TomlKey(String table, String key, TomlValue value, boolean secret, String why) {
    /** A key the file must not have (a template's placeholder made stale by the value written beside it). */
    public static TomlKey absent(String table, String key, String why) {
        return new TomlKey(table, key, null, false, why);
    }

    public String dotted() {
        return table + "." + key;
    }

    /** The value as tomlj reads it back, or null for a key to remove. */
    public Object plain() {
        return value == null ? null : value.plain();
    }

    public String shown() {
        return value == null ? "(removed)" : secret ? "\"******\"" : value.render();
    }

    /** Whether a deployment.toml key holds a password, judged by its name. */
    public static boolean isPasswordKey(String key) {
        return key.toLowerCase().contains("password");
    }
}
