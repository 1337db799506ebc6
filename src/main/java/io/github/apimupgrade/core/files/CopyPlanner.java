package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides what copying one file means, given what the target holds now and what the last run wrote
 * there: copy, replace the 3.1.0 pack's file, nothing (same content), or a conflict when the target
 * was changed by hand after the last run wrote it. Reads only; {@link #apply} does the copy.
 */
public final class CopyPlanner {
    private final Path newHome;
    private final Function<String, Optional<String>> lastWritten;

    /** @param lastWritten the SHA-256 that the last run wrote at a target (relative to the new home) */
    public CopyPlanner(Path newHome, Function<String, Optional<String>> lastWritten) {
        this.newHome = newHome;
        this.lastWritten = lastWritten;
    }

    public String name(Path target) {
        return Checksums.relative(newHome, target);
    }

    public FileOp decide(Path source, Path target) {
        String name = name(target);
        if (!Files.exists(target)) {
            return new FileOp(FileOp.Kind.COPY, source, target, name, null);
        }
        if (!Files.isRegularFile(target)) {
            return new FileOp(FileOp.Kind.CONFLICT, source, target, name, "the target is not a regular file");
        }
        String src = Checksums.sha256(source);
        String dst = Checksums.sha256(target);
        if (src.equals(dst)) {
            return new FileOp(FileOp.Kind.SAME, source, target, name, null);
        }
        Optional<String> last = lastWritten.apply(name);
        if (last.isPresent()) {
            if (last.get().equals(dst)) {
                return new FileOp(FileOp.Kind.REPLACE, source, target, name, "the 3.0.0 file changed since the last run");
            }
            return new FileOp(FileOp.Kind.CONFLICT, source, target, name,
                    "changed in the new home since migrate-config wrote it; kept as it is");
        }
        return new FileOp(FileOp.Kind.REPLACE, source, target, name, "replaces the 3.1.0 pack's file");
    }

    /** Whether a run of migrate-config wrote this target before (its checksum is recorded). */
    public boolean wroteBefore(Path target) {
        return lastWritten.apply(name(target)).isPresent();
    }

    public FileOp skip(Path source, Path target, String reason) {
        return new FileOp(FileOp.Kind.SKIP, source, target, name(target), reason);
    }

    public FileOp review(Path source, Path target, String reason) {
        return new FileOp(FileOp.Kind.REVIEW, source, target, name(target), reason);
    }

    /** Copies a COPY or REPLACE operation through a temporary file; returns the SHA-256 written. */
    public static String apply(FileOp op) {
        if (!op.changes()) {
            throw new IllegalArgumentException(op.describe());
        }
        try {
            Files.createDirectories(op.target().getParent());
            Path tmp = op.target().resolveSibling(op.target().getFileName() + ".apim-tmp");
            Files.copy(op.source(), tmp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            Files.move(tmp, op.target(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            FaultInjector.afterFile();
        } catch (IOException e) {
            throw new ApimException("Cannot copy " + op.source() + " to " + op.target() + ": " + e.getMessage(), e);
        }
        return Checksums.sha256(op.target());
    }
}
