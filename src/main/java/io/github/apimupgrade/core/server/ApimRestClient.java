package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.settings.Credentials;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The REST calls that prove an API-M 3.1.0 node serves, made the way 3.1.0's own clients make them:
 * dynamic client registration ({@code /client-registration/v0.16/register}) with the tenant admin's
 * credentials, a password-grant token from {@code /oauth2/token}, then the Publisher
 * ({@code /api/am/publisher/v1}) or Developer Portal ({@code /api/am/store/v1}) REST API.
 */
final class ApimRestClient {
    static final String REGISTER = "/client-registration/v0.16/register";
    static final String TOKEN = "/oauth2/token";
    static final String PUBLISHER = "/api/am/publisher/v1";
    static final String STORE = "/api/am/store/v1";
    private static final int PAGE = 100;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LocalHttps https;
    private final String base;

    /** {@code base} is {@code https://localhost:<9443 + offset>}. */
    ApimRestClient(LocalHttps https, String base) {
        this.https = https;
        this.base = base;
    }

    String base() {
        return base;
    }

    /** A tenant admin's access token with the given scopes. */
    record Session(String tenant, String token) {
        @Override
        public String toString() {
            return "Session[" + tenant + "]";
        }
    }

    /** A call that did not answer as 3.1.0 does: its path, status and what the server said. */
    static final class CallFailed extends Exception {
        CallFailed(String message) {
            super(message);
        }
    }

    Session login(String tenant, Credentials admin, String scopes) throws CallFailed {
        String user = admin.username();
        String register = JSON.writeValueAsString(Map.of("callbackUrl", "www.google.lk",
                "clientName", "apim_maven_plugin_" + tenant.replace('.', '_'), "owner", user,
                "grantType", "password refresh_token", "saasApp", true));
        JsonNode client = call("POST " + REGISTER, () -> https.post(base + REGISTER,
                Map.of("Authorization", basic(user, admin.password().reveal())), "application/json", register));
        String clientId = client.path("clientId").asString("");
        String clientSecret = client.path("clientSecret").asString("");
        if (clientId.isEmpty() || clientSecret.isEmpty()) {
            throw new CallFailed("POST " + REGISTER + " answered without clientId/clientSecret");
        }
        String form = "grant_type=password&username=" + enc(user) + "&password=" + enc(admin.password().reveal())
                + "&scope=" + enc(scopes);
        JsonNode token = call("POST " + TOKEN, () -> https.post(base + TOKEN, Map.of("Authorization", basic(clientId, clientSecret)),
                "application/x-www-form-urlencoded", form));
        String access = token.path("access_token").asString("");
        if (access.isEmpty()) {
            throw new CallFailed("POST " + TOKEN + " answered without access_token (as " + user + ")");
        }
        return new Session(tenant, access);
    }

    /** Every API the Publisher lists to the session's tenant admin, page by page. */
    List<ApiId> publisherApis(Session s) throws CallFailed {
        return pages(s, PUBLISHER + "/apis");
    }

    /** Every API the Developer Portal lists in the session's tenant. */
    List<ApiId> storeApis(Session s) throws CallFailed {
        return pages(s, STORE + "/apis");
    }

    /** What the Publisher's search (the registry index) finds for {@code name:<name>}. */
    List<ApiId> search(Session s, String name) throws CallFailed {
        String path = PUBLISHER + "/search?query=" + enc("name:\"" + name + "\"") + "&limit=" + PAGE;
        return apis(call("GET " + PUBLISHER + "/search", () -> https.get(base + path, headers(s))));
    }

    private List<ApiId> pages(Session s, String path) throws CallFailed {
        List<ApiId> out = new ArrayList<>();
        for (int offset = 0; ; offset += PAGE) {
            String url = base + path + "?limit=" + PAGE + "&offset=" + offset;
            JsonNode page = call("GET " + path, () -> https.get(url, headers(s)));
            List<ApiId> apis = apis(page);
            out.addAll(apis);
            long total = page.path("pagination").path("total").asLong(-1);
            if (apis.size() < PAGE || (total >= 0 && offset + apis.size() >= total)) {
                return out;
            }
        }
    }

    private static List<ApiId> apis(JsonNode page) {
        List<ApiId> out = new ArrayList<>();
        for (JsonNode a : page.path("list")) {
            if (a.path("type").asString("API").equals("API") || a.has("version")) {
                out.add(new ApiId(a.path("name").asString(""), a.path("version").asString(""), a.path("provider").asString("")));
            }
        }
        return out;
    }

    private static Map<String, String> headers(Session s) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + s.token());
        h.put("X-WSO2-Tenant", s.tenant());
        h.put("Accept", "application/json");
        return h;
    }

    private interface Call {
        LocalHttps.Response send() throws IOException;
    }

    private static JsonNode call(String what, Call call) throws CallFailed {
        LocalHttps.Response r;
        try {
            r = call.send();
        } catch (IOException e) {
            throw new CallFailed(what + " failed: " + e.getMessage());
        }
        if (!r.ok()) {
            throw new CallFailed(what + " answered HTTP " + r.status() + (r.body().isBlank() ? "" : ": " + abbreviate(r.body())));
        }
        try {
            return JSON.readTree(r.body());
        } catch (JacksonException e) {
            throw new CallFailed(what + " answered something that is not JSON: " + abbreviate(r.body()));
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String s) {
        String one = s.strip().replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
