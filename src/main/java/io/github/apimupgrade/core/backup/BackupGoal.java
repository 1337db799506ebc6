package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.amdb.AmDbInspector;
import io.github.apimupgrade.core.amdb.AmDbState;
import io.github.apimupgrade.core.amdb.AmDbSteps;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.JdbcUrls;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * {@code backup}: one set under {@code apim.backup.dir}, named {@code <yyyyMMdd-HHmmss>-<env>}, with
 * every configured database (schema and all rows) and the deployment's folders, and a manifest with
 * the SHA-256 of every file. The set is written under {@code .<name>.partial} and renamed when its
 * {@code COMPLETE} marker (the manifest's own SHA-256) is written, so an interrupted backup never
 * leaves a set that restore accepts.
 */
public final class BackupGoal {
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private final StepContext context;
    private final BackupOptions options;
    private final UpgradeLog log;

    public BackupGoal(StepContext context) {
        this.context = context;
        this.options = BackupOptions.from(context.settings());
        this.log = context.log();
    }

    /** A database to back up: the keys that point at it (apim and shared may be one database) and its dump dialect. */
    record Source(String id, List<DbKey> keys, DatabaseSettings settings, DumpDialect dialect) {
    }

    /** What a backup produced. */
    public record Result(Path set, long tables, long rows, long bytes, double seconds) {
    }

    public Result run() {
        List<Source> sources = sources();
        List<FileRoots.Root> roots = new ArrayList<>();
        for (FileRoots.Root r : FileRoots.ALL) {
            r.resolve(context.settings()).filter(Files::isDirectory).ifPresent(p -> roots.add(r));
        }
        if (context.settings().oldHome().isEmpty()) {
            log.warn("apim.oldHome is not set: the backup holds the databases only, none of the deployment's files.");
        }
        if (context.settings().dryRun()) {
            log.info("Dry run: apim:backup would write a set under " + options.root() + " with "
                    + sources.stream().map(s -> s.settings().describe()).toList() + " and the folders "
                    + roots.stream().map(r -> r.resolve(context.settings()).orElseThrow().toString()).toList() + ".");
            return new Result(null, 0, 0, 0, 0);
        }
        Preflight.serverStopped(context.settings(), options);
        Hashing.warmUp();
        long start = System.nanoTime();
        Map<Source, List<DumpDialect.TableInfo>> tables = new LinkedHashMap<>();
        List<Connection> coordinators = new ArrayList<>();
        try {
            Manifest manifest = new Manifest();
            manifest.header().put("plugin", pluginVersion());
            manifest.header().put("created", LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z");
            manifest.header().put("env", context.settings().env());
            manifest.header().put("compress", String.valueOf(options.compress()));
            manifest.header().put("path", "3.0.0 -> 3.1.0");
            Map<Source, DumpDialect.Schema> schemas = new LinkedHashMap<>();
            long dbBytes = 0;
            for (Source s : sources) {
                Connection c = context.databases().dataSource(s.keys().get(0)).getConnection();
                coordinators.add(c);
                if (s.dialect() instanceof PostgresDump pg) {
                    pg.exportSnapshot(c);
                }
                List<DumpDialect.TableInfo> list = s.dialect().tables(c);
                tables.put(s, list);
                schemas.put(s, s.dialect().schema(c, list, log));
                dbBytes += s.dialect().sizeEstimate(c, list);
                DatabaseMetaData md = c.getMetaData();
                manifest.databases().add(new Manifest.Database(s.id(), s.keys().stream().map(DbKey::key).toList(),
                        s.settings().dialect().name(), md.getDatabaseProductName() + " " + md.getDatabaseProductVersion(),
                        JdbcUrls.location(s.settings().url()), sourceVersion(s, c)));
            }
            long fileBytes = 0;
            for (FileRoots.Root r : roots) {
                fileBytes += Preflight.size(r.resolve(context.settings()).orElseThrow());
            }
            Files.delete(Preflight.writable(options.root(), ".probe-" + System.nanoTime()));
            Preflight.diskSpace(options.root(), dbBytes + fileBytes);
            long catalogsDone = System.nanoTime();
            String name = name();
            Path work = Files.createDirectory(options.root().resolve("." + name + ".partial"));
            log.info("Backing up " + sources.size() + " database(s) and " + roots.size() + " folder(s) to " + options.root().resolve(name)
                    + (options.compress() ? " (compressed)" : "") + " ...");

            List<Manifest.Entry> entries = Collections.synchronizedList(new ArrayList<>());
            List<Task> tasks = new ArrayList<>();
            for (Source s : sources) {
                try (SetFiles.Sink sink = new SetFiles.Sink(work, "db/" + s.id() + "/schema.sql", false, null)) {
                    schemas.get(s).write(sink.stream());
                    entries.add(sink.finish());
                }
                int i = 0;
                for (DumpDialect.TableInfo t : tables.get(s)) {
                    String file = "db/" + s.id() + "/" + String.format(Locale.ROOT, "%04d-", ++i) + safe(t.name()) + "."
                            + s.dialect().extension() + (options.compress() ? SetFiles.GZ : "");
                    tasks.add(new Task(s, t, file));
                }
            }
            int totalTables = tasks.size();
            tasks.sort(Comparator.comparingLong((Task t) -> t.table().estimatedBytes()).reversed());
            List<Manifest.Table> done = Collections.synchronizedList(new ArrayList<>());
            try (Progress progress = new Progress("backup", log, totalTables, dbBytes, options.progressSeconds())) {
                ConcurrentLinkedQueue<Task> queue = new ConcurrentLinkedQueue<>(tasks);
                Workers.run(options.threads(), roots.isEmpty() ? null : () -> copyFiles(roots, work, entries, manifest), () -> {
                    Map<Source, Connection> connections = new LinkedHashMap<>();
                    try {
                        Task t;
                        while (!Thread.currentThread().isInterrupted() && (t = queue.poll()) != null) {
                            Connection c = connections.get(t.source());
                            if (c == null) {
                                c = context.databases().dataSource(t.source().keys().get(0)).getConnection();
                                connections.put(t.source(), c);
                                t.source().dialect().beginDump(c);
                            }
                            try (SetFiles.Sink sink = new SetFiles.Sink(work, t.file(), options.compress(), progress::bytes)) {
                                long rows = t.source().dialect().dump(c, t.table(), sink.stream(), progress.counter());
                                entries.add(sink.finish());
                                done.add(new Manifest.Table(t.source().id(), t.table().name(), rows, t.file()));
                            } catch (SQLException e) {
                                throw new ApimException("Backup of table " + t.table().name() + " of " + t.source().settings().describe()
                                        + " failed: " + e.getMessage(), e);
                            }
                            progress.tableDone();
                            FaultInjector.afterStatement();
                        }
                    } finally {
                        for (Map.Entry<Source, Connection> e : connections.entrySet()) {
                            try {
                                e.getKey().dialect().end(e.getValue());
                            } catch (SQLException ignored) {
                                // the connection is closed next; a failure here does not change the set
                            }
                            closeQuietly(e.getValue());
                        }
                    }
                    return null;
                });
                long dataDone = System.nanoTime();
                done.sort(Comparator.comparing(Manifest.Table::dump));
                manifest.tables().addAll(done);
                entries.sort(Comparator.comparing(Manifest.Entry::path));
                manifest.files().addAll(entries);
                String manifestHash = manifest.write(work);
                Files.writeString(work.resolve(Manifest.COMPLETE), manifestHash + "\n", StandardCharsets.US_ASCII);
                Path set = options.root().resolve(name);
                Files.move(work, set, StandardCopyOption.ATOMIC_MOVE);
                BackupSets.removeInterrupted(options.root(), context.settings().env(), log);
                long bytes = manifest.files().stream().mapToLong(Manifest.Entry::size).sum();
                double seconds = (System.nanoTime() - start) / 1e9;
                log.info(String.format(Locale.ROOT, "Backup set %s: %d database(s), %d table(s), %,d rows, %d file(s), %.1f MB in %.1f s "
                                + "(catalogs and pre-flight %.1f s, rows and files %.1f s, manifest %.1f s).",
                        set, sources.size(), done.size(), progress.rows(), manifest.files().size(), bytes / 1e6, seconds,
                        (catalogsDone - start) / 1e9, (dataDone - catalogsDone) / 1e9, (System.nanoTime() - dataDone) / 1e9));
                if (options.verify()) {
                    SetVerifier.verifyOrRefuse(set, options.threads(), log);
                }
                return new Result(set, done.size(), progress.rows(), bytes, seconds);
            }
        } catch (IOException e) {
            throw new ApimException("Backup failed writing under " + options.root() + ": " + e, e);
        } catch (SQLException e) {
            throw new ApimException("Backup failed reading a database: " + e.getMessage(), e);
        } finally {
            coordinators.forEach(BackupGoal::closeQuietly);
        }
    }

    private record Task(Source source, DumpDialect.TableInfo table, String file) {
    }

    private void copyFiles(List<FileRoots.Root> roots, Path work, List<Manifest.Entry> entries, Manifest manifest) throws IOException {
        for (FileRoots.Root r : roots) {
            Path dir = r.resolve(context.settings()).orElseThrow();
            long count = 0;
            List<Path> files;
            try (Stream<Path> walk = Files.walk(dir)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
            for (Path f : files) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                String target = "files/" + r.label() + "/" + rel + (options.compress() ? SetFiles.GZ : "");
                try (InputStream in = Files.newInputStream(f);
                     SetFiles.Sink sink = new SetFiles.Sink(work, target, options.compress(), null)) {
                    in.transferTo(sink.stream());
                    entries.add(sink.finish());
                }
                count++;
            }
            synchronized (manifest) {
                manifest.roots().add(new Manifest.FileRoot(r.label(), r.home(), r.relative(), count));
            }
            log.info("Copied " + count + " file(s) of " + dir + ".");
        }
    }

    private List<Source> sources() {
        Map<String, List<DbKey>> byUrl = new LinkedHashMap<>();
        for (DbKey k : DbKey.values()) {
            context.settings().database(k).ifPresent(db -> byUrl.computeIfAbsent(db.url(), u -> new ArrayList<>()).add(k));
        }
        if (byUrl.isEmpty()) {
            throw new ConfigurationException("No database is configured: set 'apim.db.apim.url' (and the registry's "
                    + "'apim.db.shared.url'), or 'apim.newHome' for the embedded H2 databases.");
        }
        List<Source> out = new ArrayList<>();
        for (List<DbKey> keys : byUrl.values()) {
            DatabaseSettings db = context.settings().requireDatabase(keys.get(0));
            out.add(new Source(keys.get(0).key(), keys, db, DumpDialect.of(db.dialect())));
        }
        return out;
    }

    private String sourceVersion(Source s, Connection c) {
        if (!s.keys().contains(DbKey.APIM)) {
            return s.keys().stream().map(DbKey::label).reduce((a, b) -> a + " + " + b).orElse("");
        }
        try {
            AmDbState state = AmDbInspector.inspect(new Catalog(c, s.settings().dialect()), AmDbSteps.HISTORY_TABLE);
            String v = switch (state.kind()) {
                case V300 -> "WSO2AM_DB 3.0.0";
                case V310 -> "WSO2AM_DB 3.1.0";
                case PARTIAL -> "WSO2AM_DB between 3.0.0 and 3.1.0";
                case OLDER_THAN_300 -> "WSO2AM_DB older than 3.0.0";
                default -> "not a WSO2AM_DB";
            };
            return v + " (" + state.evidence() + ")";
        } catch (SQLException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private String name() throws IOException {
        String env = safe(context.settings().env());
        while (true) {
            String n = LocalDateTime.now().format(NAME) + "-" + env;
            if (!Files.exists(options.root().resolve(n)) && !Files.exists(options.root().resolve("." + n + ".partial"))) {
                return n;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted");
            }
        }
    }

    static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    static String pluginVersion() {
        try (InputStream in = BackupGoal.class.getResourceAsStream("/META-INF/maven/io.github.apimupgrade/apim-maven-plugin/pom.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through
        }
        String v = BackupGoal.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static void closeQuietly(Connection c) {
        try {
            if (!c.getAutoCommit()) {
                c.rollback();
                c.setAutoCommit(true);
            }
            c.close();
        } catch (SQLException ignored) {
            // closing after the work is done
        }
    }
}
