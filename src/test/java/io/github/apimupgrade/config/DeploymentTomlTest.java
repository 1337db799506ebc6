package io.github.apimupgrade.config;

import io.github.apimupgrade.core.config.DeploymentToml;
import io.github.apimupgrade.core.config.TomlValue;
import io.github.apimupgrade.core.settings.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentTomlTest {
    private static final String ORIGINAL = """
            # WSO2 API-M 3.1.0
            [server]
            hostname = "localhost"   # the public host
            offset = 0

            [database.apim_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE"
            username = "wso2carbon"

            [[apim.gateway.environment]]
            name = "Production and Sandbox"
            """;

    private static DeploymentToml toml() {
        return DeploymentToml.of(Path.of("deployment.toml"), ORIGINAL);
    }

    /** A file saved on Windows (CRLF, a UTF-8 byte order mark) is edited and written back in its own form. */
    @Test
    void crlfAndByteOrderMarkAreKept(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("deployment.toml");
        String windows = "\uFEFF" + ORIGINAL.replace("\n", "\r\n");
        java.nio.file.Files.writeString(file, windows);
        DeploymentToml read = DeploymentToml.read(file);
        assertEquals("localhost", read.get("server", "hostname").orElseThrow());
        read.set("server", "hostname", TomlValue.string("apim.example.com")).set("indexing", "re_indexing", TomlValue.integer(1)).write(file);
        String written = java.nio.file.Files.readString(file);
        assertTrue(written.startsWith("\uFEFF"), "the byte order mark is kept");
        assertEquals(0, written.replace("\r\n", "").chars().filter(c -> c == '\n').count(), "every line ends with CRLF");
        assertEquals(windows.replace("\"localhost\"", "\"apim.example.com\"") + "\r\n[indexing]\r\nre_indexing = 1\r\n", written);
    }

    @Test
    void changesOnlyTheValueAndKeepsCommentAndEveryOtherLine() {
        DeploymentToml after = toml().set("server", "hostname", TomlValue.string("apim.example.com"));
        assertEquals(List.of("@@ line 3 [server] @@", "-hostname = \"localhost\"   # the public host",
                "+hostname = \"apim.example.com\"   # the public host"), toml().diff(after));
        assertEquals("apim.example.com", after.get("server", "hostname").orElseThrow());
    }

    @Test
    void addsKeysAtTheEndOfTheirSectionAndNewSectionsAtTheEnd() {
        DeploymentToml after = toml().set("database.apim_db", "password", TomlValue.string("$secret{apim_db}"))
                .set("indexing", "re_indexing", TomlValue.integer(1));
        assertEquals(List.of("@@ line 10 [database.apim_db] @@", "+password = \"$secret{apim_db}\"", "@@ line 15 [[apim.gateway.environment]] @@",
                "+[indexing]", "+re_indexing = 1"), toml().diff(after).stream().filter(l -> !l.equals("+")).toList());
        assertEquals(1L, after.get("indexing", "re_indexing").orElseThrow());
        String text = after.text();
        assertTrue(text.indexOf("password = ") < text.indexOf("[[apim.gateway.environment]]"), text);
    }

    @Test
    void settingTheSameValueIsANoOpAndRemoveDeletesOneLine() {
        DeploymentToml t = toml();
        assertSame(t, t.set("server", "offset", TomlValue.integer(0)));
        assertEquals(List.of("@@ line 9 [database.apim_db] @@", "-username = \"wso2carbon\""), t.diff(t.remove("database.apim_db", "username")));
    }

    /** Two identical changed lines in two tables: each change names its table and line. */
    @Test
    void eachChangeNamesItsTableAndLine() {
        DeploymentToml t = DeploymentToml.of(Path.of("deployment.toml"), """
                [database.apim_db]
                type = "h2"

                [database.shared_db]
                type = "h2"
                """);
        DeploymentToml after = t.set("database.apim_db", "type", TomlValue.string("postgre"))
                .set("database.shared_db", "type", TomlValue.string("postgre"));
        assertEquals(List.of("@@ line 2 [database.apim_db] @@", "-type = \"h2\"", "+type = \"postgre\"",
                "@@ line 5 [database.shared_db] @@", "-type = \"h2\"", "+type = \"postgre\""), t.diff(after));
    }

    @Test
    void brokenTomlIsRefusedWithItsPosition() {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> DeploymentToml.of(Path.of("deployment.toml"), "[server\nhostname = "));
        assertTrue(e.getMessage().contains("is not valid TOML") && e.getMessage().contains("line 1"), e.getMessage());
    }

    @Test
    void keysInAFormItCannotEditAreRefused() {
        DeploymentToml dotted = DeploymentToml.of(Path.of("deployment.toml"), "[database]\napim_db.url = \"x\"\n");
        assertThrows(ConfigurationException.class, () -> dotted.set("database.apim_db", "url", TomlValue.string("y")));
    }
}
