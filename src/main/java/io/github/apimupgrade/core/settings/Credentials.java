package io.github.apimupgrade.core.settings;

import io.github.apimupgrade.core.Secret;

/** A user name and its password. */
public record Credentials(String username, Secret password) {
    @Override
    public String toString() {
        return "Credentials[username=" + username + ", password=" + password + "]";
    }
}
