package io.github.apimupgrade.backup;

import io.github.apimupgrade.testing.TestDatabase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.github.apimupgrade.core.db.Catalog;

/** Test data for backup tests: a 3.0.0 deployment's databases with BLOBs, a home with files, and checksums of both. */
final class Fixtures {
    private Fixtures() {
    }

    /** WSO2AM_DB and registry fixtures plus REG_CONTENT rows with random BLOBs (one NULL, one empty, one 200 KB). */
    static TestDatabase deployment(TestDatabase.Kind kind, Path tmp) throws Exception {
        TestDatabase db = TestDatabase.create(kind, tmp).loadFixture("am-3.0.0").load("fixtures/am-3.0.0-rows.sql")
                .loadFixture("registry").load("fixtures/registry-rows.sql");
        try (Connection c = db.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO REG_CONTENT (REG_CONTENT_ID, REG_CONTENT_DATA, REG_TENANT_ID) VALUES (?, ?, ?)")) {
            Random r = new Random(42);
            for (int i = 0; i < 300; i++) {
                ps.setInt(1, 100_000 + i);
                if (i == 0) {
                    ps.setNull(2, kind == TestDatabase.Kind.POSTGRESQL ? Types.BINARY : Types.BLOB);
                } else {
                    byte[] b = new byte[i == 1 ? 0 : i == 2 ? 200_000 : 500 + r.nextInt(4000)];
                    r.nextBytes(b);
                    ps.setBytes(2, b);
                }
                ps.setInt(3, i % 3);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return db;
    }

    /** A 3.0.0 home with the folders backup copies, a binary keystore and nested tenant files; and a 3.1.0 home with solr. */
    static Path[] homes(Path tmp) throws IOException {
        Path old = tmp.resolve("wso2am-3.0.0");
        Path neu = tmp.resolve("wso2am-3.1.0");
        Files.createDirectories(old.resolve("repository/conf"));
        Files.writeString(old.resolve("repository/conf/deployment.toml"), "[server]\nhostname = \"localhost\"\n");
        Files.writeString(old.resolve("repository/conf/registry.xml"), "<wso2registry/>\n");
        Files.createDirectories(old.resolve("repository/resources/security"));
        byte[] keystore = new byte[70_000];
        new Random(7).nextBytes(keystore);
        Files.write(old.resolve("repository/resources/security/wso2carbon.jks"), keystore);
        Files.createDirectories(old.resolve("repository/tenants/1/synapse-configs/default/api"));
        Files.writeString(old.resolve("repository/tenants/1/synapse-configs/default/api/admin--Pizza_v1.xml"), "<api name=\"Pizza\"/>\n");
        Files.createDirectories(old.resolve("repository/deployment/server/synapse-configs/default/api"));
        Files.writeString(old.resolve("repository/deployment/server/synapse-configs/default/api/admin--Echo_v1.0.xml"), "<api/>\n");
        Files.createDirectories(old.resolve("repository/components/lib"));
        Files.writeString(old.resolve("repository/components/lib/README with space.txt"), "drivers go here\n");
        Files.createDirectories(neu.resolve("solr/data"));
        Files.writeString(neu.resolve("solr/data/index.bin"), "index");
        return new Path[] {old, neu};
    }

    /** SHA-256 of every file under the homes, by relative path. */
    static Map<String, String> files(Path... homes) throws Exception {
        Map<String, String> out = new TreeMap<>();
        for (Path h : homes) {
            try (Stream<Path> w = Files.walk(h)) {
                for (Path p : w.filter(Files::isRegularFile).toList()) {
                    out.put(h.getFileName() + "/" + h.relativize(p), HexFormat.of().formatHex(
                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
                }
            }
        }
        return out;
    }

    /** Per table: row count and a checksum over every column of every row (BLOBs included), independent of row order. */
    static Map<String, String> tables(TestDatabase db) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = db.connect()) {
            Catalog catalog = new Catalog(c, db.dialect());
            for (String t : catalog.tables().values()) {
                String q = db.dialect() == io.github.apimupgrade.core.db.Dialect.MYSQL ? "`" + t + "`" : "\"" + t + "\"";
                List<String> rows = new ArrayList<>();
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + q)) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        MessageDigest d = MessageDigest.getInstance("SHA-256");
                        for (int i = 1; i <= md.getColumnCount(); i++) {
                            int type = md.getColumnType(i);
                            if (type == Types.BLOB || type == Types.BINARY || type == Types.VARBINARY || type == Types.LONGVARBINARY) {
                                try (InputStream in = rs.getBinaryStream(i)) {
                                    d.update(in == null ? "<null>".getBytes() : in.readAllBytes());
                                }
                            } else {
                                d.update(String.valueOf(rs.getString(i)).getBytes());
                            }
                            d.update((byte) 0);
                        }
                        rows.add(HexFormat.of().formatHex(d.digest()));
                    }
                }
                rows.sort(null);
                out.put(t.toUpperCase(), rows.size() + " rows " + HexFormat.of().formatHex(
                        MessageDigest.getInstance("SHA-256").digest(String.join(",", rows).getBytes())));
            }
        }
        return out;
    }

    static int tableCount(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            return new Catalog(c, db.dialect()).tables().size();
        }
    }
}
