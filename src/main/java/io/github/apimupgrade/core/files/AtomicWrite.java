package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Writes a file whole or not at all: into a sibling first, then moved over the file in one step, so a kill
 * or a full disk leaves the previous file (state, report, configuration) as it was, never a truncated one.
 */
public final class AtomicWrite {
    private AtomicWrite() {
    }

    public static void text(Path file, String text) {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    public static void properties(Path file, Properties properties, String comment) {
        write(file, out -> properties.store(out, comment));
    }

    private static void write(Path file, Content content) {
        Path tmp = file.resolveSibling(file.getFileName() + ".apim-tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed already; that failure is the one to report
            }
            throw new ApimException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }
}
