package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * {@code restore}: puts a backup set back. The whole set is verified first (checksums, row counts,
 * COMPLETE marker), then every target is checked (configured, same dialect, empty unless
 * {@code apim.restore.overwrite=true}); only when all of that passes is anything written. With
 * {@code apim.restore.verifyOnly=true} it stops after the verification. A report of what was done
 * is written to {@code ${apim.workDir}/reports/}.
 */
public final class RestoreGoal {
    private final StepContext context;
    private final BackupOptions options;
    private final UpgradeLog log;
    private final List<String> report = new ArrayList<>();

    public RestoreGoal(StepContext context) {
        this.context = context;
        this.options = BackupOptions.from(context.settings());
        this.log = context.log();
    }

    /** What restore did. */
    public record Result(Path set, boolean verifiedOnly, long tables, long rows, long files, Path report) {
    }

    private record Target(Manifest.Database database, DbKey key, DumpDialect dialect) {
    }

    private record Load(Target target, Manifest.Table table) {
    }

    public Result run() {
        Hashing.warmUp();
        Path set = locate();
        note("Backup set: " + set);
        Manifest manifest = SetVerifier.verifyOrRefuse(set, options.threads(), log);
        note("Verified: " + manifest.files().size() + " file(s) and " + manifest.tables().size() + " table dump(s) match the manifest.");
        if (options.verifyOnly()) {
            note("apim.restore.verifyOnly=true: nothing was restored.");
            return new Result(set, true, 0, 0, 0, writeReport(set, "verify"));
        }
        List<Target> targets = options.restoreDatabases() ? targets(manifest) : List.of();
        List<Manifest.FileRoot> roots = options.restoreFiles() ? manifest.roots() : List.of();
        List<String> problems = new ArrayList<>();
        for (Target t : targets) {
            List<String> existing = context.databases().withConnection(t.key(), t.dialect()::existing);
            if (!existing.isEmpty() && !options.overwrite()) {
                problems.add(context.settings().requireDatabase(t.key()).describe() + " is not empty (" + existing.size()
                        + " table(s)/sequence(s), e.g. " + String.join(", ", existing.subList(0, Math.min(5, existing.size())))
                        + "): restore into an empty database, or set apim.restore.overwrite=true to replace its content");
            }
        }
        for (Manifest.FileRoot r : roots) {
            FileRoots.Root root = new FileRoots.Root(r.label(), r.home(), r.relative());
            Optional<Path> dir = root.resolve(context.settings());
            if (dir.isEmpty()) {
                problems.add("the set holds " + r.home().toUpperCase(Locale.ROOT) + "_HOME/" + r.relative() + " but '" + root.homeProperty()
                        + "' is not set: set it, or apim.restore.files=false to restore only the databases");
            } else if (!isEmptyDir(dir.get()) && !options.overwrite()) {
                problems.add("the folder " + dir.get() + " is not empty: set apim.restore.overwrite=true to replace it");
            }
        }
        if (!problems.isEmpty()) {
            throw new BackupRefusedException("Restore refused, nothing was written: " + String.join("; ", problems) + ".");
        }
        long start = System.nanoTime();
        long rows = 0;
        for (Target t : targets) {
            rows += restoreDatabase(set, manifest, t);
        }
        long files = 0;
        for (Manifest.FileRoot r : roots) {
            files += restoreFiles(set, manifest, r);
        }
        note(String.format(Locale.ROOT, "Restored %d database(s), %d table(s), %,d rows and %d file(s) from %s in %.1f s.",
                targets.size(), targets.stream().mapToLong(t -> manifest.tables().stream()
                        .filter(x -> x.database().equals(t.database().id())).count()).sum(), rows, files, set.getFileName(),
                (System.nanoTime() - start) / 1e9));
        return new Result(set, false, manifest.tables().size(), rows, files, writeReport(set, "restore"));
    }

