package io.github.apimupgrade.core.amdb;

import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.Guard;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

/** WSO2AM_DB is a 3.0.0 database (or one this plugin is upgrading or has upgraded), before anything changes. */
public final class AmDbGuard extends Guard {
    public AmDbGuard() {
        super("wso2am-db-version", Goal.MIGRATE_DB, "WSO2AM_DB is the 3.0.0 database this path starts from",
                "the upgrade path 3.0.0 -> 3.1.0: any other database is refused before it is touched");
    }

    @Override
    public Probe probe(StepContext context) {
        DatabaseSettings db = context.settings().requireDatabase(DbKey.APIM);
        AmDbState state = context.withCatalog(DbKey.APIM, c -> AmDbInspector.inspect(c, AmDbSteps.HISTORY_TABLE));
        String where = db.describe() + " at " + db.configuredUrl();
        return switch (state.kind()) {
            case EMPTY, NOT_WSO2AM_DB -> Probe.blocked(where + " is not a WSO2 API-M database: " + state.evidence()
                    + ". Point '" + DbKey.APIM.property("url") + "' at the WSO2AM_DB of the 3.0.0 deployment");
            case OLDER_THAN_300 -> Probe.blocked(where + " is older than 3.0.0: " + state.evidence()
                    + ". Upgrade it to 3.0.0 first (this plugin upgrades 3.0.0 to 3.1.0)");
            case V310 -> state.hasHistory() ? Probe.done(state.evidence() + ", migrated by this plugin")
                    : Probe.blocked(where + " is already at 3.1.0: " + state.evidence() + ", and this plugin did not migrate it (no "
                    + AmDbSteps.HISTORY_TABLE + " table). Nothing to migrate: point '" + DbKey.APIM.property("url")
                    + "' at the 3.0.0 database");
            case PARTIAL -> Probe.done(state.evidence() + (state.hasHistory() ? ", an upgrade by this plugin is under way"
                    : "; made outside this plugin (the runbook's script?): kept, and the rest is completed"));
            case V300 -> Probe.done(state.evidence());
        };
    }
}
