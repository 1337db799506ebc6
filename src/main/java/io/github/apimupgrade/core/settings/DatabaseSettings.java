package io.github.apimupgrade.core.settings;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.db.Dialect;

/**
 * How to reach one of the deployment's databases. {@code url} is what the plugin connects with (an
 * embedded H2 path made absolute), {@code configuredUrl} what the operator wrote (what goes back into
 * WSO2's files) and {@code source} the settings layer it came from. The password never prints.
 */
public record DatabaseSettings(DbKey key, String url, String username, Secret password, Dialect dialect,
                               String configuredUrl, String source) {
    public DatabaseSettings(DbKey key, String url, String username, Secret password, Dialect dialect) {
        this(key, url, username, password, dialect, url, "");
    }

    public String describe() {
        return key.label() + " (" + dialect.displayName() + ")";
    }
}
