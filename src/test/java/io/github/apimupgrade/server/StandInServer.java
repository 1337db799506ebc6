package io.github.apimupgrade.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.tomlj.Toml;
import org.tomlj.TomlParseResult;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stand-in for a WSO2 API-M 3.1.0 node (and the API-M Analytics worker and dashboard), written for
 * apim-maven-plugin's tests. It behaves like 3.1.0 where apim:start looks: it writes its pid file and
 * {@code repository/logs/wso2carbon.log} in carbon's format, reads {@code deployment.toml} (port
 * offset, WSO2AM_DB datasource, {@code [indexing] re_indexing}), opens the real migrated WSO2AM_DB,
 * logs a datasource error when it cannot, logs each Synapse API file it deploys, and serves HTTPS
 * with the home's self-signed wso2carbon.jks on 9443 + offset: dynamic client registration, the
 * password grant, the Publisher's API list and search, the Developer Portal's API list.
 *
 * <p>Its registry index works as 3.1.0's does after a migration: nothing of the migrated registry is
 * indexed unless {@code re_indexing} was raised (the 3.0.0 lastaccesstime would say all is indexed);
 * the super tenant is loaded at start, other tenants at start only with the tenant loader in dropins,
 * otherwise when their admin first signs in; a loaded tenant's APIs are indexed {@code indexDelayMillis}
 * later. The index is kept in {@code solr/} and survives restarts.
 *
 * <p>{@code bin/stand-in.properties}: {@code scenario} = good | datasource-error | never-starts | exits;
 * {@code hide} = an API name that is never indexed; {@code users} = user:password,...;
 * {@code indexDelayMillis}, {@code startDelayMillis}.
 */
public final class StandInServer {
    static final String SUPER = "carbon.super";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss,SSS");
    private static final Pattern API_NAME = Pattern.compile("<api\\s[^>]*name=\"([^\"]+)\"");

    private final Path home;
    private final Properties cfg;
    private final List<String> args;
    private Path logFile;
    private Connection amDb;
    private final Map<String, String> users = new HashMap<>();
    private final Map<String, String[]> clients = new ConcurrentHashMap<>();
    private final Map<String, String> tokens = new ConcurrentHashMap<>();
    private final Map<String, Long> loadedAt = new ConcurrentHashMap<>();
    private final Properties index = new Properties();
    private Path indexFile;
    private long reIndexing;

