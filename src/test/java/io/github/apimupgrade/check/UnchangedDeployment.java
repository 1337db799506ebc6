package io.github.apimupgrade.check;

import io.github.apimupgrade.core.files.Checksums;
import io.github.apimupgrade.migrateconfig.ExampleHomes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * "Nothing changed" for a deployment on embedded H2 (IT check-is-km): every file of both homes by
 * SHA-256, except the H2 files, which H2 rewrites whenever it opens one, even to read; those are
 * compared by their content instead (H2's own SCRIPT of the schema and every row).
 */
public final class UnchangedDeployment {
    private static final String DATABASES = "repository/database/";

    private UnchangedDeployment() {
    }

    public static Map<String, String> state(Path basedir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (String home : List.of(ExampleHomes.OLD, ExampleHomes.NEW)) {
            Path root = basedir.resolve(home);
            for (Map.Entry<String, String> e : Checksums.tree(root).entrySet()) {
                if (!e.getKey().startsWith(DATABASES)) {
                    out.put(home + "/" + e.getKey(), e.getValue());
                } else if (isH2(root.resolve(e.getKey()))) {
                    out.put(home + "/" + e.getKey() + " (content)", h2Content(root.resolve(e.getKey())));
                }
            }
        }
        return out;
    }

    /** A real H2 MVStore file, whose header starts "H:2," (the example homes also hold placeholder text files of that name). */
    public static boolean isH2(Path file) throws java.io.IOException {
        if (!file.getFileName().toString().endsWith(".mv.db")) {
            return false;
        }
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1).equals("H:2,");
        }
    }

    /** SHA-256 of H2's SCRIPT of the database: its schema and every row. */
    public static String h2Content(Path mvDb) throws Exception {
        String base = mvDb.toAbsolutePath().toString();
        base = base.substring(0, base.length() - ".mv.db".length());
        Properties login = new Properties();
        login.setProperty("user", "wso2carbon");
        login.setProperty("password", "wso2carbon");
        StringBuilder sb = new StringBuilder();
        try (Connection c = new org.h2.Driver().connect("jdbc:h2:" + base + ";IFEXISTS=TRUE", login);
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SCRIPT NOPASSWORDS")) {
            while (rs.next()) {
                sb.append(rs.getString(1)).append('\n');
            }
        }
        return Checksums.sha256(sb.toString());
    }

    public static void record(Path basedir) throws Exception {
        StringBuilder sb = new StringBuilder();
        state(basedir).forEach((k, v) -> sb.append(v).append(' ').append(k).append('\n'));
        Files.writeString(basedir.resolve("deployment-before.txt"), sb.toString());
    }

    /** The differences from what {@link #record} saw; empty when nothing changed. */
    public static List<String> changes(Path basedir) throws Exception {
        Map<String, String> before = new TreeMap<>();
        for (String l : Files.readAllLines(basedir.resolve("deployment-before.txt"))) {
            before.put(l.substring(65), l.substring(0, 64));
        }
        return new ArrayList<>(ExampleHomes.compare(before, state(basedir)));
    }
}
