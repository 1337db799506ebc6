package io.github.apimupgrade.lifecycle;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.SchemaShape;
import io.github.apimupgrade.migrateconfig.ExampleHomes;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash safety of the whole upgrade: the lifecycle (backup, migrate-config, migrate-db,
 * migrate-analytics, reindex, verify) is killed after the k-th statement, file or batch, for several
 * k spread over the run, then run again to the end. The databases (schema and every row, by checksum)
 * and the new home (every file, by SHA-256) must equal those of a run that was never interrupted.
 */
class FaultInjectionTest {
    private static final AtomicInteger SURVIVED = new AtomicInteger();
    private static final List<String> PLUGIN_STATE = List.of("APIM_UPGRADE_");

    @TempDir
    Path tmp;

    @AfterAll
    static void report() {
        System.out.println("Fault injection: " + SURVIVED.get() + " kill points survived");
    }

    /** One deployment: homes under {@code dir}, the databases in the old home (H2) or a scratch server database. */
    private record Deployment(Path dir, TestDatabase db, Map<String, String> props) {
    }

    private Path pristine;

    /** The homes are built once and copied, so that generated keystores and jars are the same in every copy. */
    private Deployment deployment(Kind kind, String name) throws Exception {
        if (pristine == null) {
            pristine = Files.createDirectories(tmp.resolve("pristine"));
            LifecycleFixtures.setup(pristine, "h2");
        }
        Path dir = tmp.resolve(name);
        copyTree(pristine, dir);
        Map<String, String> props = new LinkedHashMap<>();
        props.put("apim.test.baseDir", dir.toString());
        props.put("apim.oldHome", dir.resolve(ExampleHomes.OLD).toString());
        props.put("apim.newHome", dir.resolve(ExampleHomes.NEW).toString());
        props.put("apim.workDir", dir.resolve("work").toString());
        props.put("apim.env", "fault");
        props.put("apim.reindex.tenantLoader", dir.resolve("downloads/tenantloader-1.0.jar").toString());
        props.put("apim.reindex.batchSize", "2");
        TestDatabase db = null;
        if (kind != Kind.H2) {
            db = TestDatabase.create(kind, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql")
                    .loadFixture("registry").load("fixtures/registry-rows.sql");
            String d = kind.dialect().folder();
            Path nu = dir.resolve(ExampleHomes.NEW);
            Files.writeString(nu.resolve("dbscripts/apimgt/" + d + ".sql"), TestDatabase.read("fixtures/am-3.1.0-" + d + ".sql"));
            Files.writeString(nu.resolve("dbscripts/" + d + ".sql"), TestDatabase.read("fixtures/registry-" + d + ".sql"));
            for (String key : List.of("apim", "shared")) {
                props.put("apim.db." + key + ".url", db.url());
                props.put("apim.db." + key + ".username", db.user());
                props.put("apim.db." + key + ".password", db.password());
            }
        }
        return new Deployment(dir, db, props);
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path f : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** The entries that differ, for a readable failure. */
    private static String differences(Map<String, String> expected, Map<String, String> actual) {
        TreeSet<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            if (!java.util.Objects.equals(expected.get(k), actual.get(k))) {
                sb.append("\n  ").append(k).append(": expected ").append(expected.get(k)).append(" | got ").append(actual.get(k));
            }
        }
        return sb.toString();
    }

    private static List<String> args(Deployment d) {
        return d.props().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** Schema shape and a checksum of every row of every table but the plugin's own history, plus every file of the new home. */
    private static Map<String, String> endState(Deployment d, Kind kind) throws Exception {
        Map<String, String> out = new TreeMap<>();
        String url = kind == Kind.H2 ? "jdbc:h2:" + d.dir().resolve(ExampleHomes.NEW + "/repository/database/WSO2AM_DB") : d.db().url();
        List<String> urls = kind == Kind.H2
                ? List.of(url, "jdbc:h2:" + d.dir().resolve(ExampleHomes.NEW + "/repository/database/WSO2SHARED_DB"))
                : List.of(url);
        for (String u : urls) {
            try (Connection c = java.sql.DriverManager.getConnection(u, kind == Kind.H2 ? "wso2carbon" : d.db().user(),
                    kind == Kind.H2 ? "wso2carbon" : d.db().password())) {
                Catalog catalog = new Catalog(c, kind.dialect());
                SchemaShape.all(catalog, PLUGIN_STATE).forEach((t, shape) -> out.put("schema " + t, shape));
                for (String t : new TreeSet<>(catalog.tables().values())) {
                    if (PLUGIN_STATE.stream().noneMatch(p -> t.toUpperCase().startsWith(p))) {
                        out.put("rows " + t, rowsChecksum(c, kind, t));
                    }
                }
            }
        }
        Path home = d.dir().resolve(ExampleHomes.NEW);
        try (var files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                String rel = home.relativize(f).toString();
                if (!rel.startsWith("repository/database/")) {
                    byte[] bytes = Files.readAllBytes(f);
                    if (d.db() != null && rel.endsWith(".toml")) {
                        // each run has its own scratch database: its name is the one expected difference
                        bytes = new String(bytes, StandardCharsets.UTF_8).replace(d.db().name(), "SCRATCH_DB").getBytes(StandardCharsets.UTF_8);
                    }
                    out.put("file " + rel, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
                }
            }
        }
        return out;
    }

    private static String rowsChecksum(Connection c, Kind kind, String table) throws Exception {
        String quoted = kind == Kind.MARIADB_VIA_MYSQL_DRIVER ? "`" + table + "`" : "\"" + table + "\"";
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    Object v = rs.getObject(i);
                    sb.append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v)).append('\u0001');
                }
                rows.add(sb.toString());
            }
        }
        Collections.sort(rows);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        rows.forEach(r -> md.update(r.getBytes(StandardCharsets.UTF_8)));
        return rows.size() + " rows " + HexFormat.of().formatHex(md.digest());
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MYSQL_DRIVER"})
    void killedAnywhereThenRunAgainEndsAsAnUninterruptedRun(Kind kind) throws Exception {
        Deployment reference = deployment(kind, "reference");
        Map<String, String> expected;
        int units;
        try {
            Jvm.Result clean = Jvm.run(LifecycleMain.class, List.of(), args(reference));
            assertEquals(0, clean.exitCode(), clean.output());
            units = Integer.parseInt(clean.output().substring(clean.output().lastIndexOf("UNITS ") + 6).trim());
            expected = endState(reference, kind);
        } finally {
            if (reference.db() != null) {
                reference.db().close();
            }
        }
        assertTrue(units > 20, "a run does " + units + " units of work");
        List<Integer> killPoints = new ArrayList<>();
        for (int k = 1; k < units; k += Math.max(1, units / 7)) {
            killPoints.add(k);
        }
        for (int k : killPoints) {
            Deployment d = deployment(kind, "kill-" + k);
            try {
                Jvm.Result killed = Jvm.run(LifecycleMain.class, List.of("-D" + FaultInjector.HALT_AFTER + "=" + k), args(d));
                assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), "kill point " + k + ":\n" + killed.output());
                Jvm.Result again = Jvm.run(LifecycleMain.class, List.of(), args(d));
                assertEquals(0, again.exitCode(), "run after kill point " + k + ":\n" + again.output());
                Map<String, String> actual = endState(d, kind);
                assertTrue(expected.equals(actual), "end state after kill point " + k + " of " + units + ":" + differences(expected, actual));
                SURVIVED.incrementAndGet();
            } finally {
                if (d.db() != null) {
                    d.db().close();
                }
            }
        }
        System.out.println("Fault injection on " + kind + ": " + killPoints.size() + " kill points " + killPoints + " of " + units
                + " units survived");
    }
}
