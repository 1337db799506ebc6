package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.config.TomlValue;

/**
 * One deployment.toml key migrate-config sets, why (the runbook step or correction), and whether
 * its value is a password (masked in plans and reports, hashed in the state file).
 */
public record TomlKey(String table, String key, TomlValue value, boolean secret, String why) {
    public String dotted() {
        return table + "." + key;
    }

    public String shown() {
        return secret ? "\"******\"" : value.render();
    }

    /** Whether a deployment.toml key holds a password, judged by its name. */
    public static boolean isPasswordKey(String key) {
        return key.toLowerCase().contains("password");
    }
}
