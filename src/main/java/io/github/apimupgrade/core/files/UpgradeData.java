package io.github.apimupgrade.core.files;

import io.github.apimupgrade.core.ApimException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The versioned data of one upgrade path, kept as resources under {@code apim-data/<from>-<to>/}:
 * the Synapse files the new version changed (not to be copied) and the checksums of the old
 * version's default content of those files (to tell a customised file from a default one).
 */
public final class UpgradeData {
    public static final String PATH_300_310 = "apim-data/3.0.0-3.1.0/";

    private final List<String> excludedSynapseFiles;
    private final Map<String, Set<String>> defaultChecksums;

    public UpgradeData(List<String> excludedSynapseFiles, Map<String, Set<String>> defaultChecksums) {
        this.excludedSynapseFiles = List.copyOf(excludedSynapseFiles);
        this.defaultChecksums = Map.copyOf(defaultChecksums);
    }

    public static UpgradeData load300to310() {
        return new UpgradeData(lines(PATH_300_310 + "synapse-excluded.txt"),
                checksums(lines(PATH_300_310 + "synapse-defaults-3.0.0.sha256")));
    }

    /** Paths relative to a {@code synapse-configs/default} folder, e.g. {@code sequences/main.xml}. */
    public List<String> excludedSynapseFiles() {
        return excludedSynapseFiles;
    }

    public boolean isExcluded(String pathInSynapseDefault) {
        return excludedSynapseFiles.contains(pathInSynapseDefault);
    }

    /** Whether this content is a known default of the old version for that file. */
    public boolean isOldDefault(String pathInSynapseDefault, String sha256) {
        return defaultChecksums.getOrDefault(pathInSynapseDefault, Set.of()).contains(sha256);
    }

    /** A copy that also knows the checksums listed in {@code sha256sum}-style lines. */
    public UpgradeData withDefaults(List<String> sha256Lines) {
        Map<String, Set<String>> merged = new HashMap<>();
        defaultChecksums.forEach((k, v) -> merged.put(k, new HashSet<>(v)));
        checksums(sha256Lines).forEach((k, v) -> merged.computeIfAbsent(k, x -> new HashSet<>()).addAll(v));
        return new UpgradeData(excludedSynapseFiles, merged);
    }

    /** {@code <sha256> <path>} lines; '#' comments and blank lines ignored. */
    static Map<String, Set<String>> checksums(List<String> lines) {
        Map<String, Set<String>> out = new HashMap<>();
        for (String line : lines) {
            String[] parts = line.trim().split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new ApimException("Malformed checksum line '" + line + "': expected '<sha256> <path>'");
            }
            out.computeIfAbsent(parts[1].trim(), k -> new HashSet<>()).add(parts[0].toLowerCase());
        }
        return out;
    }

    private static List<String> lines(String resource) {
        try (InputStream in = UpgradeData.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new ApimException("The plugin jar lacks " + resource);
            }
            return content(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApimException("Cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    public static List<String> content(String text) {
        List<String> out = new ArrayList<>();
        for (String l : text.split("\\R")) {
            String t = l.trim();
            if (!t.isEmpty() && !t.startsWith("#")) {
                out.add(t);
            }
        }
        return out;
    }
}
