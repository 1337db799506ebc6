package io.github.apimupgrade.core.files;

import java.nio.file.Path;

/**
 * One file operation of migrate-config, decided by reading both homes and the state of the last run.
 * Only {@link Kind#COPY} and {@link Kind#REPLACE} change anything; the others are reported.
 */
public record FileOp(Kind kind, Path source, Path target, String targetName, String reason) {

    public enum Kind {
        /** The target does not exist: copy. */
        COPY,
        /** The target exists with other content (the 3.1.0 pack's file): replace it, as the runbook says. */
        REPLACE,
        /** The target already has the source's content (or what the last run wrote there). */
        SAME,
        /** Not copied on purpose (a file 3.1.0 changed, a jar 3.1.0 ships in another version). */
        SKIP,
        /** Not copied on purpose, and the operator should look: e.g. a customised file 3.1.0 replaced. */
        REVIEW,
        /** The target was changed by hand since the last run wrote it: kept, not overwritten. */
        CONFLICT
    }

    public boolean changes() {
        return kind == Kind.COPY || kind == Kind.REPLACE;
    }

    public String describe() {
        return switch (kind) {
            case COPY -> "copy    " + targetName;
            case REPLACE -> "replace " + targetName + (reason == null ? "" : " (" + reason + ")");
            case SAME -> "same    " + targetName;
            case SKIP -> "skip    " + targetName + " (" + reason + ")";
            case REVIEW -> "REVIEW  " + targetName + " (" + reason + ")";
            case CONFLICT -> "CONFLICT " + targetName + " (" + reason + ")";
        };
    }
}
