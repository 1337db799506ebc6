package io.github.apimupgrade.core.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 helpers, and an output stream that hashes and counts what passes through it. */
final class Hashing {
    private Hashing() {
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    static String hex(MessageDigest d) {
        return HexFormat.of().formatHex(d.digest());
    }

    /** Hashes and counts every byte written; the file's digest is known when the stream is closed. */
    static final class HashingOutputStream extends FilterOutputStream {
        private final MessageDigest digest = sha256();
        private long count;

        HashingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            digest.update((byte) b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            digest.update(b, off, len);
            count += len;
        }

        long count() {
            return count;
        }

        String hex() {
            return Hashing.hex(digest);
        }
    }

    /** Hashes and counts every byte read. */
    static final class HashingInputStream extends InputStream {
        private final InputStream in;
        private final MessageDigest digest = sha256();
        private long count;

        HashingInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                digest.update((byte) b);
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
                count += n;
            }
            return n;
        }

        /** Reads to the end (hashing the rest) and returns the digest. */
        String finish() throws IOException {
            byte[] buf = new byte[1 << 16];
            while (read(buf, 0, buf.length) >= 0) {
                // drain
            }
            return Hashing.hex(digest);
        }

        long count() {
            return count;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
