package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.settings.ConfigurationException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A YAML file (an analytics {@code deployment.yaml}, a {@code migration-config.yaml}) edited as
 * text, so that every line an edit does not touch stays byte for byte (comments, order, quoting,
 * indentation), and parsed with snakeyaml-engine before and after every edit: an edit that would
 * leave the file invalid, or not give the value asked for, is refused and nothing is written.
 *
 * <p>A path is a list of segments: a mapping key ({@code "wso2.datasources"}, dots are part of the
 * key), a list index ({@code "[0]"}), or a list item chosen by one of its scalar entries
 * ({@code "[name=AM_DB]"}). Edits work on block-style mappings and sequences; flow collections
 * ({@code {a: 1}}, {@code [1, 2]}) can be read but are refused for edits.
 */
public final class YamlDocument {
    private static final Pattern SELECTOR = Pattern.compile("\\[(?:(\\d+)|([^=\\]]+)=([^\\]]*))]");

    private final Path source;
    private final String text;
    private final Node root;

    private YamlDocument(Path source, String text) {
        this.source = source;
        this.text = text;
        this.root = parse(source, text);
    }

    public static YamlDocument read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("There is no " + file + ".");
        }
        try {
            return new YamlDocument(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static YamlDocument of(Path nominalPath, String text) {
        return new YamlDocument(nominalPath, text);
    }

    /** A path from its segments, e.g. {@code path("wso2.datasources", "dataSources", "[name=AM_DB]")}. */
    public static List<String> path(String... segments) {
        return List.of(segments);
    }

    private static Node parse(Path source, String text) {
        try {
            LoadSettings settings = LoadSettings.builder().setLabel(String.valueOf(source)).setUseMarks(true).build();
            return new Compose(settings).composeString(text).orElse(null);
        } catch (YamlEngineException e) {
            throw new ConfigurationException(source + " is not valid YAML: " + e.getMessage().replace('\n', ' ')
                    + ". Fix the file and run again; nothing was changed.");
        }
    }

    public String text() {
        return text;
    }

    public Path source() {
        return source;
    }

    /** The scalar at the path, as YAML reads it (quotes removed, escapes applied), or empty. */
    public Optional<String> get(List<String> path) {
        return find(path).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    /** Whether anything (scalar, mapping or list) is at the path. */
    public boolean has(List<String> path) {
        return find(path).isPresent();
    }

    /** How many items the list at the path has (0 when there is no list there). */
    public int size(List<String> path) {
        return find(path).filter(SequenceNode.class::isInstance).map(n -> ((SequenceNode) n).getValue().size()).orElse(0);
    }

    /**
     * A copy with the scalar at the path set to {@code value}. An existing scalar keeps its quoting
     * style where the value allows it; a missing last key is added to its (block) mapping, after
     * the mapping's last entry, at the indentation of its other keys.
     */
    public YamlDocument set(List<String> path, String value) {
        if (Objects.equals(get(path).orElse(null), value)) {
            return this;
        }
        Optional<Node> existing = find(path);
        String newText;
        if (existing.isPresent()) {
            if (!(existing.get() instanceof ScalarNode scalar)) {
                throw refuse(path, "holds a mapping or a list, not a single value");
            }
            int start = offset(scalar.getStartMark());
            int end = offset(scalar.getEndMark());
            if (scalar.getScalarStyle() == ScalarStyle.LITERAL || scalar.getScalarStyle() == ScalarStyle.FOLDED
                    || text.substring(start, end).contains("\n")) {
                throw refuse(path, "is a multi-line value");
            }
            newText = text.substring(0, start) + render(value, scalar.getScalarStyle()) + text.substring(end);
        } else {
            List<String> parentPath = path.subList(0, path.size() - 1);
            String key = path.get(path.size() - 1);
            Node parent = find(parentPath).orElseThrow(() -> refuse(path, "has no parent " + String.join(" > ", parentPath)));
            if (!(parent instanceof MappingNode map) || map.getFlowStyle().name().equals("FLOW") || map.getValue().isEmpty()
                    || SELECTOR.matcher(key).matches()) {
                throw refuse(path, "cannot be added there (the parent is not a non-empty block mapping)");
            }
            NodeTuple first = map.getValue().get(0);
            NodeTuple last = map.getValue().get(map.getValue().size() - 1);
            int column = first.getKeyNode().getStartMark().orElseThrow().getColumn();
            int insertAt = lineEndAfter(offset(last.getValueNode().getEndMark()));
            String line = " ".repeat(column) + renderKey(key) + ": " + render(value, ScalarStyle.PLAIN) + "\n";
            newText = text.substring(0, insertAt) + line + text.substring(insertAt);
        }
        return verified(newText, path, value);
    }

    /**
     * A copy with a new item appended to the block list at the path, given as YAML text of a
     * block mapping or scalar written without indentation (its lines are indented like the list's
     * other items). Used to add a datasource that a file does not have yet.
     */
    public YamlDocument appendListItem(List<String> listPath, String itemYaml) {
        Node list = find(listPath).orElseThrow(() -> refuse(listPath, "is missing"));
        if (!(list instanceof SequenceNode seq) || seq.getFlowStyle().name().equals("FLOW") || seq.getValue().isEmpty()) {
            throw refuse(listPath, "is not a non-empty block list");
        }
        Node lastItem = seq.getValue().get(seq.getValue().size() - 1);
        Node firstItem = seq.getValue().get(0);
        int itemColumn = firstItem.getStartMark().orElseThrow().getColumn();
        int dashColumn = dashColumn(firstItem);
        StringBuilder block = new StringBuilder();
        String[] lines = itemYaml.strip().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String prefix = i == 0 ? " ".repeat(dashColumn) + "-" + " ".repeat(Math.max(1, itemColumn - dashColumn - 1))
                    : " ".repeat(itemColumn);
            block.append(lines[i].isBlank() ? "" : prefix + lines[i]).append('\n');
        }
        int insertAt = lineEndAfter(offset(lastItem.getEndMark()));
        String newText = text.substring(0, insertAt) + (insertAt > 0 && text.charAt(insertAt - 1) != '\n' ? "\n" : "")
                + block + text.substring(insertAt);
        YamlDocument out = new YamlDocument(source, newText);
        if (out.size(listPath) != seq.getValue().size() + 1) {
            throw new ApimException("Appending to " + String.join(" > ", listPath) + " in " + source + " did not add one item");
        }
        return out;
    }

    /** A copy without the list item at the path (its lines, from its {@code -} to the next item). */
    public YamlDocument removeListItem(List<String> itemPath) {
        if (itemPath.isEmpty()) {
            throw refuse(itemPath, "is not a list item");
        }
        List<String> listPath = itemPath.subList(0, itemPath.size() - 1);
        Node list = find(listPath).orElse(null);
        Optional<Node> item = find(itemPath);
        if (item.isEmpty()) {
            return this;
        }
        if (!(list instanceof SequenceNode seq) || seq.getFlowStyle().name().equals("FLOW")) {
            throw refuse(itemPath, "is not an item of a block list");
        }
        int index = indexOf(seq, item.get());
        int start = lineStart(offset(item.get().getStartMark()));
        int end = index + 1 < seq.getValue().size()
                ? lineStart(offset(seq.getValue().get(index + 1).getStartMark()))
                : lineEndAfter(offset(item.get().getEndMark()));
        YamlDocument out = new YamlDocument(source, text.substring(0, start) + text.substring(end));
        if (out.size(listPath) != seq.getValue().size() - 1) {
            throw new ApimException("Removing " + String.join(" > ", itemPath) + " from " + source + " did not remove one item");
        }
        return out;
    }

    /** A unified-style line diff from this file to another version of it, for plans and reports. */
    public List<String> diff(YamlDocument after) {
        return LineDiff.diff(List.of(text.split("\n", -1)), List.of(after.text.split("\n", -1)));
    }

    /** Writes the file atomically, keeping the original beside it once as {@code <name>.apim-orig}. */
    public void write(Path file) {
        parse(file, text);
        try {
            Path original = file.resolveSibling(file.getFileName() + ".apim-orig");
            if (Files.exists(file) && !Files.exists(original)) {
                Files.copy(file, original, StandardCopyOption.COPY_ATTRIBUTES);
            }
            AtomicWrite.text(file, text);
            FaultInjector.afterFile();
        } catch (IOException e) {
            throw new ApimException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    // ---- navigation ----

    private Optional<Node> find(List<String> path) {
        Node node = root;
        for (String segment : path) {
            if (node == null) {
                return Optional.empty();
            }
            node = child(node, segment);
        }
        return Optional.ofNullable(node);
    }

    private static Node child(Node node, String segment) {
        Matcher m = SELECTOR.matcher(segment);
        if (m.matches() && node instanceof SequenceNode seq) {
            if (m.group(1) != null) {
                int i = Integer.parseInt(m.group(1));
                return i < seq.getValue().size() ? seq.getValue().get(i) : null;
            }
            for (Node item : seq.getValue()) {
                Node v = item instanceof MappingNode ? child(item, m.group(2)) : null;
                if (v instanceof ScalarNode s && s.getValue().equals(m.group(3))) {
                    return item;
                }
            }
            return null;
        }
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(segment)) {
                    return t.getValueNode();
                }
            }
        }
        return null;
    }

    private static int indexOf(SequenceNode seq, Node item) {
        for (int i = 0; i < seq.getValue().size(); i++) {
            if (seq.getValue().get(i) == item) {
                return i;
            }
        }
        throw new IllegalStateException("item not in its list");
    }

    /** The column of the {@code -} that starts an item: the last dash before the item on its line. */
    private int dashColumn(Node item) {
        int start = offset(item.getStartMark());
        int ls = lineStart(start);
        int dash = text.lastIndexOf('-', start - 1);
        if (dash < ls) {
            throw new ConfigurationException(source + ": a list item not on its '-' line is not supported for edits");
        }
        return dash - ls;
    }

    // ---- offsets ----

    /** The char offset of a mark, computed from its line and (code point) column. */
    private int offset(Optional<Mark> mark) {
        Mark m = mark.orElseThrow(() -> new IllegalStateException("YAML node without position"));
        int pos = 0;
        for (int line = 0; line < m.getLine(); line++) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) {
                return text.length();
            }
            pos = nl + 1;
        }
        try {
            return text.offsetByCodePoints(pos, m.getColumn());
        } catch (IndexOutOfBoundsException e) {
            return text.length();
        }
    }

    private int lineStart(int offset) {
        return text.lastIndexOf('\n', offset - 1) + 1;
    }

    /**
     * Where a new line goes after a node that ends at {@code offset}: just after the end of that
     * line, or (when the node's end mark is at the start of the next line, as for block
     * collections) right there.
     */
    private int lineEndAfter(int offset) {
        if (offset > 0 && text.charAt(offset - 1) == '\n') {
            // block collections end at the start of the line after their content, past any blank
            // or comment lines that follow: step back over those so new lines stay with the block
            int pos = offset;
            while (pos > 0) {
                int prevStart = text.lastIndexOf('\n', pos - 2) + 1;
                String prev = text.substring(prevStart, pos - 1).strip();
                if (!prev.isEmpty() && !prev.startsWith("#")) {
                    break;
                }
                pos = prevStart;
            }
            return pos;
        }
        int nl = text.indexOf('\n', offset);
        return nl < 0 ? text.length() : nl + 1;
    }

    // ---- rendering ----

    private static String render(String value, ScalarStyle style) {
        if (style == ScalarStyle.DOUBLE_QUOTED) {
            StringBuilder sb = new StringBuilder("\"");
            for (char c : value.toCharArray()) {
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\t' -> sb.append("\\t");
                    default -> sb.append(c);
                }
            }
            return sb.append('"').toString();
        }
        if (style == ScalarStyle.SINGLE_QUOTED || !plainIsSafe(value)) {
            if (value.contains("\n")) {
                return render(value, ScalarStyle.DOUBLE_QUOTED);
            }
            return "'" + value.replace("'", "''") + "'";
        }
        return value;
    }

    private static String renderKey(String key) {
        return plainIsSafe(key) ? key : render(key, ScalarStyle.SINGLE_QUOTED);
    }

    /** A plain scalar that reads back as the same string (not a number, boolean or null). */
    private static boolean plainIsSafe(String v) {
        return !v.isEmpty() && v.matches("[A-Za-z_/$][A-Za-z0-9_./$@-]*")
                && !v.matches("(?i)true|false|yes|no|on|off|null|~");
    }

    private YamlDocument verified(String newText, List<String> path, String value) {
        YamlDocument out = new YamlDocument(source, newText);
        if (!Objects.equals(out.get(path).orElse(null), value)) {
            throw new ApimException("Editing " + String.join(" > ", path) + " in " + source + " did not give the expected value");
        }
        return out;
    }

    private ConfigurationException refuse(List<String> path, String why) {
        return new ConfigurationException(source + ": " + String.join(" > ", path) + " " + why
                + "; this plugin does not edit it. Change it by hand and run again.");
    }
}
