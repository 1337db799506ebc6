package io.github.apimupgrade.core.db;

import io.github.apimupgrade.core.sql.SqlResources;
import io.github.apimupgrade.core.sql.StatementSplitter;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The statements of the upgrade lock ({@code sql/lock/<dialect>/<name>.sql}), one per file, split by
 * Flyway's parser like every other script. A statement answers with one value: the first column of its
 * result, or its one {@code ?} out parameter (Oracle's PL/SQL blocks).
 */
final class LockSql {
    static final String PATH = "lock";

    private LockSql() {
    }

    static Optional<String> statement(Dialect dialect, String name, Map<String, String> placeholders) {
        return SqlResources.find(PATH, dialect, name).map(text -> {
            List<String> statements = StatementSplitter.split(dialect, SqlResources.fill(text, placeholders));
            if (statements.size() != 1) {
                throw new IllegalStateException(SqlResources.resourceName(PATH, dialect, name) + " must hold one statement, not "
                        + statements.size());
            }
            return StatementSplitter.withoutComments(statements.get(0));
        });
    }

    /** The one value a lock statement answers with, as text (null when it gave none). */
    static String value(Connection c, String sql) throws SQLException {
        if (sql.contains("?")) {
            try (CallableStatement cs = c.prepareCall(sql)) {
                cs.registerOutParameter(1, Types.VARCHAR);
                cs.execute();
                return cs.getString(1);
            }
        }
        try (Statement s = c.createStatement()) {
            boolean isResult = s.execute(sql);
            while (true) {
                if (isResult) {
                    try (ResultSet rs = s.getResultSet()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
                if (s.getUpdateCount() == -1) {
                    return null;
                }
                isResult = s.getMoreResults();
            }
        }
    }

    /** Whether a lock statement answered yes (true, 1). */
    static boolean yes(Connection c, String sql) throws SQLException {
        String v = value(c, sql);
        return v != null && (v.equals("1") || v.equalsIgnoreCase("t") || v.equalsIgnoreCase("true"));
    }

    /** Every row of a lock query, each row's first three columns as text. */
    static List<String[]> rows(Connection c, String sql) throws SQLException {
        List<String[]> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
            }
        }
        return out;
    }
}
