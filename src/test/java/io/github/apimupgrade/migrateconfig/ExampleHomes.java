package io.github.apimupgrade.migrateconfig;

import io.github.apimupgrade.core.files.Checksums;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Example WSO2 API-M homes shaped like real 3.0.0 and 3.1.0 ones (super tenant and two tenants,
 * default and customised Synapse files, execution plans, extra jars and bundles, keystores, embedded
 * H2 files), and the trees migrate-config must leave per node role. Used by the unit tests and,
 * through the test class path, by the invoker ITs' setup.groovy/verify.groovy.
 */
public final class ExampleHomes {
    public static final String OLD = "wso2am-3.0.0";
    public static final String NEW = "wso2am-3.1.0";
    public static final String SYN = "repository/deployment/server/synapse-configs/default/";

    public static final String OLD_TOML = """
            [server]
            hostname = "apim.example.com"
            node_ip = "127.0.0.1"

            [user_store]
            type = "database"

            [super_admin]
            username = "admin"
            password = "admin"
            create_admin_account = true

            [database.apim_db]
            type = "postgre"
            url = "jdbc:postgresql://db.example:5432/am_db"
            username = "apim"
            password = "old-toml-password"

            [apim.analytics]
            enable = false
            """;

    /** A shortened 3.1.0 deployment.toml, with the comments and layout of the real one. */
    public static final String NEW_TOML = """
            [server]
            hostname = "localhost"
            node_ip = "127.0.0.1"
            #offset=0
            mode = "single" #single or ha
            base_path = "${carbon.protocol}://${carbon.host}:${carbon.management.port}"
            server_role = "default"

            [super_admin]
            username = "admin"
            password = "admin"
            create_admin_account = true

            [user_store]
            type = "database_unique_id"

            [database.apim_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"

            [database.shared_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2SHARED_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"

            [keystore.tls]
            file_name =  "wso2carbon.jks"
            type =  "JKS"
            password =  "wso2carbon"
            alias =  "wso2carbon"
            key_password =  "wso2carbon"

            #[keystore.primary]
            #file_name =  "wso2carbon.jks"

            [[apim.gateway.environment]]
            name = "Production and Sandbox"
            type = "hybrid"
            display_in_api_console = true
            """;

    /**
     * What NEW_TOML becomes with WSO2AM_DB on PostgreSQL (user apim, password from a settings.xml
     * server), the registry on the home's H2, and the defaults for everything else.
     */
    public static final String EXPECTED_TOML_PG = NEW_TOML
            .replace("type = \"database_unique_id\"", "type = \"database\"")
            .replace("""
                    type = "h2"
                    url = "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE"
                    username = "wso2carbon"
                    password = "wso2carbon"
                    """, """
                    type = "postgre"
                    url = "jdbc:postgresql://db.example:5432/am_db"
                    username = "apim_it_bad"
                    password = "$secret{apim_db_password}"
                    driver = "org.postgresql.Driver"
                    validationQuery = "SELECT 1"
                    """);

    /** The datasource blocks of {@link #OLD_TOML}. */
    static final String OLD_DATASOURCES = """
            [database.apim_db]
            type = "postgre"
            url = "jdbc:postgresql://db.example:5432/am_db"
            username = "apim"
            password = "old-toml-password"
            """;

    /** The 3.0.0 pack's own datasource blocks: both databases embedded H2 in the home. */
    public static final String PACK_H2_DATASOURCES = """
            [database.apim_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2AM_DB;AUTO_SERVER=TRUE;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"

            [database.shared_db]
            type = "h2"
            url = "jdbc:h2:./repository/database/WSO2SHARED_DB;DB_CLOSE_ON_EXIT=FALSE"
            username = "wso2carbon"
            password = "wso2carbon"
            """;

    private ExampleHomes() {
    }

    /** Makes the old home's deployment.toml name these datasource blocks instead of its current ones (either of the two above). */
    public static void oldDatasources(Path root, String blocks) throws Exception {
        Path toml = root.resolve(OLD).resolve("repository/conf/deployment.toml");
        String text = Files.readString(toml);
        for (String current : List.of(OLD_DATASOURCES, PACK_H2_DATASOURCES)) {
            if (text.contains(current)) {
                Files.writeString(toml, text.replace(current, blocks));
                return;
            }
        }
        throw new IllegalStateException("the old deployment.toml's datasources were changed already");
    }

