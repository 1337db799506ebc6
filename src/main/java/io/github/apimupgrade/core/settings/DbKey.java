package io.github.apimupgrade.core.settings;

import java.util.Arrays;
import java.util.Optional;

/** The databases the runbook names, with the property key and the WSO2 datasource each maps to. */
public enum DbKey {
    APIM("apim", "WSO2AM_DB", "apim_db", "WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE"),
    SHARED("shared", "WSO2SHARED_DB (registry)", "shared_db", "WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE"),
    USER("user", "WSO2USER_DB", "user", null),
    CONFIG("config", "WSO2CONFIG_DB", "config", null),
    ANALYTICS("analytics", "WSO2_ANALYTICS_DB", null, null);

    private final String key;
    private final String label;
    private final String tomlSection;
    /** The embedded database of a fresh 3.0.0 pack, with the pack's options. */
    private final String defaultH2;

    DbKey(String key, String label, String tomlSection, String defaultH2) {
        this.key = key;
        this.label = label;
        this.tomlSection = tomlSection;
        this.defaultH2 = defaultH2;
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
        return Optional.ofNullable(defaultH2).map(d -> d.substring(0, d.indexOf(';')));
    }

    /** The URL of that database as the 3.0.0 pack's deployment.toml writes it (relative to the home). */
    public Optional<String> defaultH2Url() {
        return Optional.ofNullable(defaultH2).map(d -> "jdbc:h2:./repository/database/" + d);
    }

    public String property(String name) {
        return "apim.db." + key + "." + name;
    }

    public static Optional<DbKey> byKey(String key) {
        return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
}
