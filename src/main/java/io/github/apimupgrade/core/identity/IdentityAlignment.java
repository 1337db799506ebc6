package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.db.CatalogFacts;
import io.github.apimupgrade.core.sql.FreshCatalogStep;
import io.github.apimupgrade.core.sql.FreshCatalogStep.RequiredValues;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlStep;
import io.github.apimupgrade.core.sql.SqlStep.Definition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * After WSO2's identity migration: the catalog differences it leaves from a fresh 3.1.0 database that can be closed
 * without rewriting a table or losing data, in the order they run: each step one statement, or statements that can run
 * again (IF NOT EXISTS), and on PostgreSQL one transaction. Scripts: {@code sql/align-identity/<dialect>/<id>.sql}; each dialect has those whose difference was measured
 * there (VerifyConformanceTest). What stays different is in {@code apim-data/verify/expected-deltas.tsv} with its reason.
 */
public final class IdentityAlignment {
    private static final String PATH = "align-identity";
    private static final String WHY = "issue #12: WSO2's identity migration (5.10.0 step1/step2) leaves this different from fresh 3.1.0";

    private IdentityAlignment() {
    }

    /** The steps on WSO2AM_DB (the identity tables) and on the user store. */
    public static List<SqlStep> steps(DbKey userStore) {
        List<SqlStep> steps = new ArrayList<>();
        steps.add(index("index-at-at", "3.1.0.51", "IDN_OAUTH2_ACCESS_TOKEN", "IDX_AT_AT", "ACCESS_TOKEN"));
        steps.add(index("index-at-rt", "3.1.0.52", "IDN_OAUTH2_ACCESS_TOKEN", "IDX_AT_RT", "REFRESH_TOKEN"));
        steps.add(index("index-ac-ac-ckid", "3.1.0.53", "IDN_OAUTH2_AUTHORIZATION_CODE", "IDX_AC_AC_CKID", "AUTHORIZATION_CODE", "CONSUMER_KEY_ID"));
        steps.add(index("index-at-si-eci", "3.1.0.54", "IDN_OIDC_SCOPE_CLAIM_MAPPING", "IDX_AT_SI_ECI", "SCOPE_ID", "EXTERNAL_CLAIM_ID"));
        steps.add(noDefault("scope-type-no-default", "3.1.0.55", DbKey.APIM, "IDN_OAUTH2_SCOPE", "SCOPE_TYPE",
                "ScopeDataMigrator's DEFAULT 'OAUTH2' only filled the scopes already there"));
        steps.add(noDefault("binding-type-no-default", "3.1.0.56", DbKey.APIM, "IDN_OAUTH2_SCOPE_BINDING", "BINDING_TYPE",
                "step1/identity's DEFAULT 'DEFAULT' only filled the bindings already there"));
        steps.add(noDefault("associated-id-no-default", "3.1.0.57", DbKey.APIM, "IDN_ASSOCIATED_ID", "ASSOCIATION_ID", UUID_FILL));
        steps.add(noDefault("sp-app-uuid-no-default", "3.1.0.58", DbKey.APIM, "SP_APP", "UUID", UUID_FILL));
        steps.add(noDefault("idp-uuid-no-default", "3.1.0.59", DbKey.APIM, "IDP", "UUID", UUID_FILL));
        steps.add(notNull("idp-uuid-not-null", "3.1.0.60", DbKey.APIM, "IDP", "UUID",
                "give each identity provider a UUID (UPDATE IDP SET UUID = <a new UUID> WHERE UUID IS NULL)"));
        steps.add(notNull("claim-dialect-not-null", "3.1.0.61", DbKey.APIM, "IDN_CLAIM", "DIALECT_ID",
                "delete the claims that belong to no dialect (DELETE FROM IDN_CLAIM WHERE DIALECT_ID IS NULL) or give them their dialect"));
        steps.add(notNull("authz-code-time-created", "3.1.0.62", DbKey.APIM, "IDN_OAUTH2_AUTHORIZATION_CODE", "TIME_CREATED",
                "delete the expired authorization codes or set their TIME_CREATED (UPDATE IDN_OAUTH2_AUTHORIZATION_CODE SET "
                        + "TIME_CREATED = CURRENT_TIMESTAMP WHERE TIME_CREATED IS NULL)"));
        steps.add(step("idp-uuid-key-name", "3.1.0.63", DbKey.APIM, "Name IDP's unique key on UUID as fresh 3.1.0 does (IDP_UUID_KEY)",
                "IDP", Map.of("unique IDP(UUID) name", "IDP_UUID_KEY"), List.of("unique IDP(UUID) name"), Optional.empty()));
        steps.add(step("oidc-scope-sequence", "3.1.0.64", DbKey.APIM, "Drop IDN_OIDC_SCOPE_PK_SEQ, left when step1/identity dropped IDN_OIDC_SCOPE",
                CatalogFacts.SCHEMA, Map.of("sequence IDN_OIDC_SCOPE_PK_SEQ", CatalogFacts.ABSENT), List.of(), Optional.empty()));
        String mapping = "IDN_OIDC_SCOPE_CLAIM_MAPPING";
        Map<String, String> names = new LinkedHashMap<>();
        names.put("column " + mapping + ".ID default", "nextval('idn_oidc_scope_claim_mapping_pk_seq'::regclass)");
        names.put("primary key " + mapping + "(ID) name", mapping + "_PKEY");
        names.put("foreign key " + mapping + "(SCOPE_ID) -> IDN_OAUTH2_SCOPE(SCOPE_ID) name", mapping + "_SCOPE_ID_FKEY");
        names.put("foreign key " + mapping + "(EXTERNAL_CLAIM_ID) -> IDN_CLAIM(ID) name", mapping + "_EXTERNAL_CLAIM_ID_FKEY");
        names.put("unique " + mapping + "(SCOPE_ID,EXTERNAL_CLAIM_ID) name", mapping + "_SCOPE_ID_EXTERNAL_CLAIM_ID_KEY");
        steps.add(step("oidc-mapping-names", "3.1.0.65", DbKey.APIM, "Give " + mapping + " (rebuilt as " + mapping
                + "_NEW by step1/identity) the key names and id sequence of fresh 3.1.0", mapping, names,
                List.of("primary key " + mapping + "(ID) name"), Optional.empty()));
        int version = 69;
        for (String table : List.of("IDN_UMA_RESOURCE", "IDN_UMA_RESOURCE_META_DATA", "IDN_UMA_RESOURCE_SCOPE", "IDN_UMA_PERMISSION_TICKET",
                "IDN_UMA_PT_RESOURCE", "IDN_UMA_PT_RESOURCE_SCOPE")) {
            steps.add(step(table.toLowerCase(Locale.ROOT).replace("idn_uma_", "uma-").replace('_', '-'), "3.1.0." + version++, DbKey.APIM,
                    "Create " + table + " as fresh 3.1.0 has it (empty; API-M 3.1.0 does not use it, and no migration of the path creates it)",
                    table, Map.of("table " + table, "present"), List.of("table IDN_OAUTH2_ACCESS_TOKEN"), Optional.empty()));
        }
        steps.add(noDefault("um-user-id-no-default", "3.1.0.66", userStore, "UM_USER", "UM_USER_ID", UUID_FILL));
        steps.add(notNull("um-user-id-not-null", "3.1.0.67", userStore, "UM_USER", "UM_USER_ID",
                "give each user a UM_USER_ID (a new UUID), as step2/um does"));
        steps.add(step("alter-um-user-procedure", "3.1.0.68", userStore, "Drop the procedure ALTER_UM_USER that step2/um creates and leaves",
                CatalogFacts.SCHEMA, Map.of("routine ALTER_UM_USER", CatalogFacts.ABSENT), List.of(), Optional.empty()));
        steps.add(step("um-user-id-type", "3.1.0.75", userStore, "Make UM_USER.UM_USER_ID VARCHAR(255) as in fresh 3.1.0 (step2/um adds "
                        + "CHAR(36); every value fits, none changes)", "UM_USER", Map.of("column UM_USER.UM_USER_ID type", "VARCHAR(255)"),
                List.of("column UM_USER.UM_USER_ID type"), Optional.empty()));
        return steps;
    }