    /** Builds both homes under {@code root} (replacing earlier ones). */
    public static void build(Path root) throws Exception {
        Path old = root.resolve(OLD);
        Path nu = root.resolve(NEW);
        delete(old);
        delete(nu);
        write(old, "bin/version.txt", "WSO2 API Manager v3.0.0\n");
        write(nu, "bin/version.txt", "WSO2 API Manager v3.1.0\n");
        write(old, "repository/conf/deployment.toml", OLD_TOML);
        write(nu, "repository/conf/deployment.toml", NEW_TOML);

        // Super tenant Synapse: 3.0.0 defaults, customised files, custom APIs.
        write(old, SYN + "api/_RevokeAPI_.xml", revoke("3.0.0"));
        write(old, SYN + "api/_TokenAPI_.xml", "<api name=\"_WSO2AMTokenAPI_\" context=\"/token\"/>\n");
        write(old, SYN + "api/admin--PizzaShackAPI_v1.0.0.xml", "<api name=\"admin--PizzaShackAPI\" context=\"/pizzashack/1.0.0\"/>\n");
        write(old, SYN + "sequences/main.xml", "<sequence name=\"main\"><log level=\"full\"/><!-- customised in 3.0.0 --></sequence>\n");
        write(old, SYN + "sequences/_cors_request_handler_.xml", cors("3.0.0"));
        write(old, SYN + "sequences/fault.xml", "<sequence name=\"fault\"/>\n");
        write(old, SYN + "sequences/custom_in_seq.xml", "<sequence name=\"custom_in_seq\"><log/></sequence>\n");
        write(old, SYN + "proxy-services/WorkflowCallbackService.xml", "<proxy name=\"WorkflowCallbackService\" version=\"3.0.0\"/>\n");
        write(old, SYN + "endpoints/PizzaShackAPI--v1.0.0_APIproductionEndpoint.xml", "<endpoint name=\"pizza\"/>\n");

        write(nu, SYN + "api/_RevokeAPI_.xml", revoke("3.1.0"));
        write(nu, SYN + "api/_TokenAPI_.xml", "<api name=\"_WSO2AMTokenAPI_\" context=\"/token\"/>\n");
        write(nu, SYN + "sequences/main.xml", "<sequence name=\"main\"><!-- 3.1.0 --></sequence>\n");
        write(nu, SYN + "sequences/_cors_request_handler_.xml", cors("3.1.0"));
        write(nu, SYN + "sequences/fault.xml", "<sequence name=\"fault\"><!-- 3.1.0 --></sequence>\n");
        write(nu, SYN + "proxy-services/WorkflowCallbackService.xml", "<proxy name=\"WorkflowCallbackService\" version=\"3.1.0\"/>\n");

        // Two tenants.
        String t1 = "repository/tenants/1/synapse-configs/default/";
        write(old, t1 + "api/wso2.com--TenantAPI_v1.0.0.xml", "<api name=\"wso2.com--TenantAPI\"/>\n");
        write(old, t1 + "sequences/main.xml", "<sequence name=\"main\"><!-- 3.1.0 --></sequence>\n"); // default content
        write(old, t1 + "api/_RevokeAPI_.xml", revoke("3.1.0"));
        write(old, "repository/tenants/1/synapse-configs/default/synapse.xml", "<definitions/>\n");
        String t2 = "repository/tenants/2/synapse-configs/default/";
        write(old, t2 + "api/example.org--OrdersAPI_v2.xml", "<api name=\"example.org--OrdersAPI\"/>\n");
        write(old, t2 + "sequences/_cors_request_handler_.xml", cors("3.0.0-tenant-2-customised"));
        write(old, t2 + "sequences/orders_fault.xml", "<sequence name=\"orders_fault\"/>\n");

        // Execution plans (traffic manager).
        write(old, "repository/deployment/server/executionplans/carbon.super_app_50PerMin.siddhiql", "@Plan:name('app_50PerMin')\n");
        write(old, "repository/deployment/server/executionplans/custom_blocking.siddhiql", "@Plan:name('custom')\n");
        write(nu, "repository/deployment/server/executionplans/.keep", "");

        // Bundles and jars: custom ones, and one that 3.1.0 ships in another version.
        write(old, "repository/components/dropins/org.example.custom.handler_1.0.0.jar", "custom bundle\n");
        write(old, "repository/components/dropins/commons-example_1.0.0.jar", "commons 1.0.0\n");
        write(nu, "repository/components/dropins/commons-example_1.2.0.jar", "commons 1.2.0\n");
        write(old, "repository/components/lib/custom-mediator-2.1.jar", "custom mediator\n");
        write(old, "repository/components/lib/json-smart-2.3.jar", "json-smart 2.3\n");
        write(nu, "repository/components/lib/json-smart-2.4.7.jar", "json-smart 2.4.7\n");

        // Embedded H2 files (content does not matter to migrate-config, which only copies them).
        write(old, "repository/database/WSO2SHARED_DB.mv.db", "H2 registry of 3.0.0\n");
        write(old, "repository/database/WSO2AM_DB.mv.db", "H2 AM_DB of 3.0.0 (unused: WSO2AM_DB is on PostgreSQL)\n");
        write(old, "repository/database/WSO2CARBON_DB.mv.db", "H2 local registry of the 3.0.0 node\n");
        write(nu, "repository/database/WSO2SHARED_DB.mv.db", "fresh H2 registry of 3.1.0\n");
        write(nu, "repository/database/WSO2AM_DB.mv.db", "fresh H2 AM_DB of 3.1.0\n");
        write(nu, "repository/database/WSO2CARBON_DB.mv.db", "fresh H2 local registry of 3.1.0\n");

        // Keystores: the old node's own key, the 3.1.0 pack's, truststores, and a custom one.
        Path oldSec = old.resolve("repository/resources/security");
        Path newSec = nu.resolve("repository/resources/security");
        keyPair(oldSec.resolve("wso2carbon.jks"), "wso2carbon", "wso2carbon", "CN=apim.example.com");
        keyPair(newSec.resolve("wso2carbon.jks"), "wso2carbon", "wso2carbon", "CN=localhost");
        trustStore(oldSec.resolve("client-truststore.jks"), oldSec.resolve("wso2carbon.jks"), "wso2carbon");
        trustStore(newSec.resolve("client-truststore.jks"), newSec.resolve("wso2carbon.jks"), "wso2carbon");
        keyPair(oldSec.resolve("partner-mtls.jks"), "partner", "partner-pass", "CN=partner");
        write(nu, "repository/resources/security/README.txt", "3.1.0 security folder\n");
    }

