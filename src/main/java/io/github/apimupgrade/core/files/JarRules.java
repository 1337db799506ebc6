package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runbook Step 1.8 and 1.9: jars and OSGi bundles the operator added to {@code components/dropins}
 * and {@code components/lib}. A jar is custom when the 3.1.0 home has no jar of the same artifact
 * (name without version): a library that 3.1.0 ships in another version is not copied, so that the
 * server does not load two versions of it.
 */
public final class JarRules {
    private static final Pattern VERSIONED = Pattern.compile("^(.+?)[-_](\\d[\\w.\\-]*)$");

    private JarRules() {
    }

    /** The artifact name of a jar file name: {@code postgresql-42.7.8.jar} → {@code postgresql}. */
    public static String artifact(String fileName) {
        String base = fileName.replaceFirst("(?i)\\.jar$", "");
        Matcher m = VERSIONED.matcher(base);
        return (m.matches() ? m.group(1) : base).toLowerCase();
    }

    /**
     * @param handledElsewhere artifact names another step provides (the JDBC driver), not copied here
     */
    public static List<FileOp> plan(CopyPlanner planner, Path src, Path dst, Set<String> handledElsewhere) {
        List<FileOp> ops = new ArrayList<>();
        List<Path> newJars = jars(dst);
        for (Path jar : jars(src)) {
            Path target = dst.resolve(jar.getFileName().toString());
            String artifact = artifact(jar.getFileName().toString());
            if (handledElsewhere.contains(artifact)) {
                ops.add(planner.skip(jar, target, "the JDBC driver step provides " + artifact));
                continue;
            }
            if (Files.exists(target)) {
                FileOp op = planner.decide(jar, target);
                ops.add(op.kind() == FileOp.Kind.REPLACE && op.reason() != null && op.reason().contains("3.1.0 pack")
                        ? planner.skip(jar, target, "3.1.0 ships its own " + jar.getFileName()) : op);
                continue;
            }
            Optional<Path> shipped = newJars.stream()
                    .filter(j -> artifact(j.getFileName().toString()).equals(artifact)).findFirst();
            if (shipped.isPresent()) {
                ops.add(planner.skip(jar, target, "3.1.0 ships " + shipped.get().getFileName()));
            } else {
                ops.add(planner.decide(jar, target));
            }
        }
        return ops;
    }

    static List<Path> jars(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jar"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new ApimException("Cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
