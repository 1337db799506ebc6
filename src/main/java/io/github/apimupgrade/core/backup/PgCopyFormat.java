package io.github.apimupgrade.core.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads PostgreSQL's binary COPY format far enough to count and check its rows, without a database. */
final class PgCopyFormat {
    static final byte[] SIGNATURE = "PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1);

    private PgCopyFormat() {
    }

    static long count(InputStream source, String what) throws IOException {
        ByteReader in = new ByteReader(source, SetFiles.BUFFER);
        long rows = 0;
        try {
            byte[] sig = new byte[SIGNATURE.length];
            in.readFully(sig, 0, sig.length);
            if (!Arrays.equals(sig, SIGNATURE)) {
                throw new IOException(what + " is not a PostgreSQL binary COPY dump (bad signature)");
            }
            in.readInt();
            int ext = in.readInt();
            if (ext < 0) {
                throw new IOException(what + " is damaged (header extension length " + ext + ")");
            }
            in.skip(ext);
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
                        in.skip(len);
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