    static String revoke(String v) {
        return "<api name=\"_WSO2AMRevokeAPI_\" context=\"/revoke\"><!-- " + v + " --></api>\n";
    }

    static String cors(String v) {
        return "<sequence name=\"_cors_request_handler_\"><!-- " + v + " --></sequence>\n";
    }

    /** The files migrate-config copies from the old home on a node of this role (beside the TOML and the driver). */
    public static List<String> copiedFor(String role) {
        List<String> out = new ArrayList<>(List.of(
                "repository/database/WSO2SHARED_DB.mv.db",
                "repository/components/dropins/org.example.custom.handler_1.0.0.jar",
                "repository/components/lib/custom-mediator-2.1.jar",
                "repository/resources/security/wso2carbon.jks",
                "repository/resources/security/client-truststore.jks",
                "repository/resources/security/partner-mtls.jks"));
        if (role.equals("all-in-one") || role.equals("gateway")) {
            out.addAll(List.of(
                    SYN + "api/admin--PizzaShackAPI_v1.0.0.xml",
                    SYN + "sequences/fault.xml",
                    SYN + "sequences/custom_in_seq.xml",
                    SYN + "endpoints/PizzaShackAPI--v1.0.0_APIproductionEndpoint.xml",
                    "repository/tenants/1/synapse-configs/default/api/wso2.com--TenantAPI_v1.0.0.xml",
                    "repository/tenants/1/synapse-configs/default/synapse.xml",
                    "repository/tenants/2/synapse-configs/default/api/example.org--OrdersAPI_v2.xml",
                    "repository/tenants/2/synapse-configs/default/sequences/orders_fault.xml"));
        }
        if (role.equals("all-in-one") || role.equals("traffic-manager")) {
            out.addAll(List.of(
                    "repository/deployment/server/executionplans/carbon.super_app_50PerMin.siddhiql",
                    "repository/deployment/server/executionplans/custom_blocking.siddhiql"));
        }
        return out;
    }

    /**
     * The new home's expected tree: its files before the run, the copied files with the old home's
     * content, deployment.toml as expected and its original kept as deployment.toml.apim-orig.
     */
    public static Map<String, String> expected(Path root, Map<String, String> newBefore, String role, String expectedToml,
                                               Map<String, String> extra) {
        Map<String, String> out = new TreeMap<>(newBefore);
        for (String rel : copiedFor(role)) {
            out.put(rel, Checksums.sha256(root.resolve(OLD).resolve(rel)));
        }
        out.put("repository/conf/deployment.toml.apim-orig", out.get("repository/conf/deployment.toml"));
        out.put("repository/conf/deployment.toml", Checksums.sha256(expectedToml));
        out.putAll(extra);
        return out;
    }

