package io.github.apimupgrade.core.reindex;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.files.FileTrees;
import io.github.apimupgrade.core.settings.NodeRole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
            FileTrees.copy(from, to);
            FileTrees.delete(from);
        } catch (IOException e) {
            throw new ApimException("Cannot move " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
