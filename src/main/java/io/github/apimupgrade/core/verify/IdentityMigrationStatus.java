package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.identity.IdentityState;
import io.github.apimupgrade.core.identity.MigrateIdentityGoal;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DbKey;

/**
 * Whether WSO2's identity migration has run on these databases: migrate-identity's own state where this work directory
 * ran it; otherwise the milestone migrate-identity records in WSO2AM_DB's history (its work directory is elsewhere or
 * lost); otherwise (it ran by hand) the tables it creates, IDN_OAUTH2_TOKEN_BINDING in WSO2AM_DB (step1) and
 * UM_UUID_DOMAIN_MAPPER in the user store (step1/um).
 */
record IdentityMigrationStatus(boolean done, String why) {

    static IdentityMigrationStatus of(StepContext context) {
        IdentityState.Phase phase = IdentityState.load(context.settings()).phase();
        if (phase == IdentityState.Phase.DONE) {
            return new IdentityMigrationStatus(true, "apim:migrate-identity finished");
        }
        if (phase != IdentityState.Phase.NONE) {
            return new IdentityMigrationStatus(false, "apim:migrate-identity has not finished (its state says " + phase
                    + "); run it again to finish it");
        }
        if (MigrateIdentityGoal.finishedAccordingToTheDatabase(context)) {
            return new IdentityMigrationStatus(true, "apim:migrate-identity finished (recorded in WSO2AM_DB)");
        }
        boolean tokenBinding = hasTable(context, DbKey.APIM, "IDN_OAUTH2_TOKEN_BINDING");
        DbKey userStore = context.settings().userStore();
        boolean mapper = context.databases().isConfigured(userStore) && hasTable(context, userStore, "UM_UUID_DOMAIN_MAPPER");
        if (tokenBinding && mapper) {
            return new IdentityMigrationStatus(true, "the tables it creates are there (it ran from another node or by hand)");
        }
        return new IdentityMigrationStatus(false, "apim:migrate-identity has not run here and "
                + (tokenBinding ? "" : "WSO2AM_DB has no IDN_OAUTH2_TOKEN_BINDING" + (mapper ? "" : " and "))
                + (mapper ? "" : "the user store has no UM_UUID_DOMAIN_MAPPER"));
    }

    private static boolean hasTable(StepContext context, DbKey key, String table) {
        return context.databases().isConfigured(key) && context.withCatalog(key, c -> c.tableExists(table));
    }
}
