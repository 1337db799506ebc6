package io.github.apimupgrade.core.state;

import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.settings.UpgradeSettings;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a step that deletes rows leaves of a table: the rows it found and the rows it keeps, written to the state store
 * before its first delete, so that verify holds the table to exactly that number instead of "fewer". Kept once: a run
 * interrupted half-way and run again keeps the same rows (each deleting step's result does not depend on where it
 * stopped), so the first record stays right. Forgotten when a restore puts the databases back.
 */
public final class KeptRows {
    static final String SECTION = "keptRows";

    /** {@code step} found {@code rowsBefore} rows and keeps {@code kept} of them. */
    public record Entry(String step, long rowsBefore, long kept) {
    }

    private KeptRows() {
    }

    /** For a step's probe: refuses, before anything changes, a state file that belongs to another deployment. */
    public static void requireOwnState(UpgradeSettings settings) {
        DeploymentState.of(settings);
    }

    /** Records what the step keeps unless an earlier, interrupted run of it already did. */
    public static void recordOnce(UpgradeSettings settings, DbKey database, String table, String step, long rowsBefore, long kept) {
        DeploymentState state = DeploymentState.of(settings);
        Map<String, String> entries = state.read(SECTION);
        if (entries.putIfAbsent(key(database, table), step + "|" + rowsBefore + "|" + kept) == null) {
            state.write(SECTION, entries);
        }
    }

    /** What a step recorded for the table in any of the given databases (one database may have several keys). */
    public static Optional<Entry> of(UpgradeSettings settings, Iterable<DbKey> databases, String table) {
        Map<String, String> entries = DeploymentState.of(settings).read(SECTION);
        for (DbKey db : databases) {
            String value = entries.get(key(db, table));
            if (value != null) {
                String[] parts = value.split("\\|");
                return Optional.of(new Entry(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2])));
            }
        }
        return Optional.empty();
    }

    public static void forget(UpgradeSettings settings) {
        DeploymentState.of(settings).write(SECTION, Map.of());
    }

    private static String key(DbKey database, String table) {
        return database.key() + "." + table.toUpperCase(Locale.ROOT);
    }
}
