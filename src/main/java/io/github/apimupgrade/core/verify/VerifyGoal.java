package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.analytics.LastAccessKeyStep;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.CatalogFacts;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.Json;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlResources;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * {@code verify}: the migrated databases compared with the 3.1.0 schema of the new pack itself
 * ({@code <NEW_HOME>/dbscripts/apimgt/<dialect>.sql} for WSO2AM_DB, {@code dbscripts/<dialect>.sql}
 * for the registry, the user store and the config registry), loaded into a scratch schema of the same dialect, and
 * compared catalog fact by catalog fact ({@link CatalogComparison}): a difference is explained only by an exact
 * documented delta ({@link ExpectedDeltas}), any other fails; the analytics database's ApiLastAccessSummary likewise
 * against the table Analytics 3.1.0 creates. Then the row count of every table
 * against the backup set taken before the upgrade ({@link RowCountCheck}), and deployment.toml and the
 * artifacts against what migrate-config recorded ({@link ConfigVerification}). Results in
 * {@code <workDir>/verify.json}.
 */
public final class VerifyGoal {
    public static final String FILE = "verify.json";
    private static final List<String> PLUGIN_TABLES = List.of("APIM_UPGRADE_");
    /** The fault injector's moment when a scratch schema holds the whole reference schema, before it is compared and dropped. */
    private static final String SCRATCH_LOADED = "scratch-schema-loaded";

    private static final String ACCEPT = "apim.verify.acceptIdentityNotMigrated";

    private final StepContext context;
    /** Whether the upgrade path has WSO2's identity migration (3.0.0 to 3.1.0 does; a path without it is not held to it). */
    private final boolean pathMigratesIdentity;
    private final ExpectedDeltas deltas = new ExpectedDeltas();
    private final TableRules identityOwned = new TableRules("apim-data/verify/identity-differences.properties");
    /** One per dialect compared, so that entries never matched by any of its databases are reported as stale once. */
    private final Map<Dialect, CatalogComparison> comparisons = new EnumMap<>(Dialect.class);
    /** Read once, when the first schema is compared. */
    private IdentityMigrationStatus identity;

    /** verify of the 3.0.0 to 3.1.0 path, which has the identity migration. */
    public VerifyGoal(StepContext context) {
        this(context, true);
    }

    public VerifyGoal(StepContext context, boolean pathMigratesIdentity) {
        this.context = context;
        this.pathMigratesIdentity = pathMigratesIdentity;
    }

    /** One compared table: its status and detail. */
    public record TableResult(String database, String table, String status, String detail) {
    }

