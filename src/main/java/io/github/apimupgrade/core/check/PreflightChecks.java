package io.github.apimupgrade.core.check;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.amdb.AmDbInspector;
import io.github.apimupgrade.core.amdb.AmDbState;
import io.github.apimupgrade.core.amdb.AmDbSteps;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.JdbcUrls;
import io.github.apimupgrade.core.files.ServerStatus;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.registry.RegistryInspector;
import io.github.apimupgrade.core.registry.RegistryVersioning;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;
import io.github.apimupgrade.core.sql.SqlResources;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The checks of {@code check}, in the order they are reported. */
public final class PreflightChecks {
    private PreflightChecks() {
    }

    public static List<Check> all() {
        // which guide applies comes first: on an IS-as-Key-Manager deployment nothing else of this plugin's does;
        // keystores, JDBC drivers and the identity resources are the steps' own probes (migrate-config's keystores and
        // jdbc-driver, migrate-identity's identity-prepare): check reports them from the walk of the run's goals
        return List.of(new KeyManagerCheck(), PreflightChecks::databases, PreflightChecks::homes, PreflightChecks::serversStopped,
                PreflightChecks::diskSpace, PreflightChecks::registryVersioning, PreflightChecks::tenants);
    }

    static List<Finding> databases(StepContext ctx) {
        List<Finding> out = new ArrayList<>();
        for (DbKey key : DbKey.values()) {
            if (!ctx.databases().isConfigured(key)) {
                if (key == DbKey.APIM || key == DbKey.SHARED) {
                    out.add(Finding.fail("database", key.label() + " is not configured", "set '" + key.property("url")
                            + "' or 'apim.newHome'"));
                }
                continue;
            }
            DatabaseSettings db = ctx.databases().settings(key);
            try {
                String server = ctx.withConnection(key, c -> c.getMetaData().getDatabaseProductName() + " "
                        + c.getMetaData().getDatabaseProductVersion());
                out.add(Finding.pass("database", db.describe() + " reachable as '" + db.username() + "' (" + server + ")"));
                if (key == DbKey.APIM) {
                    AmDbState state = ctx.withCatalog(key, c -> AmDbInspector.inspect(c, AmDbSteps.HISTORY_TABLE));
                    out.add(switch (state.kind()) {
                        case V300 -> Finding.pass("database", "WSO2AM_DB is at 3.0.0: " + state.evidence());
                        case PARTIAL -> Finding.warn("database", "WSO2AM_DB: " + state.evidence(),
                                "migrate-db keeps what is there and completes the rest; check how the changes were made");
                        case V310 -> state.hasHistory()
                                ? Finding.pass("database", "WSO2AM_DB was migrated to 3.1.0 by this plugin")
                                : Finding.fail("database", "WSO2AM_DB is already at 3.1.0 (" + state.evidence() + ")",
                                "point '" + key.property("url") + "' at the 3.0.0 database");
                        default -> Finding.fail("database", "WSO2AM_DB is not a 3.0.0 database: " + state.evidence(),
                                "point '" + key.property("url") + "' at the WSO2AM_DB of the 3.0.0 deployment");
                    });
                }
                if (key == DbKey.SHARED) {
                    Optional<String> problem = ctx.withCatalog(key, RegistryInspector::problem);
                    out.add(problem.map(p -> Finding.fail("database", "the registry database is not a WSO2 registry: " + p,
                                    "point '" + key.property("url") + "' at the registry (WSO2REG_DB/SHARED_DB) database"))
                            .orElseGet(() -> Finding.pass("database", "the registry database has the WSO2 registry tables")));
                }
            } catch (ApimUserException e) {
                out.add(Finding.fail("database", e.getMessage(), "see the message"));
            }
        }
        return out;
    }

    static List<Finding> homes(StepContext ctx) {
        List<Finding> out = new ArrayList<>();
        out.add(home("apim.oldHome", ctx.settings().oldHome(), "3.0.0"));
        out.add(home("apim.newHome", ctx.settings().newHome(), "3.1.0"));
        return out;
    }

    private static Finding home(String property, Optional<Path> home, String expected) {
        if (home.isEmpty()) {
            return Finding.warn("home", "'" + property + "' is not set", "set it to the " + expected
                    + " home for the configuration and file steps");
        }
        Optional<String> version = HomeVersion.of(home.get());
        if (version.isEmpty()) {
            return Finding.warn("home", home.get() + ": cannot tell its version (no bin/version.txt, no apimgt bundle)",
                    "make sure '" + property + "' is the " + expected + " home");
        }
        return version.get().equals(expected)
                ? Finding.pass("home", home.get() + " is API-M " + expected)
                : Finding.fail("home", home.get() + " is API-M " + version.get() + ", expected " + expected,
                "set '" + property + "' to the " + expected + " home");
    }

    static List<Finding> serversStopped(StepContext ctx) {
        List<String> running = ServerStatus.running(ctx.settings());
        return running.isEmpty() ? List.of(Finding.pass("server", "no API-M server is running (pid files, port " + ServerStatus.port(ctx.settings()) + ")"))
                : running.stream().map(r -> Finding.fail("server", r.substring(0, r.indexOf(": ")), r.substring(r.indexOf(": ") + 2))).toList();
    }

