package io.github.apimupgrade.core.analytics;

import io.github.apimupgrade.core.config.YamlDocument;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.db.JdbcUrls;
import io.github.apimupgrade.core.path.Goal;
import io.github.apimupgrade.core.path.PlannedAction;
import io.github.apimupgrade.core.path.Probe;
import io.github.apimupgrade.core.path.Step;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.path.Verification;
import io.github.apimupgrade.core.settings.DatabaseSettings;
import io.github.apimupgrade.core.settings.DbKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runbook Step 3.2.2/3.2.3: the datasources of an Analytics 3.1.0 profile's {@code deployment.yaml}
 * point at the old databases (dashboard: APIM_ANALYTICS_DB and AM_DB; worker: APIM_ANALYTICS_DB).
 * Only the four connection values of each datasource change, in place; a datasource the file lacks
 * is appended in the shape the runbook gives (with the runbook's nesting fixed, ground truth §6).
 */
public final class AnalyticsYamlStep implements Step {
    static final List<String> DATASOURCES = List.of("wso2.datasources", "dataSources");
    /** How the Analytics profiles name their own home in a URL. */
    static final String CARBON_HOME = "${sys:carbon.home}";
    private final String profile;
    private final Map<String, DbKey> datasources;

    private AnalyticsYamlStep(String profile, Map<String, DbKey> datasources) {
        this.profile = profile;
        this.datasources = datasources;
    }

    public static AnalyticsYamlStep dashboard() {
        Map<String, DbKey> m = new LinkedHashMap<>();
        m.put("APIM_ANALYTICS_DB", DbKey.ANALYTICS);
        m.put("AM_DB", DbKey.APIM);
        return new AnalyticsYamlStep("dashboard", m);
    }

    public static AnalyticsYamlStep worker() {
        return new AnalyticsYamlStep("worker", Map.of("APIM_ANALYTICS_DB", DbKey.ANALYTICS));
    }

    @Override public String id() { return "analytics-" + profile + "-datasources"; }
    @Override public Goal goal() { return Goal.MIGRATE_ANALYTICS; }
    @Override public String summary() {
        return "conf/" + profile + "/deployment.yaml: " + String.join(", ", datasources.keySet()) + " point at the 3.0.0 databases";
    }
    @Override public String provenance() { return "runbook Step 3.2." + (profile.equals("dashboard") ? "2" : "3"); }

    Optional<Path> file(StepContext context) {
        return AnalyticsHome.of(context).map(h -> h.resolve("conf").resolve(profile).resolve("deployment.yaml"));
    }

    static List<String> config(String name, String key) {
        List<String> p = new ArrayList<>(DATASOURCES);
        p.add("[name=" + name + "]");
        p.add("definition");
        p.add("configuration");
        p.add(key);
        return p;
    }

    static Map<String, String> values(DatabaseSettings db, Optional<String> currentUrl, Path analyticsHome) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("jdbcUrl", yamlUrl(db, currentUrl, analyticsHome));
        v.put("username", db.username());
        v.put("password", db.password().reveal());
        v.put("driverClassName", Dialect.driverClassFor(db.url()));
        return v;
    }

    /**
     * The URL the profile should hold, in the form the operator uses: a server URL as configured; an embedded
     * H2 file as {@code ${sys:carbon.home}/...} relative to the Analytics home, keeping the file's current URL
     * (and its options, such as {@code AUTO_SERVER=TRUE}, which let API-M and the dashboard share the file)
     * when it already names that file. Never a path of the machine Maven runs on.
     */
    static String yamlUrl(DatabaseSettings db, Optional<String> currentUrl, Path analyticsHome) {
        if (db.dialect() != Dialect.H2) {
            return db.configuredUrl();
        }
        Path target = JdbcUrls.h2File(db.url()).toAbsolutePath().normalize();
        Optional<String> currentH2 = currentUrl.filter(u -> u.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:h2:"));
        if (currentH2.isPresent()) {
            Path current = JdbcUrls.h2File(currentH2.get().replace(CARBON_HOME, analyticsHome.toString()));
            if (current != null && current.toAbsolutePath().normalize().equals(target)) {
                return currentH2.get();
            }
        }
        if (db.configuredUrl().contains(CARBON_HOME)) {
            return db.configuredUrl();
        }
        String options = currentH2.filter(u -> u.indexOf(';') > 0).map(u -> u.substring(u.indexOf(';'))).orElse(";AUTO_SERVER=TRUE");
        return "jdbc:h2:" + CARBON_HOME + "/" + analyticsHome.relativize(target).toString().replace('\\', '/') + options;
    }

    YamlDocument edited(StepContext context, YamlDocument doc) {
        Path analyticsHome = AnalyticsHome.of(context).orElseThrow();
        for (Map.Entry<String, DbKey> ds : datasources.entrySet()) {
            Map<String, String> values = values(context.settings().requireDatabase(ds.getValue()),
                    doc.get(config(ds.getKey(), "jdbcUrl")), analyticsHome);
            List<String> item = new ArrayList<>(DATASOURCES);
            item.add("[name=" + ds.getKey() + "]");
            if (!doc.has(item)) {
                doc = doc.appendListItem(DATASOURCES, newDatasource(ds.getKey(), values));
                continue;
            }
            for (Map.Entry<String, String> v : values.entrySet()) {
                doc = doc.set(config(ds.getKey(), v.getKey()), v.getValue());
            }
        }
        return doc;
    }

    private static String newDatasource(String name, Map<String, String> v) {
        return "name: " + name + "\n"
                + "description: " + (name.equals("AM_DB") ? "Main datasource used by API Manager" : "Datasource used for APIM Analytics") + "\n"
                + "jndiConfig:\n"
                + "  name: jdbc/" + name + "\n"
                + "definition:\n"
                + "  type: RDBMS\n"
                + "  configuration:\n"
                + "    jdbcUrl: '" + v.get("jdbcUrl").replace("'", "''") + "'\n"
                + "    username: '" + v.get("username").replace("'", "''") + "'\n"
                + "    password: '" + v.get("password").replace("'", "''") + "'\n"
                + "    driverClassName: " + v.get("driverClassName") + "\n"
                + "    maxPoolSize: " + (name.equals("AM_DB") ? 10 : 50) + "\n"
                + "    idleTimeout: 60000\n"
                + "    connectionTestQuery: SELECT 1\n"
                + "    validationTimeout: 30000\n"
                + "    isAutoCommit: false\n";
    }

    @Override
    public Probe probe(StepContext context) {
        Optional<Path> file = file(context);
        if (file.isEmpty()) {
            return Probe.notApplicable("apim.analyticsHome is not set");
        }
        if (!Files.isRegularFile(file.get())) {
            return Probe.blocked("there is no " + file.get() + " ('apim.analyticsHome' must be the Analytics 3.1.0 home)");
        }
        YamlDocument doc = YamlDocument.read(file.get());
        return edited(context, doc).text().equals(doc.text())
                ? Probe.done(file.get() + " already points " + String.join(", ", datasources.keySet()) + " at the 3.0.0 databases")
                : Probe.applicable(file.get() + " to edit");
    }

    @Override
    public List<PlannedAction> plan(StepContext context) {
        YamlDocument before = YamlDocument.read(file(context).orElseThrow());
        List<String> diff = before.diff(edited(context, before)).stream()
                .map(l -> l.replaceAll("(password:\\s*).*", "$1********")).toList();
        return List.of(new PlannedAction(PlannedAction.Kind.FILE, before.source().toString(), String.join("\n", diff)));
    }

    @Override
    public void apply(StepContext context) {
        Path file = file(context).orElseThrow();
        YamlDocument before = YamlDocument.read(file);
        edited(context, before).write(file);
    }

    @Override
    public Verification verify(StepContext context) {
        Probe p = probe(context);
        return p.is(Probe.Status.ALREADY_DONE) ? Verification.ok(p.reason()) : Verification.failed(p.reason());
    }
}
