package io.github.apimupgrade.core;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.amdb.AmDbSteps;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.registry.VersioningCleanup;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.SqlStep;
import io.github.apimupgrade.core.sql.StatementSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every dialect's scripts, split by Flyway's own parser for that dialect, give the expected
 * statements: this is how MSSQL, Oracle and DB2 scripts are checked without a live server.
 */
class DialectScriptsTest {
    private static final Map<String, String> NAMES = Map.of("constraintName", "UQ__AM_SYSTE__0123ABCD",
            "foreignKeyName", "FK__AM_SECURI__API_I__0ABC", "primaryKeyName", "PK_ALIAS");

    /** Statement count per step, per dialect; 0 = no script (step not applicable on that dialect). */
    private static final Map<Dialect, int[]> COUNTS = new LinkedHashMap<>();

    static {
        // am-api-categories, tenant-domain, backfill, drop-name-unique, am-user, audit-mapping, audit-fk-rules, widen, scope-cleanup
        COUNTS.put(Dialect.H2, new int[] {1, 1, 1, 1, 1, 1, 2, 2, 1});
        COUNTS.put(Dialect.MYSQL, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        COUNTS.put(Dialect.POSTGRESQL, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1});
        COUNTS.put(Dialect.MSSQL, new int[] {1, 1, 1, 1, 1, 1, 2, 4, 1});
        COUNTS.put(Dialect.ORACLE, new int[] {1, 1, 1, 1, 1, 1, 0, 1, 1});
        COUNTS.put(Dialect.DB2, new int[] {1, 1, 1, 0, 1, 1, 2, 1, 1});
    }

