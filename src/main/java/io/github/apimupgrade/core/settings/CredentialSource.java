package io.github.apimupgrade.core.settings;

import java.util.Optional;

/** Looks up credentials by server id (settings.xml {@code <server>} on the Maven side). */
@FunctionalInterface
public interface CredentialSource {
    Optional<Credentials> lookup(String serverId);

    static CredentialSource none() {
        return id -> Optional.empty();
    }
}