    /** A mismatch list, empty when the trees are equal. */
    public static List<String> compare(Map<String, String> expected, Map<String, String> actual) {
        List<String> out = new ArrayList<>();
        for (var e : expected.entrySet()) {
            String a = actual.get(e.getKey());
            if (a == null) {
                out.add("missing " + e.getKey());
            } else if (!a.equals(e.getValue())) {
                out.add("differs " + e.getKey());
            }
        }
        actual.keySet().stream().filter(k -> !expected.containsKey(k)).forEach(k -> out.add("unexpected " + k));
        return out;
    }

    public static void write(Path home, String rel, String text) throws IOException {
        Path f = home.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text, StandardCharsets.UTF_8);
    }

    private static final Map<String, byte[]> KEYSTORES = new java.util.concurrent.ConcurrentHashMap<>();

    /** A JKS with one RSA key pair, made by the JDK's keytool (once per JVM and subject). */
    public static void keyPair(Path file, String alias, String password, String dname) throws Exception {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        String id = alias + "|" + password + "|" + dname;
        byte[] cached = KEYSTORES.get(id);
        if (cached == null) {
            Path tmp = Files.createTempFile("apim-ks", ".jks");
            Files.delete(tmp);
            generate(tmp, alias, password, dname);
            cached = Files.readAllBytes(tmp);
            Files.delete(tmp);
            KEYSTORES.put(id, cached);
        }
        Files.write(file, cached);
    }

    private static void generate(Path file, String alias, String password, String dname) throws Exception {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", alias, "-keyalg", "RSA", "-keysize", "2048",
                "-dname", dname, "-validity", "3650", "-storetype", "JKS", "-keystore", file.toString(),
                "-storepass", password, "-keypass", password).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
    }

    /** A JKS truststore holding the certificate of a key pair keystore, through the KeyStore API. */
    public static void trustStore(Path file, Path keyStore, String password) throws Exception {
        KeyStore ks = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, password.toCharArray());
        }
        KeyStore ts = KeyStore.getInstance("JKS");
        ts.load(null, null);
        ts.setCertificateEntry("wso2carbon", ks.getCertificate(ks.aliases().nextElement()));
        try (OutputStream out = Files.newOutputStream(file)) {
            ts.store(out, password.toCharArray());
        }
    }

    public static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    // ---- invoker ITs (src/it/config-*) ----

    /** setup.groovy: both homes, the 3.0.0 defaults file, and snapshots of both homes. */
    public static void setupIt(Path basedir) throws Exception {
        build(basedir);
        Files.writeString(basedir.resolve("defaults.sha256"), Checksums.sha256(revoke("3.0.0")) + "  api/_RevokeAPI_.xml\n"
                + Checksums.sha256(cors("3.0.0")) + "  sequences/_cors_request_handler_.xml\n");
        snapshot(basedir.resolve(NEW), basedir.resolve("new-before.txt"));
        snapshot(basedir.resolve(OLD), basedir.resolve("old-before.txt"));
    }

    public static void snapshot(Path home, Path to) throws IOException {
        StringBuilder sb = new StringBuilder();
        Checksums.tree(home).forEach((k, v) -> sb.append(v).append(' ').append(k).append('\n'));
        Files.writeString(to, sb.toString());
    }

    static Map<String, String> readSnapshot(Path file) throws IOException {
        Map<String, String> out = new TreeMap<>();
        for (String l : Files.readAllLines(file)) {
            if (!l.isBlank()) {
                out.put(l.substring(65), l.substring(0, 64));
            }
        }
        return out;
    }

    /** verify.groovy: the new home equals the expected tree, the old home is unchanged. Returns the mismatches. */
    public static List<String> verifyIt(Path basedir, String role, Path driverJar) throws Exception {
        Map<String, String> expected = expected(basedir, readSnapshot(basedir.resolve("new-before.txt")), role, EXPECTED_TOML_PG,
                Map.of("repository/components/lib/" + driverJar.getFileName(), Checksums.sha256(driverJar)));
        List<String> out = new ArrayList<>(compare(expected, Checksums.tree(basedir.resolve(NEW))));
        compare(readSnapshot(basedir.resolve("old-before.txt")), Checksums.tree(basedir.resolve(OLD))).forEach(d -> out.add("old home: " + d));
        return out;
    }

    /** verify.groovy of failing runs: both homes exactly as setup left them. */
    public static List<String> unchanged(Path basedir) throws Exception {
        List<String> out = new ArrayList<>();
        compare(readSnapshot(basedir.resolve("new-before.txt")), Checksums.tree(basedir.resolve(NEW))).forEach(d -> out.add("new home: " + d));
        compare(readSnapshot(basedir.resolve("old-before.txt")), Checksums.tree(basedir.resolve(OLD))).forEach(d -> out.add("old home: " + d));
        return out;
    }
}
