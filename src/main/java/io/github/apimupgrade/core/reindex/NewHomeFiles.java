package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.settings.NodeRole;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.EnumSet;
import java.util.Set;

/** File helpers shared by the reindex steps. */
final class NewHomeFiles {
    /** Runbook 2.6.2/2.6.3: "on the Store and Publisher nodes" (and on an all-in-one node). */
    static final Set<NodeRole> INDEXING_ROLES = EnumSet.of(NodeRole.ALL_IN_ONE, NodeRole.PUBLISHER, NodeRole.DEVPORTAL);

    private NewHomeFiles() {
    }

    /** Moves a directory; across file systems it is copied and then deleted. */
    static void move(Path from, Path to) {
        try {
            Files.createDirectories(to.getParent());
            try {
                Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
                return;
            } catch (IOException crossDevice) {
                // fall through to copy + delete
            }
            Files.walkFileTree(from, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                    return FileVisitResult.CONTINUE;
                }
            });
            delete(from);
        } catch (IOException e) {
            throw new ApimException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    static void delete(Path dir) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                Files.delete(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
