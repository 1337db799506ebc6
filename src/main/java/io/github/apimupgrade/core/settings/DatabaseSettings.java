package io.github.apimupgrade.core.settings;

import io.github.apimupgrade.core.Secret;
import io.github.apimupgrade.core.db.Dialect;

/** How to reach one of the deployment's databases. The password never prints. */
public record DatabaseSettings(DbKey key, String url, String username, Secret password, Dialect dialect) {
    public String describe() {
        return key.label() + " (" + dialect.displayName() + ")";
    }
}
