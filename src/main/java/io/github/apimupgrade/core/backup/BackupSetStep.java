package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DbKey;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runbook Step 1.1 as a step: a verified backup set of every configured database and the deployment's
 * folders. Done once the upgrade has begun and the set taken before it exists (a re-run must never take
 * a "before" set of a database that is already being upgraded); blocked while a server runs.
 */
public final class BackupSetStep implements Step {
    @Override public String id() { return "backup-set"; }
    @Override public Goal goal() { return Goal.BACKUP; }
    @Override public String summary() { return "Back up every configured database and the deployment's folders into one verified set"; }
    @Override public String provenance() { return "runbook Step 1.1; WSO2 has no rollback: restore is the way back"; }

    @Override
    public Probe probe(StepContext context) {
        Optional<Path> before = PreUpgradeBackup.existing(context);
        if (before.isPresent()) {
            return Probe.done("the upgrade of WSO2AM_DB has begun and " + before.get() + " holds the databases and files from before it"
                    + " (set " + PreUpgradeBackup.FORCE + "=true to take another set)");
        }
        BackupOptions options = BackupOptions.from(context.settings());
        try {
            Preflight.serverStopped(context.settings(), options);
        } catch (ApimUserException e) {
            return Probe.blocked(e.getMessage());
        }
        return Probe.applicable("a new set under " + options.root());
    }

    /** The newest complete set of this environment: the next run of the lifecycle still takes a fresh one. */
    @Override
    public Optional<String> standing(StepContext context) {
        List<Path> sets = BackupSets.completeOf(BackupOptions.from(context.settings()).root(), context.settings().env());
        return sets.isEmpty() ? Optional.empty() : Optional.of("set " + sets.get(sets.size() - 1).getFileName()
                + "; the next run takes a fresh one until migrate-db begins");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        List<String> databases = java.util.Arrays.stream(DbKey.values()).filter(k -> context.settings().database(k).isPresent())
                .map(k -> context.settings().requireDatabase(k).describe()).toList();
        return List.of(PlannedAction.note(BackupOptions.from(context.settings()).root().toString(),
                "write a set of " + String.join(", ", databases) + " and the deployment's folders"));
    }

    @Override
    public void apply(StepContext context) {
        new BackupGoal(context).run();
    }

    @Override
    public Verification verify(StepContext context) {
        List<Path> sets = BackupSets.completeOf(BackupOptions.from(context.settings()).root(), context.settings().env());
        return sets.isEmpty() ? Verification.failed("no complete backup set of '" + context.settings().env() + "'")
                : Verification.ok("backup set " + sets.get(0) + contents(sets.get(0)));
    }

    /** What the set holds, for the journal and the report: rows per database, files. */
    private static String contents(Path set) {
        try {
            Manifest m = Manifest.read(set.resolve(Manifest.FILE_NAME));
            Map<String, Long> rows = new TreeMap<>();
            Map<String, Integer> tables = new TreeMap<>();
            for (Manifest.Table t : m.tables()) {
                rows.merge(t.database(), t.rows(), Long::sum);
                tables.merge(t.database(), 1, Integer::sum);
            }
            StringBuilder sb = new StringBuilder(":");
            rows.forEach((db, n) -> sb.append(String.format(Locale.ROOT, " %s %d table(s) %,d row(s);", db, tables.get(db), n)));
            return sb.append(String.format(Locale.ROOT, " %d file(s)", m.files().size())).toString();
        } catch (IOException | RuntimeException e) {
            return " (manifest unreadable: " + e.getMessage() + ")";
        }
    }
}
