package io.github.apimupgrade.settings;

import io.github.apimupgrade.core.SecretRedactor;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.LayeredProperties;
import io.github.apimupgrade.core.settings.Option;
import io.github.apimupgrade.core.settings.Options;
import io.github.apimupgrade.core.settings.PropertyLayer;
import io.github.apimupgrade.core.settings.SettingsResolver;
import io.github.apimupgrade.core.settings.UpgradeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One list of settings: unknown names and badly typed values are refused, naming what to write instead. */
class OptionsTest {
    @TempDir
    Path tmp;

    private static LayeredProperties layers(Map<String, String> commandLine, Map<String, String> pom) {
        return new LayeredProperties(List.of(new PropertyLayer("the command line (-D)", commandLine),
                new PropertyLayer("the pom's properties", pom)));
    }

    private UpgradeSettings resolve(LayeredProperties props) {
        return new SettingsResolver(tmp, CredentialSource.none(), new SecretRedactor()).resolve(props);
    }

    @ParameterizedTest
    @CsvSource({"apim.db.apim.ulr,apim.db.apim.url", "apim.db.shared.usrname,apim.db.shared.username", "apim.nodrole,apim.nodeRole",
            "apim.migrate-bd.skip,apim.migrate-db.skip", "apim.backup.treads,apim.backup.threads", "apim.keystore.primary.pasword,apim.keystore.primary.password"})
    void aMistypedSettingIsRefusedWithTheClosestName(String typo, String meant) {
        ConfigurationException e = assertThrows(ConfigurationException.class,
                () -> resolve(layers(Map.of(typo, "x"), Map.of("apim.db.apim.url", "jdbc:h2:mem:x"))));
        assertTrue(e.getMessage().contains("'" + typo + "' (the command line (-D)) is not a setting"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean '" + meant + "'?"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"apim.backup.threads,two,must be a whole number", "apim.dryRun,yes,must be true or false",
            "apim.nodeRole,worker,must be one of all-in-one", "apim.registry.disableVersioning,maybe,must be one of auto, true, false"})
    void aBadValueNamesThePropertyAndTheLayer(String key, String value, String problem) {
        ConfigurationException e = assertThrows(ConfigurationException.class, () -> resolve(layers(Map.of(), Map.of(key, value))));
        assertTrue(e.getMessage().contains("'" + key + "' " + problem) && e.getMessage().contains("the pom's properties sets it to '" + value + "'"),
                e.getMessage());
    }

    @Test
    void aBadPasswordValueIsNeverShown() {
        assertTrue(Options.of("apim.db.apim.password").map(o -> o.type() == Option.Type.SECRET).orElse(false));
    }

    @Test
    void familiesAcceptOnlyTheirParts() {
        assertTrue(Options.of("apim.db.config.serverId").isPresent());
        assertFalse(Options.of("apim.db.reg.url").isPresent(), "reg is not a database key");
        assertTrue(Options.of("apim.roleMapping.Internal/partners").isPresent());
        assertTrue(Options.of("apim.config.secretAlias.database.apim_db.password").isPresent());
        assertFalse(Options.of("apim.migrate-dbb.skip").isPresent());
        assertTrue(Options.of("apim.keystore.truststore.file_name").isPresent());
        assertFalse(Options.of("apim.keystore.secondary.file_name").isPresent());
    }

    /** -Dapim.db.apim.serverId= clears the profile's value instead of being ignored. */
    @Test
    void anEmptyValueClearsALowerLayer() {
        LayeredProperties props = layers(Map.of("apim.db.apim.serverId", ""),
                Map.of("apim.db.apim.serverId", "prod-db", "apim.db.apim.url", "jdbc:h2:mem:x", "apim.db.apim.password", "p"));
        assertTrue(props.get("apim.db.apim.serverId").isEmpty());
        assertEquals("p", resolve(props).requireDatabase(io.github.apimupgrade.core.settings.DbKey.APIM).password().reveal());
    }

    @Test
    void everyNameIsUniqueAndDescribed() {
        assertEquals(Options.ALL.size(), Options.ALL.stream().map(Option::name).distinct().count());
        Options.ALL.forEach(o -> assertFalse(o.description().isBlank(), o.name()));
    }
}
