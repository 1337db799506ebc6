package io.github.apimupgrade.core;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The upgrade lock's statements for the dialects that cannot run here (SQL Server, Oracle, DB2) are checked
 * on their text, split by Flyway's parser; PostgreSQL and MySQL run live in RunLockTest.
 */
class LockScriptsTest {
    private static final Map<String, String> VALUES = Map.of("runClass", "1", "workClass", "2", "waitSeconds", "0", "waitMillis", "0");

    private static String statement(Dialect dialect, String name) {
        String text = SqlResources.find("lock", dialect, name).orElseThrow(() -> new AssertionError(dialect + " has no lock/" + name));
        List<String> statements = StatementSplitter.split(dialect, SqlResources.fill(text, VALUES));
        assertEquals(1, statements.size(), dialect + " lock/" + name + ": " + statements);
        assertFalse(statements.get(0).contains("${"));
        return statements.get(0).replaceAll("(?m)^\\s*--.*\n", "").strip();
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"POSTGRESQL", "MYSQL", "MSSQL", "ORACLE"})
    void everyLockingDialectHasTheWholeSet(Dialect dialect) {
        for (String name : List.of("scope", "acquire", "release", "work-session", "work-free", "work-sessions")) {
            statement(dialect, name);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"MYSQL", "ORACLE"})
    void serverWideLockNamesCarryTheDatabase(Dialect dialect) {
        String where = dialect == Dialect.MYSQL ? "DATABASE()" : "SYS_CONTEXT('USERENV', 'CURRENT_SCHEMA')";
        for (String name : List.of("acquire", "release", "work-session", "work-free")) {
            assertTrue(statement(dialect, name).contains(where), dialect + " " + name + " does not name the database");
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"MSSQL", "ORACLE"})
    void workSessionsTakeASharedLockAndTheRunChecksItExclusively(Dialect dialect) {
        String shared = dialect == Dialect.MSSQL ? "@LockMode = 'Shared'" : "DBMS_LOCK.S_MODE";
        String exclusive = dialect == Dialect.MSSQL ? "@LockMode = 'Exclusive'" : "DBMS_LOCK.X_MODE";
        assertTrue(statement(dialect, "work-session").contains(shared));
        assertTrue(statement(dialect, "work-free").contains(exclusive));
        assertTrue(statement(dialect, "work-free").contains(dialect == Dialect.MSSQL ? "sp_releaseapplock" : "DBMS_LOCK.RELEASE"),
                "a free work lock must be released again at once");
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"ORACLE"})
    void plsqlBlocksKeepTheirEnd(Dialect dialect) {
        for (String name : List.of("acquire", "release", "work-session", "work-free")) {
            String sql = statement(dialect, name);
            assertTrue(sql.startsWith("DECLARE") && sql.endsWith("END;"), name + ": " + sql);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Dialect.class, names = {"DB2"})
    void db2OnlyNamesItsScope(Dialect dialect) {
        assertTrue(statement(dialect, "scope").contains("CURRENT SERVER"));
        assertTrue(SqlResources.find("lock", dialect, "acquire").isEmpty());
    }
}
