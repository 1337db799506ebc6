package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.ApimException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the lines a server appends to a log file, from a given offset on (the file's size before
 * the start, so that an earlier run's lines are not read again). A file that does not exist yet is
 * waited for; a file that shrinks (rotated or truncated) is read again from its start.
 */
public final class LogFollower {
    private final Path file;
    private long position;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    public LogFollower(Path file, long offset) {
        this.file = file;
        this.position = offset;
    }

    /** Follows {@code file} from its current end. */
    public static LogFollower fromEnd(Path file) {
        try {
            return new LogFollower(file, Files.isRegularFile(file) ? Files.size(file) : 0);
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public Path file() {
        return file;
    }

    /** The complete lines appended since the last call. */
    public List<String> poll() {
        List<String> lines = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return lines;
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            if (in.length() < position) {
                position = 0;
                partial.reset();
            }
            in.seek(position);
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                position += n;
                for (int i = 0; i < n; i++) {
                    if (buffer[i] == '\n') {
                        String line = partial.toString(StandardCharsets.UTF_8);
                        lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                        partial.reset();
                    } else {
                        partial.write(buffer[i]);
                    }
                }
            }
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        return lines;
    }
}