    public List<TableResult> run() {
        List<CatalogComparison.Difference> differences = new ArrayList<>();
        List<TableResult> results = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, List<DbKey>> byUrl = new LinkedHashMap<>();
        for (DbKey key : List.of(DbKey.APIM, DbKey.SHARED, DbKey.USER, DbKey.CONFIG)) {
            if (context.databases().isConfigured(key)) {
                byUrl.computeIfAbsent(context.databases().settings(key).url(), u -> new ArrayList<>()).add(key);
            }
        }
        List<String> pairs = new ArrayList<>();
        for (List<DbKey> keys : byUrl.values()) {
            compare(keys, differences, results, findings, pairs);
        }
        if (context.databases().isConfigured(DbKey.ANALYTICS)) {
            compareAnalytics(differences, results, findings, pairs);
        }
        for (CatalogComparison comparison : comparisons.values()) {
            for (ExpectedDeltas.Entry e : comparison.stale()) {
                findings.add(Finding.warn("verify", "stale documented difference, no database differs so: " + e.describe(),
                        "nothing to do here; the plugin's data file should drop or correct the entry (please report it)"));
            }
        }
        identityFinding(differences).ifPresent(findings::add);
        findings.addAll(new RowCountCheck(context).check());
        findings.addAll(ConfigVerification.check(context));
        long failedFindings = findings.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
        long unexplained = count(differences, CatalogComparison.UNEXPLAINED);
        long explained = count(differences, CatalogComparison.EXPLAINED);
        long notDone = count(differences, CatalogComparison.NOT_DONE);
        long same = results.stream().filter(r -> r.status().equals(CatalogComparison.SAME)).count();
        for (CatalogComparison.Difference d : differences) {
            String line = String.format("%-11s %s", d.status(), d.line());
            if (d.status().equals(CatalogComparison.UNEXPLAINED) || d.status().equals(CatalogComparison.NOT_DONE)) {
                context.log().error(line);
            } else {
                context.log().info(line);
            }
        }
        pairs.forEach(p -> context.log().info(p));
        for (Finding f : findings) {
            String line = f.status() + " " + f.area() + " " + f.message() + (f.fix().isEmpty() ? "" : " -> " + f.fix());
            switch (f.status()) {
                case PASS -> context.log().info(line);
                case WARN -> context.log().warn(line);
                case FAIL -> context.log().error(line);
            }
        }
        boolean identityNotDone = identity != null && !identity.done();
        boolean accept = context.settings().properties().flag(ACCEPT, false);
        String summary = same + " tables as in fresh 3.1.0, " + explained + " documented differences, " + unexplained + " unexplained"
                + (identityNotDone && !accept ? ", identity migration not done (" + identity.why() + "; run apim:migrate-identity, or set "
                        + ACCEPT + "=true to accept that)" : "")
                + (identityNotDone && accept ? ", identity migration not done, accepted by " + ACCEPT + "=true" : "")
                + (failedFindings > 0 ? ", " + failedFindings + " finding(s) failed (identity migration, row counts, configuration)" : "");
        write(differences, results, findings, pairs, summary);
        Journal journal = new Journal(context.settings());
        for (TableResult r : results) {
            if (!r.status().equals(CatalogComparison.SAME)) {
                journal.record("verify", r.table(), r.status(), r.detail(), 0);
            }
        }
        findings.forEach(f -> journal.record("verify", f.area(), f.status().name(), f.message() + (f.fix().isEmpty() ? "" : " -> " + f.fix()), 0));
        journal.record("verify", "schema", unexplained + notDone == 0 ? "PASS" : "FAIL", summary, 0);
        if (unexplained > 0 || notDone > 0 || failedFindings > 0) {
            throw new ApimException("verify: " + summary + " (see " + context.settings().workDir().resolve(FILE) + ").");
        }
        context.log().info("verify: " + summary + ".");
        return results;
    }

    private static long count(List<CatalogComparison.Difference> differences, String status) {
        return differences.stream().filter(d -> d.status().equals(status)).count();
    }

    /**
     * Whether WSO2's identity migration is done, once a schema was compared (verify reads the databases then): not done
     * fails verify, with the differences it would have made, unless the operator accepts it.
     */
    private Optional<Finding> identityFinding(List<CatalogComparison.Difference> differences) {
        if (identity == null || identity.done()) {
            return Optional.empty();
        }
        long open = differences.stream().filter(d -> d.status().equals(CatalogComparison.NOT_DONE) || d.status().equals(CatalogComparison.ACCEPTED)).count();
        String what = "the identity migration is not done: " + identity.why() + (open > 0 ? "; " + open + " catalog difference(s) it would change" : "");
        return Optional.of(context.settings().properties().flag(ACCEPT, false)
                ? Finding.warn("identity", what + "; accepted by " + ACCEPT + "=true", "run apim:migrate-identity")
                : Finding.fail("identity", what, "run apim:migrate-identity, or set " + ACCEPT + "=true to accept it"));
    }

