package io.github.apimupgrade.registry;

import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.registry.VersioningCleanup;
import io.github.apimupgrade.core.sql.StatementSplitter;
import io.github.apimupgrade.testing.Jvm;
import io.github.apimupgrade.testing.Schema;
import io.github.apimupgrade.testing.TestDatabase;
import io.github.apimupgrade.testing.TestDatabase.Kind;
import io.github.apimupgrade.testing.Wso2Schemas;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The registry versioning clean-up on carbon-kernel 4.5.1's registry schema (WSO2's script in the conformance
 * run): the rows it keeps, the schema it leaves, WSO2's own script's result, and kills at random batches.
 */
class VersioningCleanupTest {
    private static final List<String> TABLES = List.of("REG_RESOURCE_TAG", "REG_RESOURCE_COMMENT", "REG_RESOURCE_PROPERTY",
            "REG_RESOURCE_RATING", "REG_TAG", "REG_COMMENT", "REG_PROPERTY", "REG_RATING");
    private static final VersionedRegistry SUPER = new VersionedRegistry(-1234, 0, 120, 4, 3);
    /** A tenant whose version ids are the super tenant's: matching on the version alone would mix them up. */
    private static final VersionedRegistry TENANT = new VersionedRegistry(1, 0, 30, 2, 2);
    private static final int BATCH = 97;

    @TempDir
    Path tmp;

    private TestDatabase registry(Kind kind, VersionedRegistry... data) throws Exception {
        TestDatabase db = TestDatabase.create(kind, tmp).loadSchema(Wso2Schemas.Schema.REGISTRY_300);
        try (Connection c = db.connect()) {
            for (VersionedRegistry r : data) {
                r.load(c);
            }
        }
        return db;
    }

