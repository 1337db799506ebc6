package io.github.apimupgrade.core.run;

import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.sql.StatementSplitter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * plan-&lt;database&gt;.sql is read back into the very statements the run sends: every script of every dialect (the
 * Oracle lock's PL/SQL blocks and the MSSQL analytics' batches included) is split, written with the plan's terminators,
 * and split again by Flyway's parser for that dialect (how MSSQL, Oracle and DB2 are checked without a server).
 */
class PlanFilesTest {

    @ParameterizedTest
    @EnumSource(Dialect.class)
    void everyStatementOfEveryScriptReadsBackFromThePlanFile(Dialect dialect) throws Exception {
        List<Path> scripts;
        try (Stream<Path> files = Files.walk(Path.of("sql"))) {
            scripts = files.filter(p -> p.getParent() != null && p.getParent().getFileName().toString().equals(dialect.folder()) && p.toString().endsWith(".sql"))
                    .sorted().toList();
        }
        assertTrue(scripts.size() >= 3, dialect + ": " + scripts);
        List<String> statements = new ArrayList<>();
        for (Path script : scripts) {
            statements.addAll(StatementSplitter.split(dialect, Files.readString(script).replaceAll("\\$\\{(\\w+)}", "X_$1")));
        }
        StringBuilder plan = new StringBuilder();
        statements.forEach(s -> plan.append("\n-- a step's header\n").append(PlanFiles.terminated(dialect, s)).append('\n'));
        List<String> readBack = StatementSplitter.split(dialect, plan.toString());
        assertEquals(strip(statements), strip(readBack), dialect + " plan file:\n" + plan);
    }

    private static List<String> strip(List<String> statements) {
        return statements.stream().map(s -> s.replaceAll("(?m)^\\s*--.*$", "").strip()).toList();
    }
}
