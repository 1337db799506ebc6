package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.db.CatalogFacts;
import io.github.apimupgrade.core.db.CatalogFacts.Fact;
import io.github.apimupgrade.core.db.Dialect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * One migrated database's catalog against fresh 3.1.0's, fact by fact ({@link CatalogFacts}). A table absent on one
 * side is one difference, not one per column. Each difference is classified: EXPLAINED when an entry of
 * {@link ExpectedDeltas} states exactly both values; IDENTITY_NOT_DONE (or ACCEPTED, when the operator accepts it)
 * when it is the identity migration's and that has not finished; UNEXPLAINED otherwise, an entry that states other
 * values included.
 */
final class CatalogComparison {
    static final String SAME = "SAME";
    static final String EXPLAINED = "EXPLAINED";
    static final String UNEXPLAINED = "UNEXPLAINED";
    static final String NOT_DONE = "IDENTITY_NOT_DONE";
    static final String ACCEPTED = "ACCEPTED";

    /** One classified difference of a fact; values are {@link CatalogFacts#ABSENT} where one side has no such fact. */
    record Difference(String database, String table, String key, String migrated, String fresh, String status, String reason) {
        String line() {
            return key + ": migrated " + migrated + ", fresh 3.1.0 " + fresh + (reason.isEmpty() ? "" : " (" + reason + ")");
        }
    }

    private final Dialect dialect;
    private final ExpectedDeltas deltas;
    private final TableRules identityOwned;
    /** null where the path has no identity migration or it is done. */
    private final IdentityMigrationStatus identityNotDone;
    private final boolean accept;
    private final Set<ExpectedDeltas.Entry> matched = new HashSet<>();
    private final Set<String> tablesSeen = new HashSet<>();
    /** Tables (and {@link CatalogFacts#SCHEMA}) seen in a database that is not the user store. */
    private final Set<String> tablesSeenOutsideUserStore = new HashSet<>();

    CatalogComparison(Dialect dialect, ExpectedDeltas deltas, TableRules identityOwned, IdentityMigrationStatus identityNotDone, boolean accept) {
        this.dialect = dialect;
        this.deltas = deltas;
        this.identityOwned = identityOwned;
        this.identityNotDone = identityNotDone;
        this.accept = accept;
    }

    /** {@code userStore}: whether the database holds the user store (the identity migration's {@code um} scripts run there). */
    List<Difference> compare(String database, boolean userStore, SortedMap<String, Fact> fresh, SortedMap<String, Fact> migrated) {
        Set<String> absentTables = new HashSet<>();
        TreeSet<String> keys = new TreeSet<>(fresh.keySet());
        keys.addAll(migrated.keySet());
        for (String key : keys) {
            Fact f = fresh.getOrDefault(key, migrated.get(key));
            tablesSeen.add(f.table());
            if (!userStore) {
                tablesSeenOutsideUserStore.add(f.table());
            }
            if (key.startsWith("table ") && (!fresh.containsKey(key) || !migrated.containsKey(key))) {
                absentTables.add(f.table());
            }
        }
        List<Difference> out = new ArrayList<>();
        for (String key : keys) {
            Fact any = fresh.getOrDefault(key, migrated.get(key));
            String f = value(fresh, key);
            String m = value(migrated, key);
            if (f.equals(m) || (absentTables.contains(any.table()) && !key.startsWith("table "))) {
                continue;
            }
            out.add(classify(database, userStore, any.table(), key, m, f));
        }
        return out;
    }

    private Difference classify(String database, boolean userStore, String table, String key, String migrated, String fresh) {
        Optional<String> identity = identityOwner(table, key);
        if (identity.isPresent() && identityNotDone != null) {
            return new Difference(database, table, key, migrated, fresh, accept ? ACCEPTED : NOT_DONE,
                    "identity migration not done (" + identityNotDone.why() + "); it changes this: " + identity.get());
        }
        List<ExpectedDeltas.Entry> entries = deltas.of(dialect, key, userStore);
        Optional<ExpectedDeltas.Entry> entry = entries.stream().filter(e -> e.matches(migrated, fresh)).findFirst();
        if (entry.isEmpty()) {
            return new Difference(database, table, key, migrated, fresh, UNEXPLAINED,
                    entries.isEmpty() ? "" : "not as documented: " + entries.get(0).describe());
        }
        matched.add(entry.get());
        return new Difference(database, table, key, migrated, fresh, EXPLAINED, entry.get().reason());
    }

    private Optional<String> identityOwner(String table, String key) {
        if (!table.equals(CatalogFacts.SCHEMA)) {
            return identityOwned.forTable(table);
        }
        String name = key.substring(key.indexOf(' ') + 1);
        return identityOwned.forObjectOf(name);
    }

    /**
     * Entries of this dialect that matched no difference although their table was compared (entries of sequences, views,
     * triggers, routines and extensions always are): the difference they document is gone, or never was, so the entry is
     * stale. The identity migration's are left out while it is not done.
     */
    List<ExpectedDeltas.Entry> stale() {
        List<ExpectedDeltas.Entry> out = new ArrayList<>();
        for (ExpectedDeltas.Entry e : deltas.of(dialect)) {
            String table = tableOf(e.key());
            if (matched.contains(e) || (!table.equals(CatalogFacts.SCHEMA) && !tablesSeen.contains(table))
                    || (e.otherThanUserStore() && !seenOutsideUserStore(table, e.key()))
                    || (identityNotDone != null && identityOwner(table, e.key()).isPresent())) {
                continue;
            }
            out.add(e);
        }
        return out;
    }

    /** Whether the table, or for a sequence or the like the table it is named after, was compared outside the user store. */
    private boolean seenOutsideUserStore(String table, String key) {
        if (!table.equals(CatalogFacts.SCHEMA)) {
            return tablesSeenOutsideUserStore.contains(table);
        }
        String name = key.substring(key.indexOf(' ') + 1);
        return tablesSeenOutsideUserStore.stream().anyMatch(t -> name.startsWith(t + "_"));
    }

    /** The table a fact key belongs to, as CatalogFacts files it. */
    static String tableOf(String key) {
        for (String kind : List.of("table ", "column ", "primary key ", "unique ", "foreign key ", "index ")) {
            if (key.startsWith(kind)) {
                String rest = key.substring(kind.length());
                int end = rest.length();
                for (char c : new char[] {'.', '(', ' '}) {
                    int i = rest.indexOf(c);
                    if (i >= 0 && i < end) {
                        end = i;
                    }
                }
                return rest.substring(0, end);
            }
        }
        return CatalogFacts.SCHEMA;
    }

    private static String value(Map<String, Fact> facts, String key) {
        Fact f = facts.get(key);
        return f == null ? CatalogFacts.ABSENT : f.value();
    }
}
