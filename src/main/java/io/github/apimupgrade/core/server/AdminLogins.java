package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.Credentials;
import io.github.apimupgrade.core.settings.LayeredProperties;

import java.util.Optional;

/**
 * The tenant admins' credentials for the REST checks, from settings.xml {@code <server>} entries:
 * {@code apim.start.adminServerId} for the super tenant, {@code apim.start.adminServerId.<tenant>}
 * for each other tenant (a tenant's admin signs in as {@code admin@tenant.com}).
 */
public final class AdminLogins {
    public static final String PROPERTY = "apim.start.adminServerId";
    private final LayeredProperties properties;
    private final CredentialSource source;

    public AdminLogins(LayeredProperties properties, CredentialSource source) {
        this.properties = properties;
        this.source = source;
    }

    public static String property(String tenant) {
        return ApiInventory.SUPER_TENANT.equals(tenant) ? PROPERTY : PROPERTY + "." + tenant;
    }

    public boolean has(String tenant) {
        return properties.get(property(tenant)).isPresent();
    }

    /** The tenant's admin, or empty when no server id is set for it. A server id that settings.xml lacks is refused. */
    public Optional<Credentials> of(String tenant) {
        String property = property(tenant);
        return properties.get(property).map(id -> source.lookup(id).filter(c -> c.username() != null && c.password() != null)
                .orElseThrow(() -> new ConfigurationException("No <server> with id '" + id + "' (with a username and a password) in "
                        + "settings.xml, named by '" + property + "': add it, or correct the id.")));
    }
}
