package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.Guard;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.StepContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A goal that writes into the 3.1.0 home needs those folders writable, and says so before anything changes,
 * including the databases it would change first (migrate-db and reindex refused up front, not after their SQL).
 */
public final class NewHomeWritable extends Guard {
    private final List<String> folders;

    /** {@code folders}: the folders the goal writes, relative to the new home ("" for the home itself). */
    public NewHomeWritable(Goal goal, List<String> folders) {
        super("new-home-writable", goal, "The folders of the 3.1.0 home this goal writes can be written",
                "a read-only home must stop the run before any change");
        this.folders = List.copyOf(folders);
    }

    @Override
    public Probe probe(StepContext context) {
        Optional<Path> home = context.settings().newHome();
        if (home.isEmpty()) {
            return Probe.notApplicable("apim.newHome is not set");
        }
        List<String> readOnly = new ArrayList<>();
        for (String f : folders) {
            Path dir = f.isEmpty() ? home.get() : home.get().resolve(f);
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            if (existing != null && !Files.isWritable(existing)) {
                readOnly.add(existing.toString());
            }
        }
        return readOnly.isEmpty() ? Probe.done("writable: " + String.join(", ", folders.stream().map(f -> f.isEmpty() ? "the home" : f).toList()))
                : Probe.blocked("this user cannot write " + String.join(", ", readOnly.stream().distinct().toList())
                + ": make the 3.1.0 home writable for the user running Maven (or run as the home's owner)");
    }
}
