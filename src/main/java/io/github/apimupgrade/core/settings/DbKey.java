package io.github.apimupgrade.core.settings;

import java.util.Arrays;
import java.util.Optional;

/** The databases the runbook names, with the property key and the WSO2 datasource each maps to. */
public enum DbKey {
    APIM("apim", "WSO2AM_DB", "apim_db", "WSO2AM_DB"),
    SHARED("shared", "WSO2SHARED_DB (registry)", "shared_db", "WSO2SHARED_DB"),
    USER("user", "WSO2USER_DB", "user", null),
    CONFIG("config", "WSO2CONFIG_DB", "config", null),
    ANALYTICS("analytics", "WSO2_ANALYTICS_DB", null, null);

    private final String key;
    private final String label;
    private final String tomlSection;
    private final String defaultH2File;

    DbKey(String key, String label, String tomlSection, String defaultH2File) {
        this.key = key;
        this.label = label;
        this.tomlSection = tomlSection;
        this.defaultH2File = defaultH2File;
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    /** The {@code [database.X]} section of deployment.toml, or null when it has none. */
    public String tomlSection() {
        return tomlSection;
    }

    /** The embedded H2 database a fresh WSO2 pack uses for it, or empty when it has no default. */
    public Optional<String> defaultH2File() {
        return Optional.ofNullable(defaultH2File);
    }

    public String property(String name) {
        return "apim.db." + key + "." + name;
    }

    public static Optional<DbKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
