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
     * database when the file is missing. Options that would make the plugin an H2 server for other
     * processes ({@code AUTO_SERVER}: lock and port files) are dropped. Other URLs are returned unchanged.
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
        StringBuilder kept = new StringBuilder();
        for (String option : options.split(";")) {
            int eq = option.indexOf('=');
            String name = (eq < 0 ? option : option.substring(0, eq)).trim().toUpperCase(Locale.ROOT);
            if (!option.isBlank() && !H2_SERVER_OPTIONS.contains(name)) {
                kept.append(';').append(option);
            }
        }
        options = kept.toString();
        if (!options.toUpperCase(Locale.ROOT).contains(";IFEXISTS=")) {
            options = options + ";IFEXISTS=TRUE";
        }
        return H2_PREFIX + prefix + location + options;
    }

    /** H2 options that make the connecting process a server for others: not for the plugin's own connections. */
    private static final java.util.Set<String> H2_SERVER_OPTIONS = java.util.Set.of("AUTO_SERVER", "AUTO_SERVER_PORT", "AUTO_RECONNECT");

    /**
     * The JDBC URL WSO2 builds from a datasource's {@code type}, {@code hostname}, {@code port} and {@code name}
     * (the 3.1.0 profile templates' form), with each dialect's default port.
     */
    public static String fromParts(String wso2Type, String host, String port, String name) {
        String t = wso2Type.toLowerCase(Locale.ROOT);
        return switch (t) {
            case "mysql" -> "jdbc:mysql://" + host + ":" + orDefault(port, "3306") + "/" + name;
            case "postgre", "postgresql" -> "jdbc:postgresql://" + host + ":" + orDefault(port, "5432") + "/" + name;
            case "mssql" -> "jdbc:sqlserver://" + host + ":" + orDefault(port, "1433") + ";databaseName=" + name;
            case "oracle" -> "jdbc:oracle:thin:@" + host + ":" + orDefault(port, "1521") + "/" + name;
            case "db2" -> "jdbc:db2://" + host + ":" + orDefault(port, "50000") + "/" + name;
            default -> throw new io.github.apimupgrade.core.settings.ConfigurationException("A datasource of type '" + wso2Type
                    + "' cannot be given by hostname, port and name; give its url.");
        };
    }

    private static String orDefault(String v, String d) {
        return v == null || v.isBlank() ? d : v;
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

    /** The URL without parameters or user info: where the database is, never how to log in. */
    public static String location(String url) {
        int cut = url.length();
        for (char ch : new char[] {';', '?'}) {
            int i = url.indexOf(ch);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        java.util.regex.Matcher mssqlDatabase = java.util.regex.Pattern.compile("(?i);(databaseName|database)=([^;]*)").matcher(url);
        String database = mssqlDatabase.find() ? "/" + mssqlDatabase.group(2) : "";
        return url.substring(0, cut).replaceAll("//[^/@]*@", "//") + database;
    }
}
