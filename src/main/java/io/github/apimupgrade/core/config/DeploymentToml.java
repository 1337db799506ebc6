package io.github.apimupgrade.core.config;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.FaultInjector;
import io.github.apimupgrade.core.files.AtomicWrite;
import io.github.apimupgrade.core.settings.ConfigurationException;
import org.tomlj.Toml;
import org.tomlj.TomlParseError;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlTable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A deployment.toml edited as text, so that every line the upgrade does not change stays byte for
 * byte (comments, order, spacing, unrelated keys), and validated with tomlj before and after each
 * edit. Edits are made on {@code [table]} sections and their {@code key = value} lines; a key that
 * the file defines in another form (dotted keys, inline tables) is refused rather than guessed at.
 */
public final class DeploymentToml {
    private final Path source;
    private final String text;
    private final TomlParseResult parsed;

    /** The file's own form, kept when it is written back: a UTF-8 byte order mark, CRLF line ends. */
    private record Form(boolean bom, boolean crlf) {
        static Form of(String raw) {
            return new Form(raw.startsWith("\uFEFF"), raw.contains("\r\n"));
        }

        String normalized(String raw) {
            String t = bom ? raw.substring(1) : raw;
            return crlf ? t.replace("\r\n", "\n") : t;
        }

        String written(String text) {
            return (bom ? "\uFEFF" : "") + (crlf ? text.replace("\n", "\r\n") : text);
        }
    }

    private final Form form;

    private DeploymentToml(Path source, String raw) {
        this(source, Form.of(raw), Form.of(raw).normalized(raw));
    }

    private DeploymentToml(Path source, Form form, String text) {
        this.source = source;
        this.form = form;
        this.text = text;
        this.parsed = parse(source, text);
    }

