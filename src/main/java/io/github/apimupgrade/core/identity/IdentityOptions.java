package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.LayeredProperties;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of {@code migrate-identity}, read from the layered properties.
 *
 * @param resources        {@code apim.identity.resources}: a directory, a zip or Maven coordinates
 * @param run              {@code apim.identity.run}: start the server ourselves and watch its log
 * @param finish           {@code apim.identity.finish}: clean up after a migration run by hand
 * @param userStoreUniqueId {@code apim.identity.userStoreUniqueId}: afterwards set {@code [user_store] type = "database_unique_id"}
 * @param indexingFrequency {@code apim.identity.indexingFrequency}: the temporary {@code [indexing] frequency}
 * @param indexingOverride {@code apim.identity.indexingOverride}: apply that override from the start (manual runs)
 * @param apimClient       {@code apim.identity.apimClient}: the API-M migration client (jar and resources), off when empty
 * @param scopesOnly       {@code apim.identity.scopesOnly}: only the scope-role mapping (identity migration done elsewhere)
 * @param timeoutMinutes   {@code apim.identity.timeoutMinutes}: how long a server run may take
 * @param roleMappings     role to scopes
 */
public record IdentityOptions(Optional<String> resources, boolean run, boolean finish, boolean userStoreUniqueId,
                              int indexingFrequency, boolean indexingOverride, Optional<String> apimClient,
                              boolean scopesOnly, long timeoutMinutes, Map<String, List<String>> roleMappings,
                              Optional<Path> localRepository) {

    public static IdentityOptions from(LayeredProperties p, Map<String, String> pluginRoleMappings, Optional<Path> localRepository) {
        boolean run = p.flag("apim.identity.run", false);
        boolean finish = p.flag("apim.identity.finish", false);
        if (run && finish) {
            throw new ConfigurationException("'apim.identity.run' and 'apim.identity.finish' are both true: use run to start the "
                    + "server from the goal, or finish after you ran it yourself, not both.");
        }
        Optional<String> client = p.get("apim.identity.apimClient").filter(v -> !v.equalsIgnoreCase("false"));
        return new IdentityOptions(p.get("apim.identity.resources"), run, finish,
                p.flag("apim.identity.userStoreUniqueId", false),
                p.positive("apim.identity.indexingFrequency", 10),
                p.flag("apim.identity.indexingOverride", false), client,
                p.flag("apim.identity.scopesOnly", false),
                timeoutMinutes(p), RoleMappings.from(p, pluginRoleMappings), localRepository);
    }

    /** {@code apim.identity.timeoutMinutes}, alone: for a server an interrupted run left, finished before the goal runs. */
    static long timeoutMinutes(LayeredProperties p) {
        return p.positive("apim.identity.timeoutMinutes", 480);
    }
}
