package io.github.apimupgrade.check;

import io.github.apimupgrade.core.settings.ConfigurationException;

import io.github.apimupgrade.core.check.CheckGoal;
import io.github.apimupgrade.core.check.CheckRefusedException;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.check.KeyManagerCheck;
import io.github.apimupgrade.testing.TestRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * check refuses a 3.0.0 node whose Key Manager is WSO2 IS (WSO2's IS-as-Key-Manager guide applies
 * there), from the 3.0.0 deployment.toml: the IS-as-KM pack itself, a Key Manager type naming WSO2
 * IS, or a separate Key Manager the operator has not yet said is API-M.
 */
class KeyManagerCheckTest {
    @TempDir
    Path tmp;

    private Path oldHome(String toml) throws Exception {
        Path home = tmp.resolve("wso2am-3.0.0");
        Files.createDirectories(home.resolve("repository/conf"));
        Files.writeString(home.resolve("repository/conf/deployment.toml"), toml);
        return home;
    }

    private List<Finding> check(String toml, String choice) throws Exception {
        TestRun run = new TestRun(tmp).set("apim.oldHome", oldHome(toml).toString()).set("apim.workDir", tmp.resolve("work").toString());
        if (choice != null) {
            run.set(KeyManagerCheck.PROPERTY, choice);
        }
        List<Finding> out = new ArrayList<>();
        run.run(ctx -> out.addAll(new KeyManagerCheck().run(ctx)));
        assertEquals(1, out.size(), out.toString());
        return out;
    }

    private static final String API_M = """
            [server]
            hostname = "apim.example.com"

            #[apim.key_manager]
            #service_url = "https://localhost:${mgt.transport.https.port}/services/"
            """;

    @Test
    void theResidentKeyManagerPasses() throws Exception {
        assertEquals(Finding.Status.PASS, check(API_M, null).get(0).status());
        Finding own = check(API_M + "[apim.key_manager]\nservice_url = \"https://apim.example.com:${mgt.transport.https.port}/services/\"\n",
                null).get(0);
        assertEquals(Finding.Status.PASS, own.status(), own.toString());
    }

    @Test
    void theIsAsKeyManagerPackIsRefusedWithTheGuide() throws Exception {
        Finding f = check("""
                [server]
                hostname = "localhost"
                serverDetails = "WSO2 IS as KM 5.9.0"
                userAgent = "WSO2 IS as KM 5.9.0"
                """, null).get(0);
        assertEquals(Finding.Status.FAIL, f.status());
        assertTrue(f.message().contains("is WSO2 Identity Server as Key Manager"), f.message());
        assertTrue(f.fix().contains("\"Upgrading WSO2 IS as the Key Manager to 5.10.0\""), f.fix());
    }

    @Test
    void aKeyManagerTypeNamingWso2IsIsRefused() throws Exception {
        Finding f = check(API_M + "[apim.key_manager]\nservice_url = \"https://km.example.com:9444/services/\"\ntype = \"WSO2-IS\"\n",
                "api-m").get(0);
        assertEquals(Finding.Status.FAIL, f.status());
        assertTrue(f.message().contains("type = \"WSO2-IS\""), f.message());
    }

    @Test
    void aSeparateKeyManagerMustBeNamedByTheOperator() throws Exception {
        String toml = API_M + "[apim.key_manager]\nservice_url = \"https://km.example.com:9444/services/\"\n";
        Finding unknown = check(toml, null).get(0);
        assertEquals(Finding.Status.FAIL, unknown.status());
        assertTrue(unknown.message().contains("https://km.example.com:9444/services/") && unknown.message()
                .contains("\"Upgrading WSO2 IS as the Key Manager to 5.10.0\""), unknown.message());
        assertTrue(unknown.fix().contains("'apim.keyManager=api-m'"), unknown.fix());
        assertEquals(Finding.Status.PASS, check(toml, "api-m").get(0).status());
        Finding is = check(toml, "wso2is").get(0);
        assertEquals(Finding.Status.FAIL, is.status());
        assertTrue(is.fix().contains("Upgrading WSO2 IS as the Key Manager"), is.fix());
        ConfigurationException bad = assertThrows(ConfigurationException.class, () -> check(toml, "keycloak"));
        assertTrue(bad.getMessage().contains("'apim.keyManager' must be one of api-m, wso2is"), bad.getMessage());
    }

    @Test
    void checkRefusesTheNodeNamingTheGuideAndChangesNothing() throws Exception {
        Path home = oldHome(API_M + "[apim.key_manager]\nservice_url = \"https://is-km.example.com:9444/services/\"\n");
        TestRun run = new TestRun(tmp).set("apim.oldHome", home.toString()).set("apim.workDir", tmp.resolve("work").toString());
        byte[] before = Files.readAllBytes(home.resolve("repository/conf/deployment.toml"));
        CheckRefusedException e = assertThrows(CheckRefusedException.class, () -> run.run(ctx -> new CheckGoal(ctx).run()));
        assertTrue(e.getMessage().contains("Upgrading WSO2 IS as the Key Manager to 5.10.0") && e.getMessage().contains("Nothing was changed"),
                e.getMessage());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(home.resolve("repository/conf/deployment.toml"))));
    }

    /** WSO2's own pack files (conformance run only): the IS-as-KM pack is refused, the API-M pack passes. */
    @Test
    @EnabledIfSystemProperty(named = "apim.reference", matches = ".+")
    void wso2sOwnPackFiles() throws Exception {
        Path packs = Path.of(System.getProperty("apim.reference")).resolve("packs/product-apim/v3.0.0/modules");
        assertEquals(Finding.Status.FAIL, check(Files.readString(packs.resolve("is-km/deployment.toml")), null).get(0).status());
        assertEquals(Finding.Status.PASS, check(Files.readString(packs.resolve("distribution/product/src/main/conf/deployment.toml")), null)
                .get(0).status());
    }
}
