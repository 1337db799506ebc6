package io.github.apimupgrade.core.analytics;

import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.config.YamlDocument;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.server.CarbonLog;
import io.github.apimupgrade.core.server.LogFollower;
import io.github.apimupgrade.core.server.LogWatch;
import io.github.apimupgrade.core.server.ServerCommand;
import io.github.apimupgrade.core.server.ServerProcess;
import io.github.apimupgrade.core.settings.DbKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Runbook Step 3.2.5 and the note of Step 4: after the API-M node, the API-M Analytics 3.1.0 worker
 * ({@code sh bin/worker.sh}) and dashboard ({@code sh bin/dashboard.sh}) are started the same way
 * (log followed until "... started in N sec", a failure line, an exit or the timeout), and the
 * dashboard must reach WSO2AM_DB: its log shows no datasource failure, and its {@code AM_DB}
 * datasource, as conf/dashboard/deployment.yaml configures it, opens and holds AM_API.
 */
public final class AnalyticsServers {
    private static final CarbonLog MARKERS = new CarbonLog(CarbonLog.ANALYTICS_STARTED);
    private final StepContext context;
    private final Path home;

    private AnalyticsServers(StepContext context, Path home) {
        this.context = context;
        this.home = home;
    }

    /** Present when {@code apim.analyticsHome} is set and analytics is configured (as for migrate-analytics). */
    public static Optional<AnalyticsServers> configured(StepContext context) {
        boolean analytics = context.settings().database(DbKey.ANALYTICS).isPresent()
                || context.settings().properties().flag("apim.analytics.enable", false);
        return analytics ? AnalyticsHome.of(context).map(h -> new AnalyticsServers(context, h)) : Optional.empty();
    }

    public Path home() {
        return home;
    }

    static ServerCommand command(Path home, Path workDir, String profile) {
        return new ServerCommand("analytics-" + profile, home, "bin/" + profile + ".sh", List.of(),
                ServerProcess.stateDir(workDir).resolve("analytics-" + profile + ".console.log"), "wso2/" + profile + "/runtime.pid", Map.of());
    }

    /** Starts the worker, then the dashboard, checks them, and stops both unless {@code keepRunning}. */
    public List<Finding> run(Duration timeout, long progressSeconds, boolean keepRunning) {
        List<Finding> out = new ArrayList<>();
        List<ServerProcess> started = new ArrayList<>();
        try {
            for (String profile : List.of("worker", "dashboard")) {
                Optional<ServerProcess> s = start(profile, timeout, progressSeconds, out);
                if (s.isEmpty()) {
                    return out;
                }
                started.add(s.get());
            }
            out.add(dashboardReachesAmDb());
            return out;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                if (keepRunning) {
                    started.get(i).leaveRunning();
                } else {
                    started.get(i).stop();
                }
            }
        }
    }

    private Optional<ServerProcess> start(String profile, Duration timeout, long progressSeconds, List<Finding> out) {
        ServerCommand command = command(home, context.settings().workDir(), profile);
        Path logFile = home.resolve("wso2/" + profile + "/logs/carbon.log");
        LogFollower follower = LogFollower.fromEnd(logFile);
        ServerProcess server = ServerProcess.start(command, ServerProcess.stateDir(context.settings().workDir()), context.log());
        LogWatch.Result<CarbonLog.Outcome> r = LogWatch.await(server, follower, MARKERS::classify, timeout, progressSeconds, context.log());
        String area = "analytics";
        if (r.end() == LogWatch.End.DECIDED && r.decision().started()) {
            out.add(Finding.pass(area, "the Analytics " + profile + " started: " + r.decision().line()));
            return Optional.of(server);
        }
        server.stop();
        String fix = "see " + logFile + " and " + command.console();
        out.add(Finding.fail(area, switch (r.end()) {
            case DECIDED -> "the Analytics " + profile + " logged a failure while starting: " + r.decision().line();
            case EXITED -> "the Analytics " + profile + " exited (code " + r.exitCode() + ") before it reported it had started";
            case TIMED_OUT -> "the Analytics " + profile + " did not report it had started within " + timeout.toSeconds() + " s";
        }, fix));
        return Optional.empty();
    }

    /** The dashboard's AM_DB datasource, read from its deployment.yaml, opens and holds AM_API. */
    Finding dashboardReachesAmDb() {
        Path yaml = home.resolve("conf/dashboard/deployment.yaml");
        String area = "analytics";
        if (!Files.isRegularFile(yaml)) {
            return Finding.fail(area, "there is no " + yaml, "set 'apim.analyticsHome' to the API-M Analytics 3.1.0 home");
        }
        YamlDocument doc = YamlDocument.read(yaml);
        Optional<String> url = doc.get(AnalyticsYamlStep.config("AM_DB", "jdbcUrl"))
                .map(u -> u.replace("${sys:carbon.home}", home.toString()));
        if (url.isEmpty()) {
            return Finding.fail(area, yaml + " has no AM_DB datasource, so the dashboard cannot reach WSO2AM_DB",
                    "run apim:migrate-analytics (runbook Step 3.2.2)");
        }
        Properties login = new Properties();
        login.setProperty("user", doc.get(AnalyticsYamlStep.config("AM_DB", "username")).orElse(""));
        login.setProperty("password", doc.get(AnalyticsYamlStep.config("AM_DB", "password")).orElse(""));
        try {
            Driver driver = (Driver) Class.forName(Dialect.driverClassFor(url.get()), true, getClass().getClassLoader())
                    .getDeclaredConstructor().newInstance();
            try (Connection c = driver.connect(url.get(), login); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM AM_API")) {
                rs.next();
                return Finding.pass(area, "the dashboard's AM_DB datasource (" + url.get() + ") reaches WSO2AM_DB: AM_API holds "
                        + rs.getLong(1) + " API(s)");
            }
        } catch (Exception e) {
            return Finding.fail(area, "the dashboard's AM_DB datasource (" + url.get() + ") does not reach WSO2AM_DB: " + e.getMessage(),
                    "point AM_DB in " + yaml + " at WSO2AM_DB (apim:migrate-analytics does), as user '" + login.getProperty("user") + "'");
        }
    }
}
