package io.github.apimupgrade.core.backup;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads big-endian numbers and byte runs from a stream through one large buffer, without the
 * per-call locking and virtual calls of a {@code DataInputStream} over a {@code BufferedInputStream}:
 * checking and loading dumps reads millions of small fields. The end of the stream inside a field
 * is an {@link EOFException}.
 */
final class ByteReader {
    private final InputStream in;
    private final byte[] buf;
    private int pos;
    private int limit;
    private long consumed;

    ByteReader(InputStream in, int bufferSize) {
        this.in = in;
        this.buf = new byte[bufferSize];
    }

    /** Makes at least n bytes (n at most the buffer size) available at pos; false if the stream ends before. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            consumed += pos;
            limit -= pos;
            pos = 0;
        }
        while (limit < n) {
            int r = in.read(buf, limit, buf.length - limit);
            if (r < 0) {
                return false;
            }
            limit += r;
        }
        return true;
    }

    private void need(int n) throws IOException {
        if (!fill(n)) {
            throw new EOFException();
        }
    }

    /** The next byte, or -1 at the end of the stream. */
    int read() throws IOException {
        if (pos == limit && !fill(1)) {
            return -1;
        }
        return buf[pos++] & 0xff;
    }

    byte readByte() throws IOException {
        need(1);
        return buf[pos++];
    }

    short readShort() throws IOException {
        need(2);
        short v = (short) ((buf[pos] & 0xff) << 8 | buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    int readInt() throws IOException {
        need(4);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | buf[pos + 3] & 0xff;
        pos += 4;
        return v;
    }

    long readLong() throws IOException {
        return (long) readInt() << 32 | readInt() & 0xffffffffL;
    }

    void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == limit && !fill(1)) {
                throw new EOFException();
            }
            int k = (int) Math.min(n, limit - pos);
            pos += k;
            n -= k;
        }
    }

    void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (pos == limit && !fill(1)) {
                throw new EOFException();
            }
            int k = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, b, off, k);
            pos += k;
            off += k;
            len -= k;
        }
    }

    /** When the n bytes fit in the buffer: makes them available and returns their offset in {@link #buffer()}; else -1. */
    int window(int n) throws IOException {
        if (n > buf.length) {
            return -1;
        }
        need(n);
        int at = pos;
        pos += n;
        return at;
    }

    byte[] buffer() {
        return buf;
    }

    /** Bytes consumed so far. */
    long position() {
        return consumed + pos;
    }
}