    private StandInServer(Path home, Properties cfg, List<String> args) {
        this.home = home;
        this.cfg = cfg;
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        Path home = Path.of(argv[1]).toAbsolutePath().normalize();
        Properties cfg = new Properties();
        Path file = home.resolve("bin/stand-in.properties");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                cfg.load(in);
            }
        }
        StandInServer s = new StandInServer(home, cfg, List.of(argv).subList(2, argv.length));
        switch (argv[0]) {
            case "apim" -> s.apim();
            case "worker", "dashboard" -> s.analytics(argv[0]);
            default -> throw new IllegalArgumentException(argv[0]);
        }
    }

    // ------------------------------------------------------------------ log and pid

    private synchronized void log(String level, String logger, String message) {
        String line = "[" + LocalDateTime.now().format(TIME) + "] [] " + (level.length() == 4 ? " " : "") + level + " {" + logger + "} - "
                + message;
        System.out.println(line);
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void pid(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
    }

    private String arg(String name) {
        return args.stream().filter(a -> a.startsWith("-D" + name + "=")).map(a -> a.substring(name.length() + 3)).findFirst().orElse(null);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void forever() {
        while (true) {
            sleep(60_000);
        }
    }

    // ------------------------------------------------------------------ API-M

    private void apim() throws Exception {
        logFile = home.resolve("repository/logs/wso2carbon.log");
        pid(home.resolve("wso2carbon.pid"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeAmDb(); // a graceful stop closes the datasources, so an embedded H2 file is left without its lock
            log("INFO", "org.wso2.carbon.core.init.CarbonServerManager", "Shutdown complete");
        }));
        String scenario = cfg.getProperty("scenario", "good");
        log("INFO", "org.wso2.carbon.core.internal.CarbonCoreActivator", "Starting WSO2 Carbon...");
        log("INFO", "org.wso2.carbon.core.internal.CarbonCoreActivator", "Operating System : Linux (stand-in for tests)");
        if (scenario.equals("exits")) {
            log("INFO", "org.wso2.carbon.core.internal.CarbonCoreActivator", "Java Home : none (stand-in exits)");
            System.exit(3);
        }
        if (scenario.equals("never-starts")) {
            log("INFO", "org.wso2.carbon.registry.core.internal.RegistryCoreServiceComponent", "Registry Mode : READ-WRITE");
            forever();
        }
        TomlParseResult toml = Toml.parse(home.resolve("repository/conf/deployment.toml"));
        if (toml.hasErrors()) {
            log("ERROR", "org.wso2.config.mapper.ConfigParser", "Error while parsing deployment.toml: " + toml.errors().get(0));
            System.exit(1);
        }
        String offsetArg = arg("portOffset");
        long offset = offsetArg != null ? Long.parseLong(offsetArg) : toml.getLong("server.offset", () -> 0L);
        String profile = arg("profile");
        for (String user : cfg.getProperty("users", "admin:admin").split(",")) {
            int colon = user.indexOf(':');
            users.put(user.substring(0, colon).trim(), user.substring(colon + 1));
        }
        openAmDb(toml, scenario);
        reIndexing = toml.getLong("indexing.re_indexing", () -> 0L);
        loadIndex();
        loadedAt.put(SUPER, System.currentTimeMillis());
        if (tenantLoader()) {
            for (String t : tenantsOfAmApi()) {
                loadedAt.putIfAbsent(t, System.currentTimeMillis());
                log("INFO", "org.wso2.carbon.tenantloader.TenantLoader", "Loaded tenant " + t);
            }
        }
        if (profile == null || profile.equals("gateway-worker")) {
            deploySynapse(home.resolve("repository/deployment/server/synapse-configs/default/api"));
        }
        serve((int) (9443 + offset));
        Thread indexer = new Thread(this::indexLoop, "indexer");
        indexer.setDaemon(true);
        indexer.start();
        sleep(Long.parseLong(cfg.getProperty("startDelayMillis", "300")));
        log("INFO", "org.wso2.carbon.core.internal.StartupFinalizerServiceComponent", "Server           :  WSO2 API Manager-3.1.0");
        log("INFO", "org.wso2.carbon.core.internal.StartupFinalizerServiceComponent", "WSO2 Carbon started in 2 sec");
        forever();
    }

    private synchronized void closeAmDb() {
        if (amDb == null) {
            return;
        }
        try (Statement s = amDb.createStatement()) {
            if (amDb.getMetaData().getURL().startsWith("jdbc:h2:")) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException ignored) {
            // already closed by H2's own shutdown hook
        }
        try {
            amDb.close();
        } catch (SQLException ignored) {
            // closing is all that is left to do
        }
    }

    private void openAmDb(TomlParseResult toml, String scenario) {
        String url = toml.getString("database.apim_db.url");
        String user = toml.getString("database.apim_db.username");
        String password = toml.getString("database.apim_db.password");
        if (scenario.equals("datasource-error")) {
            password = password + "-not-the-password";
        }
        try {
            amDb = DriverManager.getConnection(url, user, password);
            log("INFO", "org.wso2.carbon.ndatasource.core.DataSourceRepository", "Data source WSO2AM_DB registered");
        } catch (SQLException e) {
            log("ERROR", "org.wso2.carbon.ndatasource.core.DataSourceRepository", "Error in registering data source: WSO2AM_DB: "
                    + e.getMessage().replace('\n', ' '));
        }
    }

    private boolean tenantLoader() throws IOException {
        Path dropins = home.resolve("repository/components/dropins");
        if (!Files.isDirectory(dropins)) {
            return false;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dropins, "tenantloader*.jar")) {
            return s.iterator().hasNext();
        }
    }

    private void deploySynapse(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.xml")) {
            for (Path f : s) {
                Matcher m = API_NAME.matcher(Files.readString(f));
                if (m.find()) {
                    log("INFO", "org.apache.synapse.deployers.APIDeployer", "API named '" + m.group(1)
                            + "' has been deployed from file : " + f);
                } else {
                    log("ERROR", "org.apache.synapse.deployers.APIDeployer", "API deployment from the file : " + f + " : Failed.");
                }
            }
        }
    }

    // ------------------------------------------------------------------ AM_API and the index

    record Api(String name, String version, String provider) {
        String tenant() {
            int at = provider.lastIndexOf('@');
            return at < 0 ? SUPER : provider.substring(at + 1);
        }

        String key() {
            return tenant() + "|" + provider + "|" + name + "|" + version;
        }
    }

    private synchronized List<Api> amApi() throws SQLException {
        List<Api> out = new ArrayList<>();
        if (amDb == null) {
            throw new SQLException("the WSO2AM_DB datasource is not available");
        }
        try (Statement s = amDb.createStatement(); ResultSet rs = s.executeQuery("SELECT API_NAME, API_VERSION, API_PROVIDER FROM AM_API")) {
            while (rs.next()) {
                out.add(new Api(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return out;
    }

    private Set<String> tenantsOfAmApi() {
        Set<String> out = new TreeSet<>();
        try {
            amApi().forEach(a -> out.add(a.tenant()));
        } catch (SQLException e) {
            // no datasource: nothing to load
        }
        out.remove(SUPER);
        return out;
    }

    private void loadIndex() throws IOException {
        indexFile = home.resolve("solr/data/stand-in-index.properties");
        if (Files.isRegularFile(indexFile)) {
            try (InputStream in = Files.newInputStream(indexFile)) {
                index.load(in);
            }
        }
        if (!Long.toString(reIndexing).equals(index.getProperty("re_indexing"))) {
            index.clear();
            index.setProperty("re_indexing", Long.toString(reIndexing));
            saveIndex();
        }
    }

    private synchronized void saveIndex() throws IOException {
        Files.createDirectories(indexFile.getParent());
        Path tmp = indexFile.resolveSibling("stand-in-index.tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            index.store(out, "stand-in registry index");
        }
        Files.move(tmp, indexFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private void indexLoop() {
        long delay = Long.parseLong(cfg.getProperty("indexDelayMillis", "1500"));
        String hidden = cfg.getProperty("hide", "");
        while (true) {
            sleep(300);
            if (reIndexing < 1 || amDb == null) {
                continue; // the 3.0.0 lastaccesstime says the migrated registry is indexed already
            }
            try {
                boolean changed = false;
                for (Api api : amApi()) {
                    Long loaded = loadedAt.get(api.tenant());
                    if (loaded != null && System.currentTimeMillis() - loaded >= delay && !api.name().equals(hidden)
                            && !index.containsKey(api.key())) {
                        synchronized (this) {
                            index.setProperty(api.key(), "indexed");
                        }
                        changed = true;
                    }
                }
                if (changed) {
                    saveIndex();
                    log("INFO", "org.wso2.carbon.registry.indexing.IndexingManager", "indexed: " + (index.size() - 1) + " API(s)");
                }
            } catch (SQLException | IOException e) {
                log("WARN", "org.wso2.carbon.registry.indexing.IndexingManager", "indexing failed: " + e.getMessage());
            }
        }
    }

    private List<Api> indexed(String tenant) throws SQLException {
        List<Api> out = new ArrayList<>();
        for (Api a : amApi()) {
            if (a.tenant().equals(tenant) && index.containsKey(a.key())) {
                out.add(a);
            }
        }
        out.sort((a, b) -> (a.name() + a.version()).compareTo(b.name() + b.version()));
        return out;
    }

    // ------------------------------------------------------------------ HTTPS

    private void serve(int port) throws Exception {
        KeyStore ks = KeyStore.getInstance("JKS");
        try (InputStream in = Files.newInputStream(home.resolve("repository/resources/security/wso2carbon.jks"))) {
            ks.load(in, "wso2carbon".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "wso2carbon".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/carbon/", x -> {
            x.getResponseHeaders().add("Location", "/carbon/admin/index.jsp");
            send(x, 302, "");
        });
        server.createContext("/client-registration/v0.16/register", this::register);
        server.createContext("/oauth2/token", this::token);
        server.createContext("/api/am/publisher/v1/apis", x -> list(x, null));
        server.createContext("/api/am/publisher/v1/search", this::search);
        server.createContext("/api/am/store/v1/apis", x -> list(x, null));
        server.start();
        log("INFO", "org.apache.catalina.core.StandardService", "Starting service [Catalina] on HTTPS port " + port);
    }

    private static void send(HttpExchange x, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        if (!json.isEmpty()) {
            x.getResponseHeaders().add("Content-Type", "application/json");
        }
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
        x.close();
    }

    private static String[] basic(HttpExchange x) {
        String h = x.getRequestHeaders().getFirst("Authorization");
        if (h == null || !h.startsWith("Basic ")) {
            return null;
        }
        String pair = new String(Base64.getDecoder().decode(h.substring(6)), StandardCharsets.UTF_8);
        int colon = pair.indexOf(':');
        return colon < 0 ? null : new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
    }

    private static Map<String, String> form(String body) {
        Map<String, String> out = new TreeMap<>();
        for (String kv : body.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) {
                out.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String tenantOf(String user) {
        int at = user.lastIndexOf('@');
        return at < 0 ? SUPER : user.substring(at + 1);
    }

    private void register(HttpExchange x) throws IOException {
        String[] login = basic(x);
        x.getRequestBody().readAllBytes();
        if (!"POST".equals(x.getRequestMethod()) || login == null || !login[1].equals(users.get(login[0]))) {
            send(x, 401, "{\"code\":401,\"message\":\"Unauthenticated\"}");
            return;
        }
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 28);
        String secret = UUID.randomUUID().toString().replace("-", "").substring(0, 28);
        clients.put(id, new String[] {secret, login[0]});
        send(x, 200, "{\"clientId\":" + json(id) + ",\"clientName\":\"rest_api_publisher\",\"callBackURL\":\"www.google.lk\","
                + "\"clientSecret\":" + json(secret) + ",\"isSaasApplication\":true,\"appOwner\":" + json(login[0])
                + ",\"jsonString\":\"{\\\"grant_types\\\":\\\"password refresh_token\\\"}\",\"jsonAppAttribute\":\"{}\",\"tokenType\":null}");
    }

    private void token(HttpExchange x) throws IOException {
        String[] client = basic(x);
        Map<String, String> f = form(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String[] known = client == null ? null : clients.get(client[0]);
        if (known == null || !known[0].equals(client[1])) {
            send(x, 401, "{\"error\":\"invalid_client\",\"error_description\":\"Client Authentication failed.\"}");
            return;
        }
        String user = f.getOrDefault("username", "");
        if (!"password".equals(f.get("grant_type")) || !f.getOrDefault("password", "").equals(users.get(user))) {
            send(x, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"Authentication failed for " + user + "\"}");
            return;
        }
        String tenant = tenantOf(user);
        if (loadedAt.putIfAbsent(tenant, System.currentTimeMillis()) == null) {
            log("INFO", "org.wso2.carbon.core.multitenancy.utils.TenantAxisUtils", "Loaded tenant " + tenant + " on its admin's first sign-in");
        }
        String token = UUID.randomUUID().toString();
        tokens.put(token, tenant);
        send(x, 200, "{\"access_token\":" + json(token) + ",\"refresh_token\":" + json(UUID.randomUUID().toString())
                + ",\"scope\":" + json(f.getOrDefault("scope", "default")) + ",\"token_type\":\"Bearer\",\"expires_in\":3600}");
    }

    private String tenant(HttpExchange x) {
        String h = x.getRequestHeaders().getFirst("Authorization");
        return h == null || !h.startsWith("Bearer ") ? null : tokens.get(h.substring(7));
    }

    private static Map<String, String> query(HttpExchange x) {
        String q = x.getRequestURI().getRawQuery();
        return q == null ? Map.of() : form(q);
    }

    private void list(HttpExchange x, String nameFilter) throws IOException {
        String tenant = tenant(x);
        if (tenant == null) {
            send(x, 401, "{\"code\":900901,\"message\":\"Invalid Credentials\"}");
            return;
        }
        Map<String, String> q = query(x);
        int limit = Integer.parseInt(q.getOrDefault("limit", "25"));
        int offset = Integer.parseInt(q.getOrDefault("offset", "0"));
        List<Api> all;
        try {
            all = indexed(tenant);
        } catch (SQLException e) {
            send(x, 500, "{\"code\":500,\"message\":" + json("Error while retrieving APIs: " + e.getMessage()) + "}");
            return;
        }
        if (nameFilter != null) {
            all = all.stream().filter(a -> a.name().equals(nameFilter)).toList();
        }
        List<Api> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        StringBuilder sb = new StringBuilder("{\"count\":" + page.size() + ",\"list\":[");
        for (int i = 0; i < page.size(); i++) {
            Api a = page.get(i);
            sb.append(i == 0 ? "" : ",").append("{\"id\":").append(json(UUID.nameUUIDFromBytes(a.key().getBytes()).toString()))
                    .append(",\"name\":").append(json(a.name())).append(",\"version\":").append(json(a.version()))
                    .append(",\"provider\":").append(json(a.provider()))
                    .append(nameFilter != null ? ",\"type\":\"API\"" : ",\"type\":\"HTTP\"").append(",\"lifeCycleStatus\":\"PUBLISHED\"}");
        }
        sb.append("],\"pagination\":{\"offset\":").append(offset).append(",\"limit\":").append(limit).append(",\"total\":")
                .append(all.size()).append("}}");
        send(x, 200, sb.toString());
    }

    private void search(HttpExchange x) throws IOException {
        String query = query(x).getOrDefault("query", "");
        Matcher m = Pattern.compile("name:\"?([^\"]*)\"?").matcher(query);
        list(x, m.matches() ? m.group(1) : "\u0000");
    }

    // ------------------------------------------------------------------ Analytics

    @SuppressWarnings("unchecked")
    private void analytics(String profile) throws Exception {
        logFile = home.resolve("wso2/" + profile + "/logs/carbon.log");
        pid(home.resolve("wso2/" + profile + "/runtime.pid"));
        String logger = "org.wso2.carbon.kernel.internal.CarbonStartupHandler";
        log("INFO", "org.wso2.carbon.launcher.CarbonServer", "Starting WSO2 API Manager Analytics Server " + profile + " (stand-in for tests)");
        if (profile.equals("dashboard")) {
            Map<String, Object> doc = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(Files.readString(home.resolve("conf/dashboard/deployment.yaml")));
            Map<String, Object> datasources = (Map<String, Object>) doc.get("wso2.datasources");
            for (Object o : (List<Object>) datasources.get("dataSources")) {
                Map<String, Object> ds = (Map<String, Object>) o;
                if (!"AM_DB".equals(ds.get("name"))) {
                    continue;
                }
                Map<String, Object> c = (Map<String, Object>) ((Map<String, Object>) ds.get("definition")).get("configuration");
                String url = String.valueOf(c.get("jdbcUrl")).replace("${sys:carbon.home}", home.toString());
                try (Connection conn = DriverManager.getConnection(url, String.valueOf(c.get("username")), String.valueOf(c.get("password")));
                     Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AM_API")) {
                    rs.next();
                    log("INFO", "org.wso2.carbon.datasource.core.DataSourceManager", "AM_DB reached: " + rs.getLong(1) + " API(s)");
                } catch (SQLException e) {
                    log("ERROR", "org.wso2.carbon.datasource.core.DataSourceManager", "Error while initializing datasource AM_DB: "
                            + e.getMessage().replace('\n', ' '));
                }
            }
        }
        log("INFO", logger, "WSO2 API Manager Analytics Server started in 1.234 sec");
        forever();
    }
}
