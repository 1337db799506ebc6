package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.UpgradeLog;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.settings.Credentials;
import io.github.apimupgrade.core.settings.NodeRole;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The proof that a started 3.1.0 node serves what 3.0.0 served, per node role, each check a finding:
 * the carbon HTTPS endpoint answers; on publisher and all-in-one nodes the Publisher lists, per
 * tenant, exactly the APIs of AM_API and the registry index finds each of them by name (both wait
 * for the index up to {@code apim.start.indexTimeoutSeconds}); on devportal nodes the Developer
 * Portal lists only APIs of AM_API; on key manager nodes a client registers and gets a token; on
 * gateway and all-in-one nodes every Synapse API file of the super tenant was deployed; and the
 * log shows no failure after the start.
 */
public final class ServingChecks {
    static final String SYNAPSE_API = "repository/deployment/server/synapse-configs/default/api";
    private static final String PUBLISHER_SCOPE = "apim:api_view";
    private static final String STORE_SCOPE = "apim:subscribe";
    private static final long POLL_MILLIS = 2_000;

    private final StartOptions options;
    private final ApiInventory inventory;
    private final AdminLogins admins;
    private final ApimServer.Started server;
    private final UpgradeLog log;
    private final LocalHttps https = new LocalHttps("localhost");
    private final ApimRestClient rest;
    private final Map<String, ApimRestClient.Session> sessions = new TreeMap<>();

    public ServingChecks(StartOptions options, ApiInventory inventory, AdminLogins admins, ApimServer.Started server, UpgradeLog log) {
        this.options = options;
        this.inventory = inventory;
        this.admins = admins;
        this.server = server;
        this.log = log;
        this.rest = new ApimRestClient(https, "https://localhost:" + options.httpsPort());
    }

    /** Whether a node of this role is checked through the REST APIs (and so needs AM_API and the admin logins). */
    public static boolean usesRestApis(NodeRole role) {
        return role == NodeRole.ALL_IN_ONE || role == NodeRole.PUBLISHER || role == NodeRole.DEVPORTAL || role == NodeRole.KEY_MANAGER;
    }

    public List<Finding> run() {
        List<Finding> out = new ArrayList<>();
        out.add(carbon());
        NodeRole role = options.role();
        if (role == NodeRole.ALL_IN_ONE || role == NodeRole.PUBLISHER) {
            out.addAll(publisher());
        } else if (role == NodeRole.DEVPORTAL) {
            out.addAll(store());
        } else if (role == NodeRole.KEY_MANAGER) {
            out.add(keyManager());
        }
        if (role == NodeRole.ALL_IN_ONE || role == NodeRole.GATEWAY) {
            out.addAll(synapse());
        }
        out.add(logSinceStart());
        return out;
    }

    Finding carbon() {
        String url = rest.base() + "/carbon/";
        try {
            LocalHttps.Response r = https.get(url, Map.of());
            return r.status() < 500 ? Finding.pass("server", url + " answers over HTTPS (HTTP " + r.status() + ")")
                    : Finding.fail("server", url + " answers HTTP " + r.status(), "see " + server.log().file());
        } catch (IOException e) {
            return Finding.fail("server", url + " does not answer: " + e.getMessage(), "see " + server.log().file());
        }
    }

    /** Signs in every tenant admin we have credentials for; tenants without are reported. */
    private List<Finding> login(String scope, List<String> tenants) {
        List<Finding> out = new ArrayList<>();
        for (String tenant : tenants) {
            Optional<Credentials> admin = admins.of(tenant);
            if (admin.isEmpty()) {
                out.add(Finding.warn("rest", tenant + ": " + count(tenant) + " not checked: no admin credentials for this tenant",
                        "set '" + AdminLogins.property(tenant) + "' to a settings.xml <server> with the tenant admin (admin@" + tenant + ")"));
                continue;
            }
            try {
                sessions.put(tenant, rest.login(tenant, admin.get(), scope));
            } catch (ApimRestClient.CallFailed e) {
                out.add(Finding.fail("rest", tenant + ": the admin " + admin.get().username() + " cannot sign in: " + e.getMessage(),
                        "check the tenant's users and roles (scope-role mapping, apim:migrate-identity) and the server log"));
            }
        }
        return out;
    }