    private static List<String> log(TestDatabase db) throws Exception {
        List<String> lines = new ArrayList<>();
        UpgradeLog log = new UpgradeLog() {
            @Override public void info(String m) { lines.add(m); }
            @Override public void warn(String m) { lines.add(m); }
            @Override public void debug(String m) { }
            @Override public void error(String m) { lines.add(m); }
        };
        try (Connection c = db.connect()) {
            new VersioningCleanup(db.dialect(), BATCH, log).run(c);
        }
        return lines;
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void keepsTheCurrentVersionsPerTenantAndLeavesTheSchemaAsItWas(Kind kind) throws Exception {
        try (TestDatabase db = registry(kind, SUPER, TENANT)) {
            Map<String, String> before = schema(db);
            List<VersioningCleanup.TableCount> planned;
            try (Connection c = db.connect()) {
                planned = new VersioningCleanup(db.dialect(), BATCH, UpgradeLog.silent()).count(c);
            }
            List<String> log = log(db);
            assertEquals(before, schema(db), "the schema after the clean-up equals the one before it, indexes included");
            try (Connection c = db.connect()) {
                for (VersionedRegistry r : List.of(SUPER, TENANT)) {
                    assertEquals(expectedProperties(r), Schema.rows(c, "SELECT REG_PROPERTY_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME "
                            + "FROM REG_RESOURCE_PROPERTY WHERE REG_TENANT_ID = " + r.tenant() + " ORDER BY REG_PROPERTY_ID"));
                    assertEquals(r.resources() * r.properties(), Schema.count(c, "SELECT COUNT(*) FROM REG_PROPERTY WHERE REG_TENANT_ID = " + r.tenant()));
                    assertEquals(r.resources(), Schema.count(c, "SELECT COUNT(*) FROM REG_RESOURCE_TAG WHERE REG_TENANT_ID = " + r.tenant()));
                    assertEquals(r.resources(), Schema.count(c, "SELECT COUNT(*) FROM REG_TAG WHERE REG_TENANT_ID = " + r.tenant()));
                }
                assertEquals(0, Schema.count(c, "SELECT COUNT(*) FROM REG_RESOURCE_COMMENT WHERE REG_PATH_ID IS NULL"));
                for (VersioningCleanup.TableCount t : planned) {
                    assertEquals(t.toKeep(), Schema.count(c, "SELECT COUNT(*) FROM " + t.table()), "plan's count for " + t.table());
                }
            }
            String progress = kind == Kind.H2 ? "registry versions: " : "REG_RESOURCE_PROPERTY, REG_PROPERTY: 2,280 row(s) deleted, 840 row(s) kept";
            assertTrue(log.stream().anyMatch(l -> l.contains(progress)), log.toString());
            assertFalse(log.stream().anyMatch(l -> l.contains("APIM_UPG_TMP_")), "H2 indexes foreign keys by itself: " + log);
        }
    }

    /**
     * A registry with one more foreign key to REG_PROPERTY (a customisation) is not truncated: it is cleaned in
     * place, with the index PostgreSQL's schema lacks added for the run only; a kill while that index exists is
     * finished by the next run, which drops it.
     */
    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"POSTGRESQL"})
    void aRegistryWithMoreForeignKeysIsCleanedInPlaceWithARunOnlyIndex(Kind kind) throws Exception {
        String custom = "CREATE TABLE CUSTOM_PROPERTY_NOTE (REG_ID INTEGER, REG_TENANT_ID INTEGER, "
                + "FOREIGN KEY (REG_ID, REG_TENANT_ID) REFERENCES REG_PROPERTY (REG_ID, REG_TENANT_ID))";
        try (TestDatabase whole = registry(kind, SUPER, TENANT); TestDatabase killed = registry(kind, SUPER, TENANT)) {
            whole.run(custom);
            killed.run(custom);
            Map<String, String> before = schema(whole);
            int start = FaultInjector.unitsDone();
            List<String> log = log(whole);
            int units = FaultInjector.unitsDone() - start;
            assertTrue(log.stream().anyMatch(l -> l.contains("adding APIM_UPG_TMP_PROPERTY_ID for this run")), log.toString());
            assertEquals(before, schema(whole), "the run's own indexes are gone");
            try (Connection c = whole.connect()) {
                assertEquals(expectedProperties(SUPER), Schema.rows(c, "SELECT REG_PROPERTY_ID, REG_VERSION, REG_PATH_ID, REG_RESOURCE_NAME "
                        + "FROM REG_RESOURCE_PROPERTY WHERE REG_TENANT_ID = -1234 ORDER BY REG_PROPERTY_ID"));
            }
            Jvm.Result halted = Jvm.run(CleanupMain.class, List.of("-D" + FaultInjector.HALT_AFTER + "=" + (units - 1)),
                    List.of(killed.url(), killed.user(), killed.password(), killed.dialect().name(), String.valueOf(BATCH)));
            assertEquals(FaultInjector.HALT_EXIT_CODE, halted.exitCode(), halted.output());
            try (Connection c = killed.connect()) {
                assertFalse(new Catalog(c, killed.dialect()).indexes("REG_RESOURCE_RATING").stream()
                        .noneMatch(i -> i.name().equalsIgnoreCase("APIM_UPG_TMP_RATING_ID")), "killed before its last index was dropped");
            }
            log(killed);
            assertEquals(before, schema(killed));
            assertEquals(rows(whole), rows(killed));
        }
    }

    /** The current version's properties of every resource, pointing at its path and name. */
    private static List<String> expectedProperties(VersionedRegistry r) {
        List<String> out = new ArrayList<>();
        for (int res = 0; res < r.resources(); res++) {
            int v = r.currentVersion(res);
            for (int p = 0; p < r.properties(); p++) {
                out.add("REG_PROPERTY_ID=" + ((v - 1) * r.properties() + p + 1) + " REG_VERSION=" + v + " REG_PATH_ID=" + r.pathId(res)
                        + " REG_RESOURCE_NAME=api-" + res + ".json");
            }
        }
        out.sort((a, b) -> Integer.compare(id(a), id(b)));
        return out;
    }

    private static int id(String row) {
        return Integer.parseInt(row.substring("REG_PROPERTY_ID=".length(), row.indexOf(' ')));
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void keepsWhatWso2sScriptKeepsOnASingleTenant(Kind kind) throws Exception {
        Optional<Path> reference = Wso2Schemas.reference();
        org.junit.jupiter.api.Assumptions.assumeTrue(reference.isPresent(), "conformance run only (-Dapim.reference)");
        String script = Files.readString(reference.get().resolve("docs/registry-versioning-disable/" + kind.dialect().folder() + ".sql"));
        try (TestDatabase ours = registry(kind, SUPER); TestDatabase theirs = registry(kind, SUPER)) {
            log(ours);
            try (Connection c = theirs.connect(); Statement s = c.createStatement()) {
                for (String sql : StatementSplitter.split(kind.dialect(), script)) {
                    s.execute(sql);
                }
            }
            assertEquals(rows(theirs), rows(ours));
        }
    }

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"H2", "POSTGRESQL", "MARIADB_VIA_MARIADB_DRIVER"})
    void killedAtARandomBatchTheNextRunEndsInTheSameRows(Kind kind) throws Exception {
        Map<String, String> expectedSchema;
        Map<String, List<String>> expectedRows;
        int units;
        try (TestDatabase whole = registry(kind, SUPER, TENANT)) {
            expectedSchema = schema(whole);
            int start = FaultInjector.unitsDone();
            log(whole);
            units = FaultInjector.unitsDone() - start;
            expectedRows = rows(whole);
        }
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // two random batches and the last unit (on PostgreSQL: the side indexes are still there)
        for (int killAfter : new int[] {1 + random.nextInt(units - 1), 1 + random.nextInt(units - 1), units - 1}) {
            try (TestDatabase db = registry(kind, SUPER, TENANT)) {
                Jvm.Result killed = Jvm.run(CleanupMain.class, List.of("-D" + FaultInjector.HALT_AFTER + "=" + killAfter),
                        List.of(db.url(), db.user(), db.password(), db.dialect().name(), String.valueOf(BATCH)));
                assertEquals(FaultInjector.HALT_EXIT_CODE, killed.exitCode(), killed.output());
                log(db);
                String what = "killed after unit " + killAfter + " of " + units + " (seed " + seed + ")";
                assertEquals(expectedRows, rows(db), what);
                assertEquals(expectedSchema, schema(db), what);
            }
        }
    }

    private static Map<String, List<String>> rows(TestDatabase db) throws Exception {
        Map<String, List<String>> out = new TreeMap<>();
        try (Connection c = db.connect()) {
            for (String t : TABLES) {
                out.put(t, Schema.rows(c, "SELECT * FROM " + t + " ORDER BY " + (t.startsWith("REG_RESOURCE_")
                        ? "REG_" + t.substring("REG_RESOURCE_".length()) + "_ID, REG_TENANT_ID" : "REG_ID, REG_TENANT_ID")));
            }
        }
        return out;
    }

    /** Columns, keys and indexes of the eight tables. */
    private static Map<String, String> schema(TestDatabase db) throws Exception {
        try (Connection c = db.connect()) {
            Map<String, String> out = new TreeMap<>(Schema.shape(c, db.dialect(), TABLES));
            Catalog catalog = new Catalog(c, db.dialect());
            for (String t : TABLES) {
                out.put(t + " indexes", catalog.indexes(t).stream().map(k -> k.name().toUpperCase() + k.columns()).sorted().toList().toString());
            }
            assertFalse(out.isEmpty());
            return out;
        }
    }
}
