package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.backup.BackupOptions;
import io.github.apimupgrade.core.backup.BackupSets;
import io.github.apimupgrade.core.backup.Manifest;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.KeptRows;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DbKey;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * verify's row counts: every table of the backup set taken before the upgrade is counted again.
 * A count may change only where a goal is meant to change it ({@code row-count-changes.properties}:
 * the table, the rule, the reason); any other change, or a table gone that the path does not drop, fails verify.
 * A table a step deletes from ({@code kept}) is held to the exact number the step recorded it keeps.
 */
final class RowCountCheck {
    private static final String PLUGIN_TABLES = "APIM_UPGRADE_";

    private final StepContext context;
    private final TableRules rules = new TableRules("apim-data/verify/row-count-changes.properties");

    RowCountCheck(StepContext context) {
        this.context = context;
    }

    List<Finding> check() {
        Path root = BackupOptions.from(context.settings()).root();
        String env = context.settings().env();
        Optional<Path> set = preUpgradeSet(root, env);
        if (set.isEmpty()) {
            return List.of(Finding.warn("rows", "no complete backup set of environment '" + env + "' taken before the upgrade under "
                    + root + ": row counts not compared", "run apim:backup before the upgrade (the lifecycle does), or point 'apim.backup.dir' at the sets"));
        }
        Manifest manifest = read(set.get());
        List<Finding> out = new ArrayList<>();
        int same = 0;
        for (Manifest.Database db : manifest.databases()) {
            Optional<DbKey> key = db.keys().stream().map(DbKey::byKey).flatMap(Optional::stream)
                    .filter(k -> context.databases().isConfigured(k)).findFirst();
            if (key.isEmpty()) {
                out.add(Finding.warn("rows", "backup database " + db.id() + " (" + String.join(", ", db.keys())
                        + ") is not configured now: its row counts are not compared", "configure it as it was for the backup"));
                continue;
            }
            List<Manifest.Table> tables = manifest.tables().stream().filter(t -> t.database().equals(db.id()))
                    .filter(t -> !t.name().toUpperCase(Locale.ROOT).startsWith(PLUGIN_TABLES)).toList();
            same += context.withConnection(key.get(), c -> compare(c, key.get(), tables, out));
        }
        out.add(0, Finding.pass("rows", same + " table(s) with the row count of backup set " + set.get().getFileName()));
        return out;
    }

    private int compare(Connection c, DbKey key, List<Manifest.Table> tables, List<Finding> out) throws java.sql.SQLException {
        Catalog catalog = new Catalog(c, context.databases().settings(key).dialect());
        Map<String, KeptRows.Entry> kept = KeptRows.all(catalog);
        String quote = c.getMetaData().getIdentifierQuoteString().trim();
        int same = 0;
        for (Manifest.Table t : tables) {
            Optional<String> now = catalog.table(t.name());
            Optional<String> rule = rules.forTable(t.name());
            if (now.isEmpty()) {
                boolean mayGo = rule.map(r -> direction(r).equals("gone")).orElse(false);
                out.add(mayGo ? Finding.pass("rows", t.name() + ": gone (" + why(rule.get()) + ")")
                        : Finding.fail("rows", t.name() + " held " + t.rows() + " row(s) before the upgrade and is gone",
                        "find what dropped it; the backup set has its rows (apim:restore)"));
                continue;
            }
            long rows = catalog.count("SELECT COUNT(*) FROM " + quote + now.get() + quote);
            if (rule.isPresent() && direction(rule.get()).equals("kept")) {
                Optional<Finding> f = kept(Optional.ofNullable(kept.get(t.name().toUpperCase(Locale.ROOT))), t, rows, why(rule.get()));
                f.ifPresent(out::add);
                same += f.isEmpty() ? 1 : 0;
            } else if (rows == t.rows()) {
                same++;
            } else if (rule.isPresent() && allows(rule.get(), t.rows(), rows)) {
                out.add(Finding.pass("rows", String.format("%s: %,d -> %,d row(s) (%s)", t.name(), t.rows(), rows, why(rule.get()))));
            } else if (rule.isPresent() && direction(rule.get()).equals("gone")) {
                out.add(Finding.fail("rows", t.name() + " is still there, with " + rows + " row(s)",
                        "the identity migration drops it (" + why(rule.get()) + "); see whether apim:migrate-identity finished"));
            } else {
                out.add(Finding.fail("rows", String.format("%s: %,d row(s) before the upgrade, %,d now%s", t.name(), t.rows(), rows,
                        rule.map(r -> "; only " + direction(r) + " rows are expected (" + why(r) + ")").orElse(", and no goal changes its rows")),
                        "compare with the backup set (apim:restore into a scratch database) before the server starts"));
            }
        }
        return same;
    }

