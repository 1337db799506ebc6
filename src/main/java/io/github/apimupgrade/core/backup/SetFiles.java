package io.github.apimupgrade.core.backup;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** Writing and reading the files of a set: hashed as stored, optionally gzipped (fastest level). */
final class SetFiles {
    static final String GZ = ".gz";

    private SetFiles() {
    }

    /** A file being written into the set; {@link #finish()} closes it and gives its manifest entry. */
    static final class Sink implements AutoCloseable {
        private final Path setDir;
        private final String relative;
        private final Hashing.HashingOutputStream hashing;
        private final OutputStream top;
        private boolean finished;

        Sink(Path setDir, String relative, boolean compress, LongConsumer progressBytes) throws IOException {
            this.setDir = setDir;
            this.relative = relative;
            Path file = setDir.resolve(relative);
            Files.createDirectories(file.getParent());
            hashing = new Hashing.HashingOutputStream(Files.newOutputStream(file));
            OutputStream s = compress ? new FastGzip(hashing) : hashing;
            if (progressBytes != null) {
                s = new Counting(s, progressBytes);
            }
            top = new BufferedOutputStream(s, 1 << 18);
        }

        OutputStream stream() {
            return top;
        }

        Manifest.Entry finish() throws IOException {
            top.close();
            finished = true;
            return new Manifest.Entry(relative, hashing.count(), hashing.hex());
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                top.close();
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

    private static final class Counting extends FilterOutputStream {
        private final LongConsumer sink;

        Counting(OutputStream out, LongConsumer sink) {
            super(out);
            this.sink = sink;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sink.accept(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sink.accept(len);
        }
    }
}
