package io.github.apimupgrade.identity;

import io.github.apimupgrade.core.ApimUserException;
import io.github.apimupgrade.core.identity.MigrationConfigYaml;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MigrationConfigYamlTest {
    private static final String SHIPPED = IdentityFixtures.read(IdentityFixtures.RESOURCES + "/migration-resources/migration-config.yaml");

    @Test
    void preparedDiffersOnlyInTheIntendedKeysAndTheTwoMigrators() {
        MigrationConfigYaml shipped = MigrationConfigYaml.of("migration-config.yaml", SHIPPED);
        assertFalse(shipped.isPrepared());
        MigrationConfigYaml prepared = shipped.prepared();
        assertTrue(prepared.isPrepared());

        String expected = SHIPPED
                .replace("migrationEnable: \"false\"", "migrationEnable: \"true\"")
                .replace("currentVersion: \"5.x.x\"", "currentVersion: \"5.9.0\"")
                .replace("migrateVersion: \"5.x.x\"", "migrateVersion: \"5.10.0\"")
                .replace("continueOnError: \"true\"", "continueOnError: \"false\"")
                .replace("   -\n     name: \"MigrationValidator\"\n     order: 2\n", "")
                .replace("   -\n     name: \"SchemaMigrator\"\n     order: 5\n     parameters:\n       location: \"step2\"\n"
                        + "       schema: \"identity\"\n", "");
        assertEquals(SHIPPED.length() - 165, expected.length(), "the fixture has each intended text once");
        assertEquals(expected, prepared.text(), "every other line byte for byte");
        List<String> removed = shipped.diff(prepared).stream().filter(l -> l.startsWith("-") && !l.startsWith("---")).toList();
        assertEquals(4 + 3 + 6, removed.size(), String.join("\n", removed));

        Map<?, ?> parsed = (Map<?, ?>) new Load(LoadSettings.builder().build()).loadFromString(prepared.text());
        assertEquals("false", parsed.get("continueOnError"));
        List<?> versions = (List<?>) parsed.get("versions");
        Map<?, ?> v510 = (Map<?, ?>) versions.get(1);
        List<String> names = ((List<?>) v510.get("migratorConfigs")).stream()
                .map(m -> ((Map<?, ?>) m).get("name") + "#" + ((Map<?, ?>) m).get("order")).toList();
        assertEquals(List.of("ScopeDataMigrator#1", "SchemaMigrator#3", "SchemaMigrator#4", "OAuth2ScopesMigrator#6",
                "ClaimDataMigrator#7", "SchemaMigrator#8", "UserIDMigrator#9"), names);
        // 5.9.0 keeps its MigrationValidator, 5.11.0 its step2/identity SchemaMigrator
        assertEquals(2, ((List<?>) ((Map<?, ?>) versions.get(0)).get("migratorConfigs")).size());
        assertEquals(2, ((List<?>) ((Map<?, ?>) versions.get(2)).get("migratorConfigs")).size());
    }

    @Test
    void preparingTwiceChangesNothing() {
        MigrationConfigYaml once = MigrationConfigYaml.of("m.yaml", SHIPPED).prepared();
        MigrationConfigYaml twice = once.prepared();
        assertEquals(once.text(), twice.text());
    }

    @Test
    void resourcesWithoutA5100SectionAreRefused() {
        String old = SHIPPED.substring(0, SHIPPED.indexOf(" -\n   version: \"5.10.0\""));
        ApimUserException e = assertThrows(ApimUserException.class, () -> MigrationConfigYaml.of("m.yaml", old).prepared());
        assertTrue(e.getMessage().contains("no migrators for version 5.10.0"), e.getMessage());
    }

    @Test
    void invalidYamlIsRefused() {
        assertThrows(ApimUserException.class, () -> MigrationConfigYaml.of("m.yaml", "a: [\n"));
    }
}
