package io.github.apimupgrade.core.backup;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin's own table dump for databases without a native bulk format reachable through JDBC
 * (H2, MySQL/MariaDB): a header with the column names and JDBC types, then one tagged record per
 * row, then an end marker with the row count, so a truncated dump is detected even before its
 * checksum is. Values are streamed: a BLOB or CLOB is copied in chunks, never held whole.
 */
final class RowFormat {
    static final byte[] MAGIC = "APIMROWS1\n".getBytes(StandardCharsets.US_ASCII);
    private static final int ROW = 1;
    private static final int END = 0;
    private static final int NULL = 0;
    private static final int LONG = 1;
    private static final int BOOL = 2;
    private static final int DOUBLE = 3;
    private static final int DECIMAL = 4;
    private static final int STRING = 5;
    private static final int CHUNKS = 6;
    private static final int CHUNK = 1 << 16;

    private RowFormat() {
    }

    /** A column as the dump records it. */
    record Column(String name, int jdbcType) {
        boolean binary() {
            return jdbcType == Types.BLOB || jdbcType == Types.BINARY || jdbcType == Types.VARBINARY
                    || jdbcType == Types.LONGVARBINARY;
        }

        boolean clob() {
            return jdbcType == Types.CLOB || jdbcType == Types.NCLOB || jdbcType == Types.LONGVARCHAR
                    || jdbcType == Types.LONGNVARCHAR;
        }
    }

