package io.github.apimupgrade.identity;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.identity.MigrateIdentityGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scope-role mapping on live H2, PostgreSQL and MariaDB registries with three tenants. */
class ScopeRoleMappingTest {
    @TempDir
    Path dir;

    static String expectedSuper() {
        return IdentityFixtures.read("identity/tenant-conf-super.json")
                .replace("Internal/analytics,Internal/observer\"", "Internal/analytics,Internal/observer,api-team\"")
                .replace("\"apim:api_create\", \"Roles\": \"admin,Internal/creator\"", "\"apim:api_create\", \"Roles\": \"admin,Internal/creator,api-team\"")
                .replace("\"apim:subscribe\", \"Roles\": \"admin,Internal/subscriber\"", "\"apim:subscribe\", \"Roles\": \"admin,Internal/subscriber,Internal/partners\"");
    }

    static String expectedWso2() {
        return IdentityFixtures.read("identity/tenant-conf-wso2.json")
                .replace("{\"Name\":\"apim:api_view\",\"Roles\":\"admin,Internal/publisher,Internal/creator\"}",
                        "{\"Name\":\"apim:api_view\",\"Roles\":\"admin,Internal/publisher,Internal/creator,creators\"}")
                .replace("{\"Name\":\"apim:api_create\",\"Roles\":\"admin,Internal/creator\"}",
                        "{\"Name\":\"apim:api_create\",\"Roles\":\"admin,Internal/creator,creators\"}")
                .replace("\"admin, Internal/publisher\"", "\"admin, Internal/publisher,creators\"");
    }

    private TestRun run(TestDatabase db) {
        TestRun r = new TestRun(dir).database("shared", db).set("apim.workDir", dir.resolve("work").toString())
                .set("apim.identity.scopesOnly", "true");
        IdentityFixtures.mappingProperties().forEach(r::set);
        return r;
    }

    private void goal(TestRun r) {
        r.run(ctx -> MigrateIdentityGoal.of(ctx, Map.of(), Optional.empty(), dir).run());
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void threeTenantsMappedUntouchedTenantKeptSecondRunNoOp(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            IdentityFixtures.registry(db);
            Map<Integer, String> before;
            try (Connection c = db.connect()) {
                before = IdentityFixtures.stored(c);
            }

            TestRun dry = run(db).set("apim.dryRun", "true");
            goal(dry);
            assertTrue(dry.logText().contains("tenant carbon.super (-1234): tenant-conf.json JSON diff:"), dry.logText());
            assertTrue(dry.logText().contains("RESTAPIScopes.Scope[apim:subscribe].Roles: \"admin,Internal/subscriber\" -> "
                    + "\"admin,Internal/subscriber,Internal/partners\" (+Internal/partners)"), dry.logText());
            assertTrue(dry.logText().contains("tenant acme.org (2): unchanged"), dry.logText());
            try (Connection c = db.connect()) {
                assertEquals(before, IdentityFixtures.stored(c), "a dry run changes nothing");
            }

            TestRun first = run(db);
            goal(first);
            try (Connection c = db.connect()) {
                Map<Integer, String> after = IdentityFixtures.stored(c);
                assertEquals(expectedSuper(), after.get(201));
                assertEquals(expectedWso2(), after.get(202));
                assertEquals(before.get(203), after.get(203), "acme.org has no custom role: byte for byte as it was");
                assertEquals(before.get(299), after.get(299), "the governance decoy is not touched");
            }
            assertFalse(first.logText().contains("hold API-M permissions but no scope"), first.logText());

            TestRun second = run(db);
            goal(second);
            assertTrue(second.logText().contains("migrate-identity: nothing to do"), second.logText());
            try (Connection c = db.connect()) {
                Map<Integer, String> again = IdentityFixtures.stored(c);
                assertEquals(expectedSuper(), again.get(201));
                assertEquals(expectedWso2(), again.get(202));
                assertEquals(before.get(203), again.get(203));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"H2"})
    void unmappedCustomRolesAreListedWithoutMapping(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            IdentityFixtures.registry(db);
            TestRun r = new TestRun(dir).database("shared", db).set("apim.workDir", dir.resolve("work").toString())
                    .set("apim.identity.scopesOnly", "true");
            goal(r);
            assertTrue(r.logText().contains("WARN Tenant carbon.super: role(s) Internal/partners, api-team hold API-M permissions"), r.logText());
            assertTrue(r.logText().contains("WARN Tenant wso2.com: role(s) creators hold API-M permissions"), r.logText());
            assertFalse(r.logText().contains("auditors"), r.logText());
        }
    }

    @ParameterizedTest
    @EnumSource(value = TestDatabase.Kind.class, names = {"H2"})
    void unknownScopeFailsBeforeAnyTenantIsWritten(TestDatabase.Kind kind) throws Exception {
        try (TestDatabase db = TestDatabase.create(kind, dir)) {
            IdentityFixtures.registry(db);
            Map<Integer, String> before;
            try (Connection c = db.connect()) {
                before = IdentityFixtures.stored(c);
            }
            TestRun r = run(db).set("apim.roleMapping.creators", "apim:api_view,apim:no_such_scope");
            ApimUserException e = assertThrows(ApimUserException.class, () -> goal(r));
            assertTrue(e.getMessage().contains("apim:no_such_scope"), e.getMessage());
            try (Connection c = db.connect()) {
                assertEquals(before, IdentityFixtures.stored(c));
            }
        }
    }
}
