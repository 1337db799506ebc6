package io.github.apimupgrade.core.backup;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads PostgreSQL's binary COPY format far enough to count and check its rows, without a database. */
final class PgCopyFormat {
    private static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private PgCopyFormat() {
    }

    static long count(InputStream source, String what) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(source, 1 << 16));
        long rows = 0;
        try {
            byte[] sig = in.readNBytes(SIGNATURE.length);
            if (!Arrays.equals(sig, SIGNATURE)) {
                throw new IOException(what + " is not a PostgreSQL binary COPY dump (bad signature)");
            }
            in.readInt();
            in.skipNBytes(in.readInt());
            while (true) {
                short fields = in.readShort();
                if (fields == -1) {
                    if (in.read() != -1) {
                        throw new IOException(what + " is damaged: data after the end of the COPY stream");
                    }
                    return rows;
                }
                if (fields < 0) {
                    throw new IOException(what + " is damaged at row " + (rows + 1));
                }
                for (int i = 0; i < fields; i++) {
                    int len = in.readInt();
                    if (len > 0) {
                        in.skipNBytes(len);
                    } else if (len < -1) {
                        throw new IOException(what + " is damaged at row " + (rows + 1) + " (length " + len + ")");
                    }
                }
                rows++;
            }
        } catch (EOFException e) {
            throw new IOException(what + " is truncated: it ends after " + rows + " rows, without the COPY trailer");
        }
    }
}
