package io.github.apimupgrade.maven;

import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.LayeredProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** -D beats the config file, which beats pom properties, which beat the plugin configuration. */
class PropertyPrecedenceTest {
    @TempDir
    Path dir;

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void eachLayerOverridesTheOneBelow() throws Exception {
        Files.writeString(dir.resolve("prod.toml"), "[apim]\nenv = \"from-file\"\nnodeRole = \"gateway\"\n"
                + "[apim.db.apim]\npassword = \"${env.DB_PASS}\"\n");
        LayeredProperties p = MavenPropertyLayers.of(
                props("apim.env", "from-cli", "apim.configFile", "prod.toml"),
                props("apim.env", "from-pom", "apim.nodeRole", "publisher", "apim.workDir", "pom-work"),
                Map.of("apim.env", "from-config", "apim.workDir", "config-work", "apim.dryRun", "true"),
                dir, name -> name.equals("DB_PASS") ? "s3cret" : null);
        assertEquals("from-cli", p.get("apim.env").orElseThrow());
        assertEquals("gateway", p.get("apim.nodeRole").orElseThrow());
        assertEquals("pom-work", p.get("apim.workDir").orElseThrow());
        assertEquals("true", p.get("apim.dryRun").orElseThrow());
        assertEquals("s3cret", p.get("apim.db.apim.password").orElseThrow());
        assertEquals("config file prod.toml", p.find("apim.nodeRole").orElseThrow().layer());
    }

    @Test
    void configFileMayBeJavaProperties() throws Exception {
        Files.writeString(dir.resolve("staging.properties"), "apim.db.apim.url=jdbc:postgresql://db/apim\n");
        LayeredProperties p = MavenPropertyLayers.of(props(), props("apim.configFile", "staging.properties"), Map.of(), dir, n -> null);
        assertEquals("jdbc:postgresql://db/apim", p.get("apim.db.apim.url").orElseThrow());
    }

    @Test
    void unsetEnvironmentVariableAndBrokenFileAreNamed() throws Exception {
        Files.writeString(dir.resolve("a.toml"), "[apim.db.apim]\npassword = \"${env.NOPE}\"\n");
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> MavenPropertyLayers.of(props("apim.configFile", "a.toml"), props(), Map.of(), dir, n -> null));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());
        Files.writeString(dir.resolve("b.toml"), "[apim\nenv = \n");
        e = assertThrows(ConfigurationException.class,
                () -> MavenPropertyLayers.of(props("apim.configFile", "b.toml"), props(), Map.of(), dir, n -> null));
        assertTrue(e.getMessage().contains("not valid TOML"), e.getMessage());
    }
}
