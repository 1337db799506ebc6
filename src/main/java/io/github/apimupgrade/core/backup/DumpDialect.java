package io.github.apimupgrade.core.backup;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.settings.ConfigurationException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How one dialect's schema and rows are written to a set and loaded back: the schema as three
 * phases of statements (tables before the rows; keys and indexes after them, which is faster;
 * foreign keys and sequence positions last), each table's rows as one dump file.
 */
abstract class DumpDialect {
    /** A table as the catalog stores its name, quoted for SQL, and the catalog's size estimates. */
    record TableInfo(String name, String quoted, long estimatedRows, long estimatedBytes) {
    }

    /** The schema's statements, in the order restore runs them. */
    record Schema(List<String> tables, List<String> indexes, List<String> last) {
        private static final String END = "\n;\n";

        void write(OutputStream out) throws IOException {
            StringBuilder sb = new StringBuilder();
            phase(sb, "tables", tables);
            phase(sb, "indexes", indexes);
            phase(sb, "last", last);
            out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        }

        private static void phase(StringBuilder sb, String name, List<String> statements) {
            sb.append("-- apim:phase ").append(name).append('\n');
            statements.forEach(s -> sb.append(s.strip()).append(END));
        }

        static Schema read(Path file) throws IOException {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            List<List<String>> phases = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
            int current = -1;
            for (String chunk : text.split(END, -1)) {
                String s = chunk;
                while (s.startsWith("-- apim:phase ")) {
                    int nl = s.indexOf('\n');
                    String name = (nl < 0 ? s : s.substring(0, nl)).substring("-- apim:phase ".length()).strip();
                    current = switch (name) {
                        case "tables" -> 0;
                        case "indexes" -> 1;
                        case "last" -> 2;
                        default -> throw new IOException("unknown phase '" + name + "' in " + file.getFileName());
                    };
                    s = nl < 0 ? "" : s.substring(nl + 1);
                }
                if (!s.isBlank()) {
                    if (current < 0) {
                        throw new IOException(file.getFileName() + " has a statement before its first phase");
                    }
                    phases.get(current).add(s.strip());
                }
            }
            return new Schema(phases.get(0), phases.get(1), phases.get(2));
        }
    }

    static DumpDialect of(Dialect dialect) {
        return switch (dialect) {
            case POSTGRESQL -> new PostgresDump();
            case MYSQL -> new MysqlDump();
            case H2 -> new H2Dump();
            default -> throw new ConfigurationException("apim:backup does not support " + dialect.displayName()
                    + " yet (H2, MySQL/MariaDB and PostgreSQL are supported): back this database up with its native tools.");
        };
    }

    abstract List<TableInfo> tables(Connection c) throws SQLException;

    abstract Schema schema(Connection c, List<TableInfo> tables, UpgradeLog log) throws SQLException;

    /** The size the database reports for its data, for the free-space check; 0 when unknown. */
    long sizeEstimate(Connection c, List<TableInfo> tables) throws SQLException {
        return tables.stream().mapToLong(TableInfo::estimatedBytes).sum();
    }

    /** The dump file's extension: {@code copy} (PostgreSQL binary COPY) or {@code rows} ({@link RowFormat}). */
    abstract String extension();

    /** Starts the read transaction a dumping connection works in. */
    void beginDump(Connection c) throws SQLException {
    }

    abstract long dump(Connection c, TableInfo table, OutputStream out, Progress.Counter counter) throws SQLException, IOException;

    /** Puts back the session settings that {@link #beginDump} or {@link #beginLoad} changed, before the connection returns to the pool. */
    void end(Connection c) throws SQLException {
    }

    /** Session settings for loading (foreign key checks off and the like). */
    void beginLoad(Connection c) throws SQLException {
    }

    abstract long load(Connection c, String quotedTable, InputStream in, String what, Progress.Counter counter)
            throws SQLException, IOException;

    /** Tables (and other objects) already in the target; empty means restore may write. */
    abstract List<String> existing(Connection c) throws SQLException;

    abstract void dropAll(Connection c) throws SQLException;

    abstract String quote(String name);

    static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Loads a {@link RowFormat} dump with batched prepared INSERTs of {@code rowsPerStatement} rows each. */
    static long loadRows(Connection c, String quotedTable, InputStream in, String what, Progress.Counter counter,
                         java.util.function.UnaryOperator<String> quote, int maxRowsPerStatement, long maxBytesPerStatement)
            throws SQLException, IOException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (RowFormat.RowInput r = new RowFormat.RowInput(in, what)) {
            List<RowFormat.Column> cols = r.columns;
            int n = cols.size();
            int perStatement = Math.max(1, Math.min(maxRowsPerStatement, 30_000 / Math.max(1, n)));
            String head = "INSERT INTO " + quotedTable + " (" + String.join(", ", cols.stream().map(col -> quote.apply(col.name())).toList())
                    + ") VALUES ";
            String tuple = "(" + String.join(", ", java.util.Collections.nCopies(n, "?")) + ")";
            List<Object[]> pending = new ArrayList<>();
            long pendingBytes = 0;
            long rows = 0;
            PreparedStatement full = null;
            try {
                Object[] values = new Object[n];
                while (r.next(values)) {
                    pending.add(values);
                    pendingBytes += RowFormat.size(values);
                    values = new Object[n];
                    if (pending.size() == perStatement || pendingBytes >= maxBytesPerStatement) {
                        if (pending.size() == perStatement) {
                            if (full == null) {
                                full = c.prepareStatement(head + String.join(", ", java.util.Collections.nCopies(perStatement, tuple)));
                            }
                            insert(full, pending, cols);
                        } else {
                            try (PreparedStatement ps = c.prepareStatement(head
                                    + String.join(", ", java.util.Collections.nCopies(pending.size(), tuple)))) {
                                insert(ps, pending, cols);
                            }
                        }
                        rows += pending.size();
                        counter.rows(pending.size());
                        pending.clear();
                        pendingBytes = 0;
                        if (rows % 50_000 < perStatement) {
                            c.commit();
                        }
                    }
                }
                if (!pending.isEmpty()) {
                    try (PreparedStatement ps = c.prepareStatement(head
                            + String.join(", ", java.util.Collections.nCopies(pending.size(), tuple)))) {
                        insert(ps, pending, cols);
                    }
                    rows += pending.size();
                    counter.rows(pending.size());
                }
                c.commit();
                return rows;
            } finally {
                if (full != null) {
                    full.close();
                }
            }
        } catch (SQLException | IOException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    private static void insert(PreparedStatement ps, List<Object[]> rows, List<RowFormat.Column> cols) throws SQLException {
        int p = 1;
        for (Object[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                RowFormat.bind(ps, p++, row[i], cols.get(i));
            }
        }
        ps.executeUpdate();
    }
}