    private static final String UUID_FILL = "step1/step2 add the column with a UUID default only to fill the rows already there";

    private static SqlStep index(String id, String version, String table, String name, String... columns) {
        List<String> requires = new ArrayList<>();
        for (String c : columns) {
            requires.add("column " + table + "." + c + " type");
        }
        return step(id, version, DbKey.APIM, "Create " + name + " on " + table + "(" + String.join(", ", columns)
                        + "), which fresh 3.1.0 has and WSO2's identity migration does not create", table,
                Map.of("index " + table + "(" + String.join(",", columns) + ") name", name), requires, Optional.empty());
    }

    private static SqlStep noDefault(String id, String version, DbKey db, String table, String column, String why) {
        String key = "column " + table + "." + column;
        return step(id, version, db, "Drop the default of " + table + "." + column + " (" + why + "; fresh 3.1.0 has none)", table,
                Map.of(key + " default", "none"), List.of(key + " type"), Optional.empty());
    }

    private static SqlStep notNull(String id, String version, DbKey db, String table, String column, String fix) {
        String key = "column " + table + "." + column;
        return step(id, version, db, "Make " + table + "." + column + " NOT NULL as in fresh 3.1.0", table,
                Map.of(key + " nullable", "NOT NULL"), List.of(key + " type"), Optional.of(new RequiredValues(table, column, fix)));
    }

    private static SqlStep step(String id, String version, DbKey db, String summary, String table, Map<String, String> target,
                                List<String> requires, Optional<RequiredValues> values) {
        return new FreshCatalogStep(new Definition(id, Goal.MIGRATE_IDENTITY, db, PATH, version, summary, WHY), table, target,
                requires, values);
    }
}
