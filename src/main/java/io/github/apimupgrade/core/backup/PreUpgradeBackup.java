package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.amdb.AmDbSteps;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DbKey;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Keeps a re-run of the whole upgrade from backing up databases that are already being upgraded:
 * once WSO2AM_DB carries this plugin's history table and a complete set of this environment exists,
 * that set is the way back and no new one is taken ({@code apim.backup.force=true} takes one anyway).
 * Otherwise "restore the newest set" would restore a half-upgraded state.
 */
public final class PreUpgradeBackup {
    public static final String FORCE = "apim.backup.force";

    private PreUpgradeBackup() {
    }

    public static Optional<Path> existing(StepContext context) {
        if (context.settings().properties().flag(FORCE, false) || !context.databases().isConfigured(DbKey.APIM)) {
            return Optional.empty();
        }
        boolean upgradeBegun = context.withCatalog(DbKey.APIM, c -> c.tableExists(AmDbSteps.HISTORY_TABLE));
        if (!upgradeBegun) {
            return Optional.empty();
        }
        List<Path> sets = BackupSets.completeOf(BackupOptions.from(context.settings()).root(), context.settings().env());
        return sets.isEmpty() ? Optional.empty() : Optional.of(sets.get(0));
    }
}
