package io.github.apimupgrade.identity;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.identity.RoleMappings;
import io.github.apimupgrade.core.identity.TenantConf;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.PropertyLayer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TenantConfTest {
    @Test
    void onlyTheRolesStringsChange() {
        String json = IdentityFixtures.read("identity/tenant-conf-super.json");
        TenantConf before = TenantConf.of("super", json);
        TenantConf after = before.withRoles(Map.of("api-team", List.of("apim:api_view", "apim:api_create")));
        String expected = json
                .replace("Internal/analytics,Internal/observer\"", "Internal/analytics,Internal/observer,api-team\"")
                .replace("\"apim:api_create\", \"Roles\": \"admin,Internal/creator\"", "\"apim:api_create\", \"Roles\": \"admin,Internal/creator,api-team\"");
        assertEquals(expected, after.text());
        assertEquals(List.of(
                "RESTAPIScopes.Scope[apim:api_view].Roles: \"admin,Internal/publisher,Internal/creator,Internal/analytics,Internal/observer\" -> "
                        + "\"admin,Internal/publisher,Internal/creator,Internal/analytics,Internal/observer,api-team\" (+api-team)",
                "RESTAPIScopes.Scope[apim:api_create].Roles: \"admin,Internal/creator\" -> \"admin,Internal/creator,api-team\" (+api-team)"),
                before.semanticDiff(after));
        // a second application is a no-op
        assertSame(after, after.withRoles(Map.of("api-team", List.of("apim:api_view", "apim:api_create"))));
    }

    @Test
    void compactJsonAndSpacedRolesKeepTheirForm() {
        String json = IdentityFixtures.read("identity/tenant-conf-wso2.json");
        TenantConf after = TenantConf.of("wso2", json).withRoles(Map.of("creators", List.of("apim:api_publish")));
        assertEquals(json.replace("\"admin, Internal/publisher\"", "\"admin, Internal/publisher,creators\""), after.text());
    }

    @Test
    void unknownScopeIsRefused() {
        TenantConf conf = TenantConf.of("acme", IdentityFixtures.read("identity/tenant-conf-acme.json"));
        ApimUserException e = assertThrows(ApimUserException.class, () -> conf.withRoles(Map.of("x", List.of("apim:nope"))));
        assertTrue(e.getMessage().contains("apim:nope"), e.getMessage());
    }

    @Test
    void mappingsComeFromPropertiesWithTheHighestLayerWinning() {
        LayeredProperties p = new LayeredProperties(List.of(
                new PropertyLayer("command line", Map.of("apim.roleMapping.a", "apim:api_view")),
                new PropertyLayer("pom", Map.of("apim.roleMapping.a", "apim:admin", "apim.roleMapping.b", "Internal/b=apim:subscribe, apim:api_view"))));
        assertEquals(Map.of("a", List.of("apim:api_view"), "Internal/b", List.of("apim:subscribe", "apim:api_view"),
                        "c", List.of("apim:admin")),
                RoleMappings.from(p, Map.of("c", "apim:admin")));
    }
}
