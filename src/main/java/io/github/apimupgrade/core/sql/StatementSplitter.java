package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Dialect;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.Configuration;
import org.flywaydb.core.internal.database.DatabaseType;
import org.flywaydb.core.internal.database.DatabaseTypeRegister;
import org.flywaydb.core.internal.parser.Parser;
import org.flywaydb.core.internal.parser.ParsingContext;
import org.flywaydb.core.internal.resource.NoopResourceProvider;
import org.flywaydb.core.internal.resource.StringResource;
import org.flywaydb.core.internal.sqlscript.SqlStatement;
import org.flywaydb.core.internal.sqlscript.SqlStatementIterator;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a script into statements with Flyway's parser for the dialect: {@code GO} batches on
 * SQL Server, {@code /} after PL/SQL blocks on Oracle, {@code --#SET TERMINATOR} on DB2, quoting and
 * comments everywhere. The plugin never splits SQL by itself.
 */
public final class StatementSplitter {
    private static final Map<Dialect, String> SAMPLE_URLS = new EnumMap<>(Map.of(
            Dialect.H2, "jdbc:h2:mem:apim",
            Dialect.MYSQL, "jdbc:mysql://localhost/apim",
            Dialect.POSTGRESQL, "jdbc:postgresql://localhost/apim",
            Dialect.MSSQL, "jdbc:sqlserver://localhost;databaseName=apim",
            Dialect.ORACLE, "jdbc:oracle:thin:@localhost:1521/apim",
            Dialect.DB2, "jdbc:db2://localhost:50000/apim"));

    private StatementSplitter() {
    }

    /** The script's statements, each without its leading comment lines: as they are run and shown in plans. */
    public static List<String> splitWithoutComments(Dialect dialect, String script) {
        return split(dialect, script).stream().map(StatementSplitter::withoutComments).toList();
    }

    /** A statement without its whole-line comments. */
    public static String withoutComments(String statement) {
        return statement.replaceAll("(?m)^\\s*--.*\\n", "").strip();
    }

    public static List<String> split(Dialect dialect, String script) {
        Configuration config = Flyway.configure(StatementSplitter.class.getClassLoader());
        DatabaseType type = DatabaseTypeRegister.getDatabaseTypesForUrl(SAMPLE_URLS.get(dialect), config).stream()
                .filter(DatabaseType.class::isInstance).map(DatabaseType.class::cast).findFirst()
                .orElseThrow(() -> new ApimException("Flyway has no parser for " + dialect.displayName()));
        Parser parser = type.createParser(config, NoopResourceProvider.INSTANCE, new ParsingContext());
        List<String> out = new ArrayList<>();
        try (SqlStatementIterator it = parser.parse(new StringResource(script))) {
            while (it.hasNext()) {
                SqlStatement statement = it.next();
                out.add(statement.getSql().strip());
            }
        }
        return out;
    }
}