    private void compare(List<DbKey> keys, List<CatalogComparison.Difference> differences, List<TableResult> results,
                         List<Finding> findings, List<String> pairs) {
        DatabaseSettings db = context.databases().settings(keys.get(0));
        String label = keys.stream().map(k -> context.databases().settings(k).describe()).reduce((a, b) -> a + " + " + b).orElse("");
        LinkedHashSet<Path> scripts = new LinkedHashSet<>();
        for (DbKey key : keys) {
            Optional<Path> script = referenceScript(key, db.dialect());
            if (script.isEmpty()) {
                findings.add(Finding.warn("verify", "no 3.1.0 schema script for " + context.databases().settings(key).describe()
                        + " (looked in " + dbscripts().map(Path::toString).orElse("<apim.newHome>/dbscripts") + ")",
                        "set 'apim.newHome' to the 3.1.0 pack, or 'apim.verify.dbscripts' to its dbscripts folder"));
                return;
            }
            scripts.add(script.get());
        }
        if (!ScratchSchema.supported(db.dialect())) {
            findings.add(Finding.warn("verify", "the schema of " + label + " (" + db.dialect().displayName()
                    + ") is not compared: no scratch schema on this dialect yet", "compare with the DBA's tools"));
            return;
        }
        if (identity == null && pathMigratesIdentity) {
            identity = IdentityMigrationStatus.of(context);
        }
        CatalogComparison comparison = comparison(db.dialect());
        FaultInjector.within(Goal.VERIFY.id() + " " + keys.stream().map(DbKey::key).collect(Collectors.joining("+")));
        List<CatalogComparison.Difference> found = context.withConnection(keys.get(0), c -> {
            SortedMap<String, CatalogFacts.Fact> migrated = CatalogFacts.all(new Catalog(c, db.dialect()), PLUGIN_TABLES);
            try (ScratchSchema scratch = ScratchSchema.open(db.dialect(), c, context.log()::info)) {
                for (Path script : scripts) {
                    scratch.load(script.toString(), read(script));
                }
                FaultInjector.at(SCRATCH_LOADED);
                SortedMap<String, CatalogFacts.Fact> fresh = CatalogFacts.all(scratch.catalog(), PLUGIN_TABLES);
                tableResults(label, fresh, migrated, results);
                return comparison.compare(label, keys.contains(context.settings().userStore()), fresh, migrated);
            }
        });
        record(label, "fresh 3.1.0", found, differences, results, pairs);
    }

    private CatalogComparison comparison(Dialect dialect) {
        return comparisons.computeIfAbsent(dialect, d -> new CatalogComparison(d, deltas, identityOwned,
                identity != null && !identity.done() ? identity : null, context.settings().properties().flag(ACCEPT, false)));
    }

    /**
     * The analytics database holds one table API-M's upgrade is about, ApiLastAccessSummary; its other tables are
     * created and aggregated at run time by Analytics itself. That table is compared with the one Analytics 3.1.0
     * creates ({@code sql/analytics/<dialect>/table-3.1.0.sql}), so a skipped migrate-analytics (the 3.0.0 key) fails.
     */
    private void compareAnalytics(List<CatalogComparison.Difference> differences, List<TableResult> results, List<Finding> findings,
                                  List<String> pairs) {
        DatabaseSettings db = context.databases().settings(DbKey.ANALYTICS);
        String label = db.describe();
        if (!ScratchSchema.supported(db.dialect())) {
            findings.add(Finding.warn("verify", "ApiLastAccessSummary in " + label + " (" + db.dialect().displayName()
                    + ") is not compared: no scratch schema on this dialect yet", "compare its primary key with the runbook's Step 3.1"));
            return;
        }
        Probe table = context.withCatalog(DbKey.ANALYTICS, new LastAccessKeyStep()::probe);
        if (table.is(Probe.Status.NOT_APPLICABLE) || table.is(Probe.Status.BLOCKED)) {
            findings.add(table.is(Probe.Status.BLOCKED)
                    ? Finding.fail("verify", "ApiLastAccessSummary in " + label + " cannot have the 3.1.0 key: " + table.reason(),
                            "do what the reason says, then run apim:migrate-analytics")
                    : Finding.pass("verify", label + ": " + table.reason()));
            return;
        }
        CatalogComparison comparison = comparison(db.dialect());
        FaultInjector.within(Goal.VERIFY.id() + " " + DbKey.ANALYTICS.key());
        List<CatalogComparison.Difference> found = context.withConnection(DbKey.ANALYTICS, c -> {
            Catalog catalog = new Catalog(c, db.dialect());
            String name = catalog.table(LastAccessKeyStep.TABLE).orElseThrow();
            SortedMap<String, CatalogFacts.Fact> migrated = CatalogFacts.tables(catalog, List.of(name));
            String fresh310 = LastAccessKeyStep.table310(catalog, name);
            try (ScratchSchema scratch = ScratchSchema.open(db.dialect(), c, context.log()::info)) {
                scratch.load(SqlResources.resourceName("analytics", db.dialect(), "table-3.1.0"), fresh310);
                FaultInjector.at(SCRATCH_LOADED);
                SortedMap<String, CatalogFacts.Fact> fresh = CatalogFacts.tables(scratch.catalog(), List.of(name));
                tableResults(label, fresh, migrated, results);
                return comparison.compare(label, false, fresh, migrated);
            }
        });
        record(label, "Analytics 3.1.0", found, differences, results, pairs);
    }

