package io.github.apimupgrade.core.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.util.Arrays;

/** The table dump formats of a set, told apart by their first bytes. */
final class DumpFormats {
    enum Format { PG_COPY, ROWS, RAW, UNKNOWN }

    private static final int PEEK = 11;

    private DumpFormats() {
    }

    /** The stream to read from after {@link #detect}: the peeked bytes are pushed back. */
    static PushbackInputStream peekable(InputStream in) {
        return new PushbackInputStream(in, PEEK);
    }

    static Format detect(PushbackInputStream in) throws IOException {
        byte[] head = in.readNBytes(PEEK);
        in.unread(head);
        if (startsWith(head, PgCopyFormat.SIGNATURE)) {
            return Format.PG_COPY;
        }
        if (startsWith(head, RowFormat.MAGIC)) {
            return Format.ROWS;
        }
        if (startsWith(head, RawRowFormat.MAGIC)) {
            return Format.RAW;
        }
        return Format.UNKNOWN;
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        return head.length >= magic.length && Arrays.equals(head, 0, magic.length, magic, 0, magic.length);
    }

    /** Counts the rows of a table dump of any format, checking its structure; reads it to the end. */
    static long count(InputStream source, String what) throws IOException {
        PushbackInputStream in = peekable(source);
        return switch (detect(in)) {
            case PG_COPY -> PgCopyFormat.count(in, what);
            case ROWS -> RowFormat.count(in, what);
            case RAW -> RawRowFormat.count(in, what);
            case UNKNOWN -> throw new IOException(what + " is not a table dump of this plugin (unknown header)");
        };
    }
}