    private List<String> tenants() {
        Set<String> all = new TreeSet<>(inventory.byTenant().keySet());
        all.add(ApiInventory.SUPER_TENANT);
        return new ArrayList<>(all);
    }

    private SortedSet<ApiId> expected(String tenant) {
        return inventory.byTenant().getOrDefault(tenant, new TreeSet<>());
    }

    private String count(String tenant) {
        int n = expected(tenant).size();
        return n + (n == 1 ? " API" : " APIs");
    }

    /**
     * Per tenant: the Publisher lists exactly the APIs of AM_API, and the registry index finds each
     * by name; both waited for up to the index timeout (the server indexes after it has started).
     */
    public List<Finding> publisher() {
        List<Finding> out = login(PUBLISHER_SCOPE, tenants());
        long deadline = System.nanoTime() + options.indexTimeout().toNanos();
        Map<String, String> problems = awaitEach("the Publisher to list every API of AM_API", deadline, tenant -> {
            SortedSet<ApiId> listed = new TreeSet<>(rest.publisherApis(sessions.get(tenant)));
            return difference(expected(tenant), listed, "the Publisher");
        });
        sessions.keySet().forEach(tenant -> out.add(problems.containsKey(tenant)
                ? Finding.fail("rest", tenant + ": " + problems.get(tenant), indexFix())
                : Finding.pass("rest", tenant + ": the Publisher lists the " + count(tenant) + " of AM_API")));
        Map<String, String> unindexed = awaitEach("the registry index to find every API by name", deadline, tenant -> {
            List<String> missing = new ArrayList<>();
            for (ApiId api : expected(tenant)) {
                if (!rest.search(sessions.get(tenant), api.name()).contains(api)) {
                    missing.add(api.toString());
                }
            }
            return missing.isEmpty() ? Optional.empty() : Optional.of("the registry index does not find " + missing.size()
                    + " API(s) by name: " + String.join(", ", missing));
        });
        sessions.keySet().forEach(tenant -> out.add(unindexed.containsKey(tenant)
                ? Finding.fail("index", tenant + ": " + unindexed.get(tenant), indexFix())
                : Finding.pass("index", tenant + ": the registry index finds each API of AM_API by name ("
                        + expected(tenant).size() + ")")));
        return out;
    }

    List<Finding> store() {
        List<Finding> out = login(STORE_SCOPE, tenants());
        for (String tenant : sessions.keySet()) {
            try {
                SortedSet<ApiId> listed = new TreeSet<>(rest.storeApis(sessions.get(tenant)));
                SortedSet<ApiId> unknown = new TreeSet<>(listed);
                unknown.removeAll(expected(tenant));
                SortedSet<ApiId> unlisted = new TreeSet<>(expected(tenant));
                unlisted.removeAll(listed);
                if (!unknown.isEmpty()) {
                    out.add(Finding.fail("rest", tenant + ": the Developer Portal lists API(s) that AM_API does not hold: " + join(unknown),
                            indexFix()));
                } else if (!unlisted.isEmpty()) {
                    out.add(Finding.warn("rest", tenant + ": the Developer Portal lists " + listed.size() + " of the " + count(tenant)
                            + " of AM_API; not listed: " + join(unlisted),
                            "only published APIs are listed there: check these in the Publisher; an API that is published but "
                                    + "not listed is missing from the registry index (apim:reindex)"));
                } else {
                    out.add(Finding.pass("rest", tenant + ": the Developer Portal lists the " + count(tenant) + " of AM_API"));
                }
            } catch (ApimRestClient.CallFailed e) {
                out.add(Finding.fail("rest", tenant + ": " + e.getMessage(), "see " + server.log().file()));
            }
        }
        return out;
    }

    Finding keyManager() {
        List<Finding> failed = login(PUBLISHER_SCOPE, List.of(ApiInventory.SUPER_TENANT));
        return failed.isEmpty()
                ? Finding.pass("rest", "a client registered (" + ApimRestClient.REGISTER + ") and got a password-grant token ("
                + ApimRestClient.TOKEN + ")")
                : failed.get(0);
    }

