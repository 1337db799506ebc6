package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.config.LineDiff;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runbook Step 1.6: the super tenant's Synapse configurations and every tenant's folder, from the
 * old home to the new one, except the files 3.1.0 changed. A customised excluded file is reported
 * with a diff against the file 3.1.0 ships, instead of being skipped silently.
 */
public final class SynapseRules {
    public static final String SUPER_TENANT = "repository/deployment/server/synapse-configs/default";
    public static final String TENANTS = "repository/tenants";
    private static final String TENANT_SYNAPSE = "synapse-configs/default/";

    private final UpgradeData data;
    private final CopyPlanner planner;
    private final Path oldHome;
    private final Path newHome;
    private final Map<String, List<String>> diffs = new LinkedHashMap<>();

    public SynapseRules(UpgradeData data, CopyPlanner planner, Path oldHome, Path newHome) {
        this.data = data;
        this.planner = planner;
        this.oldHome = oldHome;
        this.newHome = newHome;
    }

    /** Diffs (3.0.0 → 3.1.0) of customised excluded files, by target name, for the report. */
    public Map<String, List<String>> diffs() {
        return diffs;
    }

    public List<FileOp> superTenant() {
        Path src = oldHome.resolve(SUPER_TENANT);
        Path dst = newHome.resolve(SUPER_TENANT);
        List<FileOp> ops = new ArrayList<>();
        for (String rel : files(src)) {
            ops.add(decide(rel, src.resolve(rel), dst.resolve(rel)));
        }
        return ops;
    }

    public List<FileOp> tenants() {
        Path src = oldHome.resolve(TENANTS);
        Path dst = newHome.resolve(TENANTS);
        List<FileOp> ops = new ArrayList<>();
        for (String rel : files(src)) {
            // <tenant id>/synapse-configs/default/<path>
            int slash = rel.indexOf('/');
            String inTenant = slash < 0 ? rel : rel.substring(slash + 1);
            String synapsePath = inTenant.startsWith(TENANT_SYNAPSE) ? inTenant.substring(TENANT_SYNAPSE.length()) : null;
            ops.add(decide(synapsePath, src.resolve(rel), dst.resolve(rel)));
        }
        return ops;
    }

    private FileOp decide(String synapsePath, Path source, Path target) {
        if (synapsePath == null) {
            return planner.decide(source, target);
        }
        String sha = Checksums.sha256(source);
        if (!data.isExcluded(synapsePath)) {
            FileOp op = planner.decide(source, target);
            if (op.kind() == FileOp.Kind.REPLACE && data.isOldDefault(synapsePath, sha) && !planner.wroteBefore(target)) {
                return planner.skip(source, target, "WSO2's untouched 3.0.0 default; the 3.1.0 pack's own version is kept");
            }
            return op;
        }
        Path reference = Files.isRegularFile(target) ? target : newHome.resolve(SUPER_TENANT).resolve(synapsePath);
        boolean sameAsNew = Files.isRegularFile(reference) && Checksums.sha256(reference).equals(sha);
        if (data.isOldDefault(synapsePath, sha) || sameAsNew) {
            return planner.skip(source, target, "3.1.0 changed this file; the 3.0.0 default is not copied");
        }
        String name = planner.name(target);
        diffs.put(name, Files.isRegularFile(reference) ? LineDiff.diff(lines(source), lines(reference))
                : lines(source).stream().map(l -> "-" + l).toList());
        return planner.review(source, target, "customised in 3.0.0, but 3.1.0 changed this file: not copied; "
                + "merge your change into the 3.1.0 file by hand (diff in the report)");
    }

    private static List<String> lines(Path file) {
        try {
            return List.of(Files.readString(file, StandardCharsets.UTF_8).split("\n", -1));
        } catch (IOException e) {
            throw new ApimException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static List<String> files(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).map(p -> Checksums.relative(root, p)).sorted().toList();
        } catch (IOException e) {
            throw new ApimException("Cannot list " + root + ": " + e.getMessage(), e);
        }
    }

    /** Every file of a folder (execution plans), copied as they are. */
    public static List<FileOp> wholeFolder(CopyPlanner planner, Path src, Path dst) {
        List<FileOp> ops = new ArrayList<>();
        for (String rel : files(src)) {
            ops.add(planner.decide(src.resolve(rel), dst.resolve(rel)));
        }
        return ops;
    }
}
