package io.github.apimupgrade.core.sql;

import io.github.apimupgrade.core.ApimException;
import io.github.apimupgrade.core.db.Dialect;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL the plugin ships under {@code sql/} in the source tree and {@code apim-sql/} in the jar:
 * {@code <path>/<dialect>/<name>.sql}. Names that only the live catalog knows are written as
 * {@code ${placeholder}} and filled in before the script is split.
 */
public final class SqlResources {
    public static final String ROOT = "apim-sql/";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)}");

    private SqlResources() {
    }

    public static String resourceName(String path, Dialect dialect, String name) {
        return ROOT + path + "/" + dialect.folder() + "/" + name + ".sql";
    }

    public static Optional<String> find(String path, Dialect dialect, String name) {
        return resource(resourceName(path, dialect, name));
    }

    /** A script anywhere on the plugin's class path (a data path keeps its SQL beside its descriptor). */
    public static Optional<String> resource(String resource) {
        try (InputStream in = SqlResources.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ApimException("Cannot read " + resource + " from the plugin jar", e);
        }
    }

    public static String load(String path, Dialect dialect, String name) {
        return find(path, dialect, name).orElseThrow(() ->
                new ApimException("The plugin jar has no " + resourceName(path, dialect, name)));
    }

    /**
     * A script of a dialect, or, where the dialect has none of its own, the one in {@code <path>/any/} that
     * is the same for every dialect (for SQL written in the subset all six accept).
     */
    public static String loadOrShared(String path, Dialect dialect, String name) {
        return find(path, dialect, name).or(() -> resource(ROOT + path + "/any/" + name + ".sql")).orElseThrow(() ->
                new ApimException("The plugin jar has no " + resourceName(path, dialect, name) + " nor " + path + "/any/" + name + ".sql"));
    }

    /** A single read-only catalog query, without comments or a trailing semicolon, for a PreparedStatement. */
    public static String catalogQuery(Dialect dialect, String name) {
        return asQuery(load("catalog", dialect, name));
    }

    /** A one-statement script as a JDBC query: its comment lines and trailing semicolon dropped. */
    public static String asQuery(String text) {
        StringBuilder sb = new StringBuilder();
        for (String line : text.split("\n")) {
            if (!line.trim().startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        String sql = sb.toString().trim();
        return sql.endsWith(";") ? sql.substring(0, sql.length() - 1) : sql;
    }

    public static String fill(String sql, Map<String, String> placeholders) {
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = placeholders.get(m.group(1));
            if (value == null) {
                throw new ApimException("No value for ${" + m.group(1) + "} in a plugin SQL script");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