    /** Every Synapse API file of the super tenant has its "deployed from file" line; tenants load theirs on first use. */
    List<Finding> synapse() {
        server.more();
        List<Finding> out = new ArrayList<>();
        Path dir = options.home().resolve(SYNAPSE_API);
        List<String> files = xmlFiles(dir);
        List<String> failed = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String file : files) {
            Optional<String> line = server.lines().stream().filter(l -> l.contains(file)).filter(l -> l.contains("deployed from file")
                    || CarbonLog.ERROR_LINE.matcher(l).find()).reduce((a, b) -> b);
            if (line.isEmpty()) {
                missing.add(file);
            } else if (CarbonLog.ERROR_LINE.matcher(line.get()).find()) {
                failed.add(line.get().strip());
            }
        }
        if (!failed.isEmpty()) {
            out.add(Finding.fail("gateway", "Synapse API file(s) failed to deploy: " + String.join(" | ", failed),
                    "fix the files in " + dir + " (migrate-config copied them from 3.0.0)"));
        }
        if (!missing.isEmpty()) {
            out.add(Finding.fail("gateway", "no 'deployed from file' line in the log for " + missing.size() + " Synapse API file(s): "
                    + String.join(", ", missing), "see " + server.log().file()));
        }
        if (failed.isEmpty() && missing.isEmpty()) {
            out.add(Finding.pass("gateway", "the " + files.size() + " Synapse API file(s) of the super tenant are deployed"));
        }
        return out;
    }

    Finding logSinceStart() {
        server.more();
        Optional<String> failure = server.lines().stream().filter(CarbonLog::isFailure).findFirst();
        return failure.map(l -> Finding.fail("server", "the server logged: " + l.strip(), "see " + server.log().file()))
                .orElseGet(() -> Finding.pass("server", "no datasource error or 'Error while' in the server log since the start"));
    }

    private interface TenantCheck {
        /** What is wrong in this tenant, or empty when the check passes. */
        Optional<String> problem(String tenant) throws ApimRestClient.CallFailed;
    }

    /** Runs a check for each signed-in tenant again and again until all pass or the deadline; returns the last problems. */
    private Map<String, String> awaitEach(String what, long deadline, TenantCheck check) {
        Map<String, String> problems = new LinkedHashMap<>();
        sessions.keySet().forEach(t -> problems.put(t, "not checked yet"));
        long start = System.nanoTime();
        long nextProgress = start;
        while (true) {
            for (String tenant : new ArrayList<>(problems.keySet())) {
                try {
                    Optional<String> problem = check.problem(tenant);
                    if (problem.isEmpty()) {
                        problems.remove(tenant);
                    } else {
                        problems.put(tenant, problem.get());
                    }
                } catch (ApimRestClient.CallFailed e) {
                    problems.put(tenant, e.getMessage());
                }
            }
            long now = System.nanoTime();
            if (problems.isEmpty() || now >= deadline) {
                return problems;
            }
            if (now >= nextProgress) {
                log.info(String.format("  [api-m] waiting for %s: %d of %d tenant(s) done (%d s)", what, sessions.size() - problems.size(),
                        sessions.size(), (now - start) / 1_000_000_000L));
                nextProgress = now + options.progressSeconds() * 1_000_000_000L;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return problems;
            }
        }
    }

    private static Optional<String> difference(SortedSet<ApiId> expected, SortedSet<ApiId> listed, String where) {
        SortedSet<ApiId> missing = new TreeSet<>(expected);
        missing.removeAll(listed);
        SortedSet<ApiId> extra = new TreeSet<>(listed);
        extra.removeAll(expected);
        List<String> parts = new ArrayList<>();
        if (!missing.isEmpty()) {
            parts.add(where + " does not list " + missing.size() + " API(s) of AM_API: " + join(missing));
        }
        if (!extra.isEmpty()) {
            parts.add(where + " lists " + extra.size() + " API(s) that AM_API does not hold: " + join(extra));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private String indexFix() {
        return "the registry index does not cover them: run apim:reindex (re_indexing raised, solr moved away, tenant loader) and "
                + "let the server index (apim.reindex.run=true), or wait longer ('" + StartOptions.INDEX_TIMEOUT + "' = "
                + options.indexTimeout().toSeconds() + ")";
    }

    private static String join(SortedSet<ApiId> apis) {
        return apis.stream().map(ApiId::toString).collect(Collectors.joining(", "));
    }

    private static List<String> xmlFiles(Path dir) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, "*.xml")) {
            s.forEach(p -> out.add(p.getFileName().toString()));
        } catch (IOException e) {
            return out;
        }
        out.sort(null);
        return out;
    }
}
