package io.github.apimupgrade.core.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Writing and reading the files of a set: hashed as stored, in one pass, optionally gzipped (fastest level). */
final class SetFiles {
    static final String GZ = ".gz";
    /** Write and read unit: big enough that the digest and the system calls see few, large pieces. */
    static final int BUFFER = 1 << 17;

    private SetFiles() {
    }

    /**
     * A file being written into the set; {@link #finish()} closes it and gives its manifest entry. Bytes are
     * gathered in one buffer that is hashed and written to the file when full, so a dump passes through
     * memory once: no chain of stream layers, no second read to hash it.
     */
    static final class Sink implements AutoCloseable {
        private final String relative;
        private final Raw raw;
        private final OutputStream top;
        private boolean finished;

        Sink(Path setDir, String relative, boolean compress, LongConsumer progressBytes) throws IOException {
            this.relative = relative;
            Path file = setDir.resolve(relative);
            Files.createDirectories(file.getParent());
            raw = new Raw(FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), progressBytes);
            top = compress ? new BufferedOutputStream(new FastGzip(raw), 1 << 16) : raw;
        }

        /** The stream to write the file's content to (buffered: small writes are cheap). */
        OutputStream stream() {
            return top;
        }

        Manifest.Entry finish() throws IOException {
            top.close();
            finished = true;
            return new Manifest.Entry(relative, raw.count, Hashing.hex(raw.digest));
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                top.close();
            }
        }
    }

    /** The buffer in front of the file: hashes and writes whole buffers. */
    private static final class Raw extends OutputStream {
        private final FileChannel channel;
        private final LongConsumer progress;
        private final MessageDigest digest = Hashing.sha256();
        private final byte[] buf = new byte[BUFFER];
        private int pos;
        private long count;
        private boolean closed;

        Raw(FileChannel channel, LongConsumer progress) {
            this.channel = channel;
            this.progress = progress;
        }

        @Override
        public void write(int b) throws IOException {
            if (pos == buf.length) {
                drain();
            }
            buf[pos++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                if (pos == buf.length) {
                    drain();
                }
                int n = Math.min(len, buf.length - pos);
                System.arraycopy(b, off, buf, pos, n);
                pos += n;
                off += n;
                len -= n;
            }
        }

        private void drain() throws IOException {
            if (pos == 0) {
                return;
            }
            digest.update(buf, 0, pos);
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, pos);
            while (bb.hasRemaining()) {
                channel.write(bb);
            }
            count += pos;
            if (progress != null) {
                progress.accept(pos);
            }
            pos = 0;
        }

        @Override
        public void flush() {
            // Whole buffers only: the file is complete when the sink is finished.
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                drain();
            } finally {
                channel.close();
            }
        }
    }

    /** Opens a file of the set for reading, un-gzipping it when its name ends with .gz. */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 18);
        return file.getFileName().toString().endsWith(GZ) ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }
}