    private List<Target> targets(Manifest manifest) {
        List<Target> out = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Manifest.Database d : manifest.databases()) {
            Optional<DbKey> key = d.keys().stream().map(DbKey::byKey).flatMap(Optional::stream)
                    .filter(k -> context.settings().database(k).isPresent()).findFirst();
            if (key.isEmpty()) {
                problems.add("the set holds " + d.id() + " (" + d.location() + ") but none of "
                        + d.keys().stream().map(k -> "'apim.db." + k + ".url'").toList() + " is set");
                continue;
            }
            DatabaseSettings db = context.settings().requireDatabase(key.get());
            if (!db.dialect().name().equals(d.dialect())) {
                problems.add("the set's " + d.id() + " is " + d.dialect() + " but '" + key.get().property("url") + "' is "
                        + db.dialect().name() + ": restore loads a set into the dialect it came from");
                continue;
            }
            out.add(new Target(d, key.get(), DumpDialect.of(db.dialect())));
        }
        if (!problems.isEmpty()) {
            throw new BackupRefusedException("Restore refused, nothing was written: " + String.join("; ", problems) + ".");
        }
        return out;
    }

    private long restoreDatabase(Path set, Manifest manifest, Target t) {
        DatabaseSettings db = context.settings().requireDatabase(t.key());
        List<Manifest.Table> tables = manifest.tables().stream().filter(x -> x.database().equals(t.database().id()))
                .sorted(Comparator.comparingLong((Manifest.Table x) -> sizeOf(manifest, x)).reversed()).toList();
        log.info("Restoring " + db.describe() + " from " + set.getFileName() + ": " + tables.size() + " table(s) ...");
        long start = System.nanoTime();
        try {
            DumpDialect.Schema schema = DumpDialect.Schema.read(set.resolve("db/" + t.database().id() + "/schema.sql"));
            try (Connection c = context.databases().dataSource(t.key()).getConnection()) {
                if (options.overwrite()) {
                    t.dialect().dropAll(c);
                    note(db.describe() + ": existing content dropped (apim.restore.overwrite=true).");
                }
                t.dialect().beginLoad(c);
                try {
                    for (String sql : schema.tables()) {
                        DumpDialect.execute(c, sql);
                    }
                } finally {
                    t.dialect().end(c);
                }
            }
            long schemaDone = System.nanoTime();
            long totalBytes = tables.stream().mapToLong(x -> sizeOf(manifest, x)).sum();
            List<Manifest.Table> loaded = Collections.synchronizedList(new ArrayList<>());
            List<String> mismatches = Collections.synchronizedList(new ArrayList<>());
            long rows;
            try (Progress progress = new Progress("restore " + t.database().id(), log, tables.size(), totalBytes, options.progressSeconds())) {
                ConcurrentLinkedQueue<Manifest.Table> queue = new ConcurrentLinkedQueue<>(tables);
                Workers.run(options.threads(), null, () -> {
                    try (Connection c = context.databases().dataSource(t.key()).getConnection()) {
                        t.dialect().beginLoad(c);
                        try {
                            Manifest.Table x;
                            while (!Thread.currentThread().isInterrupted() && (x = queue.poll()) != null) {
                                try (InputStream in = SetFiles.open(set.resolve(x.dump()))) {
                                    long n = t.dialect().load(c, t.dialect().quote(x.name()), in, x.dump(), progress.counter());
                                    if (n != x.rows()) {
                                        mismatches.add(x.name() + ": loaded " + n + " rows, the manifest says " + x.rows());
                                    }
                                } catch (SQLException e) {
                                    throw new ApimException("Loading table " + x.name() + " into " + db.describe() + " failed: " + e.getMessage(), e);
                                }
                                progress.bytes(sizeOf(manifest, x));
                                loaded.add(x);
                                progress.tableDone();
                            }
                        } finally {
                            t.dialect().end(c);
                        }
                    }
                    return null;
                });
                rows = progress.rows();
            }
            if (!mismatches.isEmpty()) {
                throw new ApimException("Restore of " + db.describe() + " is wrong: " + String.join("; ", mismatches));
            }
            long rowsDone = System.nanoTime();
            ConcurrentLinkedQueue<String> indexes = new ConcurrentLinkedQueue<>(schema.indexes());
            // PostgreSQL builds several indexes at once; H2 and MySQL take them one by one.
            Workers.run(t.dialect() instanceof PostgresDump ? options.threads() : 1, null, () -> {
                try (Connection c = context.databases().dataSource(t.key()).getConnection()) {
                    String sql;
                    while (!Thread.currentThread().isInterrupted() && (sql = indexes.poll()) != null) {
                        DumpDialect.execute(c, sql);
                    }
                }
                return null;
            });
            long indexesDone = System.nanoTime();
            try (Connection c = context.databases().dataSource(t.key()).getConnection()) {
                for (String sql : schema.last()) {
                    DumpDialect.execute(c, sql);
                }
                if (options.analyze() && t.dialect() instanceof PostgresDump) {
                    DumpDialect.execute(c, "ANALYZE");
                }
            }
            long end = System.nanoTime();
            note(String.format(Locale.ROOT, "%s: %d table(s), %,d rows, %d key/index and %d foreign key/sequence statement(s)%s "
                            + "(schema %.1f s, rows %.1f s, keys and indexes %.1f s, foreign keys and sequences %.1f s).",
                    db.describe(), loaded.size(), rows, schema.indexes().size(), schema.last().size(),
                    options.analyze() && t.dialect() instanceof PostgresDump ? ", ANALYZE" : "", (schemaDone - start) / 1e9,
                    (rowsDone - schemaDone) / 1e9, (indexesDone - rowsDone) / 1e9, (end - indexesDone) / 1e9));
            return rows;
        } catch (SQLException e) {
            throw new ApimException("Restore of " + db.describe() + " failed: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ApimException("Restore of " + db.describe() + " failed reading the set: " + e.getMessage(), e);
        }
    }

    private static long sizeOf(Manifest m, Manifest.Table t) {
        return m.files().stream().filter(e -> e.path().equals(t.dump())).mapToLong(Manifest.Entry::size).findFirst().orElse(0);
    }

    private long restoreFiles(Path set, Manifest manifest, Manifest.FileRoot r) {
        Path dir = new FileRoots.Root(r.label(), r.home(), r.relative()).resolve(context.settings()).orElseThrow();
        String prefix = "files/" + r.label() + "/";
        try {
            if (Files.isDirectory(dir) && options.overwrite()) {
                deleteContent(dir);
            }
            Files.createDirectories(dir);
            long n = 0;
            for (Manifest.Entry e : manifest.files()) {
                if (!e.path().startsWith(prefix)) {
                    continue;
                }
                String rel = e.path().substring(prefix.length());
                if (rel.endsWith(SetFiles.GZ) && manifest.header().getOrDefault("compress", "false").equals("true")) {
                    rel = rel.substring(0, rel.length() - SetFiles.GZ.length());
                }
                Path target = dir.resolve(rel).normalize();
                if (!target.startsWith(dir)) {
                    throw new ApimException("The set names a file outside " + dir + ": " + e.path());
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = SetFiles.open(set.resolve(e.path())); OutputStream out = Files.newOutputStream(target)) {
                    in.transferTo(out);
                }
                n++;
            }
            note("Restored " + n + " file(s) to " + dir + (options.overwrite() ? " (previous content replaced)" : "") + ".");
            return n;
        } catch (IOException e) {
            throw new ApimException("Restore of the files of " + dir + " failed: " + e, e);
        }
    }

    private static void deleteContent(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!p.equals(dir)) {
                    Files.delete(p);
                }
            }
        }
    }

    private static boolean isEmptyDir(Path dir) {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /** The set named by apim.restore.set (a name under the root or a path), or the newest complete set of this env. */
    private Path locate() {
        Optional<String> named = options.restoreSet();
        if (named.isPresent()) {
            Path p = Path.of(named.get());
            Path set = p.isAbsolute() ? p : options.root().resolve(p);
            if (!Files.isDirectory(set)) {
                throw new BackupRefusedException("No backup set " + set + " (apim.restore.set=" + named.get() + "). Sets under "
                        + options.root() + ": " + BackupSets.list(options.root()));
            }
            return set;
        }
        List<Path> sets = BackupSets.completeOf(options.root(), context.settings().env());
        Optional<Path> newest = sets.isEmpty() ? Optional.empty() : Optional.of(sets.get(sets.size() - 1));
        if (newest.isEmpty()) {
            throw new BackupRefusedException("No complete backup set of environment '" + context.settings().env() + "' under "
                    + options.root() + " (found: " + BackupSets.list(options.root()) + "). Set apim.restore.set to the set to restore.");
        }
        log.info("apim.restore.set is not set: using the newest complete set of '" + context.settings().env() + "', "
                + newest.get().getFileName() + ".");
        return newest.get();
    }

    private void note(String line) {
        log.info(line);
        report.add(line);
    }

    private Path writeReport(Path set, String kind) {
        Path dir = context.settings().workDir().resolve("reports");
        Path file = dir.resolve(kind + "-" + set.getFileName() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) + ".txt");
        try {
            Files.createDirectories(dir);
            Files.writeString(file, String.join("\n", report) + "\n", StandardCharsets.UTF_8);
            log.info("Report: " + file);
            return file;
        } catch (IOException e) {
            log.warn("Could not write the report " + file + ": " + e.getMessage());
            return null;
        }
    }
}