    static List<Column> columns(ResultSetMetaData md) throws SQLException {
        List<Column> cols = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            cols.add(new Column(md.getColumnName(i), md.getColumnType(i)));
        }
        return cols;
    }

    /** Streams every row of the result set; returns the row count. */
    static long write(ResultSet rs, OutputStream target, Progress.Counter counter) throws SQLException, IOException {
        DataOutputStream out = new DataOutputStream(target);
        List<Column> cols = columns(rs.getMetaData());
        out.write(MAGIC);
        out.writeInt(cols.size());
        for (Column c : cols) {
            out.writeUTF(c.name());
            out.writeInt(c.jdbcType());
        }
        long rows = 0;
        byte[] buf = new byte[CHUNK];
        char[] cbuf = new char[CHUNK / 4];
        while (rs.next()) {
            out.writeByte(ROW);
            for (int i = 0; i < cols.size(); i++) {
                writeValue(rs, i + 1, cols.get(i), out, buf, cbuf);
            }
            rows++;
            if ((rows & 1023) == 0) {
                counter.rows(1024);
            }
        }
        counter.rows(rows & 1023);
        out.writeByte(END);
        out.writeLong(rows);
        out.flush();
        return rows;
    }

    private static void writeValue(ResultSet rs, int i, Column c, DataOutputStream out, byte[] buf, char[] cbuf)
            throws SQLException, IOException {
        switch (c.jdbcType()) {
            case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> {
                long v = rs.getLong(i);
                if (rs.wasNull()) {
                    out.writeByte(NULL);
                } else {
                    out.writeByte(LONG);
                    out.writeLong(v);
                }
            }
            case Types.BIT, Types.BOOLEAN -> {
                boolean v = rs.getBoolean(i);
                if (rs.wasNull()) {
                    out.writeByte(NULL);
                } else {
                    out.writeByte(BOOL);
                    out.writeBoolean(v);
                }
            }
            case Types.REAL, Types.FLOAT, Types.DOUBLE -> {
                double v = rs.getDouble(i);
                if (rs.wasNull()) {
                    out.writeByte(NULL);
                } else {
                    out.writeByte(DOUBLE);
                    out.writeDouble(v);
                }
            }
            case Types.DECIMAL, Types.NUMERIC -> {
                BigDecimal v = rs.getBigDecimal(i);
                if (v == null) {
                    out.writeByte(NULL);
                } else {
                    out.writeByte(DECIMAL);
                    writeBytes(out, v.toString().getBytes(StandardCharsets.US_ASCII));
                }
            }
            default -> {
                if (c.binary()) {
                    try (InputStream in = rs.getBinaryStream(i)) {
                        if (in == null) {
                            out.writeByte(NULL);
                        } else {
                            out.writeByte(CHUNKS);
                            int n;
                            while ((n = in.readNBytes(buf, 0, buf.length)) > 0) {
                                out.writeInt(n);
                                out.write(buf, 0, n);
                            }
                            out.writeInt(0);
                        }
                    }
                } else if (c.clob()) {
                    try (Reader r = rs.getCharacterStream(i)) {
                        if (r == null) {
                            out.writeByte(NULL);
                        } else {
                            out.writeByte(CHUNKS);
                            int n;
                            while ((n = r.read(cbuf)) > 0) {
                                byte[] b = new String(cbuf, 0, n).getBytes(StandardCharsets.UTF_8);
                                out.writeInt(b.length);
                                out.write(b);
                            }
                            out.writeInt(0);
                        }
                    }
                } else {
                    // Character, date and time values as the database prints them: exact and time-zone free.
                    String v = rs.getString(i);
                    if (v == null) {
                        out.writeByte(NULL);
                    } else {
                        out.writeByte(STRING);
                        writeBytes(out, v.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    /** Reads a dump one row at a time. */
    static final class RowInput implements AutoCloseable {
        private final DataInputStream in;
        private final String what;
        final List<Column> columns = new ArrayList<>();
        private long rows;
        private boolean ended;

        RowInput(InputStream source, String what) throws IOException {
            this.in = new DataInputStream(source);
            this.what = what;
            try {
                byte[] magic = in.readNBytes(MAGIC.length);
                if (!java.util.Arrays.equals(magic, MAGIC)) {
                    throw new IOException(what + " is not a table dump of this plugin (bad header)");
                }
                int n = in.readInt();
                for (int i = 0; i < n; i++) {
                    columns.add(new Column(in.readUTF(), in.readInt()));
                }
            } catch (EOFException e) {
                throw new IOException(what + " is truncated (it ends inside its header)");
            }
        }

        /** Reads the next row into values (Long, Boolean, Double, BigDecimal, String, byte[]); false at the end. */
        boolean next(Object[] values) throws IOException {
            if (ended) {
                return false;
            }
            try {
                int marker = in.readByte();
                if (marker == END) {
                    long declared = in.readLong();
                    if (declared != rows) {
                        throw new IOException(what + " is damaged: it holds " + rows + " rows but its end marker says " + declared);
                    }
                    ended = true;
                    return false;
                }
                if (marker != ROW) {
                    throw new IOException(what + " is damaged at row " + (rows + 1) + " (unexpected byte " + marker + ")");
                }
                for (int i = 0; i < columns.size(); i++) {
                    values[i] = readValue(i);
                }
                rows++;
                return true;
            } catch (EOFException e) {
                throw new IOException(what + " is truncated: it ends after " + rows + " rows, without its end marker");
            }
        }

        private Object readValue(int i) throws IOException {
            int tag = in.readByte();
            return switch (tag) {
                case NULL -> null;
                case LONG -> in.readLong();
                case BOOL -> in.readBoolean();
                case DOUBLE -> in.readDouble();
                case DECIMAL -> new BigDecimal(new String(readBytes(), StandardCharsets.US_ASCII));
                case STRING -> new String(readBytes(), StandardCharsets.UTF_8);
                case CHUNKS -> {
                    ByteArrayOutputStream b = new ByteArrayOutputStream();
                    int n;
                    while ((n = in.readInt()) > 0) {
                        if (n > CHUNK * 4) {
                            throw new IOException(what + " is damaged at row " + (rows + 1) + " (chunk of " + n + " bytes)");
                        }
                        b.write(in.readNBytes(n));
                    }
                    yield columns.get(i).clob() ? new String(b.toByteArray(), StandardCharsets.UTF_8) : b.toByteArray();
                }
                default -> throw new IOException(what + " is damaged at row " + (rows + 1) + " (unknown value tag " + tag + ")");
            };
        }

        private byte[] readBytes() throws IOException {
            int n = in.readInt();
            if (n < 0 || n > 1 << 30) {
                throw new IOException(what + " is damaged at row " + (rows + 1) + " (length " + n + ")");
            }
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new EOFException();
            }
            return b;
        }

        long rows() {
            return rows;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** Binds one value read from a dump to a statement parameter. */
    static void bind(PreparedStatement ps, int index, Object v, Column c) throws SQLException {
        if (v == null) {
            ps.setNull(index, c.jdbcType());
        } else if (v instanceof Long l) {
            ps.setLong(index, l);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(index, b);
        } else if (v instanceof Double d) {
            ps.setDouble(index, d);
        } else if (v instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (v instanceof byte[] b) {
            ps.setBytes(index, b);
        } else {
            ps.setString(index, (String) v);
        }
    }

    /** Counts the rows of a dump, checking its structure; reads it to the end. */
    static long count(InputStream in, String what) throws IOException {
        // Not closed here: the caller owns the stream (and may still hash what is left of it).
        RowInput r = new RowInput(in, what);
        Object[] values = new Object[r.columns.size()];
        while (r.next(values)) {
            // counting
        }
        return r.rows();
    }

    /** The approximate size of a row, for batching by bytes. */
    static long size(Object[] values) {
        long n = 0;
        for (Object v : values) {
            if (v instanceof byte[] b) {
                n += b.length;
            } else if (v instanceof String s) {
                n += s.length() * 2L;
            } else {
                n += 16;
            }
        }
        return n;
    }
}
