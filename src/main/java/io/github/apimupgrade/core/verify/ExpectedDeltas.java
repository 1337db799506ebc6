package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog differences a migrated database keeps from a fresh 3.1.0 one, each stated exactly
 * ({@code apim-data/verify/expected-deltas.tsv}): dialect ({@code *} for all; {@code <dialect>:other-than-user-store}
 * for the unused user-store tables of a database that is not the user store), the fact
 * ({@code "<object> <attribute>"}, as {@link io.github.apimupgrade.core.db.CatalogFacts} names it), its value after
 * the migration, its value in fresh 3.1.0, and why. A reason written {@code @name} is defined once on a line
 * {@code @name <TAB> text}. A difference explains nothing unless both values are what the entry states.
 */
final class ExpectedDeltas {
    static final String RESOURCE = "apim-data/verify/expected-deltas.tsv";
    private static final String OTHER_THAN_USER_STORE = "other-than-user-store";

    /** One documented difference; {@code line} is its line in the file, for the stale-entry report. */
    record Entry(String dialect, boolean otherThanUserStore, String key, String migrated, String fresh, String reason, int line) {
        boolean matches(String migratedValue, String freshValue) {
            return migrated.equals(migratedValue) && fresh.equals(freshValue);
        }

        String describe() {
            return RESOURCE + " line " + line + ": " + key + " (migrated " + migrated + ", fresh 3.1.0 " + fresh + ")";
        }
    }

    private final List<Entry> entries = new ArrayList<>();

    ExpectedDeltas() {
        this(RESOURCE);
    }

    ExpectedDeltas(String resource) {
        String text;
        try (InputStream in = ExpectedDeltas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ApimException("The plugin jar has no " + resource);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ApimException("Cannot read " + resource, e);
        }
        Map<String, String> reasons = new HashMap<>();
        List<String[]> rows = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].startsWith("@") && f.length == 2) {
                reasons.put(f[0], f[1]);
            } else if (f.length == 5) {
                rows.add(new String[] {f[0], f[1], f[2], f[3], f[4], String.valueOf(i + 1)});
            } else {
                throw new ApimException(resource + " line " + (i + 1) + " has " + f.length + " tab-separated fields, not 5 (or a @reason and its text)");
            }
        }
        for (String[] r : rows) {
            String reason = r[4].startsWith("@") ? reasons.get(r[4]) : r[4];
            if (reason == null) {
                throw new ApimException(resource + " line " + r[5] + " names the reason " + r[4] + ", which no @ line defines");
            }
            boolean other = r[0].endsWith(":" + OTHER_THAN_USER_STORE);
            entries.add(new Entry(other ? r[0].substring(0, r[0].indexOf(':')) : r[0], other, r[1], r[2], r[3], reason, Integer.parseInt(r[5])));
        }
    }

    /** The entries of a fact that apply to a database of this dialect, which holds the user store or not. */
    List<Entry> of(Dialect dialect, String key, boolean userStore) {
        return of(dialect).stream().filter(e -> e.key().equals(key) && (!e.otherThanUserStore() || !userStore)).toList();
    }

    List<Entry> of(Dialect dialect) {
        return entries.stream().filter(e -> e.dialect().equals("*") || e.dialect().equals(dialect.folder())).toList();
    }
}
