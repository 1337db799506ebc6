package io.github.apimupgrade.core.backup;

import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The MySQL/MariaDB table dump: every value exactly as the server prints it (the bytes of its text
 * protocol, in utf8mb4), or, for binary columns, its raw bytes. Nothing is decoded to Java values
 * and encoded again on the way: in the first profiles, parsing each DATETIME into a
 * {@code LocalDateTime} and printing it back was a quarter of the backup's CPU time. The values are
 * what {@code mysqldump} writes, so they load back with the same meaning.
 * <p>
 * Layout: {@code APIMRAW1\n}, the column count, per column its name, kind and SQL type; then per row
 * a {@code 1} byte and per value a length ({@code -1} for NULL) and that many bytes; then a {@code 0}
 * byte and the row count, so that a truncated dump is detected even before its checksum is.
 */
final class RawRowFormat {
    static final byte[] MAGIC = "APIMRAW1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int ROW = 1;
    private static final int END = 0;

    /** How a column's values are printed and loaded back. */
    enum Kind {
        /** Text, dates and times, ENUM, SET, JSON: utf8mb4 text, loaded as a quoted string. */
        TEXT,
        /** Integers, DECIMAL, FLOAT, DOUBLE, YEAR: the digits, loaded as a number literal. */
        NUMBER,
        /** BINARY, VARBINARY, BLOBs, spatial types: the raw bytes, loaded as a hex literal. */
        BINARY,
        /** BIT(n): the raw bytes (big-endian), loaded as the unsigned number they are. */
        BIT
    }

    /** A column: its name, kind, and its type as information_schema names it. */
    record Column(String name, Kind kind, String type) {
    }

    private RawRowFormat() {
    }

