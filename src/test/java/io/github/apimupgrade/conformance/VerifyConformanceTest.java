package io.github.apimupgrade.conformance;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.goal.MigrateDbGoal;
import io.github.apimupgrade.core.verify.VerifyGoal;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * verify on the runbook's layout built from WSO2's real scripts: WSO2AM_DB from apimgt 3.0.0 and the registry and user
 * store from carbon-kernel 4.5.1, as two databases; migrate-db; WSO2's identity migration emulated by running its own
 * step1/step2 SQL (identity-migration-resources v1.0.147) on the databases WSO2's client runs them on. Compared with
 * WSO2's real 3.1.0 scripts as {@code <NEW_HOME>/dbscripts}: every catalog difference is a documented one, and verify
 * fails when the identity migration has not run, an index of fresh 3.1.0 is missing, a default is not the documented
 * one, or a table is gone. The reference files are read from {@code -Dapim.reference}, never kept in the project.
 */
@EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
class VerifyConformanceTest {
    @TempDir
    Path tmp;

    enum Target {
        H2(Kind.H2), POSTGRESQL(Kind.POSTGRESQL), MARIADB(Kind.MARIADB_VIA_MYSQL_DRIVER);

        final Kind kind;

        Target(Kind kind) {
            this.kind = kind;
        }
    }