    static List<Finding> diskSpace(StepContext ctx) {
        long needed = 0;
        List<String> unknown = new ArrayList<>();
        for (DbKey key : DbKey.values()) {
            if (!ctx.databases().isConfigured(key)) {
                continue;
            }
            try {
                Optional<Long> size = databaseSize(ctx, key);
                if (size.isPresent()) {
                    needed += size.get();
                } else {
                    unknown.add(key.label());
                }
            } catch (ApimUserException e) {
                unknown.add(key.label());
            }
        }
        Path target = io.github.apimupgrade.core.backup.BackupOptions.from(ctx.settings()).root();
        Path existing = target;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return List.of(Finding.fail("disk", "no existing parent directory for " + target, "set 'apim.backup.dir'"));
        }
        try {
            long free = io.github.apimupgrade.core.FaultInjector.usableSpace(Files.getFileStore(existing).getUsableSpace());
            if (!Files.isWritable(existing)) {
                return List.of(Finding.fail("disk", existing + " is not writable", "set 'apim.backup.dir' to a writable folder"));
            }
            String what = mb(needed) + " of databases" + (unknown.isEmpty() ? "" : " (size unknown for " + String.join(", ", unknown) + ")");
            return List.of(free > needed * 12 / 10
                    ? Finding.pass("disk", mb(free) + " free in " + existing + " for " + what)
                    : Finding.fail("disk", "only " + mb(free) + " free in " + existing + " for " + what,
                    "free space or set 'apim.backup.dir' elsewhere"));
        } catch (IOException e) {
            return List.of(Finding.warn("disk", "cannot read free space of " + existing + ": " + e.getMessage(), ""));
        }
    }

    private static String mb(long bytes) {
        return String.format("%.1f MB", bytes / 1048576.0);
    }

    private static Optional<Long> databaseSize(StepContext ctx, DbKey key) {
        DatabaseSettings db = ctx.databases().settings(key);
        return switch (db.dialect()) {
            case H2 -> {
                Path base = JdbcUrls.h2File(db.url());
                long size = 0;
                for (String ext : List.of(".mv.db", ".h2.db")) {
                    Path f = base == null ? null : base.resolveSibling(base.getFileName() + ext);
                    try {
                        size += f != null && Files.exists(f) ? Files.size(f) : 0;
                    } catch (IOException ignored) {
                        // counted as 0
                    }
                }
                yield Optional.of(size);
            }
            case POSTGRESQL -> Optional.of(query(ctx, key, "SELECT pg_database_size(current_database())"));
            case MYSQL -> Optional.of(query(ctx, key,
                    "SELECT COALESCE(SUM(DATA_LENGTH + INDEX_LENGTH), 0) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = DATABASE()"));
            default -> Optional.empty();
        };
    }

    private static long query(StepContext ctx, DbKey key, String sql) {
        return ctx.withConnection(key, c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    static List<Finding> registryVersioning(StepContext ctx) {
        if (ctx.settings().oldHome().isEmpty()) {
            return List.of(Finding.warn("registry", "cannot tell whether registry versioning was on ('apim.oldHome' is not set)",
                    "set 'apim.oldHome' or 'apim.registry.disableVersioning'"));
        }
        Path xml = ctx.settings().oldHome().get().resolve("repository/conf/registry.xml");
        try {
            Optional<List<String>> on = RegistryVersioning.enabledFlags(xml);
            if (on.isEmpty()) {
                return List.of(Finding.warn("registry", xml + " has no <staticConfiguration>",
                        "set 'apim.registry.disableVersioning' to true or false"));
            }
            return List.of(on.get().isEmpty()
                    ? Finding.pass("registry", "registry versioning was off: no version clean-up needed")
                    : Finding.warn("registry", "registry versioning was on (" + String.join(", ", on.get())
                    + "): migrate-db removes the version data", "take a backup first (apim:backup)"));
        } catch (ApimUserException e) {
            return List.of(Finding.fail("registry", e.getMessage(), "see the message"));
        }
    }

    static List<Finding> tenants(StepContext ctx) {
        DbKey users = ctx.settings().userStore();
        List<Finding> out = new ArrayList<>();
        if (!ctx.databases().isConfigured(users)) {
            return out;
        }
        try {
            String counts = ctx.withCatalog(users, c -> tenantCounts(c));
            out.add(Finding.pass("tenants", counts));
        } catch (RuntimeException e) {
            out.add(Finding.warn("tenants", "cannot count tenants: " + e.getMessage(), ""));
        }
        ctx.settings().oldHome().ifPresent(home -> {
            Path tenants = home.resolve("repository/tenants");
            int apis = countFiles(home.resolve("repository/deployment/server/synapse-configs/default/api"));
            List<String> perTenant = new ArrayList<>();
            if (Files.isDirectory(tenants)) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tenants)) {
                    for (Path t : dirs) {
                        perTenant.add(t.getFileName() + ": " + countFiles(t.resolve("synapse-configs/default/api")) + " APIs");
                    }
                } catch (IOException ignored) {
                    // reported as none
                }
            }
            Collections.sort(perTenant);
            out.add(Finding.pass("tenants", "Synapse API files: super tenant " + apis
                    + (perTenant.isEmpty() ? "" : "; tenants " + String.join(", ", perTenant))));
        });
        return out;
    }

    private static String tenantCounts(Catalog c) throws SQLException {
        if (!c.tableExists("UM_TENANT")) {
            return "the user store has no UM_TENANT table, so its tenants cannot be counted here (reindex counts the registry's)";
        }
        long all = c.count("SELECT COUNT(*) FROM UM_TENANT");
        long active = c.count(SqlResources.catalogQuery(c.dialect(), "active-tenants"));
        return (all + 1) + " tenants including the super tenant (" + active + " of " + all + " tenants active)";
    }

    private static int countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(dir)) {
            return (int) files.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            return 0;
        }
    }
}
