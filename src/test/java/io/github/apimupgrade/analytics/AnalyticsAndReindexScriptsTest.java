package io.github.apimupgrade.analytics;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The analytics and reindex scripts of every dialect, split by Flyway's parser: MSSQL, Oracle and DB2 are checked here. */
class AnalyticsAndReindexScriptsTest {
    private static List<String> split(String path, Dialect d, String name, Map<String, String> names) {
        return StatementSplitter.split(d, SqlResources.fill(SqlResources.load(path, d, name), names)).stream()
                .map(s -> s.replaceAll("(?m)^\\s*--.*\\n", "").replaceAll("\\s+", " ").strip()).toList();
    }

    private static final Map<String, String> NAMES = Map.of("table", "APILASTACCESSSUMMARY", "pkName", "PK_X", "keepIds", "?, ?");

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyReindexScriptIsOneStatement(Dialect d) {
        for (String name : List.of("scan", "delete-range", "delete-range-all", "tenants")) {
            assertEquals(1, split("reindex", d, name, NAMES).size(), d + " " + name);
        }
    }

    @Test
    void mssqlKeySwapIsOneBatchInOneTransaction() {
        List<String> s = split("analytics", Dialect.MSSQL, "replace-primary-key", NAMES);
        assertEquals(1, s.size(), s.toString());
        assertEquals("SET XACT_ABORT ON; BEGIN TRANSACTION; DECLARE @pk NVARCHAR(256); SELECT @pk = name FROM sys.key_constraints "
                + "WHERE parent_object_id = OBJECT_ID('APILASTACCESSSUMMARY') AND type = 'PK'; IF @pk IS NOT NULL "
                + "EXEC('ALTER TABLE APILASTACCESSSUMMARY DROP CONSTRAINT [' + @pk + ']'); ALTER TABLE APILASTACCESSSUMMARY ALTER COLUMN "
                + "APIVERSION VARCHAR(254) NOT NULL; ALTER TABLE APILASTACCESSSUMMARY ADD CONSTRAINT PK_APILASTACCESSSUMMARY PRIMARY KEY "
                + "NONCLUSTERED (APINAME, APICREATOR, APIVERSION, APICREATORTENANTDOMAIN); COMMIT TRANSACTION;", s.get(0));
        assertEquals("SELECT REG_LOG_ID, REG_TENANT_ID, REG_ACTION, UPPER(RTRIM(REG_PATH)) FROM REG_LOG", split("reindex", Dialect.MSSQL, "scan", NAMES).get(0));
    }

    @Test
    void oracleAndDb2SwapTheKeyWithoutTheInvalidAlterColumn() {
        List<String> expected = List.of("ALTER TABLE APILASTACCESSSUMMARY DROP PRIMARY KEY",
                "ALTER TABLE APILASTACCESSSUMMARY ADD PRIMARY KEY (APINAME, APICREATOR, APIVERSION, APICREATORTENANTDOMAIN)");
        assertEquals(expected, split("analytics", Dialect.ORACLE, "replace-primary-key", NAMES));
        assertEquals(expected, split("analytics", Dialect.DB2, "replace-primary-key", NAMES));
        assertEquals(List.of(expected.get(1)), split("analytics", Dialect.DB2, "add-primary-key", NAMES));
        assertEquals("DELETE FROM REG_LOG WHERE REG_LOG_ID >= ? AND REG_LOG_ID <= ? AND (REG_ACTION = 7 OR REG_LOG_ID NOT IN (?, ?))",
                split("reindex", Dialect.ORACLE, "delete-range", NAMES).get(0));
        assertEquals("DELETE FROM REG_LOG WHERE REG_LOG_ID >= ? AND REG_LOG_ID <= ?", split("reindex", Dialect.DB2, "delete-range-all", NAMES).get(0));
    }

    @Test
    void mysqlSwapsTheKeyInOneAlter() {
        assertEquals(List.of("ALTER TABLE `ApiLastAccessSummary` DROP PRIMARY KEY, ADD PRIMARY KEY (apiName, apiCreator, apiVersion, apiCreatorTenantDomain)"),
                split("analytics", Dialect.MYSQL, "replace-primary-key", Map.of("table", "ApiLastAccessSummary", "pkName", "PRIMARY")));
    }
}