    private static Path reference() {
        Path p = Path.of(System.getProperty("apim.reference"));
        if (!p.isAbsolute()) {
            p = Path.of(System.getProperty("basedir", ".")).resolve(p).normalize();
        }
        return p;
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void everyCatalogDifferenceIsDocumentedAfterTheRealMigration(Target target) throws Exception {
        String d = target.kind.dialect().folder();
        Path ref = reference();
        Path dbscripts = Files.createDirectories(tmp.resolve("wso2am-3.1.0/dbscripts/apimgt"));
        Files.copy(ref.resolve("apimgt-3.1.0/" + d + ".sql"), dbscripts.resolve(d + ".sql"));
        Files.copy(ref.resolve("carbon-kernel-4.6.0/" + d + ".sql"), dbscripts.getParent().resolve(d + ".sql"));
        Path identity = ref.resolve("identity-migration-resources-v1.0.147/5.10.0");
        try (TestDatabase apim = TestDatabase.create(target.kind, tmp); TestDatabase shared = TestDatabase.create(target.kind, tmp)) {
            apim.run(Files.readString(ref.resolve("apimgt-3.0.0/" + d + ".sql")));
            shared.run(Files.readString(ref.resolve("carbon-kernel-4.5.1/" + d + ".sql")));
            for (String user : List.of("admin", "alice")) {
                exec(shared, "INSERT INTO UM_USER (UM_USER_NAME, UM_USER_PASSWORD, UM_SALT_VALUE, UM_REQUIRE_CHANGE, UM_CHANGED_TIME, UM_TENANT_ID)"
                        + " VALUES ('" + user + "', 'hash', 'salt', " + (target == Target.MARIADB ? "0" : "FALSE") + ", CURRENT_TIMESTAMP, -1234)");
            }
            exec(apim, "INSERT INTO IDN_OAUTH2_SCOPE (NAME, DISPLAY_NAME, DESCRIPTION, TENANT_ID) VALUES ('apim:subscribe', 'Subscribe', 'subscribe', -1234)");
            run(apim, shared, false).run(ctx -> new MigrateDbGoal(ctx).run());

            ApimException notDone = assertThrows(ApimException.class, () -> run(apim, shared, false).run(ctx -> new VerifyGoal(ctx).run()));
            assertTrue(notDone.getMessage().contains("identity migration not done"), notDone.getMessage());
            run(apim, shared, true).run(ctx -> new VerifyGoal(ctx).run()); // accepted: the rest is as documented

            // WSO2's client as migrate-identity configures it (runbook Step 2.5, without MigrationValidator and
            // step2/identity): ScopeDataMigrator's column (ground truth section 7), step1 on the identity database
            // (WSO2AM_DB) and on the user store, then step2/um
            exec(apim, target == Target.MARIADB ? "ALTER TABLE IDN_OAUTH2_SCOPE ADD SCOPE_TYPE VARCHAR(255) NOT NULL DEFAULT 'OAUTH2'"
                    : "ALTER TABLE IDN_OAUTH2_SCOPE ADD COLUMN SCOPE_TYPE VARCHAR(255) DEFAULT 'OAUTH2' NOT NULL");
            apim.run(Files.readString(identity.resolve("step1/identity/" + d + ".sql")));
            shared.run(Files.readString(identity.resolve("step1/um/" + d + ".sql")));
            shared.run(Files.readString(identity.resolve("step2/um/" + d + ".sql")));

            run(apim, shared, false).run(ctx -> new VerifyGoal(ctx).run());
            List<String> lines = new ArrayList<>();
            lines.add("=== verify on " + target + ": WSO2's real 3.0.0 schemas, migrate-db, WSO2's identity step1/step2 SQL, vs WSO2's real 3.1.0 dbscripts ===");
            tools.jackson.databind.JsonNode report = new tools.jackson.databind.ObjectMapper().readTree(tmp.resolve("work/verify.json").toFile());
            report.get("databases").forEach(n -> lines.add(n.asString()));
            lines.add(report.get("summary").asString());
            report.get("findings").forEach(n -> assertTrue(!n.get("message").asString().contains("stale"), n.toString()));
            lines.forEach(System.out::println);
            Path out = Path.of(System.getProperty("apim.buildDir", "target"), "conformance", "verify-" + d + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.join("\n", lines) + "\n");

            // what verify must not let pass
            String index = switch (target) {
                case H2 -> "DROP INDEX IDX_AT_CKID_AU_TID_UD_TSH_TS";
                case POSTGRESQL -> "DROP INDEX IDX_AT_CKID_AU_TID_UD_TSH_TS";
                case MARIADB -> "DROP INDEX IDX_AT_CKID_AU_TID_UD_TSH_TS ON IDN_OAUTH2_ACCESS_TOKEN";
            };
            failsThenPasses(apim, shared, index, "index IDN_OAUTH2_ACCESS_TOKEN(", RECREATE_INDEX);
            // a documented difference with another value than the one documented (SCOPE_TYPE DEFAULT 'OAUTH2')
            failsThenPasses(apim, shared, "ALTER TABLE IDN_OAUTH2_SCOPE ALTER COLUMN SCOPE_TYPE SET DEFAULT 'OIDC'",
                    "column IDN_OAUTH2_SCOPE.SCOPE_TYPE default", "ALTER TABLE IDN_OAUTH2_SCOPE ALTER COLUMN SCOPE_TYPE SET DEFAULT 'OAUTH2'");
            failsThenPasses(apim, shared, "DROP TABLE AM_API_COMMENTS", "table AM_API_COMMENTS", null);
        }
    }

    private static final String RECREATE_INDEX = "CREATE INDEX IDX_AT_CKID_AU_TID_UD_TSH_TS ON IDN_OAUTH2_ACCESS_TOKEN"
            + "(CONSUMER_KEY_ID, AUTHZ_USER, TENANT_ID, USER_DOMAIN, TOKEN_SCOPE_HASH, TOKEN_STATE)";

    private void failsThenPasses(TestDatabase apim, TestDatabase shared, String change, String fact, String undo) throws Exception {
        exec(apim, change);
        ApimException e = assertThrows(ApimException.class, () -> run(apim, shared, false).run(ctx -> new VerifyGoal(ctx).run()), change);
        assertTrue(e.getMessage().matches("(?s).* [1-9][0-9]* unexplained.*"), change + ": " + e.getMessage());
        String json = Files.readString(tmp.resolve("work/verify.json"));
        assertTrue(json.contains("\"fact\":\"" + fact) || json.contains("\"fact\": \"" + fact), change + ": " + json);
        if (undo != null) {
            exec(apim, undo);
            run(apim, shared, false).run(ctx -> new VerifyGoal(ctx).run());
        }
    }

    private static void exec(TestDatabase db, String sql) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private TestRun run(TestDatabase apim, TestDatabase shared, boolean acceptIdentity) {
        return new TestRun(tmp).database("apim", apim).database("shared", shared)
                .set("apim.newHome", tmp.resolve("wso2am-3.1.0").toString()).set("apim.registry.disableVersioning", "true")
                .set("apim.workDir", tmp.resolve("work").toString())
                .set("apim.verify.acceptIdentityNotMigrated", String.valueOf(acceptIdentity));
    }
}