    public static DeploymentToml read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigurationException("There is no " + file + ". Check 'apim.newHome' (or 'apim.oldHome').");
        }
        try {
            return new DeploymentToml(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigurationException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public static DeploymentToml of(Path nominalPath, String text) {
        return new DeploymentToml(nominalPath, text);
    }

    private static TomlParseResult parse(Path source, String text) {
        TomlParseResult r = Toml.parse(text);
        if (r.hasErrors()) {
            TomlParseError e = r.errors().get(0);
            throw new ConfigurationException(source + " is not valid TOML: " + e.getMessage() + " (line "
                    + e.position().line() + ", column " + e.position().column() + "). Fix the file and run again; nothing was changed.");
        }
        return r;
    }

    public String text() {
        return text;
    }

    public Path source() {
        return source;
    }

    /** The value at {@code table.key} (table may be empty for the root table), as tomlj reads it. */
    public Optional<Object> get(String table, String key) {
        return Optional.ofNullable(parsed.get(dotted(table, key)));
    }

    public boolean hasTable(String table) {
        return parsed.isTable(table);
    }

    /** The keys of a table and their values as tomlj reads them; a nested table is a map of its own. */
    public Map<String, Object> entries(String table) {
        TomlTable t = parsed.getTable(table);
        return t == null ? Map.of() : entries(t);
    }

    private static Map<String, Object> entries(TomlTable t) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : t.keySet()) {
            Object v = t.get(List.of(key));
            out.put(key, v instanceof TomlTable sub ? entries(sub) : v);
        }
        return out;
    }

    /** A copy with {@code table.key = value}; the table and key are added when missing. */
    public DeploymentToml set(String table, String key, TomlValue value) {
        if (Objects.equals(get(table, key).orElse(null), value.plain())) {
            return this;
        }
        List<String> lines = lines();
        Section section = section(lines, table);
        String newLine = key + " = " + value.render();
        if (section == null) {
            if (get(table, key).isPresent() || parsed.get(table) != null) {
                throw unsupported(table, key);
            }
            StringBuilder sb = new StringBuilder(text);
            if (!text.isEmpty() && !text.endsWith("\n")) {
                sb.append('\n');
            }
            if (!text.isEmpty()) {
                sb.append('\n');
            }
            sb.append('[').append(table).append("]\n").append(newLine).append('\n');
            return verified(sb.toString(), table, key, value);
        }
        int keyLine = findKey(lines, section, key);
        if (keyLine >= 0) {
            lines.set(keyLine, replaceValue(lines.get(keyLine), value));
        } else {
            if (get(table, key).isPresent()) {
                throw unsupported(table, key);
            }
            lines.add(section.lastContentLine + 1, newLine);
        }
        return verified(String.join("\n", lines), table, key, value);
    }

    /** A copy without {@code table.key}; an emptied table header is kept (it may carry comments). */
    public DeploymentToml remove(String table, String key) {
        if (get(table, key).isEmpty()) {
            return this;
        }
        List<String> lines = lines();
        Section section = section(lines, table);
        int keyLine = section == null ? -1 : findKey(lines, section, key);
        if (keyLine < 0) {
            throw unsupported(table, key);
        }
        lines.remove(keyLine);
        DeploymentToml out = new DeploymentToml(source, form, String.join("\n", lines));
        if (out.get(table, key).isPresent()) {
            throw unsupported(table, key);
        }
        return out;
    }

    /** Writes the file, keeping the original beside it once as {@code deployment.toml.apim-orig}. */
    public void write(Path file) {
        parse(file, text);
        try {
            Path original = file.resolveSibling(file.getFileName() + ".apim-orig");
            if (Files.exists(file) && !Files.exists(original)) {
                Files.copy(file, original, StandardCopyOption.COPY_ATTRIBUTES);
            }
            AtomicWrite.text(file, form.written(text));
            FaultInjector.afterFile();
        } catch (IOException e) {
            throw new ApimException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** A line diff from this file to another version of it, each change headed by its line and TOML table, for plans and reports. */
    public List<String> diff(DeploymentToml after) {
        return LineDiff.hunks(lines(), after.lines(), line -> line.trim().startsWith("["));
    }

    private DeploymentToml verified(String newText, String table, String key, TomlValue value) {
        DeploymentToml out = new DeploymentToml(source, form, newText);
        if (!Objects.equals(out.get(table, key).orElse(null), value.plain())) {
            throw new ApimException("Editing " + dotted(table, key) + " in " + source + " did not give the expected value");
        }
        return out;
    }

    private ApimException unsupported(String table, String key) {
        return new ConfigurationException(source + " defines " + dotted(table, key) + " in a form this plugin does not edit "
                + "(a dotted key or an inline table). Write it as a [" + table + "] section with '" + key + " = ...' and run again.");
    }

    private List<String> lines() {
        return new ArrayList<>(List.of(text.split("\n", -1)));
    }

    private static String dotted(String table, String key) {
        return table == null || table.isEmpty() ? quoteIfNeeded(key) : table + "." + quoteIfNeeded(key);
    }

    private static String quoteIfNeeded(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    }

    private record Section(int header, int end, int lastContentLine) {
    }

    private static Section section(List<String> lines, String table) {
        Pattern header = Pattern.compile("^\\s*\\[\\s*" + Pattern.quote(table).replace("\\.", "\\s*\\.\\s*") + "\\s*]\\s*(#.*)?$");
        for (int i = 0; i < lines.size(); i++) {
            if (header.matcher(lines.get(i)).matches()) {
                int end = i + 1;
                int last = i;
                while (end < lines.size() && !lines.get(end).trim().startsWith("[")) {
                    String t = lines.get(end).trim();
                    if (!t.isEmpty() && !t.startsWith("#")) {
                        last = end;
                    }
                    end++;
                }
                return new Section(i, end, last);
            }
        }
        return null;
    }

    private static int findKey(List<String> lines, Section s, String key) {
        Pattern p = Pattern.compile("^\\s*(" + Pattern.quote(key) + "|\"" + Pattern.quote(key) + "\")\\s*=.*$");
        for (int i = s.header + 1; i < s.end; i++) {
            if (p.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return -1;
    }

    /** Replaces the value on a {@code key = value # comment} line, keeping indent, key and comment. */
    private static String replaceValue(String line, TomlValue value) {
        int eq = line.indexOf('=');
        int start = eq + 1;
        while (start < line.length() && line.charAt(start) == ' ') {
            start++;
        }
        int end = valueEnd(line, start);
        return line.substring(0, start) + value.render() + line.substring(end);
    }

    private static int valueEnd(String line, int start) {
        if (start >= line.length()) {
            return start;
        }
        char c = line.charAt(start);
        if (c == '"' || c == '\'') {
            for (int i = start + 1; i < line.length(); i++) {
                if (c == '"' && line.charAt(i) == '\\') {
                    i++;
                } else if (line.charAt(i) == c) {
                    return i + 1;
                }
            }
            return line.length();
        }
        int hash = line.indexOf('#', start);
        int end = hash < 0 ? line.length() : hash;
        while (end > start && Character.isWhitespace(line.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
