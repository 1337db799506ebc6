package io.github.apimupgrade.core.verify;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.SchemaShape;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.report.Journal;
import io.github.apimupgrade.core.report.Json;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code verify}: the migrated databases compared with the 3.1.0 schema of the new pack itself
 * ({@code <NEW_HOME>/dbscripts/apimgt/<dialect>.sql} for WSO2AM_DB, {@code dbscripts/<dialect>.sql}
 * for the registry), loaded into a scratch schema of the same dialect. Every difference is listed:
 * known ones as explained (with the reason), others as failures. Then the row count of every table
 * against the backup set taken before the upgrade ({@link RowCountCheck}), and deployment.toml and the
 * artifacts against what migrate-config recorded ({@link ConfigVerification}). Results in
 * {@code <workDir>/verify.json}.
 */
public final class VerifyGoal {
    public static final String FILE = "verify.json";
    private static final List<String> PLUGIN_TABLES = List.of("APIM_UPGRADE_");

    private static final String NOT_DONE = "IDENTITY_NOT_DONE";
    private static final String ACCEPTED = "ACCEPTED";
    private static final String ACCEPT = "apim.verify.acceptIdentityNotMigrated";

    private final StepContext context;
    /** Whether the upgrade path has WSO2's identity migration (3.0.0 to 3.1.0 does; a path without it is not held to it). */
    private final boolean pathMigratesIdentity;
    private final KnownDifferences known = new KnownDifferences();
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
        List<TableResult> results = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        Map<String, List<DbKey>> byUrl = new LinkedHashMap<>();
        for (DbKey key : List.of(DbKey.APIM, DbKey.SHARED)) {
            if (context.databases().isConfigured(key)) {
                byUrl.computeIfAbsent(context.databases().settings(key).url(), u -> new ArrayList<>()).add(key);
            }
        }
        for (List<DbKey> keys : byUrl.values()) {
            compare(keys, results, findings);
        }
        identityFinding(results).ifPresent(findings::add);
        findings.addAll(new RowCountCheck(context).check());
        findings.addAll(ConfigVerification.check(context));
        long failedFindings = findings.stream().filter(f -> f.status() == Finding.Status.FAIL).count();
        long unexplained = results.stream().filter(r -> r.status().equals("UNEXPLAINED")).count();
        long explained = results.stream().filter(r -> r.status().equals("EXPLAINED")).count();
        long same = results.stream().filter(r -> r.status().equals("SAME")).count();
        long notDone = results.stream().filter(r -> r.status().equals(NOT_DONE)).count();
        for (TableResult r : results) {
            if (!r.status().equals("SAME")) {
                String line = String.format("%-11s %-32s %s", r.status(), r.table(), r.detail());
                if (r.status().equals("UNEXPLAINED") || r.status().equals(NOT_DONE)) {
                    context.log().error(line);
                } else {
                    context.log().info(line);
                }
            }
        }
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
        String summary = same + " tables as in fresh 3.1.0, " + explained + " explained differences, " + unexplained + " unexplained"
                + (identityNotDone && !accept ? ", identity migration not done (" + identity.why() + "; run apim:migrate-identity, or set "
                        + ACCEPT + "=true to accept that)" : "")
                + (identityNotDone && accept ? ", identity migration not done, accepted by " + ACCEPT + "=true" : "")
                + (failedFindings > 0 ? ", " + failedFindings + " finding(s) failed (identity migration, row counts, configuration)" : "");
        write(results, findings, summary);
        Journal journal = new Journal(context.settings());
        for (TableResult r : results) {
            if (!r.status().equals("SAME")) {
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

    /**
     * Whether WSO2's identity migration is done, once a schema was compared (verify reads the databases then): not done
     * fails verify, with the tables it leaves as 3.0.0 left them, unless the operator accepts it.
     */
    private Optional<Finding> identityFinding(List<TableResult> results) {
        if (identity == null || identity.done()) {
            return Optional.empty();
        }
        long tables = results.stream().filter(r -> r.status().equals(NOT_DONE) || r.status().equals(ACCEPTED)).count();
        String what = "the identity migration is not done: " + identity.why() + (tables > 0 ? "; " + tables + " table(s) still as 3.0.0 left them" : "");
        return Optional.of(context.settings().properties().flag(ACCEPT, false)
                ? Finding.warn("identity", what + "; accepted by " + ACCEPT + "=true", "run apim:migrate-identity")
                : Finding.fail("identity", what, "run apim:migrate-identity, or set " + ACCEPT + "=true to accept it"));
    }

    private void compare(List<DbKey> keys, List<TableResult> results, List<Finding> findings) {
        DatabaseSettings db = context.databases().settings(keys.get(0));
        String label = keys.stream().map(k -> context.databases().settings(k).describe()).reduce((a, b) -> a + " + " + b).orElse("");
        List<Path> scripts = new ArrayList<>();
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
        context.withConnection(keys.get(0), c -> {
            Map<String, String> migrated = SchemaShape.all(new Catalog(c, db.dialect()), PLUGIN_TABLES);
            try (ScratchSchema scratch = ScratchSchema.open(db.dialect(), c, context.log()::info)) {
                for (Path script : scripts) {
                    scratch.load(script.toString(), read(script));
                }
                Map<String, String> fresh = SchemaShape.all(scratch.catalog(), PLUGIN_TABLES);
                classify(label, fresh, migrated, results);
            }
            return null;
        });
    }

    private void classify(String label, Map<String, String> fresh, Map<String, String> migrated, List<TableResult> results) {
        Map<String, SchemaShape.Difference> diffs = new LinkedHashMap<>();
        SchemaShape.compare(fresh, migrated).forEach(d -> diffs.put(d.table(), d));
        java.util.TreeSet<String> tables = new java.util.TreeSet<>(fresh.keySet());
        tables.addAll(migrated.keySet());
        for (String table : tables) {
            SchemaShape.Difference d = diffs.get(table);
            if (d == null) {
                results.add(new TableResult(label, table, "SAME", ""));
            } else if (known.of(table).isPresent()) {
                KnownDifferences.Known k = known.of(table).get();
                if (k.byIdentityMigration() && identity != null && !identity.done()) {
                    boolean accept = context.settings().properties().flag(ACCEPT, false);
                    results.add(new TableResult(label, table, accept ? ACCEPTED : NOT_DONE, d.kind() + ": identity migration not done ("
                            + identity.why() + "); once it is: " + k.reason()));
                } else {
                    results.add(new TableResult(label, table, "EXPLAINED", d.kind() + ": " + k.reason()));
                }
            } else {
                results.add(new TableResult(label, table, "UNEXPLAINED", d.kind() + ": " + d.detail()));
            }
        }
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

    private void write(List<TableResult> results, List<Finding> findings, String summary) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("summary", summary);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (TableResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("database", r.database());
            m.put("table", r.table());
            m.put("status", r.status());
            m.put("detail", r.detail());
            rows.add(m);
        }
        out.put("tables", rows);
        List<Map<String, Object>> notes = new ArrayList<>();
        for (Finding f : findings) {
            notes.add(Map.of("status", f.status().name(), "message", f.message(), "fix", f.fix()));
        }
        out.put("findings", notes);
        Path file = context.settings().workDir().resolve(FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, Json.object(out) + "\n");
        } catch (IOException e) {
            throw new ApimException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