    private static List<String> split(SqlStep step, Dialect dialect) {
        return step.script(dialect).map(s -> StatementSplitter.split(dialect, SqlResources.fill(s, NAMES))).orElse(List.of());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyStepSplitsIntoTheExpectedStatements(Dialect dialect) {
        List<SqlStep> steps = AmDbSteps.all();
        int[] expected = COUNTS.get(dialect);
        assertEquals(expected.length, steps.size());
        for (int i = 0; i < steps.size(); i++) {
            List<String> statements = split(steps.get(i), dialect);
            assertEquals(expected[i], statements.size(), dialect + " " + steps.get(i).id() + ": " + statements);
            for (String s : statements) {
                String code = s.replaceAll("(?m)^\\s*--.*$", "").strip();
                assertFalse(code.isEmpty(), "empty statement in " + steps.get(i).id());
                assertFalse(code.endsWith(";") || code.endsWith("/") || code.toUpperCase().endsWith("GO"),
                        "delimiter left in " + dialect + " " + steps.get(i).id() + ": " + code);
                assertFalse(code.contains("${"), "unfilled placeholder: " + code);
                assertFalse(code.toUpperCase().contains("DROP TABLE"), "no step drops a table: " + code);
            }
        }
    }

    private static String statement(Dialect dialect, String stepId, int index) {
        SqlStep step = AmDbSteps.all().stream().filter(s -> s.id().equals(stepId)).findFirst().orElseThrow();
        return split(step, dialect).get(index).replaceAll("(?m)^\\s*--.*\\n", "").replaceAll("\\s+", " ").strip();
    }

    @Test
    void mssqlFillsExistingRowsAndRebuildsTheAliasKey() {
        assertEquals("ALTER TABLE AM_SYSTEM_APPS ADD TENANT_DOMAIN VARCHAR(255) DEFAULT 'carbon.super' WITH VALUES",
                statement(Dialect.MSSQL, "system-apps-tenant-domain", 0));
        assertEquals("ALTER TABLE AM_SYSTEM_APPS DROP CONSTRAINT [UQ__AM_SYSTE__0123ABCD]",
                statement(Dialect.MSSQL, "system-apps-drop-name-unique", 0));
        assertEquals(List.of("ALTER TABLE AM_CERTIFICATE_METADATA DROP CONSTRAINT [PK_ALIAS]",
                        "ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN ALIAS VARCHAR(255) NOT NULL",
                        "ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN END_POINT VARCHAR(255) NOT NULL",
                        "ALTER TABLE AM_CERTIFICATE_METADATA ADD CONSTRAINT PK_ALIAS PRIMARY KEY (ALIAS)"),
                List.of(statement(Dialect.MSSQL, "certificate-metadata-widen", 0), statement(Dialect.MSSQL, "certificate-metadata-widen", 1),
                        statement(Dialect.MSSQL, "certificate-metadata-widen", 2), statement(Dialect.MSSQL, "certificate-metadata-widen", 3)));
        assertTrue(statement(Dialect.MSSQL, "security-audit-uuid-mapping", 0)
                .contains("REFERENCES AM_API(API_ID) ON UPDATE CASCADE ON DELETE NO ACTION"));
    }

    @Test
    void oracleStatementsAreSplitWithoutSqlPlusSlashes() {
        assertEquals("ALTER TABLE AM_CERTIFICATE_METADATA MODIFY (ALIAS VARCHAR2(255), END_POINT VARCHAR2(255))",
                statement(Dialect.ORACLE, "certificate-metadata-widen", 0));
        assertEquals("DELETE FROM IDN_OAUTH2_SCOPE_BINDING WHERE SCOPE_BINDING IS NULL",
                statement(Dialect.ORACLE, "scope-binding-cleanup", 0));
        assertEquals("ALTER TABLE AM_SYSTEM_APPS DROP CONSTRAINT \"UQ__AM_SYSTE__0123ABCD\"",
                statement(Dialect.ORACLE, "system-apps-drop-name-unique", 0));
        assertFalse(statement(Dialect.ORACLE, "am-api-categories", 0).contains("IF NOT EXISTS"));
    }

    @Test
    void db2KeepsNameUniqueAndUsesValidSyntax() {
        assertEquals("ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN ALIAS SET DATA TYPE VARCHAR(255) "
                + "ALTER COLUMN END_POINT SET DATA TYPE VARCHAR(255)", statement(Dialect.DB2, "certificate-metadata-widen", 0));
        assertEquals("ALTER TABLE AM_SECURITY_AUDIT_UUID_MAPPING ADD FOREIGN KEY (API_ID) REFERENCES AM_API(API_ID) ON DELETE RESTRICT",
                statement(Dialect.DB2, "security-audit-fk-rules", 1));
        assertTrue(statement(Dialect.DB2, "am-api-categories", 0).contains("TENANT_ID INTEGER NOT NULL DEFAULT -1"));
    }

    @Test
    void postgresqlNeverDropsNewTables() {
        for (SqlStep step : AmDbSteps.all()) {
            String code = step.script(Dialect.POSTGRESQL).orElse("").replaceAll("(?m)^\\s*--.*$", "");
            assertFalse(code.toUpperCase().contains("DROP TABLE"), step.id());
        }
        assertEquals("ALTER TABLE AM_CERTIFICATE_METADATA ALTER COLUMN ALIAS TYPE VARCHAR(255), ALTER COLUMN END_POINT TYPE VARCHAR(255)",
                statement(Dialect.POSTGRESQL, "certificate-metadata-widen", 0));
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void registryCleanupBatchesParseWithTwoBoundsEach(Dialect dialect) {
        VersioningCleanup cleanup = new VersioningCleanup(dialect, 1000, UpgradeLog.silent());
        List<String> versions = cleanup.versionStatements();
        List<String> objects = cleanup.objectStatements();
        assertEquals(8, versions.size(), versions.toString());
        assertEquals(4, objects.size(), objects.toString());
        for (String s : versions) {
            assertEquals(2, s.chars().filter(ch -> ch == '?').count(), s);
            assertTrue(s.contains("REG_VERSION >= ? AND REG_VERSION < ?"), s);
            assertTrue(s.contains("R.REG_TENANT_ID = REG_RESOURCE_"), "matches tenant ids: " + s);
        }
        assertTrue(objects.get(2).startsWith("DELETE FROM REG_PROPERTY WHERE REG_ID >= ? AND REG_ID < ? AND NOT EXISTS"), objects.get(2));
        String drop = StatementSplitter.split(dialect, SqlResources.fill(SqlResources.loadOrShared("registry", dialect, "side-index-drop"),
                Map.of("name", "APIM_UPG_TMP_PROPERTY_ID", "table", "REG_RESOURCE_PROPERTY"))).get(0).replaceAll("(?m)^--.*\\n", "").strip();
        assertEquals(dialect == Dialect.MYSQL || dialect == Dialect.MSSQL
                ? "DROP INDEX APIM_UPG_TMP_PROPERTY_ID ON REG_RESOURCE_PROPERTY" : "DROP INDEX APIM_UPG_TMP_PROPERTY_ID", drop);
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"MYSQL", "POSTGRESQL"})
    void registryReloadScriptsSplitAsTheRunExpects(Dialect dialect) {
        Map<String, String> names = Map.of("keep", "APIM_KEEP_RESOURCE_TAG", "keepLinks", "APIM_KEEP_RESOURCE_TAG",
                "table", "REG_TAG", "link", "REG_RESOURCE_TAG", "idColumn", "REG_TAG_ID");
        List<String> links = StatementSplitter.split(dialect, SqlResources.fill(SqlResources.loadOrShared("registry", dialect, "reload-keep-links"), names));
        assertEquals(3, links.size(), links.toString());
        assertTrue(links.get(1).startsWith("INSERT INTO APIM_KEEP_RESOURCE_TAG"), links.get(1));
        assertTrue(links.get(2).endsWith("CREATE INDEX APIM_KEEP_RESOURCE_TAG_ID ON APIM_KEEP_RESOURCE_TAG (REG_TAG_ID, REG_TENANT_ID)"), links.get(2));
        assertEquals(1, StatementSplitter.split(dialect, SqlResources.fill(SqlResources.loadOrShared("registry", dialect, "reload-keep-objects"), names)).size());
        List<String> truncate = StatementSplitter.split(dialect, SqlResources.fill(SqlResources.loadOrShared("registry", dialect, "reload-truncate"), names));
        assertEquals(dialect == Dialect.MYSQL ? List.of("TRUNCATE TABLE REG_RESOURCE_TAG", "TRUNCATE TABLE REG_TAG") : List.of("TRUNCATE REG_RESOURCE_TAG, REG_TAG"),
                truncate.stream().map(t -> t.replaceAll("(?m)^--.*\\n", "").strip()).toList());
    }

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyDialectHasItsCatalogQueries(Dialect dialect) {
        assertTrue(SqlResources.catalogQuery(dialect, "unique-constraints").contains("?"));
        assertTrue(SqlResources.catalogQuery(dialect, "empty-scope-bindings").startsWith("SELECT COUNT(*)"));
    }

    /**
     * verify's catalog of the objects beside tables: one read-only query of four parts (sequences, views, triggers, routines;
     * PostgreSQL also extensions), each limited to the connection's own schema through the dialect's own catalog. H2,
     * PostgreSQL and MariaDB run theirs in VerifyConformanceTest; these assert the text of all six.
     */
    @ParameterizedTest
    @EnumSource(Dialect.class)
    void schemaObjectQueriesReadTheDialectsOwnCatalogForTheCurrentSchema(Dialect dialect) {
        String q = SqlResources.catalogQuery(dialect, "schema-objects");
        assertTrue(q.startsWith("SELECT 'sequence'"), q);
        assertEquals(dialect == Dialect.POSTGRESQL ? 4 : 3, q.split("UNION ALL").length - 1, q);
        for (String kind : List.of("'view'", "'trigger'", "'routine'")) {
            assertTrue(q.contains(kind), kind + " in " + q);
        }
        assertTrue(q.endsWith("ORDER BY 1, 2"), q);
        assertFalse(q.toUpperCase().matches("(?s).*\\b(INSERT|UPDATE|DELETE|DROP|CREATE|ALTER)\\b.*"), q);
        Map<Dialect, List<String>> catalogs = Map.of(
                Dialect.H2, List.of("INFORMATION_SCHEMA.SEQUENCES", "INFORMATION_SCHEMA.TRIGGERS", "INFORMATION_SCHEMA.FUNCTION_ALIASES", "SCHEMA()"),
                Dialect.MYSQL, List.of("INFORMATION_SCHEMA.ROUTINES", "INFORMATION_SCHEMA.TRIGGERS", "TABLE_TYPE = 'SEQUENCE'", "DATABASE()"),
                Dialect.POSTGRESQL, List.of("pg_extension", "pg_trigger", "pg_proc", "current_schema()", "deptype = 'e'"),
                Dialect.MSSQL, List.of("sys.sequences", "sys.views", "sys.triggers", "sys.objects", "SCHEMA_ID()"),
                Dialect.ORACLE, List.of("USER_SEQUENCES", "USER_VIEWS", "USER_TRIGGERS", "USER_OBJECTS", "ISEQ$$"),
                Dialect.DB2, List.of("SYSCAT.SEQUENCES", "SYSCAT.VIEWS", "SYSCAT.TRIGGERS", "SYSCAT.ROUTINES", "CURRENT SCHEMA"));
        for (String name : catalogs.get(dialect)) {
            assertTrue(q.contains(name), name + " in " + q);
        }
    }
}