    /**
     * A table a step deletes from: it may hold fewer rows only by what that step recorded it keeps ({@link KeptRows}),
     * and more only by rows added since (a server run logs registry actions, the identity migration adds bindings).
     * Empty when the count is the backup's and nothing was deleted.
     */
    private static Optional<Finding> kept(Optional<KeptRows.Entry> entry, Manifest.Table t, long now, String why) {
        String fix = "compare with the backup set (apim:restore into a scratch database) to find the rows that went";
        if (entry.isEmpty()) {
            if (now >= t.rows()) {
                return now == t.rows() ? Optional.empty() : Optional.of(Finding.pass("rows", String.format(
                        "%s: %,d -> %,d row(s), none deleted, %,d added since (%s)", t.name(), t.rows(), now, now - t.rows(), why)));
            }
            return Optional.of(Finding.fail("rows", String.format("%s: %,d row(s) before the upgrade, %,d now, and no step recorded "
                    + "deleting any in %s (%s)", t.name(), t.rows(), now, KeptRows.TABLE, why), fix));
        }
        KeptRows.Entry e = entry.get();
        if (e.kept() == e.rowsBefore() && now == t.rows()) {
            return Optional.empty(); // the step found nothing to delete here
        }
        if (e.rowsBefore() < t.rows()) {
            return Optional.of(Finding.fail("rows", String.format("%s: %,d row(s) before the upgrade, but %,d when %s began to delete: "
                    + "%,d lost before it ran", t.name(), t.rows(), e.rowsBefore(), e.step(), t.rows() - e.rowsBefore()), fix));
        }
        if (now < e.kept()) {
            return Optional.of(Finding.fail("rows", String.format("%s: %s kept %,d of its %,d row(s), %,d now: %,d lost since",
                    t.name(), e.step(), e.kept(), e.rowsBefore(), now, e.kept() - now), fix));
        }
        return Optional.of(Finding.pass("rows", String.format("%s: %,d -> %,d row(s): %s kept exactly %,d of %,d%s%s (%s)", t.name(),
                t.rows(), now, e.step(), e.kept(), e.rowsBefore(),
                e.rowsBefore() > t.rows() ? String.format(", %,d added before it ran", e.rowsBefore() - t.rows()) : "",
                now > e.kept() ? String.format(", %,d added since", now - e.kept()) : "", why)));
    }

    private static String direction(String rule) {
        return rule.substring(0, rule.indexOf(':')).trim();
    }

    private static String why(String rule) {
        return rule.substring(rule.indexOf(':') + 1).trim();
    }

    private static boolean allows(String rule, long before, long now) {
        return direction(rule).equals("not-fewer") && now >= before;
    }

    /** The newest complete set of this environment whose WSO2AM_DB was still at 3.0.0 when it was taken. */
    static Optional<Path> preUpgradeSet(Path root, String env) {
        List<Path> sets = BackupSets.completeOf(root, env);
        for (int i = sets.size() - 1; i >= 0; i--) {
            Path set = sets.get(i);
            Manifest m = read(set);
            if (m.databases().stream().anyMatch(d -> d.source().startsWith("WSO2AM_DB 3.0.0"))) {
                return Optional.of(set);
            }
        }
        return Optional.empty();
    }

    private static Manifest read(Path set) {
        try {
            return Manifest.read(set.resolve(Manifest.FILE_NAME));
        } catch (IOException e) {
            throw new ApimException("Cannot read the manifest of backup set " + set + ": " + e.getMessage(), e);
        }
    }
}