    /** The kind of a MySQL/MariaDB column, from information_schema.COLUMNS.DATA_TYPE. */
    static Kind kindOf(String dataType) {
        return switch (dataType.toLowerCase(java.util.Locale.ROOT)) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint", "decimal", "numeric", "float", "double",
                 "real", "year" -> Kind.NUMBER;
            case "bit" -> Kind.BIT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob", "geometry", "point", "linestring",
                 "polygon", "multipoint", "multilinestring", "multipolygon", "geometrycollection", "geomcollection" -> Kind.BINARY;
            default -> Kind.TEXT;
        };
    }

    /** Streams every row of the result set (its columns in the order of cols); returns the row count. */
    static long write(ResultSet rs, List<Column> cols, OutputStream target, Progress.Counter counter) throws SQLException, IOException {
        DataOutputStream header = new DataOutputStream(target);
        header.write(MAGIC);
        header.writeInt(cols.size());
        for (Column c : cols) {
            writeText(header, c.name());
            header.writeByte(c.kind().ordinal());
            writeText(header, c.type());
        }
        header.flush();
        int n = cols.size();
        byte[] buf = new byte[1 << 16];
        int pos = 0;
        long rows = 0;
        while (rs.next()) {
            if (pos == buf.length) {
                target.write(buf, 0, pos);
                pos = 0;
            }
            buf[pos++] = ROW;
            for (int i = 1; i <= n; i++) {
                byte[] v = rs.getBytes(i);
                if (buf.length - pos < 4) {
                    target.write(buf, 0, pos);
                    pos = 0;
                }
                int len = v == null ? -1 : v.length;
                buf[pos] = (byte) (len >>> 24);
                buf[pos + 1] = (byte) (len >>> 16);
                buf[pos + 2] = (byte) (len >>> 8);
                buf[pos + 3] = (byte) len;
                pos += 4;
                if (len > 0) {
                    if (len > buf.length - pos) {
                        target.write(buf, 0, pos);
                        pos = 0;
                        if (len > buf.length) {
                            target.write(v);
                            continue;
                        }
                    }
                    System.arraycopy(v, 0, buf, pos, len);
                    pos += len;
                }
            }
            rows++;
            if ((rows & 1023) == 0) {
                counter.rows(1024);
            }
        }
        counter.rows(rows & 1023);
        if (buf.length - pos < 9) {
            target.write(buf, 0, pos);
            pos = 0;
        }
        buf[pos++] = END;
        for (int s = 56; s >= 0; s -= 8) {
            buf[pos++] = (byte) (rows >>> s);
        }
        target.write(buf, 0, pos);
        target.flush();
        return rows;
    }

    private static void writeText(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads a dump row by row, checking its framing; a damaged or truncated dump is an IOException naming it. */
    static final class Reader {
        private final ByteReader in;
        private final String what;
        final List<Column> columns = new ArrayList<>();
        private long rows;
        private boolean ended;
        private byte[] big = new byte[0];

        Reader(InputStream source, String what) throws IOException {
            this.in = new ByteReader(source, SetFiles.BUFFER);
            this.what = what;
            try {
                byte[] magic = new byte[MAGIC.length];
                in.readFully(magic, 0, magic.length);
                if (!Arrays.equals(magic, MAGIC)) {
                    throw new IOException(what + " is not a MySQL table dump of this plugin (bad header)");
                }
                int n = in.readInt();
                if (n <= 0 || n > 10_000) {
                    throw new IOException(what + " is damaged (" + n + " columns)");
                }
                Kind[] kinds = Kind.values();
                for (int i = 0; i < n; i++) {
                    String name = utf();
                    int k = in.readByte();
                    if (k < 0 || k >= kinds.length) {
                        throw new IOException(what + " is damaged (column kind " + k + ")");
                    }
                    columns.add(new Column(name, kinds[k], utf()));
                }
            } catch (EOFException e) {
                throw new IOException(what + " is truncated (it ends inside its header)");
            }
        }

        private String utf() throws IOException {
            int len = in.readInt();
            if (len < 0 || len > 1 << 16) {
                throw new IOException(what + " is damaged (header text of " + len + " bytes)");
            }
            byte[] b = new byte[len];
            in.readFully(b, 0, len);
            return new String(b, StandardCharsets.UTF_8);
        }

        /** Reads the row marker; false (after checking the row count) at the end. */
        private boolean startRow() throws IOException {
            if (ended) {
                return false;
            }
            int marker = in.readByte();
            if (marker == END) {
                long declared = in.readLong();
                if (declared != rows) {
                    throw new IOException(what + " is damaged: it holds " + rows + " rows but its end marker says " + declared);
                }
                if (in.read() != -1) {
                    throw new IOException(what + " is damaged: data after its end marker");
                }
                ended = true;
                return false;
            }
            if (marker != ROW) {
                throw new IOException(what + " is damaged at row " + (rows + 1) + " (unexpected byte " + marker + ")");
            }
            return true;
        }

        private int length() throws IOException {
            int len = in.readInt();
            if (len < -1) {
                throw new IOException(what + " is damaged at row " + (rows + 1) + " (length " + len + ")");
            }
            return len;
        }

        /** Skips one row; false at the end. */
        boolean skipRow() throws IOException {
            try {
                if (!startRow()) {
                    return false;
                }
                for (int i = 0; i < columns.size(); i++) {
                    int len = length();
                    if (len > 0) {
                        in.skip(len);
                    }
                }
                rows++;
                return true;
            } catch (EOFException e) {
                throw truncated();
            }
        }

        /**
         * Appends the next row as a MySQL row constructor, {@code (v1, v2, ...)}, to sql; false at the end.
         * The session must not have NO_BACKSLASH_ESCAPES (loading sets its own sql_mode).
         */
        boolean appendRow(StringBuilder sql) throws IOException {
            try {
                if (!startRow()) {
                    return false;
                }
                sql.append('(');
                for (int i = 0; i < columns.size(); i++) {
                    if (i > 0) {
                        sql.append(',');
                    }
                    int len = length();
                    if (len < 0) {
                        sql.append("NULL");
                        continue;
                    }
                    byte[] b;
                    int off = in.window(len);
                    if (off >= 0) {
                        b = in.buffer();
                    } else {
                        if (big.length < len) {
                            big = new byte[len];
                        }
                        in.readFully(big, 0, len);
                        b = big;
                        off = 0;
                    }
                    switch (columns.get(i).kind()) {
                        case TEXT -> text(sql, b, off, len);
                        case NUMBER -> number(sql, b, off, len, i);
                        case BINARY -> hex(sql, b, off, len);
                        case BIT -> sql.append(new BigInteger(1, Arrays.copyOfRange(b, off, off + len)));
                    }
                }
                sql.append(')');
                rows++;
                return true;
            } catch (EOFException e) {
                throw truncated();
            }
        }

        private IOException truncated() {
            return new IOException(what + " is truncated: it ends after " + rows + " rows, without its end marker");
        }

        private void number(StringBuilder sql, byte[] b, int off, int len, int column) throws IOException {
            if (len == 0) {
                throw new IOException(what + " is damaged at row " + (rows + 1) + ": empty number in column " + columns.get(column).name());
            }
            for (int i = off; i < off + len; i++) {
                byte c = b[i];
                if (!(c >= '0' && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E')) {
                    throw new IOException(what + " is damaged at row " + (rows + 1) + ": '" + new String(b, off, len, StandardCharsets.UTF_8)
                            + "' in column " + columns.get(column).name() + " is not a number");
                }
                sql.append((char) c);
            }
        }

        private static final char[] HEX = "0123456789ABCDEF".toCharArray();

        private static void hex(StringBuilder sql, byte[] b, int off, int len) {
            sql.append("X'");
            for (int i = off; i < off + len; i++) {
                sql.append(HEX[(b[i] >> 4) & 0xf]).append(HEX[b[i] & 0xf]);
            }
            sql.append('\'');
        }

        private static void text(StringBuilder sql, byte[] b, int off, int len) {
            sql.append('\'');
            int end = off + len;
            for (int i = off; i < end; i++) {
                byte c = b[i];
                if (c < 0) {
                    // Not ASCII: decode the rest as UTF-8 and escape it char by char.
                    String rest = new String(b, i, end - i, StandardCharsets.UTF_8);
                    for (int j = 0; j < rest.length(); j++) {
                        escape(sql, rest.charAt(j));
                    }
                    break;
                }
                escape(sql, (char) c);
            }
            sql.append('\'');
        }

        private static void escape(StringBuilder sql, char c) {
            switch (c) {
                case '\'' -> sql.append("\\'");
                case '\\' -> sql.append("\\\\");
                case 0 -> sql.append("\\0");
                case '\n' -> sql.append("\\n");
                case '\r' -> sql.append("\\r");
                case 26 -> sql.append("\\Z");
                default -> sql.append(c);
            }
        }

        long rows() {
            return rows;
        }
    }

    /** Counts the rows of a dump, checking its structure; reads it to the end. */
    static long count(InputStream in, String what) throws IOException {
        Reader r = new Reader(in, what);
        while (r.skipRow()) {
            // counting
        }
        return r.rows();
    }
}
