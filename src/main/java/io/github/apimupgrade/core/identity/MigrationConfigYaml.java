package io.github.apimupgrade.core.identity;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.config.LineDiff;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * WSO2's identity {@code migration-config.yaml}, edited as text: snakeyaml-engine finds where each
 * value and each migrator entry starts and ends, the edit replaces exactly those characters, and the
 * result is parsed again and compared with the intended document. Every other line stays byte for
 * byte (comments, quoting, the file's uneven indentation).
 */
public final class MigrationConfigYaml {
    /** The keys migrate-identity sets, with the values the runbook (and our continueOnError fix) asks for. */
    public static final Map<String, String> REQUIRED = requiredKeys();

    /**
     * The 5.10.0 migrators API-M must not run (later runbook revision; ground truth §3 and §7):
     * MigrationValidator, and SchemaMigrator with location step2 and schema identity.
     */
    public static final List<Migrator> REMOVED_FOR_APIM = List.of(
            new Migrator("MigrationValidator", null, null),
            new Migrator("SchemaMigrator", "step2", "identity"));

    public static final String TARGET_VERSION = "5.10.0";

    /** A migrator entry, identified by name and, for SchemaMigrator, its location and schema. */
    public record Migrator(String name, String location, String schema) {
        boolean matches(Map<?, ?> entry) {
            if (!name.equals(String.valueOf(entry.get("name")))) {
                return false;
            }
            Object params = entry.get("parameters");
            Map<?, ?> p = params instanceof Map<?, ?> m ? m : Map.of();
            return (location == null || location.equals(String.valueOf(p.get("location"))))
                    && (schema == null || schema.equals(String.valueOf(p.get("schema"))));
        }

        @Override
        public String toString() {
            return location == null ? name : name + " " + location + "/" + schema;
        }
    }

    private static Map<String, String> requiredKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("migrationEnable", "true");
        m.put("currentVersion", "5.9.0");
        m.put("migrateVersion", TARGET_VERSION);
        m.put("continueOnError", "false");
        return java.util.Collections.unmodifiableMap(m);
    }

    private final String name;
    private final String text;

    private MigrationConfigYaml(String name, String text) {
        this.name = name;
        this.text = text;
        load(name, text);
    }

    public static MigrationConfigYaml of(String name, String text) {
        return new MigrationConfigYaml(name, text);
    }

    public String text() {
        return text;
    }

    /** The document as plain Java objects (maps, lists, strings), as snakeyaml-engine loads it. */
    public Map<String, Object> data() {
        return load(name, text);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> load(String name, String text) {
        try {
            Object o = new Load(LoadSettings.builder().setLabel(name).build()).loadFromString(text);
            if (!(o instanceof Map<?, ?>)) {
                throw new ApimUserException(name + " is not a YAML mapping; is it WSO2's migration-config.yaml?");
            }
            return (Map<String, Object>) o;
        } catch (YamlEngineException e) {
            throw new ApimUserException(name + " is not valid YAML: " + e.getMessage());
        }
    }

    /** Whether the file already says what migrate-identity needs. */
    public boolean isPrepared() {
        Map<String, Object> d = data();
        for (Map.Entry<String, String> e : REQUIRED.entrySet()) {
            if (!e.getValue().equals(String.valueOf(d.get(e.getKey())))) {
                return false;
            }
        }
        return removableEntries(d).isEmpty();
    }

    /** The copy migrate-identity writes: the required keys set, the two API-M-unsafe migrators removed. */
    public MigrationConfigYaml prepared() {
        Map<String, Object> before = data();
        requireTargetVersion(before);
        List<Edit> edits = new ArrayList<>();
        MappingNode root = root();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, String> req : REQUIRED.entrySet()) {
            Optional<NodeTuple> t = tuple(root, req.getKey());
            if (t.isEmpty()) {
                missing.add(req.getKey());
                continue;
            }
            Node value = t.get().getValueNode();
            if (!(value instanceof ScalarNode scalar)) {
                throw new ApimUserException(name + ": '" + req.getKey() + "' is not a plain value; fix the file.");
            }
            if (!req.getValue().equals(scalar.getValue())) {
                edits.add(new Edit(index(value.getStartMark()), index(value.getEndMark()), "\"" + req.getValue() + "\""));
            }
        }
        if (!missing.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            for (String k : missing) {
                sb.append(k).append(": \"").append(REQUIRED.get(k)).append("\"\n");
            }
            edits.add(new Edit(0, 0, sb.toString()));
        }
        for (Node entry : removableNodes(root)) {
            edits.add(entryRange(entry));
        }
        String out = apply(edits);
        MigrationConfigYaml result = new MigrationConfigYaml(name, out);
        result.checkAgainst(before);
        return result;
    }

    /** A line diff from this file to another version of it. */
    public List<String> diff(MigrationConfigYaml after) {
        return LineDiff.diff(List.of(text.split("\n", -1)), List.of(after.text.split("\n", -1)));
    }

    // ---- checks

    @SuppressWarnings("unchecked")
    private void checkAgainst(Map<String, Object> before) {
        Map<String, Object> expected = new LinkedHashMap<>(before);
        REQUIRED.forEach(expected::put);
        List<Object> versions = new ArrayList<>((List<Object>) before.get("versions"));
        for (int i = 0; i < versions.size(); i++) {
            Map<String, Object> v = (Map<String, Object>) versions.get(i);
            if (TARGET_VERSION.equals(String.valueOf(v.get("version")))) {
                Map<String, Object> copy = new LinkedHashMap<>(v);
                List<Object> configs = new ArrayList<>((List<Object>) v.get("migratorConfigs"));
                configs.removeIf(c -> c instanceof Map<?, ?> m && REMOVED_FOR_APIM.stream().anyMatch(r -> r.matches(m)));
                copy.put("migratorConfigs", configs);
                versions.set(i, copy);
            }
        }
        expected.put("versions", versions);
        Map<String, Object> actual = data();
        if (!Objects.equals(expected, actual)) {
            throw new ApimException("Editing " + name + " did not give the intended document; nothing was written. "
                    + "Please report this with the file attached.");
        }
    }

    @SuppressWarnings("unchecked")
    private void requireTargetVersion(Map<String, Object> d) {
        if (!(d.get("versions") instanceof List<?> versions) || versions.stream().noneMatch(
                v -> v instanceof Map<?, ?> m && TARGET_VERSION.equals(String.valueOf(m.get("version"))))) {
            throw new ApimUserException(name + " has no migrators for version " + TARGET_VERSION
                    + ": these identity migration resources are too old for API-M 3.1.0 (use wso2is-migration 1.0.x "
                    + "with a 5.10.0 section).");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Object> removableEntries(Map<String, Object> d) {
        List<Object> out = new ArrayList<>();
        if (d.get("versions") instanceof List<?> versions) {
            for (Object v : versions) {
                if (v instanceof Map<?, ?> m && TARGET_VERSION.equals(String.valueOf(m.get("version")))
                        && m.get("migratorConfigs") instanceof List<?> configs) {
                    for (Object c : configs) {
                        if (c instanceof Map<?, ?> cm && REMOVED_FOR_APIM.stream().anyMatch(r -> r.matches(cm))) {
                            out.add(c);
                        }
                    }
                }
            }
        }
        return out;
    }

    // ---- node positions

    private MappingNode root() {
        Optional<Node> node = new Compose(LoadSettings.builder().setLabel(name).build()).composeString(text);
        if (node.isEmpty() || !(node.get() instanceof MappingNode m)) {
            throw new ApimUserException(name + " is not a YAML mapping.");
        }
        return m;
    }

    private static Optional<NodeTuple> tuple(MappingNode map, String key) {
        return map.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)).findFirst();
    }

    private static String scalar(MappingNode map, String key) {
        return tuple(map, key).map(NodeTuple::getValueNode)
                .map(n -> n instanceof ScalarNode s ? s.getValue() : null).orElse(null);
    }

    private List<Node> removableNodes(MappingNode root) {
        List<Node> out = new ArrayList<>();
        Optional<NodeTuple> versions = tuple(root, "versions");
        if (versions.isEmpty() || !(versions.get().getValueNode() instanceof SequenceNode seq)) {
            return out;
        }
        for (Node v : seq.getValue()) {
            if (v instanceof MappingNode vm && TARGET_VERSION.equals(scalar(vm, "version"))) {
                Optional<NodeTuple> configs = tuple(vm, "migratorConfigs");
                if (configs.isPresent() && configs.get().getValueNode() instanceof SequenceNode cs) {
                    for (Node c : cs.getValue()) {
                        if (c instanceof MappingNode cm && REMOVED_FOR_APIM.stream().anyMatch(r -> r.matches(asMap(cm)))) {
                            out.add(c);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Object> asMap(MappingNode m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k) {
                Node v = t.getValueNode();
                out.put(k.getValue(), v instanceof ScalarNode s ? s.getValue() : v instanceof MappingNode mm ? asMap(mm) : v);
            }
        }
        return out;
    }

    /**
     * The lines of one block-sequence entry: from the line of its {@code -} indicator up to the line
     * of the next {@code -} at the same place, or to the end of its own last line. Comments between
     * the two belong to the removed entry, as they describe it.
     */
    private Edit entryRange(Node entry) {
        int start = index(entry.getStartMark());
        int dash = start - 1;
        while (dash >= 0 && Character.isWhitespace(text.charAt(dash))) {
            dash--;
        }
        if (dash < 0 || text.charAt(dash) != '-') {
            throw new ApimUserException(name + ": a migrator entry is not written as a '-' block item at line "
                    + (entry.getStartMark().map(Mark::getLine).orElse(0) + 1) + "; remove "
                    + REMOVED_FOR_APIM + " by hand.");
        }
        int from = text.lastIndexOf('\n', dash) + 1;
        String indent = text.substring(from, dash);
        if (!indent.isBlank()) {
            throw new ApimUserException(name + ": unexpected text before the '-' of a migrator entry at line "
                    + (entry.getStartMark().map(Mark::getLine).orElse(0) + 1) + ".");
        }
        int end = index(entry.getEndMark());
        // the end mark of a block mapping lies at the next token; cut back to the end of the entry's last
        // non-blank line unless the next line is the next sibling's '-' (then comments in between go too)
        int next = end;
        while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
            next++;
        }
        int to;
        if (next < text.length() && text.charAt(next) == '-' && text.substring(text.lastIndexOf('\n', next - 1) + 1, next).equals(indent)) {
            to = text.lastIndexOf('\n', next - 1) + 1;
        } else {
            int last = end - 1;
            while (last > start && Character.isWhitespace(text.charAt(last))) {
                last--;
            }
            int nl = text.indexOf('\n', last);
            to = nl < 0 ? text.length() : nl + 1;
        }
        return new Edit(from, to, "");
    }

    private int index(Optional<Mark> mark) {
        int cp = mark.orElseThrow(() -> new ApimException("snakeyaml-engine gave no position for a node of " + name)).getIndex();
        return text.offsetByCodePoints(0, Math.min(cp, text.codePointCount(0, text.length())));
    }

    private record Edit(int from, int to, String replacement) {
    }

    private String apply(List<Edit> edits) {
        List<Edit> sorted = new ArrayList<>(edits);
        sorted.sort(Comparator.comparingInt(Edit::from).reversed());
        StringBuilder sb = new StringBuilder(text);
        int limit = Integer.MAX_VALUE;
        for (Edit e : sorted) {
            if (e.to() > limit) {
                throw new ApimException("Overlapping edits in " + name);
            }
            sb.replace(e.from(), e.to(), e.replacement());
            limit = e.from();
        }
        return sb.toString();
    }
}
