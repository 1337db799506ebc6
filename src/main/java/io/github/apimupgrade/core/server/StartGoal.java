package io.github.apimupgrade.core.server;

import io.github.apimupgrade.core.analytics.AnalyticsServers;
import io.github.apimupgrade.core.check.Finding;
import io.github.apimupgrade.core.check.Findings;
import io.github.apimupgrade.core.db.Dialect;
import io.github.apimupgrade.core.path.StepContext;
import io.github.apimupgrade.core.settings.ConfigurationException;
import io.github.apimupgrade.core.settings.CredentialSource;
import io.github.apimupgrade.core.settings.DbKey;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code start}: runbook Step 4. Starts the upgraded 3.1.0 node as its role runs, waits until it
 * reports it has started (or fails, exits, or times out), proves that it serves what 3.0.0 served
 * ({@link ServingChecks}), starts and checks API-M Analytics when it is configured
 * ({@link AnalyticsServers}), and stops everything again unless {@code apim.start.keepRunning=true}.
 * Every check is a finding in {@code <workDir>/start.json} and the report; a FAIL fails the goal.
 * It changes no file of the deployment.
 */
public final class StartGoal {
    public static final String FILE = "start.json";
    private final StepContext context;
    private final CredentialSource credentials;

    public StartGoal(StepContext context, CredentialSource credentials) {
        this.context = context;
        this.credentials = credentials;
    }

    public List<Finding> run() {
        StartOptions o = StartOptions.from(context.settings());
        AdminLogins admins = new AdminLogins(context.settings().properties(), credentials);
        boolean rest = ServingChecks.usesRestApis(o.role());
        if (rest && !admins.has(ApiInventory.SUPER_TENANT)) {
            throw new ConfigurationException("apim:start signs in to the REST APIs of this " + o.role().id() + " node as the admin: set '"
                    + AdminLogins.PROPERTY + "' to a settings.xml <server> with the super tenant admin's user name and password. "
                    + "Nothing was started.");
        }
        Optional<AnalyticsServers> analytics = AnalyticsServers.configured(context);
        ServerCommand command = ApimServer.command(o, context.settings().workDir());
        if (context.settings().dryRun()) {
            printPlan();
            context.log().info("Dry run (apim.dryRun=true): nothing was started.");
            return List.of();
        }
        ApimServer.ensureFree(o, context.settings().workDir(), context.log());
        ApiInventory inventory = rest ? ApiInventory.read(context) : new ApiInventory(Map.of());
        inventory.byTenant().keySet().forEach(admins::of);
        releaseEmbeddedDatabases(context);

        List<Finding> findings = new ArrayList<>();
        ApimServer.Started server;
        try {
            server = ApimServer.start(o, context.settings().workDir(), context.log());
        } catch (ServerFailedException e) {
            Findings.report(context, "start", FILE, List.of(Finding.fail("server", e.getMessage(), "see the server log")));
            throw e;
        }
        try {
            findings.add(Finding.pass("server", command.display() + " started (" + o.role().id() + " node, HTTPS port " + o.httpsPort() + ")"));
            findings.addAll(new ServingChecks(o, inventory, admins, server, context.log()).run());
            analytics.ifPresent(a -> findings.addAll(a.run(o.startTimeout(), o.progressSeconds(), o.keepRunning())));
        } finally {
            if (o.keepRunning()) {
                server.process().leaveRunning();
            } else {
                server.process().stop();
            }
        }
        Findings.report(context, "start", FILE, findings);
        long fails = Findings.count(findings, Finding.Status.FAIL);
        if (fails > 0) {
            throw new ServerFailedException("The 3.1.0 node started but does not serve what 3.0.0 served: " + fails + " FAIL finding(s); "
                    + "the first: " + Findings.firstFailure(findings) + ". All findings: " + context.settings().workDir().resolve(FILE) + ".");
        }
        context.log().info("start: " + findings.size() + " findings, " + Findings.count(findings, Finding.Status.WARN) + " WARN, no FAIL; "
                + (o.keepRunning() ? "the server keeps running." : "the server was stopped again."));
        return findings;
    }

    /** What the goal would do, as one line: the command, what it waits for, what it checks. */
    public void printPlan() {
        StartOptions o = StartOptions.from(context.settings());
        boolean rest = ServingChecks.usesRestApis(o.role());
        Optional<AnalyticsServers> analytics = AnalyticsServers.configured(context);
        context.log().info("Plan of start (" + o.role().id() + " node): cd " + o.home() + " && "
                + ApimServer.command(o, context.settings().workDir()).display() + "; wait for '" + CarbonLog.API_M_STARTED.pattern()
                + "' in " + ApimServer.CARBON_LOG + " (up to " + o.startTimeout().toSeconds() + " s); check https://localhost:"
                + o.httpsPort() + "/carbon/" + (rest ? ", the REST APIs per tenant against AM_API" : "")
                + (analytics.isPresent() ? ", then start API-M Analytics in " + analytics.get().home() : "")
                + (o.keepRunning() ? "; leave it running" : "; stop it again"));
    }

    /** An embedded H2 file can be open in one process only: the server's, from now on. */
    public static void releaseEmbeddedDatabases(StepContext context) {
        for (DbKey key : DbKey.values()) {
            context.settings().database(key).filter(d -> d.dialect() == Dialect.H2).ifPresent(d -> context.databases().release(key));
        }
    }
}
