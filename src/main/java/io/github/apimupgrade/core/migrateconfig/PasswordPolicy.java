package io.github.apimupgrade.core.migrateconfig;

import io.github.apimupgrade.core.settings.ConfigurationException;

/** How passwords go into deployment.toml ({@code apim.config.passwords}). */
public enum PasswordPolicy {
    /** {@code password = "$secret{alias}"}: the operator encrypts the value with ciphertool.sh. The default. */
    SECRET_ALIAS("secret-alias"),
    /** The password in plain text: only when the operator chooses it explicitly. */
    PLAIN("plain");

    private final String id;

    PasswordPolicy(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static PasswordPolicy parse(String value) {
        for (PasswordPolicy p : values()) {
            if (p.id.equalsIgnoreCase(value.trim())) {
                return p;
            }
        }
        throw new ConfigurationException("Property 'apim.config.passwords' is '" + value
                + "'; use 'secret-alias' (write $secret{alias} references, the default) or 'plain'.");
    }
}
