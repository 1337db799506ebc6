package io.github.apimupgrade.core.db;

import java.nio.file.Path;
import java.util.Locale;

/** JDBC URL rewriting that the upgrade needs. */
public final class JdbcUrls {
    private static final String H2_PREFIX = "jdbc:h2:";

    private JdbcUrls() {
    }

    /**
     * Resolves an embedded H2 URL relative to a WSO2 home ({@code jdbc:h2:./repository/database/WSO2AM_DB}
     * as written in deployment.toml) to an absolute file URL, and makes H2 refuse to create a new empty
     * database when the file is missing. Other URLs are returned unchanged.
     */
    public static String resolveH2(String url, Path home) {
        if (!url.regionMatches(true, 0, H2_PREFIX, 0, H2_PREFIX.length())) {
            return url;
        }
        String rest = url.substring(H2_PREFIX.length());
        int semi = rest.indexOf(';');
        String location = semi < 0 ? rest : rest.substring(0, semi);
        String options = semi < 0 ? "" : rest.substring(semi);
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
            return url;
        }
        String prefix = "";
        if (lower.startsWith("file:")) {
            prefix = "file:";
            location = location.substring(5);
        }
        boolean relative = !location.startsWith("/") && !location.startsWith("~") && !location.matches("^[A-Za-z]:.*");
        if (relative && home != null) {
            location = home.resolve(location).normalize().toAbsolutePath().toString();
        }
        if (!options.toUpperCase(Locale.ROOT).contains(";IFEXISTS=")) {
            options = options + ";IFEXISTS=TRUE";
        }
        return H2_PREFIX + prefix + location + options;
    }

    /** The file an embedded H2 URL points at (without the .mv.db/.h2.db suffix), or null. */
    public static Path h2File(String url) {
        if (!url.regionMatches(true, 0, H2_PREFIX, 0, H2_PREFIX.length())) {
            return null;
        }
        String rest = url.substring(H2_PREFIX.length());
        int semi = rest.indexOf(';');
        String location = semi < 0 ? rest : rest.substring(0, semi);
        String lower = location.toLowerCase(Locale.ROOT);
        if (lower.startsWith("mem:") || lower.startsWith("tcp:") || lower.startsWith("ssl:")) {
            return null;
        }
        if (lower.startsWith("file:")) {
            location = location.substring(5);
        }
        if (location.startsWith("~")) {
            location = System.getProperty("user.home") + location.substring(1);
        }
        return Path.of(location);
    }
}
