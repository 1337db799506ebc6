package io.github.apimupgrade.testing;

import io.github.apimupgrade.core.db.Catalog;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.SchemaShape;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a deployment is, to compare two moments of it: the SHA-256 of every file of a folder, and the shape of
 * every table and a checksum of its rows in a database (the plugin's own history tables can be left out).
 */
public final class DeploymentSnapshot {
    private final Map<String, String> entries = new TreeMap<>();

    public Map<String, String> entries() {
        return entries;
    }

    /** Every file under {@code root}, by SHA-256 of its bytes. */
    public DeploymentSnapshot files(String label, Path root) throws Exception {
        if (!Files.exists(root)) {
            return this;
        }
        try (var files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                entries.put(label + " " + root.relativize(f), sha256(Files.readAllBytes(f)));
            }
        }
        return this;
    }

    /** Every table's shape and rows; tables whose names start with one of {@code leaveOut} are skipped. */
    public DeploymentSnapshot tables(String label, String url, String user, String password, Dialect dialect, List<String> leaveOut)
            throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            Catalog catalog = new Catalog(c, dialect);
            SchemaShape.all(catalog, leaveOut).forEach((t, shape) -> entries.put(label + " schema " + t, shape));
            for (String t : new TreeSet<>(catalog.tables().values())) {
                if (leaveOut.stream().noneMatch(p -> t.toUpperCase().startsWith(p))) {
                    entries.put(label + " rows " + t, rows(c, dialect, t));
                }
            }
        }
        return this;
    }

    public DeploymentSnapshot database(String label, TestDatabase db, List<String> leaveOut) throws Exception {
        return tables(label, db.url(), db.user(), db.password(), db.dialect(), leaveOut);
    }

    private static String rows(Connection c, Dialect dialect, String table) throws Exception {
        String quoted = dialect == Dialect.MYSQL ? "`" + table + "`" : "\"" + table + "\"";
        List<String> rows = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + quoted)) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    sb.append(value(rs.getObject(i))).append('\u0001');
                }
                rows.add(sb.toString());
            }
        }
        Collections.sort(rows);
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        rows.forEach(r -> md.update(r.getBytes(StandardCharsets.UTF_8)));
        return rows.size() + " rows " + HexFormat.of().formatHex(md.digest());
    }

    /** A value by its content (H2 returns LOBs as objects whose text is not their content). */
    private static String value(Object v) throws SQLException {
        if (v instanceof Blob b) {
            v = b.getBytes(1, (int) b.length());
        } else if (v instanceof Clob c) {
            v = c.getSubString(1, (int) c.length());
        }
        return v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** The entries that differ, for a readable failure; empty when equal. */
    public static String differences(DeploymentSnapshot expected, DeploymentSnapshot actual) {
        TreeSet<String> keys = new TreeSet<>(expected.entries.keySet());
        keys.addAll(actual.entries.keySet());
        StringBuilder sb = new StringBuilder();
        for (String k : keys) {
            if (!Objects.equals(expected.entries.get(k), actual.entries.get(k))) {
                sb.append("\n  ").append(k).append(": ").append(expected.entries.get(k)).append(" -> ").append(actual.entries.get(k));
            }
        }
        return sb.toString();
    }
}