    /** The differences of one database: into the list, onto the table results, and as the database's count line. */
    private static void record(String label, String against, List<CatalogComparison.Difference> found,
                               List<CatalogComparison.Difference> differences, List<TableResult> results, List<String> pairs) {
        differences.addAll(found);
        for (TableResult r : results) {
            if (r.database().equals(label)) {
                List<CatalogComparison.Difference> own = found.stream().filter(d -> d.table().equals(r.table())).toList();
                if (!own.isEmpty()) {
                    results.set(results.indexOf(r), new TableResult(label, r.table(), worst(own),
                            String.join("; ", own.stream().map(CatalogComparison.Difference::line).toList())));
                }
            }
        }
        pairs.add(label + " against " + against + ": " + found.size() + " catalog difference(s), " + count(found, CatalogComparison.EXPLAINED)
                + " documented, " + count(found, CatalogComparison.UNEXPLAINED) + " undocumented, "
                + (count(found, CatalogComparison.NOT_DONE) + count(found, CatalogComparison.ACCEPTED)) + " left by the identity migration not done");
    }

    /** One result per table of both sides, SAME until a difference says otherwise. */
    private static void tableResults(String label, SortedMap<String, CatalogFacts.Fact> fresh, SortedMap<String, CatalogFacts.Fact> migrated,
                                     List<TableResult> results) {
        TreeSet<String> tables = new TreeSet<>();
        fresh.values().forEach(f -> tables.add(f.table()));
        migrated.values().forEach(f -> tables.add(f.table()));
        tables.forEach(t -> results.add(new TableResult(label, t, CatalogComparison.SAME, "")));
    }

    private static String worst(List<CatalogComparison.Difference> differences) {
        for (String s : List.of(CatalogComparison.UNEXPLAINED, CatalogComparison.NOT_DONE, CatalogComparison.ACCEPTED)) {
            if (differences.stream().anyMatch(d -> d.status().equals(s))) {
                return s;
            }
        }
        return CatalogComparison.EXPLAINED;
    }

    private Optional<Path> dbscripts() {
        return context.settings().properties().get("apim.verify.dbscripts").map(Path::of)
                .or(() -> context.settings().newHome().map(h -> h.resolve("dbscripts")));
    }

    private Optional<Path> referenceScript(DbKey key, Dialect dialect) {
        Optional<Path> dir = dbscripts();
        if (dir.isEmpty()) {
            return Optional.empty();
        }
        Path file = key == DbKey.APIM ? dir.get().resolve("apimgt").resolve(dialect.folder() + ".sql")
                : dir.get().resolve(dialect.folder() + ".sql");
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    private static String read(Path file) throws SQLException {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new SQLException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void write(List<CatalogComparison.Difference> differences, List<TableResult> results, List<Finding> findings,
                       List<String> pairs, String summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", summary);
        out.put("databases", pairs);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CatalogComparison.Difference d : differences) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("database", d.database());
            m.put("table", d.table());
            m.put("fact", d.key());
            m.put("migrated", d.migrated());
            m.put("fresh", d.fresh());
            m.put("status", d.status());
            m.put("reason", d.reason());
            rows.add(m);
        }
        out.put("differences", rows);
        out.put("tablesAsInFresh", results.stream().filter(r -> r.status().equals(CatalogComparison.SAME)).map(TableResult::table).toList());
        List<Map<String, Object>> notes = new ArrayList<>();
        for (Finding f : findings) {
            notes.add(Map.of("status", f.status().name(), "message", f.message(), "fix", f.fix()));
        }
        out.put("findings", notes);
        Path file = context.settings().workDir().resolve(FILE);
        AtomicWrite.text(file, Json.object(out) + "\n");
    }
}
