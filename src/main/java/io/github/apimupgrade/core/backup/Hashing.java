package io.github.apimupgrade.core.backup;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;

/** SHA-256 helpers, streams that hash and count what passes through them, and the digest's JIT warm-up. */
final class Hashing {
    private static final AtomicBoolean WARMING = new AtomicBoolean();

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

    /**
     * Gets the JIT to compile SHA-256 with the CPU's SHA instructions before the first table is hashed.
     * <p>
     * HotSpot uses the hardware SHA-256 instructions only in code its optimising compiler (C2) produced; until C2
     * has compiled the digest, hashing runs in the interpreter or C1 code at about 40 MB/s instead of about 1 GB/s
     * (measured on the benchmark machine), and a backup of a few hundred MB spends seconds there: in the first
     * profiles of {@code apim:backup} and {@code apim:restore} SHA-256 was half of all samples. This hashes a
     * buffer on a daemon thread, while the goal is still connecting and reading catalogs, until a pass runs at
     * compiled speed (or for at most 1.5 s), once per JVM. It changes nothing but when the compilation happens.
     */
    static void warmUp() {
        if (!WARMING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            // C2 replaces the calls to the block functions by the SHA instructions inside their callers
            // (SHA2.implCompress, DigestBase.implCompressMultiBlock): many small updates make both of them hot.
            byte[] small = new byte[128];
            byte[] big = new byte[1 << 18];
            MessageDigest d = sha256();
            long deadline = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                for (int i = 0; i < 1000; i++) {
                    d.update(small);
                }
                long t0 = System.nanoTime();
                d.update(big);
                // 256 KB in less than 0.35 ms is more than 700 MB/s: the compiled digest with the SHA instructions.
                if (System.nanoTime() - t0 < 350_000) {
                    break;
                }
            }
            d.digest();
        }, "apim-sha-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
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
            byte[] buf = new byte[SetFiles.BUFFER];
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
